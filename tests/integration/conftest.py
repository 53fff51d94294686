"""Real parts for the integration tests: an SMTP server on loopback and a Celery worker process
that reads the test database, takes tasks from a Redis broker of its own and mails that server.

The broker is a Redis database no development worker consumes (never db 0); override it with
TEST_CELERY_BROKER_URL. Several runs and xdist workers may share it: each run's and worker's
broker keys carry its own prefix (settings/test.py), so each worker only sees its own tasks.
"""

import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection

from ngo_portal.celery import app as celery_app
from tests.conftest import delete_keys
from tests.smtp import LoopbackSMTPServer

BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/13")
WORKER_START_TIMEOUT = 30
WORKER_STOP_TIMEOUT = 10


@pytest.fixture(scope="module")
def smtp_server():
    server = LoopbackSMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server):
    """The SMTP server's mailbox, emptied for each test."""
    smtp_server.mailbox.clear()
    return smtp_server.mailbox


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, smtp_server):
    """A `celery worker` process on the test database, answering pings; stopped afterwards."""
    _empty_broker(BROKER_URL)
    nodename = f"integration-{os.getpid()}@localhost"
    with tempfile.NamedTemporaryFile("w+", prefix="celery-worker-", suffix=".log") as log:
        process = subprocess.Popen(
            _worker_command(nodename),
            cwd=django_settings.BASE_DIR,
            env=_worker_environment(smtp_server.url),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_answering(process, nodename, log)
            yield nodename
        finally:
            _stop(process)
            _empty_broker(BROKER_URL)


@pytest.fixture
def tasks_on_worker(settings, celery_worker):
    """This process queues tasks on the worker's broker instead of running them eagerly."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = BROKER_URL
    settings.REDIS_URL = BROKER_URL
    with celery_app_on_broker(BROKER_URL):
        yield celery_worker


@contextmanager
def celery_app_on_broker(broker_url):
    """Point the project's Celery app at `broker_url`, non-eager; restore it on exit."""
    overrides = {"broker_url": broker_url, "task_always_eager": False}
    changes = celery_app.conf.changes
    saved = {key: changes[key] for key in overrides if key in changes}
    celery_app.conf.update(overrides)
    _drop_broker_pools()
    try:
        yield
    finally:
        for key in overrides:
            changes.pop(key, None)
        changes.update(saved)
        _drop_broker_pools()


def _drop_broker_pools():
    """Celery keeps the connection and producer pools it made for the first broker URL it saw;
    without this reset, tasks and pings would still go to that broker. These are the resets
    Celery itself runs in a forked child."""
    celery_app._after_fork()
    celery_app.control._after_fork()


def _empty_broker(broker_url):
    """This run's and worker's broker keys only (queue, bindings, unacknowledged tasks): other
    runs and workers may be using the same database."""
    database = urlparse(broker_url).path.lstrip("/") or "0"
    if database == "0":
        pytest.fail("The integration broker must not be Redis db 0, where development runs.")
    prefix = django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"]
    delete_keys(redis.Redis.from_url(broker_url), prefix)


def _worker_command(nodename):
    celery = Path(sys.executable).with_name("celery")
    # Mingle, gossip and heartbeats only matter between several workers; without them the
    # worker is ready about a second sooner.
    return [
        str(celery),
        *("-A", "ngo_portal", "worker", "--pool", "solo", "--concurrency", "1", "-l", "info"),
        *("--hostname", nodename, "--without-mingle", "--without-gossip", "--without-heartbeat"),
    ]


def _worker_environment(email_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ngo_portal.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_BROKER_URL": BROKER_URL,
        "REDIS_URL": BROKER_URL,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "TEST_EMAIL_URL": email_url,
    }


def _database_url(settings_dict):
    """The test database this process uses (e.g. postgres:///test_ngo_portal over the socket)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if user else ""
    host = quote(settings_dict["HOST"] or "", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{credentials}{host}{port}/{quote(settings_dict['NAME'], safe='')}"


def _wait_until_answering(process, nodename, log):
    deadline = time.monotonic() + WORKER_START_TIMEOUT
    with (
        celery_app_on_broker(BROKER_URL),
        celery_app.connection_for_write(BROKER_URL) as broker,
    ):
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"The Celery worker exited ({process.returncode}):\n{_tail(log)}")
            if celery_app.control.ping(destination=[nodename], timeout=0.25, connection=broker):
                return
    pytest.fail(f"The Celery worker did not answer within {WORKER_START_TIMEOUT} s:\n{_tail(log)}")


def _stop(process):
    """A warm shutdown first (the current task finishes), a kill if it hangs."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=WORKER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(log, lines=40):
    log.flush()
    return "".join(Path(log.name).read_text().splitlines(keepends=True)[-lines:])
