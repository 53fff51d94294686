from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Center, CenterMembership


def center_list() -> QuerySet[Center]:
    return Center.objects.order_by("name")


def staff_center_list(*, user) -> QuerySet[Center]:
    """Centers the user works for (all of them for a superuser), with their team by role."""
    centers = Center.objects.all()
    if not user.is_superuser:
        # A subquery, not a join: filtering through `memberships` would make the counts below
        # count only the user's own membership row.
        own = CenterMembership.objects.filter(user=user, role__in=CenterMembership.STAFF_ROLES)
        centers = centers.filter(pk__in=own.values("center_id"))
    team = CenterMembership.objects.select_related("user").order_by("role", "user__email")
    return (
        centers.annotate(
            staff_count=Count(
                "memberships", filter=Q(memberships__role__in=CenterMembership.STAFF_ROLES)
            ),
            reviewer_count=Count("memberships", filter=Q(memberships__role="reviewer")),
            mentor_count=Count("memberships", filter=Q(memberships__role="mentor")),
        )
        .prefetch_related(Prefetch("memberships", queryset=team, to_attr="team"))
        .order_by("name")
    )
