from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from .local_cache import forget, remembered
from .models import Center, CenterMembership, Region


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


def _region_parents_and_names() -> dict[int, tuple[int | None, str, str]]:
    return {
        pk: (parent, name_zh, name_en)
        for pk, parent, name_zh, name_en in Region.objects.values_list(
            "pk", "parent_id", "name_zh", "name_en"
        )
    }


def region_path_names(region_id: int | None) -> list[str]:
    """The names of a region and of the regions above it, the largest first (province · city ·
    county), in the current language, as components/region_path.html writes them: from the
    process's copy of every region (local_cache.py), so that lists of rows join no regions."""
    if region_id is None:
        return []
    regions = remembered("region-parents-and-names", _region_parents_and_names)
    if region_id not in regions:
        # Created in another process since the copy was taken.
        forget("region-parents-and-names")
        regions = remembered("region-parents-and-names", _region_parents_and_names)
    chinese = get_language() == "zh-hans"
    names = []
    while region_id is not None and region_id in regions and len(names) < 3:
        region_id, name_zh, name_en = regions[region_id]
        names.append(name_zh if chinese else name_en)
    names.reverse()
    return names
