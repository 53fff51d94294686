"""The pinyin of many organization names, computed beside the import.

pinyin_of costs about 0.1 ms per name: two thirds of a large import's Python time. Large batches
go to a pool of forked workers while the caller goes on validating rows and PostgreSQL goes on
indexing the rows already sent. The workers only compute strings and never touch the database
connection they inherit.
"""

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator

from pypinyin.converter import UltimateConverter

from ..names import pinyin_of

CHUNK = 2000
# Below this many names a pool costs more than it saves.
PARALLEL_FROM = 20_000


def _start_worker() -> None:
    """Niced, since PostgreSQL's indexing is the longer job; and with pypinyin's per-word
    conversion remembered. Names repeat a few thousand words (服务, 中心, 鼓楼区...) that pypinyin
    converts again each time; the conversion is a pure function of the word and the options, so
    remembering it leaves pinyin_of's results unchanged and makes it about four times faster.
    The patch lives and dies with the worker process."""
    os.nice(10)
    convert = UltimateConverter.convert
    remembered: dict = {}

    def remembering_convert(self, words, style, heteronym, errors, strict, **kwargs):
        options = tuple(sorted({**vars(self), **kwargs}.items()))
        key = (words, style, heteronym, errors, strict, options)
        if key not in remembered:
            remembered[key] = convert(self, words, style, heteronym, errors, strict, **kwargs)
        return [list(item) for item in remembered[key]]

    UltimateConverter.convert = remembering_convert


def _pinyin_chunk(names: list[str]) -> list[str]:
    return [pinyin_of(name) for name in names]


class NamePinyin:
    """Takes names in order and hands back their pinyin in the same order, chunk by chunk."""

    def __init__(self, *, expected: int):
        self._pool = None
        # One core stays free for PostgreSQL, which is busy with the same rows' indexes.
        workers = (os.cpu_count() or 1) - 1
        # A daemonic process may not start one (a Celery prefork worker running an import job):
        # there the names are converted in this process.
        daemonic = multiprocessing.current_process().daemon
        if expected >= PARALLEL_FROM and workers and not daemonic:
            self._pool = multiprocessing.get_context("fork").Pool(workers, _start_worker)
        self._pending: list[str] = []
        self._chunks: deque = deque()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()

    @property
    def chunks_in_progress(self) -> int:
        return len(self._chunks)

    def add(self, name: str) -> None:
        self._pending.append(name)
        if len(self._pending) >= CHUNK:
            self._submit()

    def _submit(self) -> None:
        if not self._pending:
            return
        if self._pool is None:
            self._chunks.append(_pinyin_chunk(self._pending))
        else:
            self._chunks.append(self._pool.apply_async(_pinyin_chunk, (self._pending,)))
        self._pending = []

    def ready(self, *, wait_for_one: bool = False) -> Iterator[list[str]]:
        """The finished chunks at the head of the line; with wait_for_one, at least one."""
        while self._chunks:
            head = self._chunks[0]
            if isinstance(head, list):
                yield self._chunks.popleft()
            elif head.ready() or wait_for_one:
                wait_for_one = False
                yield self._chunks.popleft().get()
            else:
                return

    def drain(self) -> Iterator[list[str]]:
        """Every remaining chunk, waiting for each."""
        self._submit()
        while self._chunks:
            yield from self.ready(wait_for_one=True)
