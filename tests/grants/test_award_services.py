"""Tranches within the award; grantee reports submitted, sent back, accepted; the award closes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.models import Award, GrantReport
from tests.organizations.factories import OrganizationMembershipFactory

from .factories import AwardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(center):
    return AwardFactory(application__round__fund__center=center, amount=Decimal("20000"))


@pytest.fixture
def grantee(award):
    return OrganizationMembershipFactory(organization=award.application.organization).user


def test_tranches_stay_within_the_award(award, officer):
    services.disbursement_plan(
        award=award, by=officer, amount=Decimal("15000"), planned_on=award.agreement_date
    )
    with pytest.raises(ValidationError):
        services.disbursement_plan(
            award=award, by=officer, amount=Decimal("5000.01"), planned_on=award.agreement_date
        )
    tranche = services.disbursement_plan(
        award=award, by=officer, amount=Decimal("5000"), planned_on=award.agreement_date
    )
    services.disbursement_mark_paid(disbursement=tranche, by=officer, paid_on=award.agreement_date)
    tranche.refresh_from_db()
    assert tranche.is_paid


def test_reports_sent_back_then_accepted_close_the_award(award, officer, grantee):
    interim = services.grant_report_require(
        award=award, by=officer, kind="interim", due_on=award.agreement_date
    )
    final = services.grant_report_require(
        award=award, by=officer, kind="final", due_on=award.agreement_date
    )
    line = award.application.budget_lines.get()
    for report in (interim, final):
        services.grant_report_submit(
            report=report,
            by=grantee,
            narrative="We ran the meals.",
            beneficiaries_reached=60,
            spending={line.pk: Decimal("9000")},
        )
    services.grant_report_send_back(report=interim, by=officer, comment="Add photos.")
    interim.refresh_from_db()
    assert interim.status == GrantReport.Status.SENT_BACK
    services.grant_report_submit(
        report=interim,
        by=grantee,
        narrative="With photos.",
        beneficiaries_reached=61,
        spending={line.pk: Decimal("9500")},
    )
    services.grant_report_accept(report=interim, by=officer)
    award.refresh_from_db()
    assert award.status == Award.Status.ACTIVE
    services.grant_report_accept(report=final, by=officer)
    award.refresh_from_db()
    assert award.status == Award.Status.CLOSED
    assert interim.spending.get().amount == Decimal("9500")


@pytest.fixture
def submitted_report(award, officer, grantee):
    report = services.grant_report_require(
        award=award, by=officer, kind="final", due_on=award.agreement_date
    )
    line = award.application.budget_lines.get()
    return services.grant_report_submit(
        report=report,
        by=grantee,
        narrative="We ran the meals.",
        beneficiaries_reached=60,
        spending={line.pk: Decimal("9000")},
    )


def test_a_double_click_on_accept_shows_the_report_not_an_error(client, submitted_report, officer):
    client.force_login(officer)
    url = reverse("grants:grant_report_accept", args=[submitted_report.pk])
    assert client.post(url).status_code == 302
    again = client.post(url, follow=True)
    assert again.status_code == 200
    assert "no longer waiting for review (accepted)" in again.content.decode()
    back = client.post(
        reverse("grants:grant_report_send_back", args=[submitted_report.pk]),
        {"comment": "More photos."},
        follow=True,
    )
    assert back.status_code == 200
    submitted_report.refresh_from_db()
    assert submitted_report.status == GrantReport.Status.ACCEPTED


def test_a_paid_tranche_keeps_its_date_of_payment(client, award, officer):
    tranche = services.disbursement_plan(
        award=award, by=officer, amount=Decimal("5000"), planned_on=award.agreement_date
    )
    client.force_login(officer)
    url = reverse("grants:disbursement_paid", args=[tranche.pk])
    client.post(url, {"paid_on": "2026-02-01"})
    page = client.post(url, {"paid_on": "2026-03-09"}, follow=True).content.decode()
    tranche.refresh_from_db()
    assert tranche.paid_on == datetime.date(2026, 2, 1)
    assert "already recorded as paid on 2026-02-01" in page


def test_a_report_cannot_be_due_before_the_agreement(client, award, officer):
    client.force_login(officer)
    response = client.post(
        reverse("grants:grant_report_require", args=[award.pk]),
        {"kind": "final", "due_on": "1999-01-01"},
    )
    assert response.status_code == 200
    assert "cannot be due before the agreement date" in response.content.decode()
    assert not award.reports.exists()


def test_a_double_click_on_require_asks_for_the_report_once(client, award, officer):
    client.force_login(officer)
    url = reverse("grants:grant_report_require", args=[award.pk])
    data = {"kind": "final", "due_on": (award.agreement_date + datetime.timedelta(days=90))}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 200
    assert "This report is already required for that date." in again.content.decode()
    assert award.reports.count() == 1


def test_a_payment_is_not_recorded_ahead_of_its_day(client, award, officer):
    tranche = services.disbursement_plan(
        award=award, by=officer, amount=Decimal("5000"), planned_on=award.agreement_date
    )
    client.force_login(officer)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    url = reverse("grants:disbursement_paid", args=[tranche.pk])
    page = client.post(url, {"paid_on": tomorrow.isoformat()}, follow=True).content.decode()
    assert "cannot be recorded before it is made" in page
    tranche.refresh_from_db()
    assert tranche.paid_on is None
