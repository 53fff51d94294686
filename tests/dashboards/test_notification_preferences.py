"""E-mail settings: optional kinds can be turned off (settings page or one-click unsubscribe, no
login), required ones still go; every e-mail links to the settings; the outbox checks when it
sends."""

import datetime

import pytest
from django.core import mail

from ngo_portal.models import Notification, NotificationOptOut
from ngo_portal.notification_kinds import register_notification_kind
from ngo_portal.services import notification_schedule
from tests.ngo_portal.factories import UserFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 1)
register_notification_kind(
    "test_optional_reminder", label="a reminder", template="email/welcome", optional=True
)


def _send(user, kind, django_capture_on_commit_callbacks, due=DUE):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_schedule(
            kind=kind, email=user.email, user=user, obj=user, due_date=due
        )
    notification.refresh_from_db()
    return notification


def test_an_optional_e_mail_has_one_click_unsubscribe_and_the_settings_link(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="li.na@example.org")
    _send(user, "test_optional_reminder", django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/notifications/settings/" in message.body
    assert "/notifications/settings/" in message.alternatives[0][0]

    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # a page with a button: nothing changes
    assert not NotificationOptOut.objects.exists()
    response = client.post("/" + path, {"List-Unsubscribe": "One-Click"})  # no login, no CSRF
    assert response.status_code == 200
    assert NotificationOptOut.objects.filter(
        email="li.na@example.org", kind="test_optional_reminder"
    ).exists()

    later = _send(
        user, "test_optional_reminder", django_capture_on_commit_callbacks, DUE.replace(day=2)
    )
    assert later.status == Notification.Status.CANCELLED
    assert len(mail.outbox) == 1


def test_a_required_e_mail_has_no_unsubscribe_header_and_is_sent_anyway(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()
    NotificationOptOut.objects.create(email=user.email, kind="welcome")

    notification = _send(user, "welcome", django_capture_on_commit_callbacks)

    assert notification.status == Notification.Status.SENT
    (message,) = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/notifications/settings/" in message.body


def test_the_opt_out_is_read_when_the_message_is_sent(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notification_schedule(
            kind="test_optional_reminder", email=user.email, user=user, obj=user, due_date=DUE
        )
    NotificationOptOut.objects.create(email=user.email, kind="test_optional_reminder")
    for callback in callbacks:
        callback()

    notification.refresh_from_db()
    assert notification.status == Notification.Status.CANCELLED
    assert mail.outbox == []


def test_the_settings_page_turns_kinds_off_and_on_and_sets_the_language(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)

    page = client.get("/notifications/settings/")
    assert page.status_code == 200
    assert 'value="test_optional_reminder"' in page.content.decode()
    assert 'value="welcome"' not in page.content.decode()  # required: not offered

    client.post("/notifications/settings/", {"language": "zh-hans", "receive": []})
    user.refresh_from_db()
    assert user.preferred_language == "zh-hans"
    assert NotificationOptOut.objects.filter(
        email=user.email, kind="test_optional_reminder"
    ).exists()

    client.post(
        "/notifications/settings/", {"language": "en", "receive": ["test_optional_reminder"]}
    )
    turned_off = set(
        NotificationOptOut.objects.filter(email=user.email).values_list("kind", flat=True)
    )
    assert "test_optional_reminder" not in turned_off
    assert "grant_report_due_soon" in turned_off  # not ticked: off


def test_a_forged_unsubscribe_token_is_not_found(client):
    assert client.post("/notifications/unsubscribe/not-a-token/").status_code == 404


def test_the_settings_page_needs_a_login(client):
    assert client.get("/notifications/settings/").status_code == 302


def test_a_password_reset_e_mail_links_to_the_settings_and_has_no_unsubscribe(client):
    UserFactory(email="zhao.lei@example.org")

    client.post("/accounts/password/reset/", {"email": "zhao.lei@example.org"})

    (message,) = mail.outbox
    assert "/notifications/settings/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers
