"""Enrollments of a cohort as staff and mentors see them, and one enrollment's page."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

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


def enrollment_rows(*, cohort: Cohort, user) -> QuerySet[Enrollment]:
    """The cohort's enrollments the user may see (staff: all; mentors: theirs), with their
    organization, mentors, milestone counts and latest baseline / endline overall scores.
    Two queries however many enrollments (rows, then the mentors)."""
    queryset = Enrollment.objects.filter(cohort=cohort)
    if not is_staff_of(user, cohort.center):
        queryset = queryset.filter(pk__in=mentored_enrollment_ids(user))
    return (
        queryset.select_related("organization")
        .annotate(
            milestones_total=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones",
                filter=Q(milestones__status=Milestone.Status.COMPLETED),
                distinct=True,
            ),
            baseline_score=_latest_overall(CapacityAssessment.Kind.BASELINE),
            endline_score=_latest_overall(CapacityAssessment.Kind.ENDLINE),
        )
        .prefetch_related(
            Prefetch(
                "mentor_assignments",
                queryset=MentorAssignment.objects.select_related("mentor").order_by("pk"),
            )
        )
        .order_by("organization__name_zh", "pk")
    )


def enrollment_detail(*, enrollment: Enrollment) -> dict:
    return {
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
