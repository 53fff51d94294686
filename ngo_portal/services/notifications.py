"""The notification outbox: the one path by which the portal sends e-mail.

A message is a `Notification` row addressed to an e-mail address (with the user behind it, if
any), scheduled once per kind, object, address and due date, rendered in the recipient's language
and sent at most once by the `ngo_portal.tasks.notification_send` task. Apps register their kinds
in `ngo_portal.notification_kinds`.
"""

import mimetypes
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..mail import subject_prefix
from ..models import Notification, NotificationOptOut, User
from ..notification_kinds import notification_kind
from ..retry import RETRY_POLICY
from ..task_queue import enqueue
from ..unsubscribe import unsubscribe_token

SEND_TASK = "ngo_portal.tasks.notification_send"
# Errors the send task retries; any other error is final at once.
RETRIED_ERRORS = RETRY_POLICY["autoretry_for"]


@dataclass(frozen=True)
class Attachment:
    """A file to attach, read through default_storage when the message is sent (an .ics, a
    generated PDF): the outbox keeps the name, never the bytes."""

    storage_name: str
    file_name: str
    mime_type: str = ""

    def as_json(self) -> dict:
        mime_type = self.mime_type or mimetypes.guess_type(self.file_name)[0]
        return asdict(self) | {"mime_type": mime_type or "application/octet-stream"}


def _attachments_json(attachments: Iterable[Attachment | Mapping]) -> list[dict]:
    items = [item if isinstance(item, Attachment) else Attachment(**item) for item in attachments]
    for item in items:
        if not default_storage.exists(item.storage_name):
            raise FileNotFoundError(f"No file {item.storage_name!r} in storage to attach.")
    return [item.as_json() for item in items]


@transaction.atomic
def notification_schedule(
    *,
    kind: str,
    email: str,
    user: User | None = None,
    language: str | None = None,
    obj,
    due_date,
    attachments: Iterable[Attachment | Mapping] = (),
) -> Notification:
    """Create the outbox row once and send it after commit; a second call is harmless.

    The message goes to `email`; it is written in `user`'s preferred language when there is a
    user, else in `language`, else in the portal's default language. A call with the same kind,
    object, address and due date finds the row already there (and its first attachments).

    Side effect: queues the `notification_send` task after commit while the row is pending.
    """
    notification_kind(kind)  # an unknown kind fails here, not later in a worker
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    key = {
        "kind": kind,
        "email": (email or "").strip().lower(),
        "content_type": content_type,
        "object_id": obj.pk if obj is not None else None,
        "due_date": due_date,
    }
    notification = Notification.objects.filter(**key).first() or _create(
        key, user=user, language=language or "", attachments=attachments
    )
    if notification.status == Notification.Status.PENDING:
        enqueue(SEND_TASK, notification.pk)
    return notification


def _create(key: dict, *, user, language: str, attachments) -> Notification:
    candidate = Notification(**key, user=user, language=language)
    # An invalid address or language is refused here; the unique key is get_or_create's job
    # (a concurrent call may have just created the row).
    candidate.full_clean(exclude=["attachments"], validate_constraints=False)
    defaults = {"user": user, "language": language, "attachments": _attachments_json(attachments)}
    notification, _created = Notification.objects.get_or_create(**key, defaults=defaults)
    return notification


def notification_schedule_welcome(*, user: User) -> Notification:
    return notification_schedule(
        kind="welcome", email=user.email, user=user, obj=user, due_date=timezone.localdate()
    )


@transaction.atomic
def notification_retry(*, notification: Notification) -> Notification:
    """Queue a failed message again (a manager's "send again"); any other row is left alone.

    The attempt count goes on from where it was; the send task starts a fresh set of retries.
    Side effect: the `notification_send` task, after commit.
    """
    current = Notification.objects.select_for_update().get(pk=notification.pk)
    if current.status != Notification.Status.FAILED:
        return current
    current.status = Notification.Status.PENDING
    current.save(update_fields=["status"])
    enqueue(SEND_TASK, current.pk)
    return current


def notification_language(notification: Notification) -> str:
    """The user's preferred language, else the language asked for, else the portal's."""
    if notification.user is not None:
        return notification.user.preferred_language
    return notification.language or settings.LANGUAGE_CODE


# The object a message is about has been deleted since it was scheduled.
GONE = object()


