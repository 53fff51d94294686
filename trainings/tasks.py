"""The trainings app's Celery tasks: each takes IDs (or nothing) and calls one service."""

from celery import shared_task

from ngo_portal.retry import RETRY_POLICY


@shared_task(**RETRY_POLICY)
def follow_up_reminders_task() -> dict:
    """Beat runs it daily (migration 0002_follow_up_reminder_schedule): sessions that ended are
    completed (evaluation e-mails, follow-up set) and follow-up reminders go out, each once."""
    from .services import follow_up_reminders_send

    return follow_up_reminders_send()
