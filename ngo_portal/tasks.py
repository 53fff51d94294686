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


@shared_task(**RETRY_POLICY)
def monthly_center_reports_task() -> int:
    """Beat runs it on the 1st of each month (migration 0011_report_email_schedules): last
    month's report of every center, e-mailed to its managers once however often it runs."""
    from .center_reports import monthly_center_reports

    return len(monthly_center_reports())


@shared_task(**RETRY_POLICY)
def weekly_digests_task() -> int:
    """Beat runs it on Mondays (migration 0011_report_email_schedules): each organization's
    members get the deadlines of the next two weeks, once per day however often it runs."""
    from .center_reports import weekly_digests

    return weekly_digests()


@shared_task(**RETRY_POLICY)
def dashboard_warm_task() -> int:
    """Beat runs it every ten minutes (migration 0012_dashboard_warm_schedule): the dashboard's
    and impact pages' most asked-for figures are rebuilt ahead of their visitors."""
    from .dashboard import dashboard_warm

    return dashboard_warm()
