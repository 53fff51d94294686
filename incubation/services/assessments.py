"""Capacity assessments: start, score, submit, reopen, finalize; the area scores and the
proposed action plan; report requests (one assessment, or a whole cohort).

Side effects: finalizing queues the report job (the PDF e-mailed to the organization's owners);
report requests queue jobs after commit.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngo_portal.jobs.services import report_request
from ngo_portal.models import Report, User

from ..models import (
    ActionPlanItem,
    AreaScore,
    CapacityAssessment,
    CapacityIndicator,
    Cohort,
    Enrollment,
    IndicatorScore,
)
from ..permissions import (
    can_edit_assessment,
    can_finalize_assessment,
    can_manage_cohort,
    can_plan_actions,
    can_reopen_assessment,
    can_request_assessment_report,
    can_start_assessment,
    can_start_center_assessment,
)
from ..rules import PROPOSALS_PER_AREA, area_score, is_low_area, overall_score
from .frameworks import framework_for_cohort
from .recipients import organization_language

Kind = CapacityAssessment.Kind
Status = CapacityAssessment.Status
REPORT_KIND = "incubation.assessment_report"
COHORT_REPORTS_KIND = "incubation.cohort_reports"
REPORT_LANGUAGES = {code for code, _name in settings.LANGUAGES}


@transaction.atomic
def assessment_start(
    *,
    enrollment: Enrollment,
    kind: str,
    by: User,
    assessed_on: datetime.date | None = None,
    assessors: list[User] | tuple = (),
) -> CapacityAssessment:
    """A draft with an empty score per indicator of the cohort's framework version.

    Baseline, midline and endline are the center's (staff); the organization's members start
    self-assessments. The person starting is an assessor, with `assessors`.
    """
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose a kind from the list.")})
    allowed = can_start_assessment if kind == Kind.SELF else can_start_center_assessment
    if not allowed(by, enrollment):
        raise PermissionDenied
    assessment = CapacityAssessment(
        organization=enrollment.organization,
        enrollment=enrollment,
        center=enrollment.cohort.center,
        framework=framework_for_cohort(enrollment.cohort),
        kind=kind,
        assessed_on=assessed_on or timezone.localdate(),
        created_by=by,
    )
    assessment.full_clean()
    assessment.save()
    assessment.assessors.add(by, *assessors)
    indicators = CapacityIndicator.objects.filter(area__framework=assessment.framework)
    IndicatorScore.objects.bulk_create(
        IndicatorScore(assessment=assessment, indicator=indicator) for indicator in indicators
    )
    return assessment


def _parsed_level(value) -> tuple[int | None, bool]:
    """ "1".."4" → (level, False); "na" → (None, True); "" → (None, False)."""
    text = "" if value is None else str(value).strip().lower()
    if text == "na":
        return None, True
    if text == "":
        return None, False
    if text in {"1", "2", "3", "4"}:
        return int(text), False
    raise ValueError(text)


@transaction.atomic
def assessment_scores_save(
    *, assessment: CapacityAssessment, by: User, scores: dict[int, dict]
) -> CapacityAssessment:
    """Save levels and evidence: {indicator id: {"level": "1".."4" | "na" | "", "evidence":
    text}}; recompute the area scores. Raises ValidationError {indicator id: message} for a
    level outside 1-4 / N/A, saving nothing."""
    assessment = CapacityAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_edit_assessment(by, assessment):
        raise PermissionDenied
    rows = {row.indicator_id: row for row in assessment.scores.all()}
    errors = {}
    for indicator_id, values in scores.items():
        row = rows.get(int(indicator_id))
        if row is None:
            continue
        try:
            row.level, row.not_applicable = _parsed_level(values.get("level"))
        except ValueError:
            errors[str(indicator_id)] = _("Choose a level from 1 to 4, or not applicable.")
        row.evidence = str(values.get("evidence", row.evidence))[:5000]
    if errors:
        raise ValidationError(errors)
    IndicatorScore.objects.bulk_update(
        list(rows.values()), ["level", "not_applicable", "evidence"], batch_size=500
    )
    area_scores_compute(assessment=assessment)
    return assessment


def area_scores_compute(*, assessment: CapacityAssessment) -> list[AreaScore]:
    """Rewrite the assessment's area scores and overall score from its indicator scores
    (rules.area_score: N/A and unscored indicators left out)."""
    by_area = defaultdict(list)
    areas = {}
    for row in assessment.scores.select_related("indicator__area"):
        area = row.indicator.area
        areas[area.pk] = area
        by_area[area.pk].append((row.level, row.not_applicable))
    results = []
    for area_id, levels in by_area.items():
        result = area_score(levels)
        results.append(
            AreaScore(
                assessment=assessment,
                area=areas[area_id],
                area_key=areas[area_id].key,
                score=result.score,
                scored=result.scored,
                not_applicable=result.not_applicable,
            )
        )
    AreaScore.objects.filter(assessment=assessment).delete()
    AreaScore.objects.bulk_create(results)
    assessment.overall_score = overall_score(result.score for result in results)
    assessment.save(update_fields=["overall_score"])
    return results


@transaction.atomic
def assessment_submit(*, assessment: CapacityAssessment, by: User) -> CapacityAssessment:
    """Draft → submitted, once every indicator has a level or is marked not applicable.

    Side effect: the proposed action-plan items are rewritten from the low areas."""
    assessment = CapacityAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_edit_assessment(by, assessment):
        raise PermissionDenied
    missing = assessment.scores.filter(level__isnull=True, not_applicable=False).count()
    if missing:
        raise ValidationError(
            _("%(count)s indicators have no level yet: choose one, or not applicable.")
            % {"count": missing}
        )
    area_scores_compute(assessment=assessment)
    action_plan_propose(assessment=assessment)
    assessment.status = Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at"])
    return assessment


def action_plan_propose(*, assessment: CapacityAssessment) -> list[ActionPlanItem]:
    """For each low area (rules.LOW_AREA_SCORE), its weakest indicators (at most
    PROPOSALS_PER_AREA, lowest level first) become items: reach the next level, worded by that
    level's descriptor. Items staff wrote themselves stay."""
    ActionPlanItem.objects.filter(assessment=assessment, proposed=True).delete()
    low = {
        row.area_id
        for row in AreaScore.objects.filter(assessment=assessment)
        if is_low_area(row.score)
    }
    weakest = defaultdict(list)
    rows = (
        assessment.scores.filter(indicator__area_id__in=low, level__lt=4, not_applicable=False)
        .select_related("indicator")
        .order_by("level", "indicator__order")
    )
    for row in rows:
        if len(weakest[row.indicator.area_id]) < PROPOSALS_PER_AREA:
            weakest[row.indicator.area_id].append(row)
    due = assessment.assessed_on + datetime.timedelta(days=90)
    items = [
        ActionPlanItem(
            assessment=assessment,
            area_id=area_id,
            indicator=row.indicator,
            target_level=row.level + 1,
            due_on=due,
            proposed=True,
        )
        for area_id, area_rows in weakest.items()
        for row in area_rows
    ]
    return ActionPlanItem.objects.bulk_create(items)


