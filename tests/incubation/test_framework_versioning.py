"""Editing a framework in use makes a new version; old assessments keep theirs; comparisons
across versions match areas by key."""

import datetime

import pytest

from incubation import selectors, services
from incubation.models import CapacityAssessment, CapacityFramework, CapacityIndicator
from incubation.selectors import capacity_area_choices

from .factories import default_framework

pytestmark = pytest.mark.django_db
Kind = CapacityAssessment.Kind


def test_the_default_framework_has_nine_bilingual_areas_with_four_levels():
    framework = default_framework()
    areas = list(framework.areas.order_by("order"))
    assert [area.key for area in areas] == [
        "governance",
        "human_resources",
        "service_delivery",
        "monitoring_evaluation",
        "financial_management",
        "resource_development",
        "communication",
        "community_partnerships",
        "philanthropic_values",
    ]
    for indicator in CapacityIndicator.objects.filter(area__framework=framework):
        for level in (1, 2, 3, 4):
            assert getattr(indicator, f"level_{level}") and getattr(indicator, f"level_{level}_zh")
    assert dict(capacity_area_choices())["financial_management"] == "Financial management"


def test_an_unused_version_is_edited_in_place(officer):
    indicator = CapacityIndicator.objects.filter(area__framework=default_framework()).first()
    updated = services.indicator_update(
        indicator=indicator, by=officer, data={"text": "Board steers"}
    )
    assert updated.pk == indicator.pk
    assert CapacityFramework.objects.filter(key="default").count() == 1


def test_editing_a_version_in_use_makes_the_next_and_old_assessments_keep_theirs(
    enrollment, officer, scored_assessment
):
    old = default_framework()
    baseline = scored_assessment(
        enrollment, Kind.BASELINE, lambda key, i: 2, on=datetime.date(2026, 1, 5)
    )
    indicator = CapacityIndicator.objects.get(
        area__framework=old, area__key="governance", key="board"
    )

    updated = services.indicator_update(
        indicator=indicator, by=officer, data={"level_4_zh": "理事会定期评估自身成效。"}
    )

    new = default_framework()
    assert (old.version, new.version) == (1, 2)
    assert new.previous == old and not CapacityFramework.objects.get(pk=old.pk).is_current
    assert updated.area.framework == new
    indicator.refresh_from_db()
    assert indicator.level_4_zh != "理事会定期评估自身成效。"  # the old version is untouched
    baseline.refresh_from_db()
    assert baseline.framework == old
    assert (
        new.areas.count() == 9
        and CapacityIndicator.objects.filter(area__framework=new).count() == 27
    )

    # A new assessment uses the new version; the comparison matches areas by key.
    endline = scored_assessment(
        enrollment, Kind.ENDLINE, lambda key, i: 3, on=datetime.date(2026, 12, 1)
    )
    assert endline.framework == new
    rows = selectors.area_rows(assessment=endline, previous=baseline)
    assert {row.key: str(row.change) for row in rows}["governance"] == "1.00"


def test_an_edit_from_an_older_version_lands_on_the_current_one(
    enrollment, officer, scored_assessment
):
    """Two forms opened on version 1 (in use): the first edit makes version 2, the second
    lands on version 2 as well and keeps the first edit."""
    old = default_framework()
    scored_assessment(enrollment, Kind.BASELINE, lambda key, i: 2, on=datetime.date(2026, 1, 5))
    board, plan = CapacityIndicator.objects.filter(
        area__framework=old, area__key="governance"
    ).order_by("pk")[:2]
    first = services.indicator_update(indicator=board, by=officer, data={"text": "Board steers"})
    second = services.indicator_update(indicator=plan, by=officer, data={"text": "Plan guides"})
    assert first.area.framework_id == second.area.framework_id
    current = CapacityFramework.objects.get(key="default", is_current=True)
    assert current.version == 2
    texts = set(
        CapacityIndicator.objects.filter(area__framework=current).values_list("text", flat=True)
    )
    assert {"Board steers", "Plan guides"} <= texts
    assert CapacityFramework.objects.filter(key="default").count() == 2
