"""The pinyin of imported names: a pool of processes for large batches, except where a process
may not have children (a Celery prefork worker runs the admin's import job in a daemonic one)."""

import multiprocessing

from organizations.importing.pinyin import PARALLEL_FROM, NamePinyin
from organizations.names import pinyin_of

NAMES = [f"南京市鼓楼区第{n}社会工作服务中心" for n in range(50)]


def _convert_in(queue) -> None:
    try:
        with NamePinyin(expected=PARALLEL_FROM) as converter:
            for name in NAMES:
                converter.add(name)
            queue.put([text for chunk in converter.drain() for text in chunk])
    except Exception as error:  # handed to the test, which fails with it
        queue.put(f"{type(error).__name__}: {error}")


def test_a_large_batch_in_a_daemonic_process_is_converted_without_a_pool():
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_convert_in, args=(queue,), daemon=True)

    worker.start()
    result = queue.get(timeout=60)
    worker.join(timeout=10)

    assert result == [pinyin_of(name) for name in NAMES]


def test_a_large_batch_elsewhere_keeps_the_order_of_the_names():
    with NamePinyin(expected=PARALLEL_FROM) as converter:
        for name in NAMES:
            converter.add(name)
        result = [text for chunk in converter.drain() for text in chunk]

    assert result == [pinyin_of(name) for name in NAMES]
