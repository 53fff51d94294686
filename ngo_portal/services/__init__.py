"""Writes owned by the portal core; import from here, not from the modules inside."""

from .notifications import (
    Attachment,
    notification_deliver,
    notification_language,
    notification_retry,
    notification_schedule,
    notification_schedule_welcome,
)
from .users import user_set_preferred_language

__all__ = [
    "Attachment",
    "notification_deliver",
    "notification_language",
    "notification_retry",
    "notification_schedule",
    "notification_schedule_welcome",
    "user_set_preferred_language",
]
