"""The outbox end to end: a committed row, a real Celery worker, a real SMTP server."""

import time

import pytest

from ngo_portal.models import Notification
from ngo_portal.services import notification_schedule_welcome
from tests.ngo_portal.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

DELIVERY_TIMEOUT = 20


def test_worker_sends_the_welcome_mail_once(tasks_on_worker, mailbox):
    user = UserFactory()

    notification = notification_schedule_welcome(user=user)

    mails = mailbox.wait_for(user.email, timeout=DELIVERY_TIMEOUT)
    assert len(mails) == 1
    assert "Your e-mail address is confirmed" in mails[0].text
    # The worker commits the row just after the SMTP server accepted the mail.
    notification = _once_settled(notification)
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1

    again = notification_schedule_welcome(user=user)
    # The worker runs one task at a time in queue order: once a later user's mail is in, a
    # second mail to the first user, had one been queued, would already be in too.
    later_user = UserFactory()
    notification_schedule_welcome(user=later_user)
    assert len(mailbox.wait_for(later_user.email, timeout=DELIVERY_TIMEOUT)) == 1

    assert again.pk == notification.pk
    assert len(mailbox.to(user.email)) == 1
    assert Notification.objects.get(pk=notification.pk).attempts == 1


def test_healthz_reports_every_component_up(tasks_on_worker, client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "up",
        "components": {"database": "up", "redis": "up", "celery": "up"},
    }


def _once_settled(notification, timeout=5):
    """The row re-read until the worker has recorded an outcome (or `timeout` has passed)."""
    deadline = time.monotonic() + timeout
    notification.refresh_from_db()
    while notification.status == Notification.Status.PENDING and time.monotonic() < deadline:
        time.sleep(0.05)
        notification.refresh_from_db()
    return notification
