import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """The cache is the real Redis: start every test from an empty one (rate limits, host center)."""
    cache.clear()
    yield
    cache.clear()
