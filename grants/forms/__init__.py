"""Forms of grants: they check input and show errors at the field; services do the writes.
One module per entity; import from here."""

from .applications import (
    AnswerForm,
    ApplicationForm,
    AttachmentForm,
    BudgetLineForm,
    BudgetLineFormSet,
    budget_initial,
)
from .awards import DisbursementForm, GrantReportForm, PaidForm, ReportRequireForm, SendBackForm
from .campaigns import CampaignForm, ParticipationForm
from .reviews import (
    ApproveForm,
    AssignReviewerForm,
    ConflictForm,
    InformationRequestForm,
    RejectForm,
    ReviewForm,
)
from .rounds import CriterionForm, CriterionFormSet, FundForm, RoundForm, criteria_initial

__all__ = [
    "AnswerForm",
    "ApplicationForm",
    "ApproveForm",
    "AssignReviewerForm",
    "AttachmentForm",
    "BudgetLineForm",
    "BudgetLineFormSet",
    "CampaignForm",
    "ConflictForm",
    "CriterionForm",
    "CriterionFormSet",
    "DisbursementForm",
    "FundForm",
    "GrantReportForm",
    "InformationRequestForm",
    "PaidForm",
    "ParticipationForm",
    "RejectForm",
    "ReportRequireForm",
    "ReviewForm",
    "RoundForm",
    "SendBackForm",
    "budget_initial",
    "criteria_initial",
]
