"""Helpers for tests of e-mail that cannot be delivered."""

import pytest
from celery.exceptions import Retry
from django.core.mail.backends.base import BaseEmailBackend

from ngo_portal.models import Notification
from ngo_portal.retry import MAX_RETRIES
from ngo_portal.tasks import notification_send

FAILING_BACKEND = f"{__name__}.RefusingSMTPBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class RefusingSMTPBackend(BaseEmailBackend):
    """Stands in for an SMTP server that cannot be reached."""

    def send_messages(self, email_messages):
        raise OSError("Connection refused by mail.example.org:25")


def run_until_given_up(notification_id: int, *, first_retry: int = 0) -> None:
    """Run the send task as the worker would: each try asks for a retry until the last one,
    which gives up with the error. Eager tasks stop at the first Retry, so each try is run here
    with its retry number; the row must stay pending, counting attempts, until the last."""
    for retries in range(first_retry, MAX_RETRIES):
        with pytest.raises(Retry):
            notification_send.apply(args=[notification_id], retries=retries)
        notification = Notification.objects.get(pk=notification_id)
        assert notification.status == Notification.Status.PENDING
        assert notification.attempts == retries + 1
    with pytest.raises(OSError, match="Connection refused"):
        notification_send.apply(args=[notification_id], retries=MAX_RETRIES)
