"""After the decision: tranches of the award, the reports it requires, their review, reminders."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Award, Disbursement, GrantReport, ReportSpending
from ..notifications import REPORT_DUE_SOON, REPORT_OVERDUE, REPORT_SENT_BACK
from ..permissions import can_manage_award, can_review_grant_report, can_submit_grant_report
from ..rules import cny
from ..selectors import application_recipients, reports_due_for_reminder
from .outbox import notify

# The "due soon" reminder goes this many days before the due date; "overdue" the day after.
REMINDER_DAYS_BEFORE = 7


@transaction.atomic
def disbursement_plan(*, award: Award, by, amount: Decimal, planned_on) -> Disbursement:
    """Add a tranche; all tranches together stay within the award. Raises PermissionDenied,
    ValidationError."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if not can_manage_award(by, award):
        raise PermissionDenied
    planned = award.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if amount <= 0 or planned + amount > award.amount:
        raise ValidationError(
            {
                "amount": _("The tranches would add up to more than the award (%(award)s).")
                % {"award": cny(award.amount)}
            }
        )
    tranche = Disbursement(award=award, amount=amount, planned_on=planned_on)
    tranche.full_clean()
    tranche.save()
    return tranche


@transaction.atomic
def disbursement_mark_paid(*, disbursement: Disbursement, by, paid_on) -> Disbursement:
    """Record the payment of a tranche, once: a second click does not change the date of a
    payment already recorded, and a payment is not recorded ahead of its day. Raises
    PermissionDenied, ValidationError (code "done", "future")."""
    if not can_manage_award(by, disbursement.award):
        raise PermissionDenied
    disbursement = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    if disbursement.paid_on is not None:
        raise ValidationError(
            _("This tranche is already recorded as paid on %(date)s: nothing was changed.")
            % {"date": disbursement.paid_on.isoformat()},
            code="done",
        )
    if paid_on > timezone.localdate():
        raise ValidationError(
            _("A payment cannot be recorded before it is made (%(date)s is still to come).")
            % {"date": paid_on.isoformat()},
            code="future",
        )
    disbursement.paid_on = paid_on
    disbursement.save(update_fields=["paid_on"])
    return disbursement


@transaction.atomic
def grant_report_require(*, award: Award, by, kind: str, due_on) -> GrantReport:
    if not can_manage_award(by, award):
        raise PermissionDenied
    # Locked: two clicks at once must not both pass the check of the report already required.
    award = Award.objects.select_for_update().get(pk=award.pk)
    if due_on < award.agreement_date:
        raise ValidationError(
            {
                "due_on": _("A report cannot be due before the agreement date (%(date)s).")
                % {"date": award.agreement_date.isoformat()}
            }
        )
    report = GrantReport(award=award, kind=kind, due_on=due_on)
    report.full_clean()
    report.save()
    if award.status == Award.Status.CLOSED:
        award.status, award.closed_at = Award.Status.ACTIVE, None
        award.save(update_fields=["status", "closed_at"])
    return report


@transaction.atomic
def grant_report_submit(
    *, report: GrantReport, by, narrative: str, beneficiaries_reached: int, spending: dict
) -> GrantReport:
    """The grantee's report: narrative, beneficiaries reached, spending {budget line id: CNY}
    against the application's budget lines. Raises PermissionDenied, ValidationError."""
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if not can_submit_grant_report(by, report):
        raise PermissionDenied
    if not narrative.strip():
        raise ValidationError({"narrative": _("Please write the narrative.")})
    lines = {line.pk for line in report.award.application.budget_lines.all()}
    if set(spending) - lines:
        raise ValidationError(_("Spending must be against the application's budget lines."))
    report.narrative, report.beneficiaries_reached = narrative.strip(), beneficiaries_reached
    report.status, report.submitted_by = GrantReport.Status.SUBMITTED, by
    report.submitted_at = timezone.now()
    report.full_clean()
    report.save()
    report.spending.all().delete()
    ReportSpending.objects.bulk_create(
        ReportSpending(report=report, budget_line_id=line, amount=amount)
        for line, amount in spending.items()
    )
    return report


@transaction.atomic
def grant_report_accept(*, report: GrantReport, by) -> GrantReport:
    """Accept a submitted report; the award closes once all its reports are accepted."""
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    _refuse_unless_waiting_for_review(report, by)
    report.status, report.reviewed_at = GrantReport.Status.ACCEPTED, timezone.now()
    report.save(update_fields=["status", "reviewed_at"])
    award = Award.objects.select_for_update().get(pk=report.award_id)
    if not award.reports.exclude(status=GrantReport.Status.ACCEPTED).exists():
        award.status, award.closed_at = Award.Status.CLOSED, timezone.now()
        award.save(update_fields=["status", "closed_at"])
    return report


@transaction.atomic
def grant_report_send_back(*, report: GrantReport, by, comment: str) -> GrantReport:
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    _refuse_unless_waiting_for_review(report, by)
    if not comment.strip():
        raise ValidationError({"comment": _("Please say what to change.")})
    report.status, report.staff_comment = GrantReport.Status.SENT_BACK, comment.strip()
    report.reviewed_at = timezone.now()
    report.save(update_fields=["status", "staff_comment", "reviewed_at"])
    # The grantee hears of it (once a day at most: the outbox's key holds the day).
    for email, user in application_recipients(report.award.application):
        notify(kind=REPORT_SENT_BACK, email=email, user=user, obj=report)
    return report


def _refuse_unless_waiting_for_review(report, by) -> None:
    """PermissionDenied for anyone but the award's staff; ValidationError (code "done") when the
    report is no longer waiting for review (a double click, a colleague at the same moment)."""
    if not can_manage_award(by, report.award):
        raise PermissionDenied
    if not can_review_grant_report(by, report):
        raise ValidationError(
            _("This report is no longer waiting for review (%(status)s): nothing was changed.")
            % {"status": report.get_status_display()},
            code="done",
        )


def grant_report_reminders_send(*, today: datetime.date | None = None) -> int:
    """Schedule the reminders owed today: "due soon" from REMINDER_DAYS_BEFORE days before the
    due date, "overdue" from the day after. Each goes once per report, address and due date:
    the outbox's unique key (kind, report, address, due date) makes a second run, or a run on
    the next day, schedule nothing new. Returns the number of reminders looked at."""
    today = today or timezone.localdate()
    count = 0
    for report in reports_due_for_reminder(today=today, days_before=REMINDER_DAYS_BEFORE):
        kind = REPORT_OVERDUE if report.due_on < today else REPORT_DUE_SOON
        for email, user in application_recipients(report.award.application):
            notify(kind=kind, email=email, user=user, obj=report, due_date=report.due_on)
            count += 1
    return count
