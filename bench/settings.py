"""The bench process's settings: development settings (DEBUG off through the environment) with
the bench's URLs, so the minimal view runs through the same middleware as every page."""

from ngo_portal.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
