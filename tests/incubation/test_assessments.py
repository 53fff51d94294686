"""Assessments: area scores with N/A left out, the overall score, submit's completeness check,
the proposed action plan, and the change against the previous assessment by area key."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from incubation import selectors, services
from incubation.models import ActionPlanItem, AreaScore, CapacityAssessment, IndicatorScore
from incubation.rules import area_score

pytestmark = pytest.mark.django_db
Kind = CapacityAssessment.Kind


def test_area_score_leaves_out_not_applicable_and_unscored():
    assert area_score([(2, False), (None, True), (3, False)]).score == Decimal("2.50")
    assert area_score([(None, True), (None, True)]).score is None
    result = area_score([(1, False), (None, False), (4, False), (None, True)])
    assert (result.score, result.scored, result.not_applicable) == (Decimal("2.50"), 2, 1)
    assert area_score([(1, False), (2, False), (2, False)]).score == Decimal("1.67")


def test_saved_scores_give_area_and_overall_scores(enrollment, officer):
    assessment = services.assessment_start(enrollment=enrollment, kind=Kind.BASELINE, by=officer)
    rows = list(
        IndicatorScore.objects.filter(
            assessment=assessment, indicator__area__key="governance"
        ).order_by("indicator__order")
    )
    assert len(rows) == 3
    services.assessment_scores_save(
        assessment=assessment,
        by=officer,
        scores={
            rows[0].indicator_id: {"level": "1"},
            rows[1].indicator_id: {"level": "na"},
            rows[2].indicator_id: {"level": "4"},
        },
    )
    governance = AreaScore.objects.get(assessment=assessment, area_key="governance")
    assert (governance.score, governance.scored, governance.not_applicable) == (
        Decimal("2.50"),
        2,
        1,
    )
    assert (
        AreaScore.objects.get(assessment=assessment, area_key="financial_management").score is None
    )
    assessment.refresh_from_db()
    assert assessment.overall_score == Decimal("2.50")  # the only area with a score


def test_a_level_outside_the_grid_is_refused_and_nothing_saved(enrollment, officer):
    assessment = services.assessment_start(enrollment=enrollment, kind=Kind.BASELINE, by=officer)
    first, second = assessment.scores.order_by("pk")[:2]
    with pytest.raises(ValidationError) as error:
        services.assessment_scores_save(
            assessment=assessment,
            by=officer,
            scores={first.indicator_id: {"level": "3"}, second.indicator_id: {"level": "7"}},
        )
    assert str(second.indicator_id) in error.value.message_dict
    assert not assessment.scores.filter(level__isnull=False).exists()


def test_submit_needs_every_indicator_then_proposes_the_action_plan(
    enrollment, officer, scored_assessment
):
    assessment = services.assessment_start(enrollment=enrollment, kind=Kind.BASELINE, by=officer)
    with pytest.raises(ValidationError):
        services.assessment_submit(assessment=assessment, by=officer)

    # Governance low (1s and 2s), everything else at 3.
    low = scored_assessment(
        enrollment,
        Kind.MIDLINE,
        lambda key, i: (1 if i % 2 else 2) if key == "governance" else 3,
        finalize=False,
    )
    services.assessment_submit(assessment=low, by=officer)
    items = list(
        ActionPlanItem.objects.filter(assessment=low, proposed=True).select_related(
            "indicator", "area"
        )
    )
    assert {item.area.key for item in items} == {"governance"}
    assert len(items) == 2  # PROPOSALS_PER_AREA, the weakest first
    # Governance levels 2, 1, 2: the 1 first (to reach 2), then one of the 2s (to reach 3).
    assert sorted(item.target_level for item in items) == [2, 3]
    weakest = next(item for item in items if item.target_level == 2)
    assert weakest.display_text == weakest.indicator.descriptor(2)


def test_change_against_the_previous_assessment(enrollment, scored_assessment):
    import datetime

    day = datetime.date(2026, 1, 10)
    scored_assessment(
        enrollment, Kind.BASELINE, lambda key, i: 1 if key == "governance" else 2, on=day
    )
    endline = scored_assessment(
        enrollment,
        Kind.ENDLINE,
        lambda key, i: 3 if key == "governance" else ("na" if key == "communication" else 2),
        on=day + datetime.timedelta(days=300),
    )
    context = selectors.assessment_report_context(assessment=endline)
    rows = {row.key: row for row in context["area_rows"]}
    assert (rows["governance"].previous, rows["governance"].score, rows["governance"].change) == (
        Decimal("1.00"),
        Decimal("3.00"),
        Decimal("2.00"),
    )
    assert rows["communication"].score is None and rows["communication"].change is None
    assert rows["financial_management"].change == Decimal("0.00")
    assert [row.key for row in context["strengths"]] == ["governance"]
    assert "<svg" in context["chart"].svg and "<script" not in context["chart"].svg


def test_members_fill_self_assessments_only(enrollment, owner, officer):
    mine = services.assessment_start(enrollment=enrollment, kind=Kind.SELF, by=owner)
    assert mine.assessors.filter(pk=owner.pk).exists()
    with pytest.raises(PermissionDenied):
        services.assessment_start(enrollment=enrollment, kind=Kind.BASELINE, by=owner)


@pytest.mark.parametrize("language", ["\x00", "x" * 50, "fr"])
def test_the_report_pdf_of_an_unknown_language_answers_404(
    client, enrollment, officer, scored_assessment, language
):
    assessment = scored_assessment(enrollment, "baseline", lambda key, i: 2)
    client.force_login(officer)
    url = reverse("incubation:assessment_report_pdf", args=[assessment.pk])
    assert client.get(url, {"language": language}).status_code == 404


@pytest.mark.parametrize(
    "posted, problem",
    [
        ({"area": "abc", "text": "Write the financial policies"}, "Select a valid choice."),
        ({"text": "Write the financial policies\x00"}, "Null characters are not allowed."),
        ({"text": "Write the financial policies", "due_on": "2026-02-30"}, "Enter a valid date."),
        (
            {"text": "Write the financial policies", "due_on": "0001-01-01"},
            "An action is due on or after the assessment&#x27;s date",
        ),
    ],
)
def test_a_wrong_action_item_shows_its_error_and_keeps_the_text(
    client, enrollment, officer, scored_assessment, posted, problem
):
    assessment = scored_assessment(enrollment, "baseline", lambda key, i: 2, finalize="submitted")
    area = assessment.framework.areas.first()
    client.force_login(officer)
    response = client.post(
        reverse("incubation:action_item_add", args=[assessment.pk]), {"area": area.pk, **posted}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert problem in page and "Write the financial policies" in page
    assert not assessment.action_items.filter(text__startswith="Write").exists()


def test_a_center_assessment_compares_with_that_centers_own_not_a_self_assessment(
    enrollment, owner, scored_assessment, django_capture_on_commit_callbacks
):
    """Baseline (Amity), then the organization's self-assessment and another center's
    midline: Amity's endline is compared with its baseline; a later self-assessment with the
    earlier self-assessment."""
    import datetime

    from tests.ngo_portal.factories import CenterFactory, CenterMembershipFactory

    from .factories import CohortFactory, EnrollmentFactory

    day = datetime.date(2026, 1, 10)
    baseline = scored_assessment(enrollment, Kind.BASELINE, lambda key, i: 1, on=day)
    self_first = scored_assessment(
        enrollment, Kind.SELF, lambda key, i: 4, on=day + datetime.timedelta(days=30)
    )
    other_center = CenterFactory()
    other_officer = CenterMembershipFactory(center=other_center, role="officer").user
    elsewhere = services.assessment_start(
        enrollment=EnrollmentFactory(
            cohort=CohortFactory(center=other_center), organization=enrollment.organization
        ),
        kind=Kind.MIDLINE,
        by=other_officer,
        assessed_on=day + datetime.timedelta(days=60),
    )
    CapacityAssessment.objects.filter(pk=elsewhere.pk).update(status="finalized")
    endline = scored_assessment(
        enrollment, Kind.ENDLINE, lambda key, i: 2, on=day + datetime.timedelta(days=300)
    )
    self_again = scored_assessment(
        enrollment, Kind.SELF, lambda key, i: 3, on=day + datetime.timedelta(days=301)
    )
    assert selectors.previous_assessment(assessment=endline) == baseline
    assert selectors.previous_assessment(assessment=self_again) == self_first
    rows = selectors.assessment_report_context(assessment=endline)["area_rows"]
    assert {row.change for row in rows} == {Decimal("1.00")}


def test_the_change_is_taken_between_exact_means_not_rounded_scores(enrollment, scored_assessment):
    """Levels 2, 2, 1 (5/3, shown 1.67) then 3, 2, 2 (7/3, shown 2.33): the change is 2/3,
    +0.67 — not 2.33 - 1.67 = +0.66."""
    import datetime

    day = datetime.date(2026, 1, 10)
    scored_assessment(enrollment, Kind.BASELINE, lambda key, i: 1 if i % 3 == 2 else 2, on=day)
    endline = scored_assessment(
        enrollment,
        Kind.ENDLINE,
        lambda key, i: 3 if i % 3 == 0 else 2,
        on=day + datetime.timedelta(days=300),
    )
    context = selectors.assessment_report_context(assessment=endline)
    row = context["area_rows"][0]
    assert (row.previous, row.score, row.change) == (
        Decimal("1.67"),
        Decimal("2.33"),
        Decimal("0.67"),
    )
    assert context["overall_change"] == Decimal("0.67")
