"""The notification outbox: one row per key, sent once to an address (with or without an account),
in the recipient's language, with its attachments; failures retried, then recorded."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from ngo_portal.models import Notification
from ngo_portal.notification_kinds import register_notification_kind
from ngo_portal.retry import MAX_RETRIES
from ngo_portal.services import (
    Attachment,
    notification_deliver,
    notification_retry,
    notification_schedule,
    notification_schedule_welcome,
)
from ngo_portal.tasks import notification_send

from .factories import CenterFactory, UserFactory
from .outbox import FAILING_BACKEND, LOCMEM_BACKEND, run_until_given_up

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 1)

# A kind of this test module's own, with templates beside the real ones (the welcome e-mail's):
# an e-mail about a center to an address that has no account.
register_notification_kind("test_center_notice", label="test", template="email/welcome")


def _schedule(user, due_date=DUE):
    return notification_schedule(
        kind="welcome", email=user.email, user=user, obj=user, due_date=due_date
    )


def test_scheduling_twice_makes_one_row_and_one_e_mail(django_capture_on_commit_callbacks):
    user = UserFactory(email="he.ping@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        first = _schedule(user)
    with django_capture_on_commit_callbacks(execute=True):
        second = _schedule(user)

    assert first.pk == second.pk
    assert Notification.objects.filter(user=user).count() == 1
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
    assert Notification.objects.get(user=user).attempts == 1
    assert len(mail.outbox) == 1


def test_a_different_due_date_is_a_different_notification(django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        _schedule(user)
        _schedule(user, due_date=DUE + datetime.timedelta(days=1))

    assert Notification.objects.filter(user=user).count() == 2
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

    result = notification_deliver(notification_id=notification.pk, final_attempt=False)

    assert result.status == Notification.Status.SENT
    assert result.attempts == 1
    assert mail.outbox == []


def test_an_unknown_kind_is_refused_when_scheduled():
    user = UserFactory()

    with pytest.raises(LookupError, match="no_such_kind"):
        notification_schedule(kind="no_such_kind", email=user.email, obj=user, due_date=DUE)

    assert not Notification.objects.exists()


# --- people without an account -----------------------------------------------------------------


def test_an_address_without_an_account_gets_one_e_mail_in_the_language_asked(
    django_capture_on_commit_callbacks,
):
    center = CenterFactory()

    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notification = notification_schedule(
                kind="test_center_notice",
                email=" Trainee.Wang@Example.org ",
                language="zh-hans",
                obj=center,
                due_date=DUE,
            )

    (message,) = mail.outbox
    assert message.to == ["trainee.wang@example.org"]
    assert message.subject == "[NGO 门户] 欢迎使用 NGO 门户"
    assert "/zh-hans/accounts/login/" in message.body
    notification.refresh_from_db()
    assert (notification.user, notification.status, notification.attempts) == (
        None,
        Notification.Status.SENT,
        1,
    )


def test_the_users_own_language_wins_over_the_language_asked(django_capture_on_commit_callbacks):
    user = UserFactory(preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        notification_schedule(
            kind="welcome", email=user.email, user=user, language="zh-hans", obj=user, due_date=DUE
        )

    (message,) = mail.outbox
    assert "/accounts/login/" in message.body
    assert "/zh-hans/" not in message.body


def test_without_user_or_language_the_portal_language_is_used(
    django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "zh-hans"

    with django_capture_on_commit_callbacks(execute=True):
        notification_schedule(
            kind="test_center_notice", email="x@example.org", obj=CenterFactory(), due_date=DUE
        )

    assert "/zh-hans/accounts/login/" in mail.outbox[0].body


def test_an_attachment_is_read_from_storage_when_sent(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    calendar = "BEGIN:VCALENDAR\r\nSUMMARY:西宁区域培训\r\nEND:VCALENDAR\r\n".encode()
    stored = default_storage.save("calendars/training.ics", ContentFile(calendar))

    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_schedule(
            kind="test_center_notice",
            email="trainee@example.org",
            obj=CenterFactory(),
            due_date=DUE,
            attachments=[Attachment(storage_name=stored, file_name="培训.ics")],
        )

    assert notification.attachments == [
        {"storage_name": stored, "file_name": "培训.ics", "mime_type": "text/calendar"}
    ]
    (message,) = mail.outbox
    (attachment,) = message.attachments
    assert attachment.filename == "培训.ics"
    assert attachment.mimetype == "text/calendar"
    content = attachment.content  # text types come back decoded
    assert (content.encode() if isinstance(content, str) else content) == calendar


def test_an_attachment_missing_from_storage_is_refused_when_scheduled(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    with pytest.raises(FileNotFoundError):
        notification_schedule(
            kind="test_center_notice",
            email="trainee@example.org",
            obj=CenterFactory(),
            due_date=DUE,
            attachments=[{"storage_name": "nowhere/report.pdf", "file_name": "report.pdf"}],
        )

    assert not Notification.objects.exists()


# --- failures ----------------------------------------------------------------------------------


def test_a_failure_while_retries_remain_stays_pending_then_a_retry_sends_it(settings):
    user = UserFactory(email="failing@example.org")
    notification = _schedule(user)  # the on-commit send never runs inside the test transaction
    settings.EMAIL_BACKEND = FAILING_BACKEND

    with pytest.raises(OSError, match="Connection refused"):
        notification_deliver(notification_id=notification.pk, final_attempt=False)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert "Connection refused" in notification.last_error
    assert notification.attempts == 1
    assert notification.sent_at is None

    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    notification_deliver(notification_id=notification.pk, final_attempt=False)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.last_error == ""
    assert notification.attempts == 2
    assert [message.to for message in mail.outbox] == [["failing@example.org"]]


def test_the_task_gives_up_after_its_retries_and_records_the_failure(settings):
    notification = _schedule(UserFactory())
    settings.EMAIL_BACKEND = FAILING_BACKEND

    run_until_given_up(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == MAX_RETRIES + 1
    assert notification.last_error == "OSError: Connection refused by mail.example.org:25"

    # A duplicate of the task finds the row failed and leaves it so; only "send again" re-queues.
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    notification_send.apply(args=[notification.pk])
    assert mail.outbox == []


def test_sending_a_failed_message_again_sends_it_once(settings, django_capture_on_commit_callbacks):
    notification = _schedule(UserFactory())
    settings.EMAIL_BACKEND = FAILING_BACKEND
    run_until_given_up(notification.pk)
    settings.EMAIL_BACKEND = LOCMEM_BACKEND

    with django_capture_on_commit_callbacks(execute=True):
        notification_retry(notification=notification)
    with django_capture_on_commit_callbacks(execute=True):
        notification_retry(notification=notification)  # already sent: nothing to do

    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == MAX_RETRIES + 2
    assert len(mail.outbox) == 1


def test_an_error_that_is_not_retried_fails_at_once(settings):
    notification = notification_schedule(
        kind="test_center_notice", email="x@example.org", obj=CenterFactory(), due_date=DUE
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False, "OPTIONS": {}}
    ]  # no template can be found: a programming error, not a network one

    with pytest.raises(Exception, match="email/welcome"):
        notification_send.apply(args=[notification.pk])

    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Notification.Status.FAILED, 1)


def test_a_message_about_a_deleted_object_is_cancelled(django_capture_on_commit_callbacks):
    center = CenterFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notification_schedule(
            kind="test_center_notice", email="x@example.org", obj=center, due_date=DUE
        )
    center.delete()

    for callback in callbacks:
        callback()

    notification.refresh_from_db()
    assert notification.status == Notification.Status.CANCELLED
    assert mail.outbox == []


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


def test_staff_send_failed_e_mails_again_from_the_admin(
    client, settings, django_capture_on_commit_callbacks
):
    failed = _schedule(UserFactory(email="failed@example.org"))
    settings.EMAIL_BACKEND = FAILING_BACKEND
    run_until_given_up(failed.pk)
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    sent = _schedule(UserFactory(), due_date=DUE)
    Notification.objects.filter(pk=sent.pk).update(status=Notification.Status.SENT)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:ngo_portal_notification_changelist"),
            {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )

    assert "1 failed e-mail is being sent again." in response.text
    assert [message.to for message in mail.outbox] == [["failed@example.org"]]
    failed.refresh_from_db()
    assert failed.status == Notification.Status.SENT
