"""The e-mails of the trainings app, registered with the core outbox in AppConfig.ready().

Participants have no account: every message is addressed to the participant's e-mail address
in the language chosen at registration. Templates: templates/email/trainings/<kind>_subject.txt,
<kind>.txt and <kind>.html.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ngo_portal.notification_kinds import register_notification_kind

from .models import Certificate, Registration
from .qr import qr_data_uri, qr_png

CONFIRMED = "training_confirmed"
PROMOTED = "training_promoted"
WAITLISTED = "training_waitlisted"
PENDING = "training_pending"
CERTIFICATE = "training_certificate"
EVALUATION = "training_evaluation"
FOLLOW_UP_DUE = "training_follow_up_due"
FOLLOW_UP_OVERDUE = "training_follow_up_overdue"
FOLLOW_UP_CHASE = "training_follow_up_chase"
SESSION_CANCELLED = "training_session_cancelled"
SESSION_CHANGED = "training_session_changed"
REGISTRATION_CANCELLED = "training_registration_cancelled"


def _url(name: str, *args) -> str:
    # Rendered inside the recipient's language: the link carries its language prefix.
    return settings.SITE_URL + reverse(name, args=args)


def check_in_url(registration: Registration) -> str:
    """What the confirmation's QR code holds: staff scan it to check the participant in."""
    return _url("trainings:check_in_code", registration.session_id, registration.token)


WITHDRAW_SALT = "trainings.withdraw"


def withdraw_signature(registration: Registration) -> str:
    """The signature of the e-mailed "give my place back" link: the token alone also sits in
    the check-in QR code, which staff and bystanders see, so it does not cancel anything."""
    return signing.Signer(salt=WITHDRAW_SALT).signature(registration.token)


def withdraw_url(registration: Registration) -> str:
    return _url(
        "trainings:registration_withdraw", registration.token, withdraw_signature(registration)
    )


def check_in_qr_png(registration: Registration) -> bytes:
    """The check-in QR code as a PNG file, holding the link in the participant's language (the
    same link as the image in the e-mail's body)."""
    with translation.override(registration.language):
        return qr_png(check_in_url(registration))


def registration_context(registration: Registration) -> dict:
    session = registration.session
    return {
        "registration": registration,
        "session": session,
        "session_url": _url("trainings:session_detail", session.pk),
        "session_place": " · ".join(p for p in (session.region.display_name, session.venue) if p),
        "check_in_qr": qr_data_uri(check_in_url(registration)),
        "evaluation_url": _url("trainings:evaluation_form", registration.token),
        "follow_up_url": _url("trainings:follow_up_form", registration.token),
        "withdraw_url": withdraw_url(registration),
    }


def certificate_context(certificate: Certificate) -> dict:
    return registration_context(certificate.registration) | {
        "verification_url": _url("trainings:certificate_verify", certificate.token)
    }


def _is(*statuses):
    return lambda registration: registration.status in statuses


def awaits_follow_up_report(registration: Registration) -> bool:
    """A reminder still owed: the participant is confirmed and has not reported yet."""
    return (
        registration.status == Registration.Status.CONFIRMED
        and not registration.follow_up_responses.exists()
    )


def register_notification_kinds() -> None:
    confirmed = _is(Registration.Status.CONFIRMED)
    for name, label, wanted in (
        (CONFIRMED, _("a training registration is confirmed"), confirmed),
        (PROMOTED, _("a seat opened up for a waitlisted participant"), confirmed),
        (WAITLISTED, _("a participant is on a training's waiting list"), None),
        (PENDING, _("a training registration awaits approval"), None),
        (EVALUATION, _("a training's evaluation form"), confirmed),
        (SESSION_CANCELLED, _("a training session is cancelled"), None),
        (SESSION_CHANGED, _("a training session's dates or place change"), None),
        (
            REGISTRATION_CANCELLED,
            _("a participant's training registration is cancelled"),
            _is(Registration.Status.CANCELLED),
        ),
        (FOLLOW_UP_DUE, _("a training's follow-up is coming up"), awaits_follow_up_report),
        (FOLLOW_UP_OVERDUE, _("a training's follow-up is overdue"), awaits_follow_up_report),
        (
            FOLLOW_UP_CHASE,
            _("a reminder to report at a training's follow-up"),
            awaits_follow_up_report,
        ),
    ):
        register_notification_kind(
            name,
            label=label,
            template=f"email/trainings/{name}",
            context=registration_context,
            wanted=wanted,
        )
    register_notification_kind(
        CERTIFICATE,
        label=_("a training certificate"),
        template=f"email/trainings/{CERTIFICATE}",
        context=certificate_context,
    )
