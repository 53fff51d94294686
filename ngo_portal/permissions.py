"""Predicates for the portal's own pages; each app keeps its own in its permissions.py.

A predicate answers one question about one user. Views call them (through `require`), templates
read them from the context processor; neither checks roles by hand.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import CenterMembership


def center_roles(user) -> dict[int, str]:
    """{center id: role} for the user, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_center_roles"):
        user._center_roles = dict(
            CenterMembership.objects.filter(user=user).values_list("center_id", "role")
        )
    return user._center_roles


def has_center_role(user, center, roles) -> bool:
    return center_roles(user).get(center.pk) in roles


def is_center_staff(user, center=None) -> bool:
    """Managers and officers; superusers act as staff of every center."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = center_roles(user)
    if center is None:
        return any(role in CenterMembership.STAFF_ROLES for role in roles.values())
    return roles.get(center.pk) in CenterMembership.STAFF_ROLES


def can_view_dashboard(user, obj=None) -> bool:
    return is_center_staff(user)


def can_manage_center(user, center) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return has_center_role(user, center, {CenterMembership.Role.MANAGER})


def require(predicate):
    """View decorator: anonymous users go to the login page, users the predicate refuses get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
