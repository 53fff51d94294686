import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache():
    """The cache is the real Redis: start every test from an empty one (rate limits, host center)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """LocaleMiddleware leaves the last request's language active; reverse() must not inherit it."""
    translation.activate("en")
    yield
    translation.activate("en")
