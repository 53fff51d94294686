"""The notification outbox: one row per key, sent once, failures recorded and retried."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from ngo_portal.models import Notification
from ngo_portal.services import (
    notification_deliver,
    notification_schedule,
    notification_schedule_welcome,
)

from .factories import UserFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 1)
FAILING_BACKEND = f"{__name__}.RefusingSMTPBackend"


class RefusingSMTPBackend(BaseEmailBackend):
    """Stands in for an SMTP server that cannot be reached."""

    def send_messages(self, email_messages):
        raise OSError("Connection refused by mail.example.org:25")


def _schedule(user, due_date=DUE):
    return notification_schedule(
        kind=Notification.Kind.WELCOME, recipient=user, obj=user, due_date=due_date
    )


def test_scheduling_twice_makes_one_row_and_one_e_mail(django_capture_on_commit_callbacks):
    user = UserFactory(email="he.ping@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        first = _schedule(user)
    with django_capture_on_commit_callbacks(execute=True):
        second = _schedule(user)

    assert first.pk == second.pk
    assert Notification.objects.filter(recipient=user).count() == 1
    first.refresh_from_db()
    assert first.status == Notification.Status.SENT
    assert first.attempts == 1
    assert first.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["he.ping@example.org"]
    assert mail.outbox[0].subject.startswith("[NGO Portal] ")


def test_two_schedules_in_one_transaction_still_send_once(django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _schedule(user)
        _schedule(user)

    assert len(callbacks) == 2  # both queued a send; the row lock and status stop the second
    assert Notification.objects.get(recipient=user).attempts == 1
    assert len(mail.outbox) == 1


def test_a_different_due_date_is_a_different_notification(django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        _schedule(user)
        _schedule(user, due_date=DUE + datetime.timedelta(days=1))

    assert Notification.objects.filter(recipient=user).count() == 2
    assert len(mail.outbox) == 2


def test_nothing_is_sent_before_the_transaction_commits(django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = _schedule(user)

    assert len(callbacks) == 1
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING


def test_delivering_a_sent_notification_sends_nothing(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = _schedule(user)
    mail.outbox.clear()

    result = notification_deliver(notification_id=notification.pk)

    assert result.status == Notification.Status.SENT
    assert result.attempts == 1
    assert mail.outbox == []


def test_a_failed_send_is_recorded_then_a_retry_sends_it(settings):
    user = UserFactory(email="failing@example.org")
    notification = _schedule(user)  # the on-commit send never runs inside the test transaction
    settings.EMAIL_BACKEND = FAILING_BACKEND

    with pytest.raises(OSError, match="Connection refused"):
        notification_deliver(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "Connection refused" in notification.last_error
    assert notification.attempts == 1
    assert notification.sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notification_deliver(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.last_error == ""
    assert notification.attempts == 2
    assert [message.to for message in mail.outbox] == [["failing@example.org"]]


def test_the_welcome_e_mail_is_rendered_in_the_recipients_language(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(preferred_language="zh-hans", full_name="马玉生")

    with django_capture_on_commit_callbacks(execute=True):
        notification_schedule_welcome(user=user)

    (message,) = mail.outbox
    assert "马玉生" in message.body
    assert "/zh-hans/accounts/login/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="zh-hans">' in html
