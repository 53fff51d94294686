"""The kinds of e-mail the outbox sends, registered by the apps that send them.

The core renders and sends every message but knows no app: each app registers its kinds in its
AppConfig.ready() with `register_notification_kind`, naming the templates and, when the templates
need more than the object, a function that adds to their context. Templates live in
`templates/email/<kind>_subject.txt`, `<kind>.txt` and `<kind>.html` unless `template` says
otherwise, and are rendered in the recipient's language with `notification`, `recipient` (the
user, or None), `email`, `object`, `site_url` and `language` in their context.
"""

from collections.abc import Callable
from dataclasses import dataclass
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


NOTIFICATION_KINDS: dict[str, NotificationKind] = {}


def register_notification_kind(
    name: str,
    *,
    label,
    template: str | None = None,
    context: Callable[[Any], dict] | None = None,
    wanted: Callable[[Any], bool] | None = None,
) -> NotificationKind:
    kind = NotificationKind(name, label, template or f"email/{name}", context, wanted)
    existing = NOTIFICATION_KINDS.get(name)
    if existing is not None and existing != kind:
        raise ImproperlyConfigured(f"The notification kind {name!r} is registered twice.")
    NOTIFICATION_KINDS[name] = kind
    return kind


def notification_kind(name: str) -> NotificationKind:
    try:
        return NOTIFICATION_KINDS[name]
    except KeyError:
        raise LookupError(
            f"Unknown notification kind {name!r}: register it in its app's AppConfig.ready()."
        ) from None
