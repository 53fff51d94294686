"""Tests: the real PostgreSQL and Redis; Celery eager unless a test starts a real worker."""

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, env

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
CACHES["default"]["KEY_PREFIX"] = "ngo_portal_test"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default=BASE_DIR / "var" / "test_media")
ACCOUNT_RATE_LIMITS = False
HEALTH_CHECK_TIMEOUT = 0.5
# Serve static files straight from the finders: tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
