"""The incubation app's Celery tasks: they take IDs (or nothing) and call one service."""

from celery import shared_task

from ngo_portal.retry import RETRY_POLICY


@shared_task(**RETRY_POLICY)
def milestone_reminders_task() -> dict:
    """Beat runs it daily at 08:00 Asia/Shanghai (migration 0004_milestone_reminder_schedule);
    the outbox's unique key makes a second run the same day send nothing new."""
    from .services import milestone_reminders_send

    return milestone_reminders_send()
