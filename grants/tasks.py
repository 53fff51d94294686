"""Celery tasks of grants: interfaces that call one service each."""

from celery import shared_task

from ngo_portal.retry import RETRY_POLICY


@shared_task(**RETRY_POLICY)
def grant_report_reminders_task() -> int:
    """Beat runs it daily at 08:00 Asia/Shanghai (migration 0002_report_reminder_schedule).
    Running twice the same day sends nothing twice: the outbox row is unique per reminder."""
    from .services import grant_report_reminders_send

    return grant_report_reminders_send()
