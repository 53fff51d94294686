"""Test runs share Redis with each other (and, through it, with sessions): a test deletes only
the keys of its own run and xdist worker."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from tests.conftest import delete_this_runs_cache_keys


@pytest.fixture
def redis_client():
    return cache._cache.get_client(write=True)


def test_clearing_the_cache_leaves_other_runs_keys(redis_client):
    others = ["ngo_portal:1:django.contrib.sessions.cacheabc", "other-run:gw1:1:rate-limit"]
    for key in others:
        redis_client.set(key, "kept", ex=60)
    cache.set("ours", "gone")

    try:
        delete_this_runs_cache_keys()

        assert cache.get("ours") is None
        assert [redis_client.get(key) for key in others] == [b"kept", b"kept"]
    finally:
        redis_client.delete(*others)


def test_every_process_of_a_run_has_a_key_prefix_and_media_root_of_its_own():
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    worker = settings.TEST_WORKER

    assert prefix.endswith(f":{settings.TEST_RUN_ID}:{worker}")
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] == f"{prefix}:"
    assert settings.MEDIA_ROOT.name == worker


@pytest.mark.django_db
def test_each_xdist_worker_has_a_database_of_its_own():
    name = connection.settings_dict["NAME"]
    worker = settings.TEST_WORKER

    assert name.endswith(f"_{worker}") == (worker != "main")
