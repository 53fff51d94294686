"""Trainings on a real Celery worker and a real SMTP server: a registration's confirmation with
its .ics, and a certificate job whose PDF arrives as an attachment, each e-mail once."""

import time

import pytest
from icalendar import Calendar

from ngo_portal.models import Report
from tests.organizations.factories import OrganizationMembershipFactory
from tests.trainings.factories import TrainingSessionFactory, attend_every_day
from trainings import services

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

DELIVERY_TIMEOUT = 30


def test_confirmation_and_certificate_reach_the_participant_once(
    tasks_on_worker, mailbox, center_user
):
    officer = center_user("officer")
    session = TrainingSessionFactory(center=officer.center_memberships.get().center)
    membership = OrganizationMembershipFactory()
    (registration,) = services.registrations_create(
        session=session,
        organization=membership.organization,
        participants=[
            services.Participant(name="马玉生", email="ma.yusheng@example.org", language="zh-hans")
        ],
        by=membership.user,
    )

    (confirmation,) = mailbox.wait_for("ma.yusheng@example.org", timeout=DELIVERY_TIMEOUT)
    ics = next(
        part
        for part in confirmation.message.iter_attachments()
        if part.get_content_type() == "text/calendar"
    )
    event = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_on

    attend_every_day(registration)
    (report,) = services.certificates_request(session=session, by=officer, language="en")
    deadline = time.monotonic() + DELIVERY_TIMEOUT
    while (
        time.monotonic() < deadline
        and Report.objects.get(pk=report.pk).status not in Report.FINISHED
    ):
        time.sleep(0.1)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error

    mails = mailbox.wait_for("ma.yusheng@example.org", timeout=DELIVERY_TIMEOUT)
    deadline = time.monotonic() + DELIVERY_TIMEOUT
    while len(mails) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        mails = mailbox.to("ma.yusheng@example.org")
    certificate_mail = mails[1]
    pdf = next(
        p
        for p in certificate_mail.message.iter_attachments()
        if p.get_content_type() == "application/pdf"
    )
    assert pdf.get_content().startswith(b"%PDF-")
    time.sleep(1)  # a duplicate would have arrived by now
    assert len(mailbox.to("ma.yusheng@example.org")) == 2
