"""Reads of capacity assessments: the scoring sheet, the area table with the change against the
previous assessment, an organization's time series, a cohort's average change per area.

Areas are matched across framework versions by their stable key.
"""

import hashlib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, Max, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ngo_portal.charts import Chart, bar_chart, line_chart, radar_chart

from ..models import (
    LEVELS,
    ActionPlanItem,
    AreaScore,
    CapacityArea,
    CapacityAssessment,
    Cohort,
    IndicatorScore,
)
from ..permissions import visible_assessments
from ..rules import (
    change,
    is_low_area,
    is_strength,
    mean,
    unrounded_mean,
    unrounded_overall,
)

Status = CapacityAssessment.Status
Kind = CapacityAssessment.Kind
TIME_SERIES_MAX = 20
CHANGE_CACHE_SECONDS = 24 * 3600


@dataclass
class SheetArea:
    area: CapacityArea
    rows: list[IndicatorScore] = field(default_factory=list)
    score: Decimal | None = None


def assessment_sheet(*, assessment: CapacityAssessment) -> list[SheetArea]:
    """Areas in order, each with its indicator score rows (indicator loaded) and its score:
    two queries."""
    scores = {row.area_id: row.score for row in assessment.area_scores.all()}
    sheet: dict[int, SheetArea] = {}
    rows = (
        IndicatorScore.objects.filter(assessment=assessment)
        .select_related("indicator__area")
        .order_by("indicator__area__order", "indicator__order", "indicator__pk")
    )
    for row in rows:
        area = row.indicator.area
        entry = sheet.setdefault(area.pk, SheetArea(area=area, score=scores.get(area.pk)))
        entry.rows.append(row)
    return list(sheet.values())


def previous_assessment(*, assessment: CapacityAssessment) -> CapacityAssessment | None:
    """The organization's latest finalized assessment of the same series before this one (by
    date, then id): a self-assessment follows the organization's self-assessments; a center's
    baseline, midline or endline follows that center's own, so neither an organization's view
    of itself nor another center's assessment stands in for the center's measure."""
    earlier = Q(assessed_on__lt=assessment.assessed_on) | Q(
        assessed_on=assessment.assessed_on, pk__lt=assessment.pk
    )
    if assessment.kind == Kind.SELF:
        series = Q(kind=Kind.SELF)
    else:
        series = ~Q(kind=Kind.SELF) & Q(center_id=assessment.center_id)
    return (
        CapacityAssessment.objects.filter(
            earlier, series, organization_id=assessment.organization_id, status=Status.FINALIZED
        )
        .exclude(pk=assessment.pk)
        .order_by("-assessed_on", "-pk")
        .first()
    )


@dataclass
class AreaRow:
    key: str
    name: str
    score: Decimal | None
    previous: Decimal | None
    change: Decimal | None
    scored: int
    not_applicable: int
    number: int = 0  # 1-based, in the framework's order: the radar's axis when names are long

    @property
    def is_low(self) -> bool:
        return is_low_area(self.score)

    @property
    def is_strength(self) -> bool:
        return is_strength(self.score)


def area_rows(
    *, assessment: CapacityAssessment, previous: CapacityAssessment | None
) -> list[AreaRow]:
    """One row per area of the assessment's framework version, with the previous assessment's
    score of the area with the same key (None when it has none) and the change."""
    before = {}
    if previous is not None:
        before = {
            key: (score, scored)
            for key, score, scored in AreaScore.objects.filter(assessment=previous)
            .order_by()
            .values_list("area_key", "score", "scored")
        }
    rows = []
    scores = AreaScore.objects.filter(assessment=assessment).select_related("area")
    for number, row in enumerate(scores.order_by("area__order", "area_id"), start=1):
        earlier, earlier_scored = before.get(row.area_key, (None, 0))
        rows.append(
            AreaRow(
                number=number,
                key=row.area_key,
                name=row.area.display_name,
                score=row.score,
                previous=earlier,
                change=change(
                    unrounded_mean(earlier, earlier_scored), unrounded_mean(row.score, row.scored)
                ),
                scored=row.scored,
                not_applicable=row.not_applicable,
            )
        )
    return rows


