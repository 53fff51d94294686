"""The server-side charts (ngo_portal/charts.py) the incubation pages and PDFs use: SVG without
script, the same bytes for the same numbers (kept in the cache), a new drawing when a number
changes."""

import base64
import re

import pytest

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


@pytest.mark.django_db
def test_long_area_names_become_numbered_axes_and_short_ones_stay(enrollment, scored_assessment):
    """Nine English names of 20-41 characters overlap round a radar: the axes are numbered and
    the area table numbers its rows alike; the Chinese names fit and stay."""
    from django.utils import translation

    from incubation.selectors.assessments import area_rows, assessment_chart

    assessment = scored_assessment(enrollment, "baseline", lambda key, i: 2)
    for language, expect_names in (("en", False), ("zh-hans", True)):
        with translation.override(language):
            rows = area_rows(assessment=assessment, previous=None)
            svg = assessment_chart(assessment=assessment, previous=None, rows=rows).svg
        assert [row.number for row in rows] == list(range(1, len(rows) + 1))
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        names_drawn = [row.name for row in rows if row.name in texts]
        numbers_drawn = [str(row.number) for row in rows if str(row.number) in texts]
        if expect_names:
            assert len(names_drawn) == len(rows)
        else:
            assert names_drawn == [] and len(numbers_drawn) == len(rows)


@pytest.mark.django_db
def test_the_cohort_change_chart_reads_top_down_in_the_tables_order(enrollment, scored_assessment):
    from incubation.selectors.assessments import cohort_area_change

    scored_assessment(enrollment, "baseline", lambda key, i: 2)
    scored_assessment(enrollment, "endline", lambda key, i: 3)
    rows, chart = cohort_area_change(cohort=enrollment.cohort)
    heights = {
        text: float(y)
        for y, text in re.findall(r'<text[^>]*\by="([-\d.]+)"[^>]*>([^<]*)</text>', chart.svg)
    }
    drawn = [heights[row.name] for row in rows]
    assert drawn == sorted(drawn)  # the first row highest on the page (smallest y)
