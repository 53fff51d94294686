import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from ngo_portal.local_cache import forget_local_copies
from ngo_portal.models import CenterMembership
from tests.ngo_portal.factories import CenterMembershipFactory


def delete_keys(client, prefix: str) -> int:
    """Delete the Redis keys under `prefix` (SCAN, never KEYS: it does not block the server)."""
    pattern = re.sub(r"([\[\]*?\\])", r"\\\1", prefix) + "*"
    deleted = 0
    batch = []
    for key in client.scan_iter(match=pattern, count=1000):
        batch.append(key)
        if len(batch) == 1000:
            deleted += client.delete(*batch)
            batch = []
    if batch:
        deleted += client.delete(*batch)
    return deleted


def delete_this_runs_cache_keys() -> int:
    """This run's cache keys only: the same Redis database holds other runs', and other xdist
    workers', sessions and rate limits (a FLUSHDB, cache.clear(), would log them out)."""
    client = cache._cache.get_client(write=True)
    return delete_keys(client, f"{settings.CACHES['default']['KEY_PREFIX']}:")


@pytest.fixture(autouse=True)
def _clear_cache():
    """The cache is the real Redis: every test starts without this run's keys (rate limits,
    sessions), nor the process's local copies (host center, regions)."""
    delete_this_runs_cache_keys()
    forget_local_copies()
    yield
    delete_this_runs_cache_keys()
    forget_local_copies()


@pytest.fixture(autouse=True)
def _english_by_default():
    """LocaleMiddleware leaves the last request's language active; reverse() must not inherit it."""
    translation.activate("en")
    yield
    translation.activate("en")


# --- the core's people, whom every app's tests meet ----------------------------------------


@pytest.fixture
def center_user():
    """`center_user(role, center=None)`: a user with `role` (manager, officer, reviewer, mentor)
    in `center`, or in a center of their own."""

    def make(role, center=None):
        extra = {"center": center} if center is not None else {}
        return CenterMembershipFactory(role=role, **extra).user

    return make


@pytest.fixture
def staff(center_user):
    """A center's officer: staff, who see every organization and may verify them."""
    return center_user(CenterMembership.Role.OFFICER)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
