"""Approving and rejecting: amounts within the round's budget, reasons, e-mails."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

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
    with pytest.raises(ValidationError) as caught:
        services.application_reject(application=submitted, by=officer, reason="No.")
    assert caught.value.code == "decided"
    with pytest.raises(ValidationError):
        services.application_approve(application=submitted, by=officer, amount=Decimal("10000"))
    assert Award.objects.count() == 1


def test_an_approval_below_the_minimum_award_is_refused(submitted, officer):
    with pytest.raises(ValidationError) as caught:
        services.application_approve(application=submitted, by=officer, amount=Decimal("9999.99"))
    assert "at least ¥10,000.00" in str(caught.value)
    assert not Award.objects.exists()


def test_a_double_click_on_approve_shows_the_application_not_an_error(client, submitted, officer):
    client.force_login(officer)
    url = reverse("grants:application_approve", args=[submitted.pk])
    data = {"amount": "20000", "agreement_date": "2027-01-05"}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert second.status_code == 200
    assert "no longer under review (approved)" in second.content.decode()
    rejected = client.post(
        reverse("grants:application_reject", args=[submitted.pk]), {"reason": "No."}, follow=True
    )
    assert rejected.status_code == 200
    assert Award.objects.count() == 1
    submitted.refresh_from_db()
    assert submitted.status == GrantApplication.Status.APPROVED


def test_an_approval_form_below_the_minimum_shows_the_reason(client, submitted, officer):
    client.force_login(officer)
    url = reverse("grants:application_approve", args=[submitted.pk])
    response = client.post(url, {"amount": "１００", "agreement_date": "2027-01-05"})
    assert response.status_code == 200
    assert "This round awards at least ¥10,000.00." in response.content.decode()
    assert not Award.objects.exists()


def test_staff_of_another_center_cannot_decide(submitted, staff):
    with pytest.raises(PermissionDenied):
        services.application_approve(application=submitted, by=staff, amount=Decimal("10000"))


def test_the_staff_forms_label_their_fields_with_a_capital(client, submitted, officer):
    client.force_login(officer)
    page = client.get(reverse("grants:application_detail", args=[submitted.pk])).content.decode()
    for label in ("Amount awarded (CNY)", "Agreement date", "Reason for the decision"):
        assert f">{label}:</label>" in page


def test_a_second_question_sent_meanwhile_is_explained(client, submitted, officer):
    client.force_login(officer)
    url = reverse("grants:information_request", args=[submitted.pk])
    assert client.post(url, {"question": "Who cooks?"}).status_code == 302
    again = client.post(url, {"question": "Who cooks?"}, follow=True)
    assert "Only a submitted application can be asked for more information." in (
        again.content.decode()
    )
    assert submitted.information_requests.count() == 1
