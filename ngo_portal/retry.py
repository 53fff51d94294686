"""The one retry policy of the portal's Celery tasks.

Bounded: at most 5 retries, backoff 30 s doubling to 10 minutes with jitter; the last wait stays
well below the broker's visibility timeout (CELERY_BROKER_TRANSPORT_OPTIONS, 3600 s), so Redis
never hands a waiting task to a second worker. acks_late: a worker that dies mid-task leaves the
message for another, which is why every task is idempotent (it takes IDs and checks the row's
state first).

Use: `@shared_task(**RETRY_POLICY)`, or `@shared_task(**retry_policy(SomeError))` when a task has
its own transient errors besides OSError (SMTP and network failures are OSErrors).
"""

MAX_RETRIES = 5
BACKOFF_SECONDS = 30
BACKOFF_MAX_SECONDS = 600


def retry_policy(*errors: type[BaseException]) -> dict:
    return {
        "autoretry_for": (OSError, *errors),
        "retry_backoff": BACKOFF_SECONDS,
        "retry_backoff_max": BACKOFF_MAX_SECONDS,
        "retry_jitter": True,
        "max_retries": MAX_RETRIES,
        "acks_late": True,
    }


RETRY_POLICY = retry_policy()
