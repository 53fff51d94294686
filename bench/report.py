"""How every bench figure is printed: one Markdown row per measurement, with its floor."""

from bench.pages import FLOOR_URL, Timing


def ms(value) -> str:
    return "—" if value is None else f"{value:.1f} ms"


def times(value) -> str:
    return "—" if value is None else f"{value:.1f}x"


def page_row(timing, target_ms, clients, *, ratio_target=None, floor=None) -> tuple[str, bool]:
    """One page's line: p50, p95, both as multiples of the floor, the verdict.

    `floor` (a Timing of the minimal view) stands in for the page's own interleaved floor
    samples, as with concurrent clients; `ratio_target` bounds the median's multiple."""
    if floor is not None:
        timing.floor_ms = floor.times_ms
    p50, p95, ratio = timing.percentile(0.5), timing.percentile(0.95), timing.ratio(0.5)
    ok = not timing.problem and p95 is not None and p95 <= target_ms
    target = f"p95 ≤ {target_ms} ms"
    if ratio_target is not None:
        ok = ok and ratio is not None and ratio <= ratio_target
        target += f", p50 ≤ {ratio_target}x"
    verdict = timing.problem or ("ok" if ok else "MISSED")
    queries = "—" if timing.queries is None else str(timing.queries)
    line = (
        f"| {timing.name} | {clients} | {target} | {ms(p50)} | {ms(p95)} "
        f"| {times(ratio)} · {times(timing.ratio(0.95))} | {queries} | {verdict} |"
    )
    return line, ok


def floor_row(floor, clients) -> str:
    return (
        f"| {floor.name} | {clients} | — | {ms(floor.percentile(0.5))} "
        f"| {ms(floor.percentile(0.95))} | 1x | — | {floor.problem or 'ok'} |"
    )


def pooled_floor(timings) -> Timing:
    """The minimal view's samples of every in-process page, as one row."""
    floor = Timing("minimal view (floor)", FLOOR_URL)
    for timing in timings:
        floor.times_ms.extend(timing.floor_ms)
    return floor
