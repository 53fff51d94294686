"""Charts drawn on the server as SVG (pygal, its JavaScript off), the same file on a web page
and in a PDF.

Pages show a chart as `<img src="{{ chart.data_uri }}" alt="...">`: the content security policy
allows data: images but no inline styles, and an SVG image keeps its own styles to itself. PDFs
embed the same data URI (WeasyPrint's fetcher accepts data: URIs). Every chart comes with the
numbers it draws, so a page can show them as a table one click away.
"""

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pygal
from django.core.cache import cache
from pygal.style import Style

# The portal's palette (static/css/portal.css), darkest first: series stay apart in greyscale.
PALETTE = ("#0b5d4b", "#c26a1b", "#3b6cb7", "#7a3e9d", "#8a8f2a")
FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'DejaVu Sans', sans-serif"
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2328",
    foreground_strong="#1f2328",
    foreground_subtle="#6b7280",
    colors=PALETTE,
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    value_font_family=FONT,
    legend_font_family=FONT,
    title_font_family=FONT,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
)


# A chart is a pure function of its numbers and labels, and drawing one costs 10-40 ms: each is
# kept in the cache under a digest of what it draws, so a page shown again reuses its SVG and a
# change to any number draws a new one.
CACHE_SECONDS = 24 * 3600
CACHE_VERSION = 1

# pygal writes its configuration into a <script> even with js=(): nothing is to run, so it goes.
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


def _svg(chart) -> str:
    return SCRIPT.sub("", chart.render(is_unicode=True))


def _memoized(kind: str, arguments: dict, draw) -> "Chart":
    digest = hashlib.sha256(
        json.dumps([CACHE_VERSION, kind, arguments], sort_keys=True, default=str).encode()
    ).hexdigest()
    key = f"chart:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = _svg(draw())
        cache.set(key, svg, CACHE_SECONDS)
    return Chart(svg=svg)


def _series(series) -> list:
    return [
        [str(name), [None if v is None else float(v) for v in values]] for name, values in series
    ]


@dataclass(frozen=True)
class Chart:
    svg: str

    @property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


def _config(chart_class, *, title: str, width: int, height: int, **options):
    return chart_class(
        title=title or None,
        width=width,
        height=height,
        style=STYLE,
        js=(),  # no script: the CSP forbids it, and a PDF has none
        disable_xml_declaration=True,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        print_values=False,
        **options,
    )


def radar_chart(
    *,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    maximum: float,
    title: str = "",
    width: int = 640,
    height: int = 560,
) -> Chart:
    """A radar (spider) chart: one axis per label from 0 to `maximum`, one polygon per
    (name, values) series; None values are drawn at the centre."""
    arguments = {
        "labels": list(map(str, labels)),
        "series": _series(series),
        "maximum": maximum,
        "title": str(title),
        "size": [width, height],
    }
    return _memoized(
        "radar", arguments, lambda: _radar(labels, series, maximum, title, width, height)
    )


def _radar(labels, series, maximum, title, width, height):
    chart = _config(
        pygal.Radar,
        title=title,
        width=width,
        height=height,
        range=(0, maximum),
        fill=False,
        dots_size=3,
        truncate_label=-1,
    )
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, [value if value is not None else 0 for value in values])
    return chart


def bar_chart(
    *,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    title: str = "",
    width: int = 720,
    height: int = 420,
) -> Chart:
    """Horizontal bars, one group per label (negative values draw to the left)."""
    arguments = {
        "labels": list(map(str, labels)),
        "series": _series(series),
        "title": str(title),
        "size": [width, height],
    }

    def draw():
        chart = _config(
            pygal.HorizontalBar, title=title, width=width, height=height, truncate_label=-1
        )
        chart.x_labels = list(labels)
        for name, values in series:
            chart.add(name, list(values))
        return chart

    return _memoized("bar", arguments, draw)


def line_chart(
    *,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    maximum: float | None = None,
    title: str = "",
    width: int = 720,
    height: int = 400,
) -> Chart:
    """Lines over ordered labels (a time series); None leaves a gap."""
    arguments = {
        "labels": list(map(str, labels)),
        "series": _series(series),
        "maximum": maximum,
        "title": str(title),
        "size": [width, height],
    }

    def draw():
        options = {"range": (0, maximum)} if maximum is not None else {}
        chart = _config(pygal.Line, title=title, width=width, height=height, **options)
        chart.x_labels = list(labels)
        for name, values in series:
            chart.add(name, list(values))
        return chart

    return _memoized("line", arguments, draw)
