"""The server-side charts (ngo_portal/charts.py) the incubation pages and PDFs use: SVG without
script, the same bytes for the same numbers (kept in the cache), a new drawing when a number
changes."""

import base64

from ngo_portal import charts

LABELS = ["治理与组织管理", "Financial management", "Communication"]


def test_radar_svg_has_no_script_and_carries_its_labels():
    chart = charts.radar_chart(labels=LABELS, series=[("Baseline", [1, 2.5, None])], maximum=4)
    assert chart.svg.startswith("<svg") and "<script" not in chart.svg
    assert all(label in chart.svg for label in LABELS)
    assert base64.b64decode(chart.data_uri.split(",", 1)[1]).decode() == chart.svg


def test_the_same_numbers_reuse_the_drawing_and_a_change_draws_anew(monkeypatch):
    drawn = []
    real = charts._svg
    monkeypatch.setattr(charts, "_svg", lambda chart: drawn.append(1) or real(chart))
    series = [("Baseline", [1.0, 2.0, 3.0]), ("Endline", [2.0, 2.5, 3.5])]
    first = charts.bar_chart(labels=LABELS, series=series)
    again = charts.bar_chart(labels=LABELS, series=series)
    changed = charts.bar_chart(labels=LABELS, series=[("Baseline", [1.0, 2.0, 3.25])])
    assert first.svg == again.svg and changed.svg != first.svg
    assert len(drawn) == 2
    line = charts.line_chart(
        labels=["2026-01", "2026-12"], series=[("Governance", [1.5, None])], maximum=4
    )
    assert "Governance" in line.svg and "<script" not in line.svg