def assessment_chart(
    *, assessment: CapacityAssessment, previous: CapacityAssessment | None, rows: list[AreaRow]
) -> Chart:
    """The radar chart of the area scores (and the previous assessment's, when there is one):
    the same SVG on the page and in the PDF."""
    series = []
    if previous is not None:
        series.append((_label(previous), [_float(row.previous) for row in rows]))
    series.append((_label(assessment), [_float(row.score) for row in rows]))
    return radar_chart(labels=axis_labels(rows), series=series, maximum=len(LEVELS))


# The widest axis label (in half-width characters) a radar of nine areas fits beside its
# neighbours; "Governance and organizational management" (41) overlaps them, 治理与组织管理 (14)
# does not.
AXIS_LABEL_WIDTH = 20


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def axis_labels(rows: list[AreaRow]) -> list[str]:
    """The radar's axis labels: the area names when each fits AXIS_LABEL_WIDTH, else the areas'
    numbers (the area table numbers its rows alike)."""
    if all(_display_width(row.name) <= AXIS_LABEL_WIDTH for row in rows):
        return [row.name for row in rows]
    return [str(row.number) for row in rows]


def _label(assessment: CapacityAssessment) -> str:
    return f"{assessment.get_kind_display()} {assessment.assessed_on:%Y-%m-%d}"


def _float(value) -> float | None:
    return float(value) if value is not None else None


def assessment_report_context(*, assessment: CapacityAssessment) -> dict:
    """Everything the assessment's page and its PDF show, in the active language."""
    previous = previous_assessment(assessment=assessment)
    rows = area_rows(assessment=assessment, previous=previous)
    items = list(
        ActionPlanItem.objects.filter(assessment=assessment).select_related("area", "indicator")
    )
    return {
        "assessment": assessment,
        "organization": assessment.organization,
        "center": assessment.center,
        # Sorted here: the page loads them with the assessment (prefetch_related).
        "assessors": sorted(assessment.assessors.all(), key=lambda u: (u.full_name, u.email)),
        "previous": previous,
        "area_rows": rows,
        "chart": assessment_chart(assessment=assessment, previous=previous, rows=rows),
        "strengths": [row for row in rows if row.is_strength],
        "gaps": [row for row in rows if row.is_low],
        "action_items": items,
        "overall_change": _overall_change(previous, assessment),
    }


def _overall_change(previous, assessment) -> Decimal | None:
    """The change of the overall score between the exact means (rules.unrounded_overall)."""
    if previous is None:
        return None
    areas = defaultdict(list)
    for assessment_id, score, scored in (
        AreaScore.objects.filter(assessment__in=[previous.pk, assessment.pk])
        .order_by()
        .values_list("assessment_id", "score", "scored")
    ):
        areas[assessment_id].append((score, scored))
    return change(unrounded_overall(areas[previous.pk]), unrounded_overall(areas[assessment.pk]))


@dataclass
class TimeSeries:
    assessments: list[CapacityAssessment]
    areas: list[tuple[str, str]]  # (key, name)
    scores: dict[int, dict[str, Decimal | None]]  # assessment id → area key → score
    chart: Chart | None


def organization_time_series(*, organization, user=None) -> TimeSeries:
    """The organization's finalized assessments (the latest TIME_SERIES_MAX, oldest first)
    with their area scores by key: two queries. With `user`, only those they may read
    (permissions.visible_assessments)."""
    finalized = CapacityAssessment.objects.filter(
        organization=organization, status=Status.FINALIZED
    )
    if user is not None:
        finalized = finalized.filter(visible_assessments(user, organization))
    assessments = list(finalized.order_by("-assessed_on", "-pk")[:TIME_SERIES_MAX])[::-1]
    scores: dict[int, dict] = defaultdict(dict)
    names: dict[str, tuple[int, str]] = {}
    for row in AreaScore.objects.filter(assessment__in=assessments).select_related("area"):
        scores[row.assessment_id][row.area_key] = row.score
        names.setdefault(row.area_key, (row.area.order, row.area.display_name))
    areas = [(key, name) for key, (_order, name) in sorted(names.items(), key=lambda i: i[1])]
    chart = None
    if assessments:
        chart = line_chart(
            labels=[_label(a) for a in assessments],
            series=[
                (name, [_float(scores[a.pk].get(key)) for a in assessments]) for key, name in areas
            ],
            maximum=len(LEVELS),
        )
    return TimeSeries(assessments=assessments, areas=areas, scores=dict(scores), chart=chart)


