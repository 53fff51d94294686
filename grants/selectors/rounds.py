from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from ngo_portal.models import Center, CenterMembership
from ngo_portal.permissions import center_roles

from ..filters import RoundFilter
from ..models import Award, Fund, FundingRound


def staff_center_ids(user) -> list[int]:
    """Centers where the user is a manager or officer (every center for a superuser)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Center.objects.values_list("pk", flat=True))
    return [pk for pk, role in center_roles(user).items() if role in CenterMembership.STAFF_ROLES]


def round_list(*, user, filters) -> QuerySet[FundingRound]:
    """Published rounds, plus the unpublished ones of the user's centers, closing soonest last."""
    visible = FundingRound.objects.published()
    centers = staff_center_ids(user)
    if centers:
        visible = FundingRound.objects.filter(is_published=True) | FundingRound.objects.filter(
            center_id__in=centers
        )
    rounds = visible.select_related("fund", "center").order_by("-closes_on", "pk")
    return RoundFilter(filters, queryset=rounds).qs


def open_rounds(*, day=None, limit: int = 5) -> list[FundingRound]:
    """Rounds accepting applications today (Asia/Shanghai), closing soonest first."""
    day = day or timezone.localdate()
    return list(
        FundingRound.objects.open_on(day)
        .select_related("fund", "center")
        .order_by("closes_on", "pk")[:limit]
    )


def round_committed_total(funding_round) -> Decimal:
    """CNY committed by the round's awards."""
    total = Award.objects.filter(round=funding_round).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def fund_list(*, user) -> QuerySet[Fund]:
    return (
        Fund.objects.filter(center_id__in=staff_center_ids(user))
        .select_related("center")
        .order_by("name", "pk")
    )


def staff_centers(user) -> QuerySet[Center]:
    return Center.objects.filter(pk__in=staff_center_ids(user))
