"""The outbox against a real SMTP server that is down, then up: the message fails after its
retries, shows as failed in the admin, and the admin's retry action sends it once."""

import contextlib
import socket

import pytest
from celery.exceptions import Retry

from ngo_portal.models import Notification
from ngo_portal.retry import MAX_RETRIES
from ngo_portal.services import notification_schedule_welcome
from ngo_portal.tasks import notification_send
from tests.ngo_portal.factories import UserFactory
from tests.smtp import LoopbackSMTPServer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once closed: nothing listens there


def test_a_message_failed_on_a_down_smtp_server_is_retried_from_the_admin(
    settings, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    user = UserFactory(email="wu.min@example.org")

    with django_capture_on_commit_callbacks(execute=False):
        notification = notification_schedule_welcome(user=user)
    for retries in range(MAX_RETRIES + 1):
        # retried while retries remain, then the error itself
        with contextlib.suppress(OSError, Retry):
            notification_send.apply(args=[notification.pk], retries=retries, throw=True)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "Connection refused" in notification.last_error or "Errno" in notification.last_error

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get("/admin/ngo_portal/notification/", {"status__exact": "failed"})
    assert "wu.min@example.org" in listing.content.decode()

    server = LoopbackSMTPServer()
    server.start()
    try:
        settings.EMAIL_PORT = server.port
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/admin/ngo_portal/notification/",
                {"action": "send_again", "_selected_action": [notification.pk]},
            )
        received = server.mailbox.wait_for("wu.min@example.org", timeout=10)
    finally:
        server.stop()

    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert len(received) == 1