@dataclass
class AreaChange:
    key: str
    name: str
    baseline: Decimal | None
    endline: Decimal | None
    change: Decimal | None
    organizations: int


def cohort_area_change(*, cohort: Cohort) -> tuple[list[AreaChange], Chart | None]:
    """Average score per area at baseline and at endline over the cohort's organizations that
    have both (finalized), and the change, with its bar chart.

    Kept in the cache under what it depends on: the count and latest finalization time of the
    cohort's finalized baselines and endlines (finalized assessments never change), the area
    names and the language. Two small queries when cached, four when not.
    """
    finalized = CapacityAssessment.objects.filter(
        enrollment__cohort=cohort, status=Status.FINALIZED, kind__in=(Kind.BASELINE, Kind.ENDLINE)
    )
    state = finalized.order_by().aggregate(count=Count("pk"), latest=Max("finalized_at"))
    if not state["count"]:
        return [], None
    names = _area_names(cohort)
    key = (
        "cohort-area-change:"
        + hashlib.sha256(
            repr(
                (cohort.pk, state["count"], state["latest"], sorted(names.items()), get_language())
            ).encode()
        ).hexdigest()
    )
    rows = cache.get(key)
    if rows is None:
        rows = _area_changes(cohort, finalized, names)
        cache.set(key, rows, CHANGE_CACHE_SECONDS)
    if not rows:
        return [], None
    # Horizontal bars are drawn from the bottom up: reversed, they read top-down in the
    # table's (the framework's) order.
    drawn = rows[::-1]
    chart = bar_chart(
        labels=[row.name for row in drawn],
        series=[
            (_("Baseline"), [_float(row.baseline) for row in drawn]),
            (_("Endline"), [_float(row.endline) for row in drawn]),
        ],
    )
    return rows, chart


def _area_changes(cohort, finalized, names) -> list[AreaChange]:
    baselines = finalized.filter(kind=Kind.BASELINE).values("enrollment_id").order_by()
    endlines = finalized.filter(kind=Kind.ENDLINE).values("enrollment_id").order_by()
    averages = (
        AreaScore.objects.filter(
            assessment__in=finalized,
            assessment__enrollment_id__in=baselines.intersection(endlines),
            score__isnull=False,
        )
        .values("area_key", "assessment__kind")
        .annotate(
            average=Avg("score"), organizations=Count("assessment__enrollment", distinct=True)
        )
        .order_by()
    )
    found: dict[str, dict] = defaultdict(dict)
    for row in averages:
        found[row["area_key"]][row["assessment__kind"]] = row
    rows = []
    for key, (_order, name) in sorted(names.items(), key=lambda item: item[1][0]):
        if key not in found:
            continue
        base = _two(found[key].get(Kind.BASELINE, {}).get("average"))
        end = _two(found[key].get(Kind.ENDLINE, {}).get("average"))
        counted = found[key].get(Kind.ENDLINE, found[key].get(Kind.BASELINE))["organizations"]
        rows.append(AreaChange(key, name, base, end, change(base, end), counted))
    return rows


def _two(value) -> Decimal | None:
    return mean([value]) if value is not None else None


def _area_names(cohort: Cohort) -> dict[str, tuple[int, str]]:
    """{area key: (order, name)} from the framework version the cohort's assessments use now."""
    key = cohort.framework.key if cohort.framework_id else "default"
    areas = CapacityArea.objects.filter(framework__key=key, framework__is_current=True)
    return {area.key: (area.order, area.display_name) for area in areas}