def render_plain_text(template_name: str, context: dict) -> str:
    """A subject or plain-text body: the text as typed ("Tom & Jerry's"), never HTML-escaped
    ("Tom &amp; Jerry&#x27;s"). The HTML part keeps Django's escaping."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def _subject_of(notification: Notification):
    """The object the message is about: None for a message about nothing, GONE if deleted."""
    if notification.content_type is None:
        return None
    try:
        return notification.content_type.get_object_for_this_type(pk=notification.object_id)
    except ObjectDoesNotExist:
        return GONE


def _is_wanted(notification: Notification, obj) -> bool:
    wanted = notification_kind(notification.kind).wanted
    return obj is not GONE and (wanted is None or wanted(obj))


def _message(notification: Notification, obj) -> EmailMultiAlternatives:
    kind = notification_kind(notification.kind)
    language = notification_language(notification)
    with translation.override(language):
        context = {
            "notification": notification,
            "recipient": notification.user,
            "email": notification.email,
            "object": obj,
            "site_url": settings.SITE_URL,
            "language": language,
        }
        if kind.context is not None:
            context |= kind.context(obj)
        subject = render_plain_text(f"{kind.template}_subject.txt", context).strip()
        text = render_plain_text(f"{kind.template}.txt", context)
        html = render_to_string(f"{kind.template}.html", context)
        subject = subject_prefix() + subject
        settings_url, unsubscribe_url = _preference_links(notification, kind)
        text, html = with_settings_link(text, html, settings_url, unsubscribe_url)
    headers = {}
    if unsubscribe_url:
        # RFC 2369 and RFC 8058: mail clients offer "unsubscribe" and POST to it, no login.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[notification.email],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    for attachment in notification.attachments:
        with default_storage.open(attachment["storage_name"], "rb") as handle:
            message.attach(attachment["file_name"], handle.read(), attachment["mime_type"])
    return message


def _preference_links(notification: Notification, kind) -> tuple[str, str]:
    """The address of the e-mail settings page, and of the one-click unsubscribe for an optional
    kind ("" for a required one), in the message's language."""
    settings_url = settings.SITE_URL + reverse("notification_settings")
    if not kind.optional:
        return settings_url, ""
    token = unsubscribe_token(email=notification.email, kind=notification.kind)
    return settings_url, settings.SITE_URL + reverse("notification_unsubscribe", args=[token])


def with_settings_link(text: str, html: str, settings_url: str, unsubscribe_url: str):
    lines = [_("Choose which e-mails you receive: %(url)s") % {"url": settings_url}]
    html_lines = [
        format_html('<a href="{}">{}</a>', settings_url, _("Choose which e-mails you receive"))
    ]
    if unsubscribe_url:
        lines.append(_("Stop e-mails of this kind: %(url)s") % {"url": unsubscribe_url})
        html_lines.append(
            format_html('<a href="{}">{}</a>', unsubscribe_url, _("Stop e-mails of this kind"))
        )
    text = text.rstrip("\n") + "\n\n-- \n" + "\n".join(lines) + "\n"
    footer = format_html(
        '<p style="font-size: 0.85em; color: #6b7280;">{}</p>',
        mark_safe(" · ".join(html_lines)),  # noqa: S308 - each piece escaped by format_html
    )
    if "</body>" in html:
        html = html.replace("</body>", footer + "</body>", 1)
    else:
        html += footer
    return text, html


def _opted_out(notification: Notification) -> bool:
    if not notification_kind(notification.kind).optional:
        return False
    return NotificationOptOut.objects.filter(
        email=notification.email.lower(), kind=notification.kind
    ).exists()


def notification_deliver(*, notification_id: int, final_attempt: bool) -> Notification | None:
    """Send a pending notification at most once.

    The row lock keeps two workers that got the same task (a retry, a duplicate) from both
    sending; only a pending row is sent. A message whose object is gone or no longer wants it
    is cancelled. A failure is recorded on the row (attempts, last error) and raised again for
    the task's retry: the row stays pending while retries remain, and becomes failed, where the
    sender sees it, on the `final_attempt` or on an error that is not retried.
    """
    with transaction.atomic():
        # Lock only the outbox row: PostgreSQL refuses FOR UPDATE on the nullable side of the
        # outer joins to user and content_type.
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "content_type")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.status != Notification.Status.PENDING:
            return notification
        obj = _subject_of(notification)
        if not _is_wanted(notification, obj):
            notification.status = Notification.Status.CANCELLED
            notification.save(update_fields=["status"])
            return notification
        if _opted_out(notification):
            notification.status = Notification.Status.CANCELLED
            notification.last_error = "The recipient turned this kind of e-mail off."
            notification.save(update_fields=["status", "last_error"])
            return notification
        failure = _send(notification, obj, final_attempt)
        notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    if failure is not None:
        raise failure
    return notification


def _send(notification: Notification, obj, final_attempt: bool) -> Exception | None:
    notification.attempts += 1
    try:
        _message(notification, obj).send()
    except Exception as error:  # recorded on the row, then raised again for the retry
        retried = isinstance(error, RETRIED_ERRORS) and not final_attempt
        notification.status = Notification.Status.PENDING if retried else Notification.Status.FAILED
        notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        return error
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    return None


@transaction.atomic
def notification_opt_out(*, email: str, kind: str) -> bool:
    """Stop optional e-mails of `kind` to `email` (one-click unsubscribe); True if it was new.
    LookupError for an unknown kind; a required kind is left alone (False)."""
    if not notification_kind(kind).optional:
        return False
    _row, created = NotificationOptOut.objects.get_or_create(email=email.strip().lower(), kind=kind)
    return created


@transaction.atomic
def notification_settings_save(*, user: User, language: str, receive: Iterable[str]) -> None:
    """The user's language, and which optional kinds their address receives (the others are
    turned off). Required kinds are not affected whatever `receive` holds."""
    from ..notification_kinds import optional_notification_kinds

    user.preferred_language = language
    user.full_clean(validate_unique=False)
    user.save(update_fields=["preferred_language"])
    email = user.email.lower()
    optional = {kind.name for kind in optional_notification_kinds()}
    wanted = set(receive) & optional
    NotificationOptOut.objects.filter(email=email, kind__in=wanted).delete()
    for kind in sorted(optional - wanted):
        NotificationOptOut.objects.get_or_create(email=email, kind=kind)


def notification_muted_kinds(*, email: str) -> set[str]:
    return set(
        NotificationOptOut.objects.filter(email=email.strip().lower()).values_list(
            "kind", flat=True
        )
    )
