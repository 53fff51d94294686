"""The core's Celery tasks. Each takes IDs and imports its service inside the function: tasks
depend on services, never the reverse (services queue tasks by name, see task_queue.py)."""

from celery import shared_task

from .retry import RETRY_POLICY


@shared_task(bind=True, **RETRY_POLICY)
def notification_send(self, notification_id: int) -> str:
    """Send one outbox message. SMTP and network errors (OSErrors) retry with the shared bounded
    backoff; the row counts the attempts, and the last one marks it failed with its error."""
    from .services.notifications import notification_deliver

    final_attempt = self.request.retries >= self.max_retries
    notification = notification_deliver(
        notification_id=notification_id, final_attempt=final_attempt
    )
    return notification.status if notification is not None else "missing"
