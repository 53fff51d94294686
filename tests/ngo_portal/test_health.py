"""/healthz and the `healthcheck` command report each component; any one down means 503 / exit 1.

No real service is stopped: a component is made unreachable by pointing its URL at a closed port.
The "everything up" case needs a live worker and lives with the integration tests.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def own_broker(settings):
    """The broker on this suite's own Redis database, where no worker listens."""
    url = settings.CACHES["default"]["LOCATION"]
    settings.REDIS_URL = url
    settings.CELERY_BROKER_URL = url
    return url


@override_settings(HEALTH_CHECK_TIMEOUT=0.3)
def test_healthz_without_a_worker_reports_celery_down(client, own_broker):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "down",
        "components": {"database": "up", "redis": "up", "celery": "down"},
    }
    assert "no-cache" in response["Cache-Control"]


@override_settings(
    HEALTH_CHECK_TIMEOUT=0.3, REDIS_URL=CLOSED_PORT_REDIS, CELERY_BROKER_URL=CLOSED_PORT_REDIS
)
def test_healthz_with_redis_unreachable_reports_redis_and_celery_down(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["components"] == {"database": "up", "redis": "down", "celery": "down"}


def test_healthz_answers_get_only(client):
    assert client.post("/healthz").status_code == 405


def _healthcheck(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "healthcheck"],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "ngo_portal.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_healthcheck_command_reports_database_down_and_exits_1():
    result = _healthcheck(DATABASE_URL="postgres://127.0.0.1:1/x")

    assert result.returncode == 1, result.stderr
    assert '"database": "down"' in result.stdout
    assert json.loads(result.stdout)["status"] == "down"


def test_healthcheck_command_prints_the_same_json_as_the_endpoint():
    result = _healthcheck(REDIS_URL=CLOSED_PORT_REDIS, CELERY_BROKER_URL=CLOSED_PORT_REDIS)

    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == {
        "status": "down",
        "components": {"database": "up", "redis": "down", "celery": "down"},
    }
