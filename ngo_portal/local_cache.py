"""Small data that every page reads and that rarely changes (the host center, the region lists),
kept for a short while in each web process instead of read from PostgreSQL or Redis on every
request: each such read is a round trip that costs more than the rest of a page's work for it.

A change saved in this process (admin, services) clears the process's copy at once; other
processes, and `manage.py load_regions` (which writes in bulk, without signals), are seen within
the timeout. The cache is the `local` alias of CACHES (Django's in-memory backend).
"""

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save

LOCAL_CACHE = "local"


def local_cache():
    return caches[LOCAL_CACHE]


def forget_local_copies(**_kwargs) -> None:
    """Drop every locally cached copy; the next request reads them again."""
    local_cache().clear()


def clear_on_change(*models) -> None:
    """Saving or deleting any row of `models` in this process clears the local cache."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                forget_local_copies, sender=model, dispatch_uid=f"local-cache:{model._meta.label}"
            )
