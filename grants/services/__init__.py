"""Every write of grants; import from here, not from the modules inside."""

from .applications import (
    DRAFT_FIELDS,
    application_save_draft,
    application_submit,
    application_withdraw,
    attachment_add,
    attachment_delete,
    information_request,
    submission_refusals,
)
from .awards import (
    REMINDER_DAYS_BEFORE,
    disbursement_mark_paid,
    disbursement_plan,
    grant_report_accept,
    grant_report_reminders_send,
    grant_report_require,
    grant_report_send_back,
    grant_report_submit,
)
from .campaigns import campaign_save, participation_delete, participation_save
from .decisions import application_approve, application_reject
from .reviews import (
    application_scores_refresh,
    assignment_declare_conflict,
    review_invitation_accept,
    review_submit,
    reviewer_assign,
)
from .rounds import fund_save, round_save

__all__ = [
    "DRAFT_FIELDS",
    "REMINDER_DAYS_BEFORE",
    "application_approve",
    "application_reject",
    "application_save_draft",
    "application_scores_refresh",
    "application_submit",
    "application_withdraw",
    "assignment_declare_conflict",
    "attachment_add",
    "attachment_delete",
    "campaign_save",
    "disbursement_mark_paid",
    "disbursement_plan",
    "fund_save",
    "grant_report_accept",
    "grant_report_reminders_send",
    "grant_report_require",
    "grant_report_send_back",
    "grant_report_submit",
    "information_request",
    "participation_delete",
    "participation_save",
    "review_invitation_accept",
    "review_submit",
    "reviewer_assign",
    "round_save",
    "submission_refusals",
]
