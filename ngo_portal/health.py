"""Readiness of the three parts the portal needs: PostgreSQL, Redis and a live Celery worker."""

import redis
from django.conf import settings
from django.db import connection

from .celery import app as celery_app


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def check_redis() -> bool:
    timeout = settings.HEALTH_CHECK_TIMEOUT
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        return bool(client.ping())
    except redis.RedisError:
        return False


def check_celery() -> bool:
    """A worker must answer a broadcast ping; `limit=1` returns as soon as one does.

    The connection checks that the configured broker is reachable (and carries the replies);
    Celery publishes the ping through the app's own producer pool, i.e. the same broker in
    every environment where CELERY_BROKER_URL is set before the app starts.
    """
    try:
        with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=settings.HEALTH_CHECK_TIMEOUT)
            replies = celery_app.control.broadcast(
                "ping",
                reply=True,
                limit=1,
                timeout=settings.HEALTH_CHECK_TIMEOUT,
                connection=conn,
            )
        return bool(replies)
    except Exception:
        return False


def check_all() -> dict[str, str]:
    checks = {"database": check_database, "redis": check_redis, "celery": check_celery}
    return {name: "up" if check() else "down" for name, check in checks.items()}


def health_report() -> tuple[bool, dict]:
    """(healthy, the JSON body of /healthz and `manage.py healthcheck`)."""
    components = check_all()
    healthy = all(state == "up" for state in components.values())
    return healthy, {"status": "up" if healthy else "down", "components": components}
