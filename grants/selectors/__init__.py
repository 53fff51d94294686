"""Every non-trivial read of grants, one module per concern; import from here."""

from .applications import (
    application_assignments,
    application_detail,
    application_for_organization,
    application_list,
    application_ranking,
    application_recipients,
    user_organizations,
)
from .awards import award_detail, grant_report_detail, reports_due_for_reminder
from .campaigns import CampaignTotals, campaign_list, campaign_participations, campaign_totals
from .paging import PAGE_SIZE, KeysetPage, keyset_page
from .reviews import assignment_detail, center_reviewers, reviewer_assignment_list
from .rounds import (
    fund_list,
    open_rounds,
    round_committed_total,
    round_list,
    staff_center_ids,
    staff_centers,
)

__all__ = [
    "PAGE_SIZE",
    "CampaignTotals",
    "KeysetPage",
    "application_assignments",
    "application_detail",
    "application_for_organization",
    "application_list",
    "application_ranking",
    "application_recipients",
    "assignment_detail",
    "award_detail",
    "campaign_list",
    "campaign_participations",
    "campaign_totals",
    "center_reviewers",
    "fund_list",
    "grant_report_detail",
    "keyset_page",
    "open_rounds",
    "reports_due_for_reminder",
    "reviewer_assignment_list",
    "round_committed_total",
    "round_list",
    "staff_center_ids",
    "staff_centers",
    "user_organizations",
]
