"""Predicates for the portal's own pages, and the helpers every app's views use.

Conventions, the same in every app:

- A predicate answers one question about one user: `can_<verb>_<noun>(user, obj) -> bool`, in the
  app's permissions.py. Nothing checks roles by hand; templates read the same predicates.
- Views check first. A view that loads an object uses `object_view` (anonymous → login page, not
  visible → 404, visible but not allowed → 403); a view without an object uses `require`. The
  login and permission checks come before any method check (`require_POST` goes inside), so an
  anonymous GET is sent to log in rather than answered 405.
- Services check again, because views are not their only callers (tasks, commands, the admin,
  other services). A service that acts on behalf of someone takes that person as `by` (keyword)
  and starts with `if not can_<verb>_<noun>(by, obj): raise PermissionDenied`, using the same
  predicate as the view. Self-service actions, where the person acting is also the subject
  (registering an organization, asking to join, leaving, answering an invitation), take `user`
  and check the same way where a predicate applies. Business rules that the state of the data
  decides (the last owner, an invitation already answered) raise ValidationError instead.
- A service that changes someone's roles calls `forget_roles(user)` afterwards, so the rest of the
  request (the redirect after leaving, the page after a self-demotion) sees the new roles.
"""

from functools import cache, wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, connection
from django.db.models import Value
from django.http import Http404

from .models import CenterMembership


def user_roles(user, name: str) -> dict:
    """One of the user's role caches ({object id: role}), read once per request and kept on the
    user object. The first one asked for reads every registered source in one query."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, name):
        _load_roles(user)
    return getattr(user, name)


def _load_roles(user) -> None:
    names = list(ROLE_SOURCES)
    roles = {name: {} for name in names}
    sql, params = _roles_statement(tuple(names))
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk if param == _ANY_USER else param for param in params])
        for key, role, number in cursor.fetchall():
            roles[names[number]][key] = role
    for name, found in roles.items():
        # On a lazy request.user this lands on the wrapped User, where forget_roles looks.
        setattr(user, name, found)


# A user id no user has, standing in for the real one in the statement compiled once.
_ANY_USER = -7_314_159_265_358_979


@cache
def _roles_statement(names: tuple[str, ...]) -> tuple[str, tuple]:
    """The UNION ALL of every role source, compiled once per process: building it through the
    ORM cost three times as much as running it."""
    stand_in = get_user_model()(pk=_ANY_USER)
    parts = [
        ROLE_SOURCES[name](stand_in).annotate(role_source=Value(number))
        for number, name in enumerate(names)
    ]
    sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
    if _ANY_USER not in params:
        raise ValueError("A role source must filter by the user it is given.")
    return sql, tuple(params)


def center_roles(user) -> dict[int, str]:
    """{center id: role} for the user, read once per request and kept on the user object."""
    return user_roles(user, CENTER_ROLES)


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


def object_view(queryset, *, visible=None, allowed=None, lookup: str = "pk", public: bool = False):
    """View decorator that loads one object and applies the portal's rule in one place.

    `queryset` is a model, a QuerySet or a callable returning one (for select_related). The URL
    keyword `lookup` names the object; the view receives it in place of that keyword.

    - anonymous, and the object is not visible to anonymous users → redirect to the login page
      (with `public=False`, every anonymous request is redirected before any lookup);
    - not visible to this user (including a missing object) → 404, so strangers cannot tell
      a private object from a missing one;
    - visible but `allowed` refuses → 403.

    `visible` and `allowed` are predicates `(user, obj) -> bool` from an app's permissions.py;
    without `visible`, every existing object is visible (only a missing one answers 404), for
    pages whose rule is a role alone (staff pages: everyone else gets 403).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not public and not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            source = (
                queryset() if callable(queryset) and not hasattr(queryset, "_meta") else queryset
            )
            obj = _get_or_none(source, kwargs.pop(lookup))
            if obj is None or (visible is not None and not visible(user, obj)):
                if not user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise Http404
            if allowed is not None and not allowed(user, obj):
                if not user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, obj, *args, **kwargs)

        return wrapper

    return decorator


def _get_or_none(source, value):
    queryset = source._default_manager.all() if hasattr(source, "_default_manager") else source
    try:
        return queryset.filter(pk=value).first()
    except (ValueError, TypeError, ValidationError, DataError):
        # A malformed key (text where a number belongs, a NUL byte) is a missing object.
        return None


def forget_roles(user) -> None:
    """Drop the per-request role caches after a service changed the user's roles.

    `request.user` is a SimpleLazyObject: the caches live on the wrapped User, so popping from the
    wrapper's own __dict__ would clear nothing. Apps register their cache attribute names in
    ROLE_CACHES (through `register_role_source`).
    """
    target = getattr(user, "_wrapped", user)
    for name in ROLE_CACHES:
        target.__dict__.pop(name, None)
        user.__dict__.pop(name, None)


# Attribute names of per-request role caches on the User object; apps register theirs with
# `register_role_source`, which adds them here.
ROLE_CACHES = []
# Where each cache comes from: {attribute: function(user) -> QuerySet.values_list(id, role)}.
ROLE_SOURCES = {}
CENTER_ROLES = "_center_roles"


def register_role_source(name: str, source) -> None:
    """`source(user)` returns the (object id, role) pairs of the user's roles of one kind, as a
    values_list QuerySet; `user_roles(user, name)` reads them with every other kind at once."""
    ROLE_SOURCES[name] = source
    if name not in ROLE_CACHES:
        ROLE_CACHES.append(name)


register_role_source(
    CENTER_ROLES,
    lambda user: CenterMembership.objects.filter(user=user).values_list("center_id", "role"),
)


def can_view_report(user, report) -> bool:
    """A job and its file: the requester, staff of the job's center, superusers."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or report.requested_by_id == user.pk:
        return True
    return (
        report.center_id is not None
        and center_roles(user).get(report.center_id) in CenterMembership.STAFF_ROLES
    )


def can_retry_report(user, report) -> bool:
    """Whoever may see a failed job may run it again (same parameters, same requester)."""
    return report.status == report.Status.FAILED and can_view_report(user, report)
