"""Enrollments of a cohort as staff and mentors see them, and one enrollment's page."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import get_language

from ngo_portal.models import CenterMembership, User

from ..models import CapacityAssessment, Cohort, Enrollment, MentorAssignment, Milestone
from ..permissions import is_staff_of, mentored_enrollment_ids


def _latest_overall(kind: str):
    return Subquery(
        CapacityAssessment.objects.filter(
            enrollment=OuterRef("pk"), kind=kind, status=CapacityAssessment.Status.FINALIZED
        )
        .order_by("-assessed_on", "-pk")
        .values("overall_score")[:1]
    )


@dataclass
class EnrollmentRow:
    """One line of a cohort's tables, read as plain values (a hundred model instances with
    their organizations cost the page twice as much)."""

    pk: int
    status: str
    graduated_on: datetime.date | None
    extended_until: datetime.date | None
    organization_id: int
    name_zh: str
    name_en: str
    credit_code: str | None
    milestones_total: int
    milestones_done: int
    baseline_score: Decimal | None
    endline_score: Decimal | None
    mentor_names: list[str] = field(default_factory=list)

    @property
    def organization_name(self) -> str:
        return self.name_en if get_language() != "zh-hans" and self.name_en else self.name_zh

    @property
    def status_label(self) -> str:
        return Enrollment.Status(self.status).label


ROW_VALUES = (
    *("pk", "status", "graduated_on", "extended_until", "organization_id"),
    *("organization__name_zh", "organization__name_en", "organization__credit_code"),
    *("milestones_total", "milestones_done", "baseline_score", "endline_score"),
)


def enrollment_rows(*, cohort: Cohort, user) -> list[EnrollmentRow]:
    """The cohort's enrollments the user may see (staff: all; mentors: theirs), by name, with
    their organization's names and code, milestone counts, latest baseline / endline overall
    scores, and `mentor_names`. Two queries however many enrollments (rows, then mentors)."""
    queryset = Enrollment.objects.filter(cohort=cohort)
    if not is_staff_of(user, cohort.center):
        queryset = queryset.filter(pk__in=mentored_enrollment_ids(user))
    return _rows(queryset)


def enrollment_row(*, enrollment_id: int) -> EnrollmentRow:
    """One enrollment's line of the cohort tables (its figures for the graduation check)."""
    return _rows(Enrollment.objects.filter(pk=enrollment_id))[0]


def _rows(queryset) -> list[EnrollmentRow]:
    values = (
        queryset.annotate(
            milestones_total=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones",
                filter=Q(milestones__status=Milestone.Status.COMPLETED),
                distinct=True,
            ),
            baseline_score=_latest_overall(CapacityAssessment.Kind.BASELINE),
            endline_score=_latest_overall(CapacityAssessment.Kind.ENDLINE),
        )
        .order_by("organization__name_zh", "pk")
        .values_list(*ROW_VALUES)
    )
    rows = [EnrollmentRow(*row) for row in values]
    names = defaultdict(list)
    mentors = MentorAssignment.objects.filter(enrollment_id__in=[row.pk for row in rows])
    for enrollment_id, full_name, email in mentors.order_by("pk").values_list(
        "enrollment_id", "mentor__full_name", "mentor__email"
    ):
        names[enrollment_id].append(full_name or email)
    for row in rows:
        row.mentor_names = names[row.pk]
    return rows


def enrollment_detail(*, enrollment: Enrollment) -> dict:
    from .reports import enrollment_certificate

    return {
        "certificate": enrollment_certificate(enrollment=enrollment)
        if enrollment.status == Enrollment.Status.GRADUATED
        else None,
        "mentors": list(enrollment.mentor_assignments.select_related("mentor").order_by("pk")),
        "sessions": list(enrollment.mentoring_sessions.select_related("mentor")[:50]),
        "milestones": list(enrollment.milestones.order_by("due_on", "pk")),
        "assessments": list(
            enrollment.assessments.select_related("framework").order_by("-assessed_on", "-pk")
        ),
    }


def mentor_candidates(*, center) -> QuerySet[User]:
    """The center's staff and mentors, by name."""
    roles = (*CenterMembership.STAFF_ROLES, CenterMembership.Role.MENTOR)
    return User.objects.filter(
        center_memberships__center=center, center_memberships__role__in=roles
    ).order_by("full_name", "email")
