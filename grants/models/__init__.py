"""Grants: where the money comes from (funds), how it is asked for (rounds, applications, budget
lines), judged (review assignments, reviews), given (awards, disbursements), accounted for (grantee
reports) and raised from the public (campaigns)."""

from .applications import ApplicationAttachment, BudgetLine, GrantApplication, InformationRequest
from .awards import Award, Disbursement, GrantReport, ReportSpending
from .campaigns import Campaign, CampaignParticipation
from .funds import Fund, FundingRound, ReviewCriterion
from .reviews import CriterionScore, Review, ReviewAssignment

__all__ = [
    "ApplicationAttachment",
    "Award",
    "BudgetLine",
    "Campaign",
    "CampaignParticipation",
    "CriterionScore",
    "Disbursement",
    "Fund",
    "FundingRound",
    "GrantApplication",
    "GrantReport",
    "InformationRequest",
    "ReportSpending",
    "Review",
    "ReviewAssignment",
    "ReviewCriterion",
]
