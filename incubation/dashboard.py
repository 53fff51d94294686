"""The incubation part of the staff dashboard, and milestones for the weekly digest.

Enrollments count by their enrollment date, graduations by their graduation date, both in the
scope's centers' cohorts, for organizations of the region. The capacity change per area is the
average finalized endline score minus the average finalized baseline score (0-4 scale) over the
enrollments that have both, the endline dated in the period.
"""

from django.db.models import Avg, Count
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ngo_portal.charts import bar_chart
from ngo_portal.dashboard_sections import DashboardScope, Deadline, Figure, Section, Table

from .models import AreaScore, CapacityArea, CapacityAssessment, Enrollment, Milestone

TITLE = gettext_lazy("Incubation")
Kind = CapacityAssessment.Kind
FINALIZED = CapacityAssessment.Status.FINALIZED


def _enrollments(scope: DashboardScope):
    enrollments = Enrollment.objects.filter(cohort__center_id__in=scope.center_ids).order_by()
    if scope.region_code:
        enrollments = enrollments.filter(organization__region_code__startswith=scope.region_code)
    return enrollments


def incubation_section(scope: DashboardScope) -> Section:
    """Figures: enrollments, graduations, active enrollments; table and chart: average capacity
    score at baseline and endline and the change, per area. Five queries."""
    enrollments = _enrollments(scope)
    enrolled = enrollments.filter(**scope.period_filter("enrolled_on")).count()
    graduated = enrollments.filter(
        status=Enrollment.Status.GRADUATED, **scope.period_filter("graduated_on")
    ).count()
    active = enrollments.filter(status=Enrollment.Status.ACTIVE).count()
    endlines = CapacityAssessment.objects.filter(
        enrollment__in=enrollments.values("pk"),
        kind=Kind.ENDLINE,
        status=FINALIZED,
        **scope.period_filter("assessed_on"),
    ).values("enrollment_id")
    both = CapacityAssessment.objects.filter(
        enrollment_id__in=endlines,
        kind=Kind.BASELINE,
        status=FINALIZED,
    ).values("enrollment_id")
    averages = (
        AreaScore.objects.filter(
            assessment__enrollment_id__in=both,
            assessment__kind__in=(Kind.BASELINE, Kind.ENDLINE),
            assessment__status=FINALIZED,
            score__isnull=False,
        )
        .values("area_key", "assessment__kind")
        .annotate(
            average=Avg("score"), organizations=Count("assessment__enrollment", distinct=True)
        )
        .order_by()
    )
    found: dict[str, dict] = {}
    for row in averages:
        found.setdefault(row["area_key"], {})[row["assessment__kind"]] = row
    chinese = get_language() == "zh-hans"
    names = {}
    for key, name, name_zh, order in CapacityArea.objects.filter(
        key__in=found, framework__is_current=True
    ).values_list("key", "name", "name_zh", "order"):
        names.setdefault(key, ((name_zh or name) if chinese else name, order))
    rows = []
    for key in sorted(found, key=lambda k: (names.get(k, (k, 99))[1], k)):
        base = found[key].get(Kind.BASELINE, {}).get("average")
        end = found[key].get(Kind.ENDLINE, {}).get("average")
        change = round(end - base, 2) if base is not None and end is not None else None
        counted = found[key].get(Kind.ENDLINE, {}).get("organizations", 0)
        rows.append(
            [
                names.get(key, (key, 0))[0],
                round(base, 2) if base is not None else None,
                round(end, 2) if end is not None else None,
                change,
                counted,
            ]
        )
    cohorts = reverse("incubation:cohort_list")
    figures = [
        Figure("incubation_enrollments", _("Enrollments"), enrolled, cohorts),
        Figure("incubation_graduations", _("Graduations"), graduated, cohorts),
        Figure("incubation_active", _("Organizations in incubation now"), active, cohorts),
    ]
    chart = (
        bar_chart(
            labels=[row[0] for row in rows],
            series=[(_("Average change"), [float(row[3] or 0) for row in rows])],
            title=_("Average capacity change per area"),
        )
        if rows
        else None
    )
    tables = [
        Table(
            "capacity_change",
            _("Average capacity change per area"),
            [_("Area"), _("Baseline"), _("Endline"), _("Change"), _("Organizations")],
            rows,
            chart=chart,
            description=_(
                "Average scores (0-4) of the organizations with a finalized baseline and endline."
            ),
        )
    ]
    return Section("incubation", TITLE, figures, tables)


def milestone_deadlines(organization_ids, starts_on, ends_on) -> list[Deadline]:
    """Milestones not yet completed of the organizations' active enrollments, due in the
    window."""
    milestones = Milestone.objects.filter(
        **_of(organization_ids, "enrollment__organization_id"),
        enrollment__status=Enrollment.Status.ACTIVE,
        due_on__range=(starts_on, ends_on),
        completed_on__isnull=True,
    ).values_list("enrollment__organization_id", "enrollment_id", "due_on", "title")
    return [
        Deadline(
            organization_id,
            day,
            _("Milestone due: %(title)s") % {"title": title},
            reverse("incubation:enrollment_detail", args=[enrollment_id]),
        )
        for organization_id, enrollment_id, day, title in milestones
    ]


def _of(organization_ids, field: str) -> dict:
    return {} if organization_ids is None else {f"{field}__in": organization_ids}
