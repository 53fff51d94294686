"""The kinds of e-mail the outbox sends, registered by the apps that send them.

The core renders and sends every message but knows no app: each app registers its kinds in its
AppConfig.ready() with `register_notification_kind`, naming the templates and, when the templates
need more than the object, a function that adds to their context. Templates live in
`templates/email/<kind>_subject.txt`, `<kind>.txt` and `<kind>.html` unless `template` says
otherwise, and are rendered in the recipient's language with `notification`, `recipient` (the
user, or None), `email`, `object`, `site_url` and `language` in their context.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class NotificationKind:
    name: str
    label: Any  # a lazy translation: shown in the admin and on pages that list messages
    template: str
    # Extra template context from the object, rendered inside the recipient's language.
    context: Callable[[Any], dict] | None = None
    # False when the message is no longer owed (the object changed since it was scheduled):
    # the row is cancelled instead of sent.
    wanted: Callable[[Any], bool] | None = None
    # Optional kinds (reminders, digests, reports) can be turned off by their recipients and
    # carry a one-click unsubscribe header; required ones (invitations, decisions) always go.
    optional: bool = False


NOTIFICATION_KINDS: dict[str, NotificationKind] = {}


def register_notification_kind(
    name: str,
    *,
    label,
    template: str | None = None,
    context: Callable[[Any], dict] | None = None,
    wanted: Callable[[Any], bool] | None = None,
    optional: bool = False,
) -> NotificationKind:
    kind = NotificationKind(name, label, template or f"email/{name}", context, wanted, optional)
    existing = NOTIFICATION_KINDS.get(name)
    if existing is not None and replace(existing, optional=optional) != kind:
        raise ImproperlyConfigured(f"The notification kind {name!r} is registered twice.")
    if existing is not None:
        return existing
    NOTIFICATION_KINDS[name] = kind
    return kind


def notification_kind(name: str) -> NotificationKind:
    try:
        return NOTIFICATION_KINDS[name]
    except KeyError:
        raise LookupError(
            f"Unknown notification kind {name!r}: register it in its app's AppConfig.ready()."
        ) from None


def notification_kinds_make_optional(*names: str) -> None:
    """Let recipients turn these registered kinds off (an app's reminders, from its apps.py)."""
    for name in names:
        NOTIFICATION_KINDS[name] = replace(notification_kind(name), optional=True)


def optional_notification_kinds() -> list[NotificationKind]:
    return sorted(
        (kind for kind in NOTIFICATION_KINDS.values() if kind.optional), key=lambda k: k.name
    )
