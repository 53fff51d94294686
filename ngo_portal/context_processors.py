from django.conf import settings

from . import permissions
from .local_cache import remembered
from .models import Center


def host_center():
    """The center that heads every page: kept in the process (see local_cache.py), because
    every request shows it and it rarely changes. A missing one is not kept: it shows up as
    soon as it is created."""
    slug = settings.PORTAL_HOST_CENTER
    return remembered(f"host-center:{slug}", lambda: Center.objects.filter(slug=slug).first())


def portal(request):
    user = request.user
    return {
        "host_center": host_center(),
        "nav_is_staff": permissions.is_center_staff(user),
        "nav_can_admin": user.is_authenticated and user.is_staff,
    }
