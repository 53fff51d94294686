from celery import shared_task

from .services import notification_deliver


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
    acks_late=True,
)
def notification_send(notification_id: int) -> str:
    """Takes an ID, not an object: the row is read fresh wherever the worker runs.

    Network errors (SMTP down) retry with bounded backoff; the row records each failure.
    """
    return notification_deliver(notification_id=notification_id).status
