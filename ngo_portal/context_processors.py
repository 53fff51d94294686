from django.conf import settings
from django.core.cache import cache

from . import permissions
from .models import Center

HOST_CENTER_CACHE_SECONDS = 300


def host_center():
    """The center that heads every page; cached because every request shows it."""
    key = f"host-center:{settings.PORTAL_HOST_CENTER}"
    center = cache.get(key)
    if center is None:
        center = Center.objects.filter(slug=settings.PORTAL_HOST_CENTER).first()
        # Only a found center is kept: a missing one shows up as soon as it is created.
        if center is not None:
            cache.set(key, center, HOST_CENTER_CACHE_SECONDS)
    return center


def portal(request):
    user = request.user
    return {
        "host_center": host_center(),
        "nav_is_staff": permissions.is_center_staff(user),
        "nav_can_admin": user.is_authenticated and user.is_staff,
    }
