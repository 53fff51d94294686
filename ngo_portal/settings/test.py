"""Tests: the real PostgreSQL and Redis; Celery eager unless a test starts a real worker.

Several runs, and the processes of one `pytest -n auto` run, share one Redis: each keeps to keys
of its own (the run id and the xdist worker name in every cache and broker key), so a test
deletes what it wrote and nothing else. pytest-django gives each xdist worker its own database
(TEST NAME + "_gw0", ...).
"""

import os
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, CELERY_BROKER_TRANSPORT_OPTIONS, env

# xdist names the run and each worker; a plain run makes its own id, which the processes it
# starts (the integration tests' Celery worker) inherit through the environment, as they do the
# worker name, so they read and write the same keys.
TEST_RUN_ID = os.environ.setdefault(
    "TEST_RUN_ID", os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
)[:12]
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
TEST_KEY_PREFIX = (
    f"{env('CACHE_KEY_PREFIX', default='ngo_portal_test')}:{TEST_RUN_ID}:{TEST_WORKER}"
)

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail stays in memory (mail.outbox) unless TEST_EMAIL_URL names a real server: the integration
# tests set it for the Celery worker they start beside an SMTP server on loopback.
if env("TEST_EMAIL_URL", default=""):
    vars().update(env.email("TEST_EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# A database of its own in Redis, so tests never touch development sessions or the broker.
CACHES["default"]["LOCATION"] = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")
CACHES["default"]["KEY_PREFIX"] = TEST_KEY_PREFIX
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "global_keyprefix": f"{TEST_KEY_PREFIX}:",
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = (
    Path(env("TEST_MEDIA_ROOT", default=str(BASE_DIR / "var" / "test_media"))) / TEST_WORKER
)
ACCOUNT_RATE_LIMITS = False
HEALTH_CHECK_TIMEOUT = 0.5
# Serve static files straight from the finders: tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Dashboard figures are computed on every request: each test builds its own data.
DASHBOARD_CACHE_SECONDS = 0
