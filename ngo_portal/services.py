"""Writes owned by the portal core: users' preferences and the notification outbox (scheduling,
rendering in the recipient's language, sending once)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification, User


@transaction.atomic
def user_set_preferred_language(*, user: User, language: str) -> User:
    user.preferred_language = language
    user.full_clean(validate_unique=False)
    user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def notification_schedule(*, kind: str, recipient: User, obj, due_date) -> Notification:
    """Create the outbox row once and send it after commit; a second call is harmless.

    Side effect: queues the `notification_send` task when the row is new or still pending.
    """
    from .tasks import notification_send

    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    notification, _created = Notification.objects.get_or_create(
        kind=kind,
        recipient=recipient,
        content_type=content_type,
        object_id=obj.pk if obj is not None else None,
        due_date=due_date,
    )
    if notification.status == Notification.Status.PENDING:
        notification_send.delay_on_commit(notification.pk)
    return notification


def notification_schedule_welcome(*, user: User) -> Notification:
    return notification_schedule(
        kind=Notification.Kind.WELCOME,
        recipient=user,
        obj=user,
        due_date=timezone.localdate(),
    )


def _render(notification: Notification) -> EmailMultiAlternatives:
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "object": notification.content_type
        and notification.content_type.get_object_for_this_type(pk=notification.object_id),
        "site_url": settings.SITE_URL,
    }
    with translation.override(notification.recipient.preferred_language):
        base = f"email/{notification.kind}"
        subject = render_to_string(f"{base}_subject.txt", context).strip()
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        to=[notification.recipient.email],
    )
    message.attach_alternative(html, "text/html")
    return message


def notification_deliver(*, notification_id: int) -> Notification:
    """Send a pending notification exactly once.

    The row lock keeps two workers that got the same task (a retry, a duplicate) from both
    sending; a sent row is left alone.
    """
    with transaction.atomic():
        # Lock only the outbox row: PostgreSQL refuses FOR UPDATE on the nullable side of the
        # outer join to content_type, and the recipient needs no lock.
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "content_type")
            .get(pk=notification_id)
        )
        if notification.status == Notification.Status.SENT:
            return notification
        notification.attempts += 1
        try:
            _render(notification).send()
        except Exception as error:  # recorded on the row, then raised again for the retry
            failure = error
            notification.status = Notification.Status.FAILED
            notification.last_error = str(error)[:2000]
        else:
            failure = None
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
        notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    if failure is not None:
        raise failure
    return notification
