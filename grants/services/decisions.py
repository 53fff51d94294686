"""Decisions: approve with an amount (an award) or reject with a reason; both are e-mailed.

The round's budget is a shared resource: two officers approving at the same moment must not
commit more than it. The round row is locked (SELECT ... FOR UPDATE) before the committed total
is read, so the second approval waits for the first to commit and then sees its award.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Award, FundingRound, GrantApplication
from ..notifications import APPLICATION_APPROVED, APPLICATION_REJECTED
from ..permissions import can_manage_application
from ..rules import approval_refusal
from ..selectors import application_recipients
from .outbox import notify


def _lock_round(round_id: int) -> FundingRound:
    return FundingRound.objects.select_for_update().get(pk=round_id)


def _committed_total(round_id: int) -> Decimal:
    total = Award.objects.filter(round_id=round_id).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


@transaction.atomic
def application_approve(
    *,
    application: GrantApplication,
    by,
    amount: Decimal,
    agreement_date: datetime.date | None = None,
) -> Award:
    """Approve with `amount` CNY: an Award (agreement date, today by default), the applicant
    e-mailed. Raises PermissionDenied, ValidationError (outside the round's award limits or
    over its budget; code "decided" when no longer under review)."""
    funding_round = _lock_round(application.round_id)
    application = GrantApplication.objects.select_for_update().get(pk=application.pk)
    application.round = funding_round
    _refuse_unless_undecided(application, by)
    refusal = approval_refusal(funding_round, _committed_total(funding_round.pk), amount)
    if refusal:
        raise ValidationError({"amount": refusal})
    award = Award(
        application=application,
        round=funding_round,
        amount=amount,
        agreement_date=agreement_date or timezone.localdate(),
    )
    award.full_clean(exclude=["application", "round"])
    award.save()
    _decide(application, by, GrantApplication.Status.APPROVED, reason="")
    for email, user in application_recipients(application):
        notify(kind=APPLICATION_APPROVED, email=email, user=user, obj=application)
    return award


@transaction.atomic
def application_reject(*, application: GrantApplication, by, reason: str) -> GrantApplication:
    """Reject with a reason, which the applicant reads in the e-mail and on the page."""
    application = GrantApplication.objects.select_for_update().get(pk=application.pk)
    _refuse_unless_undecided(application, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for the decision.")})
    _decide(application, by, GrantApplication.Status.REJECTED, reason=reason.strip())
    for email, user in application_recipients(application):
        notify(kind=APPLICATION_REJECTED, email=email, user=user, obj=application)
    return application


def _refuse_unless_undecided(application, by) -> None:
    """PermissionDenied for anyone but the center's staff; ValidationError (code "decided") when
    the application is no longer under review: decided already, by a double click or by a
    colleague at the same moment, or withdrawn."""
    if not can_manage_application(by, application):
        raise PermissionDenied
    if application.status not in GrantApplication.UNDER_REVIEW:
        raise ValidationError(
            _("This application is no longer under review (%(status)s): nothing was changed.")
            % {"status": application.get_status_display()},
            code="decided",
        )


def _decide(application, by, status, *, reason: str) -> None:
    application.status = status
    application.decision_reason = reason
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(
        update_fields=["status", "decision_reason", "decided_by", "decided_at", "updated_at"]
    )
