"""Each settings module loads on its own, and production passes Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres:///ngo_portal",
}
# The test runner sets the first; the others would weaken production's security settings.
NOT_IN_PRODUCTION = ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")


def _run(args, settings_module, extra_env=None, without=()):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **(extra_env or {})}
    for name in without:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP_AND_PRINT = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.EMAIL_BACKEND, sorted(settings.ALLOWED_HOSTS))"
)


@pytest.mark.parametrize(
    ("module", "extra_env", "expected"),
    [
        ("ngo_portal.settings.dev", {}, "False"),  # make run: the portal as users meet it
        ("ngo_portal.settings.test", {}, "False django.core.mail.backends.locmem.EmailBackend"),
        (
            "ngo_portal.settings.production",
            PRODUCTION_ENV,
            "False django.core.mail.backends.smtp.EmailBackend ['portal.example.org']",
        ),
    ],
)
def test_settings_module_loads(module, extra_env, expected):
    result = _run(["-c", SETUP_AND_PRINT], module, extra_env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(expected)


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(
        ["-c", "import django; django.setup()"],
        "ngo_portal.settings.production",
        PRODUCTION_ENV,
        without=["SECRET_KEY", *NOT_IN_PRODUCTION],
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "ngo_portal.settings.production",
        PRODUCTION_ENV,
        without=NOT_IN_PRODUCTION,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


SITE_URL_WITHOUT_DOT_ENV = (
    # A developer's .env must not decide what the default is.
    "import environ; environ.Env.read_env = lambda *args, **kwargs: None; "
    "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
)


@pytest.mark.parametrize(
    ("extra_env", "expected"),
    [
        ({"WEB_PORT": "8321"}, "http://localhost:8321"),  # make run WEB_PORT=8321
        ({}, "http://localhost:8000"),
        (
            {"WEB_PORT": "8321", "SITE_URL": "https://portal.example.org"},
            "https://portal.example.org",
        ),
    ],
)
def test_site_url_defaults_to_where_make_run_listens(extra_env, expected):
    result = _run(
        ["-c", SITE_URL_WITHOUT_DOT_ENV],
        "ngo_portal.settings.dev",
        extra_env,
        without=[name for name in ("SITE_URL", "WEB_PORT") if name not in extra_env],
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
