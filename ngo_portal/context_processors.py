from django.conf import settings

from . import permissions
from .local_cache import local_cache
from .models import Center


def host_center():
    """The center that heads every page: kept in the process (see local_cache.py), because
    every request shows it and it rarely changes."""
    key = f"host-center:{settings.PORTAL_HOST_CENTER}"
    center = local_cache().get(key)
    if center is None:
        center = Center.objects.filter(slug=settings.PORTAL_HOST_CENTER).first()
        # Only a found center is kept: a missing one shows up as soon as it is created.
        if center is not None:
            local_cache().set(key, center)
    return center


def portal(request):
    user = request.user
    return {
        "host_center": host_center(),
        "nav_is_staff": permissions.is_center_staff(user),
        "nav_can_admin": user.is_authenticated and user.is_staff,
    }
