from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from ..models import Campaign, CampaignParticipation


@dataclass(frozen=True)
class CampaignTotals:
    """What the participations add up to; None where no participation reports the figure."""

    organizations: int | None
    funds_raised: Decimal | None
    donors: int | None
    projects: int | None


TOTALS = {
    "single_organizations": Count(
        "participations", filter=Q(participations__organization__isnull=False)
    ),
    "grouped_organizations": Sum("participations__organization_count"),
    "total_funds_raised": Sum("participations__funds_raised"),
    "total_donors": Sum("participations__donors"),
    "total_projects": Sum("participations__projects"),
}


def _totals(row) -> CampaignTotals:
    return CampaignTotals(
        organizations=_organizations(row["single_organizations"], row["grouped_organizations"]),
        funds_raised=row["total_funds_raised"],
        donors=row["total_donors"],
        projects=row["total_projects"],
    )


def _organizations(single: int | None, grouped: int | None) -> int | None:
    """Named organizations plus the counts of groups; None when neither is known."""
    if not single and grouped is None:
        return None
    return (single or 0) + (grouped or 0)


def campaign_list() -> list[tuple[Campaign, CampaignTotals]]:
    """Every campaign with its totals, in one query."""
    campaigns = Campaign.objects.select_related("region").annotate(**TOTALS)
    return [
        (campaign, _totals({name: getattr(campaign, name) for name in TOTALS}))
        # Newest first; a campaign without dates after the dated ones (PostgreSQL puts NULL
        # first in a descending order).
        for campaign in campaigns.order_by(F("starts_on").desc(nulls_last=True), "name", "pk")
    ]


def campaign_totals(campaign) -> CampaignTotals:
    return _totals(Campaign.objects.filter(pk=campaign.pk).aggregate(**TOTALS))


def campaign_participations(campaign) -> QuerySet[CampaignParticipation]:
    return campaign.participations.select_related("organization", "region").order_by(
        "region__code", "pk"
    )
