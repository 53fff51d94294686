from celery import shared_task

from .retry import RETRY_POLICY
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


@shared_task(**RETRY_POLICY)
def report_run_task(report_id: int) -> str:
    """Run one job by its ID, wherever the worker is: the row holds everything it needs.

    The service records a failure of the job itself on the row and returns, so that failure is
    not retried (staff retry it from its page); only errors around it (the database or storage
    unreachable) retry, with the bounded backoff of RETRY_POLICY. A second delivery of the same
    message finds the job claimed or finished and does nothing.
    """
    from .jobs.services import report_run

    return report_run(report_id=report_id).status


@shared_task(**RETRY_POLICY)
def reports_expire_task() -> dict:
    """Beat runs it daily (migration 0005_report_expiry_schedule): expired files go."""
    from .jobs.services import reports_expire

    return vars(reports_expire())