@transaction.atomic
def action_item_add(
    *, assessment: CapacityAssessment, by: User, area, text: str, due_on=None
) -> ActionPlanItem:
    if not can_plan_actions(by, assessment):
        raise PermissionDenied
    item = ActionPlanItem(assessment=assessment, area=area, text=text.strip(), due_on=due_on)
    if not item.text:
        raise ValidationError({"text": _("Describe the action.")})
    if due_on is not None and assessment.assessed_on and due_on < assessment.assessed_on:
        raise ValidationError(
            {
                "due_on": _("An action is due on or after the assessment's date, %(date)s.")
                % {"date": f"{assessment.assessed_on:%Y-%m-%d}"}
            }
        )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_delete(*, item: ActionPlanItem, by: User) -> None:
    assessment = item.assessment
    if not can_plan_actions(by, assessment):
        raise PermissionDenied
    item.delete()


@transaction.atomic
def assessment_reopen(*, assessment: CapacityAssessment, by: User) -> CapacityAssessment:
    assessment = CapacityAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_reopen_assessment(by, assessment):
        raise PermissionDenied
    assessment.status = Status.DRAFT
    assessment.save(update_fields=["status"])
    return assessment


@transaction.atomic
def assessment_finalize(*, assessment: CapacityAssessment, by: User) -> Report:
    """Submitted → finalized, and queue its report in the organization's language; the report
    job e-mails the PDF to the organization's owners and admins."""
    assessment = (
        CapacityAssessment.objects.select_for_update(of=("self",))
        .select_related("center", "organization")
        .get(pk=assessment.pk)
    )
    if not can_finalize_assessment(by, assessment):
        raise PermissionDenied
    assessment.status = Status.FINALIZED
    assessment.finalized_at = timezone.now()
    assessment.save(update_fields=["status", "finalized_at"])
    return _report_request(
        assessment,
        by=by,
        language=organization_language(assessment.organization),
        email_owners=True,
    )


def assessment_report_request(
    *, assessment: CapacityAssessment, by: User, language: str = ""
) -> Report:
    """Queue the report of a finalized assessment, in `language` (default: the
    organization's)."""
    assessment = CapacityAssessment.objects.select_related("center", "organization").get(
        pk=assessment.pk
    )
    if not can_request_assessment_report(by, assessment):
        raise PermissionDenied
    language = language if language in REPORT_LANGUAGES else ""
    language = language or organization_language(assessment.organization)
    # A second click while the same report is still being made waits for that one.
    pending = (
        Report.objects.filter(
            kind=REPORT_KIND,
            content_type=ContentType.objects.get_for_model(CapacityAssessment),
            object_id=assessment.pk,
            language=language,
            status__in=(Report.Status.QUEUED, Report.Status.RUNNING),
        )
        .order_by("-pk")
        .first()
    )
    if pending is not None:
        return pending
    return _report_request(assessment, by=by, language=language, email_owners=False)


def _report_request(assessment, *, by, language: str, email_owners: bool) -> Report:
    return report_request(
        kind=REPORT_KIND,
        requested_by=by,
        parameters={"assessment": assessment.pk, "email_owners": email_owners},
        language=language,
        center=assessment.center,
        subject=assessment,
    )


def cohort_reports_request(*, cohort: Cohort, by: User, language: str = "") -> Report:
    """One job rendering the report of each enrollment's latest finalized assessment, with
    progress per organization; a ZIP of the PDFs. `language` empty: each organization's."""
    if not can_manage_cohort(by, cohort):
        raise PermissionDenied
    language = language if language in REPORT_LANGUAGES else ""
    return report_request(
        kind=COHORT_REPORTS_KIND,
        requested_by=by,
        parameters={"cohort": cohort.pk, "report_language": language},
        language=language or settings.LANGUAGE_CODE,
        center=cohort.center,
        subject=cohort,
    )
