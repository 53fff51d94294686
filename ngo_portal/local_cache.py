"""Small data that every page reads and that rarely changes (the host center, the regions), kept
for a short while in each web process instead of read from PostgreSQL or Redis on every request:
each such read is a round trip that costs more than the rest of a page's work for it.

A change saved in this process (admin, services) clears the process's copies at once; other
processes, and `manage.py load_regions` (which writes in bulk, without signals), are seen within
LOCAL_CACHE_SECONDS. The copies are plain objects shared by the requests of the process, not
pickled copies: read them, never change them.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.db.models.signals import post_delete, post_save

_copies: dict[str, tuple[float, object]] = {}


def remembered(key: str, compute: Callable[[], object]):
    """The value kept under `key`, or `compute()`'s, kept for LOCAL_CACHE_SECONDS unless None."""
    now = time.monotonic()
    entry = _copies.get(key)
    if entry is not None and entry[0] > now:
        return entry[1]
    value = compute()
    if value is not None:
        _copies[key] = (now + settings.LOCAL_CACHE_SECONDS, value)
    return value


def forget(key: str) -> None:
    _copies.pop(key, None)


def forget_local_copies(**_kwargs) -> None:
    """Drop every copy; the next request reads them again."""
    _copies.clear()


def clear_on_change(*models) -> None:
    """Saving or deleting any row of `models` in this process drops every copy."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                forget_local_copies, sender=model, dispatch_uid=f"local-cache:{model._meta.label}"
            )
