"""Checking participants in, one day at a time, and their certificates."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ngo_portal.pdf import render_pdf
from ngo_portal.services.notifications import Attachment, notification_schedule

from .. import notifications as kinds
from ..models import Attendance, Certificate, Registration
from ..permissions import can_manage_session
from ..qr import qr_data_uri
from ..rules import certificate_earned

Status = Registration.Status


def _check_day(registration: Registration, day) -> None:
    if registration.status != Status.CONFIRMED:
        raise ValidationError(_("Only confirmed participants can be checked in."))
    if day not in registration.session.days:
        raise ValidationError(_("That day is not a day of this session."))


def attendance_check_in(*, registration: Registration, day, by) -> Attendance:
    """Record the participant present on `day`; checking in twice keeps the first record.
    Raises PermissionDenied unless `by` is the session's staff, ValidationError for a day
    outside the session or a participant who is not confirmed."""
    if not can_manage_session(by, registration.session):
        raise PermissionDenied
    _check_day(registration, day)
    try:
        with transaction.atomic():
            attendance, _created = Attendance.objects.get_or_create(
                registration=registration, day=day, defaults={"checked_in_by": by}
            )
    except IntegrityError:  # the same check-in from a second phone at the same moment
        attendance = Attendance.objects.get(registration=registration, day=day)
    return attendance


@transaction.atomic
def attendance_undo(*, registration: Registration, day, by) -> None:
    """Take back a check-in made by mistake."""
    if not can_manage_session(by, registration.session):
        raise PermissionDenied
    Attendance.objects.filter(registration=registration, day=day).delete()


def certificate_verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("trainings:certificate_verify", args=[certificate.token])


def certificate_render(*, registration: Registration) -> tuple[Certificate, bytes]:
    """Make the participant's bilingual certificate once, store it and e-mail it; a second call
    (a job run twice) returns the stored one.

    Raises ValidationError when the participant has not attended enough days (the session's
    rule in rules.certificate_earned). Side effect: the certificate e-mail with the PDF, after
    commit, once per certificate.
    """
    session = registration.session
    days = registration.attendances.count()
    if registration.status != Status.CONFIRMED or not certificate_earned(session, days):
        raise ValidationError(_("This participant has not attended enough days for a certificate."))
    with transaction.atomic():
        certificate, _created = Certificate.objects.select_for_update().get_or_create(
            registration=registration
        )
        if certificate.file:
            with certificate.file.open("rb") as stored:
                return certificate, stored.read()
        with translation.override("en"):
            url = certificate_verification_url(certificate)
        context = {
            "registration": registration,
            "session": session,
            "organization": registration.organization,
            "center": session.center,
            "certificate": certificate,
            "days_attended": days,
            "verification_url": url,
            "qr": qr_data_uri(url, scale=3),
        }
        pdf = render_pdf("pdf/trainings_certificate.html", context, language=registration.language)
        certificate.file.save(f"certificate-{registration.pk}.pdf", ContentFile(pdf), save=False)
        certificate.issued_at = certificate.issued_at or timezone.now()
        certificate.save()
        notification_schedule(
            kind=kinds.CERTIFICATE,
            email=registration.email,
            language=registration.language,
            obj=certificate,
            due_date=timezone.localdate(certificate.issued_at),
            attachments=[
                Attachment(
                    certificate.file.name, f"certificate-{registration.pk}.pdf", "application/pdf"
                )
            ],
        )
    return certificate, pdf
