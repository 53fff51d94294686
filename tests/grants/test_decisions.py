"""Approving and rejecting: amounts within the round's budget, reasons, e-mails."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grants import selectors, services
from grants.models import Award, GrantApplication
from ngo_portal.models import Notification

from .factories import GrantApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(application, member):
    services.application_submit(application=application, by=member)
    return application


def test_approve_creates_the_award_and_emails(submitted, officer, member):
    award = services.application_approve(application=submitted, by=officer, amount=Decimal("20000"))
    submitted.refresh_from_db()
    assert submitted.status == GrantApplication.Status.APPROVED
    assert award.amount == Decimal("20000") and award.round_id == submitted.round_id
    assert Notification.objects.filter(
        kind="grant_application_approved", email=member.email
    ).exists()


def test_reject_needs_a_reason_and_emails_it(submitted, officer, member):
    with pytest.raises(ValidationError):
        services.application_reject(application=submitted, by=officer, reason=" ")
    services.application_reject(application=submitted, by=officer, reason="Out of scope.")
    submitted.refresh_from_db()
    assert submitted.status == GrantApplication.Status.REJECTED
    assert submitted.decision_reason == "Out of scope."
    assert Notification.objects.filter(kind="grant_application_rejected").count() == 1


def test_an_approval_beyond_the_remaining_budget_is_refused(funding_round, officer):
    first, second = (
        GrantApplicationFactory(round=funding_round, status=GrantApplication.Status.SUBMITTED)
        for _ in range(2)
    )
    services.application_approve(application=first, by=officer, amount=Decimal("60000"))
    with pytest.raises(ValidationError) as caught:
        services.application_approve(application=second, by=officer, amount=Decimal("40000.01"))
    assert "¥40,000.00" in str(caught.value)
    services.application_approve(application=second, by=officer, amount=Decimal("40000"))
    assert selectors.round_committed_total(funding_round) == funding_round.budget


def test_an_approval_above_the_maximum_award_is_refused(submitted, officer):
    with pytest.raises(ValidationError):
        services.application_approve(application=submitted, by=officer, amount=Decimal("60001"))
    assert not Award.objects.exists()


def test_a_decided_application_cannot_be_decided_again(submitted, officer):
    services.application_approve(application=submitted, by=officer, amount=Decimal("10000"))
    with pytest.raises(PermissionDenied):
        services.application_reject(application=submitted, by=officer, reason="No.")


def test_staff_of_another_center_cannot_decide(submitted, staff):
    with pytest.raises(PermissionDenied):
        services.application_approve(application=submitted, by=staff, amount=Decimal("10000"))
