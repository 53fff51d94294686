from django.utils import timezone

from ngo_portal.services.notifications import notification_schedule


def notify(*, kind: str, email: str, user=None, obj, due_date=None, language=None):
    """One outbox message, due today unless told (the outbox's unique key makes a repeat
    harmless)."""
    return notification_schedule(
        kind=kind,
        email=email,
        user=user,
        language=language,
        obj=obj,
        due_date=due_date or timezone.localdate(),
    )
