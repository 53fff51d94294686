from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from ngo_portal.models import CenterMembership

from ..filters import AssignmentFilter
from ..models import ReviewAssignment


def reviewer_assignment_list(*, user, filters) -> QuerySet[ReviewAssignment]:
    """The user's own active assignments (a declared conflict removes one)."""
    assignments = (
        ReviewAssignment.objects.filter(reviewer=user, status__in=ReviewAssignment.ACTIVE)
        .select_related("application__round", "application__organization")
        .only(
            *("status", "reviewer_id", "application_id", "application__title"),
            *("application__organization_id", "application__organization__name_zh"),
            *("application__organization__name_en", "application__round_id"),
            *("application__round__title", "application__round__title_zh"),
        )
    )
    return AssignmentFilter(filters, queryset=assignments).qs


def assignment_detail() -> QuerySet[ReviewAssignment]:
    return ReviewAssignment.objects.select_related(
        "application__round__center", "application__organization", "application__region", "reviewer"
    )


def center_reviewers(center) -> QuerySet:
    """Members of the center with the reviewer role, whom staff may assign."""
    return (
        get_user_model()
        .objects.filter(
            center_memberships__center=center,
            center_memberships__role=CenterMembership.Role.REVIEWER,
        )
        .order_by("full_name", "email")
    )
