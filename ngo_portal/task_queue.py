"""How services queue Celery tasks: by name, after the transaction commits.

One direction for imports in every app: a task module imports its services (inside the task
function, so that loading tasks never loads the whole app), and services never import tasks.
A service names the task instead:

    enqueue("ngo_portal.tasks.notification_send", notification.pk)

The task runs only once the surrounding transaction has committed (it reads the rows the service
wrote), and not at all if the transaction rolls back. Tasks take IDs, are idempotent and retry
with `ngo_portal.retry.RETRY_POLICY`.
"""

from functools import partial

from celery import current_app
from django.db import transaction


def enqueue(task_name: str, *args) -> None:
    """Queue `task_name` with `args` (IDs) when the current transaction commits."""
    transaction.on_commit(partial(_send, task_name, args))


def _send(task_name: str, args: tuple) -> None:
    # The task modules are imported on first use: a web process has not loaded them yet, and
    # only a registered task honours task_always_eager (tests) instead of going to the broker.
    app = current_app._get_current_object()
    if task_name not in app.tasks:
        app.loader.import_default_modules()
    app.tasks[task_name].apply_async(args)
