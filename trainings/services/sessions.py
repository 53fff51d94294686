"""Programs and sessions: staff create and edit them; a session ends with its evaluation e-mails
and its follow-up."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngo_portal.permissions import is_center_staff
from ngo_portal.services.notifications import notification_schedule

from .. import notifications as kinds
from ..models import FollowUp, Registration, TrainingProgram, TrainingSession
from ..permissions import can_manage_program, can_manage_session
from ..rules import follow_up_due_date, session_derive_fields, session_validate
from .registration import session_ics_attachment, session_lock, waitlist_promote

Status = TrainingSession.Status


def _check_center(by, center) -> None:
    if not is_center_staff(by, center):
        raise PermissionDenied


@transaction.atomic
def program_save(*, program: TrainingProgram, by) -> TrainingProgram:
    """Create or update a program for a center `by` is staff of. Raises PermissionDenied,
    ValidationError."""
    _check_center(by, program.center)
    if program.pk and not can_manage_program(by, TrainingProgram.objects.get(pk=program.pk)):
        raise PermissionDenied
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def session_save(*, session: TrainingSession, by, trainers=None, speakers=None) -> TrainingSession:
    """Create or update a session for a center `by` is staff of.

    An update takes the session's lock first: its seats may be changing under registrations.
    More seats go to the waiting list at once (their e-mails after commit); fewer seats than
    confirmed participants are refused (ValidationError), as are the rules of rules.py. A
    session newly cancelled tells everyone registered (confirmed, waiting or pending), once; a
    published session whose dates or place change tells them too (NOTICE_FIELDS).
    """
    _check_center(by, session.center)
    was_cancelled, moved = True, False
    if session.pk:
        current = session_lock(session.pk)
        was_cancelled = current.status == Status.CANCELLED
        if not can_manage_session(by, current):
            raise PermissionDenied
        session.confirmed_count, session.waitlist_next, session.ical_sequence = (
            current.confirmed_count,
            current.waitlist_next,
            current.ical_sequence,
        )
        moved = current.status == session.status == Status.PUBLISHED and any(
            getattr(current, name) != getattr(session, name) for name in NOTICE_FIELDS
        )
    if moved or (session.status == Status.CANCELLED and not was_cancelled and session.pk):
        session.ical_sequence += 1
    session_derive_fields(session)
    session_validate(session)
    session.full_clean()
    session.save()
    if trainers is not None:
        session.trainers.set(trainers)
    if speakers is not None:
        session.speakers.set(speakers)
    if session.status == Status.PUBLISHED and waitlist_promote(session):
        session.save(update_fields=["confirmed_count", "waitlist_next"])
    if session.status == Status.CANCELLED and not was_cancelled:
        _tell_cancelled(session)
    if moved:
        _tell_changed(session)
    return session


# What a registered participant plans their travel by: a change is e-mailed to them.
NOTICE_FIELDS = ("starts_on", "ends_on", "venue", "region_id")


def _tell_changed(session: TrainingSession) -> None:
    """Everyone registered hears the new dates and place; those holding a seat get the updated
    .ics (same UID, higher SEQUENCE). One e-mail a day per participant: the outbox keys a
    message by kind, registration, address and day, and renders the session as it is then."""
    for registration in session.registrations.filter(status__in=Registration.ACTIVE):
        attachments = []
        if registration.status == Registration.Status.CONFIRMED:
            attachments = [session_ics_attachment(session, language=registration.language)]
        notification_schedule(
            kind=kinds.SESSION_CHANGED,
            email=registration.email,
            language=registration.language,
            obj=registration,
            due_date=timezone.localdate(),
            attachments=attachments,
        )


def _tell_cancelled(session: TrainingSession) -> None:
    """Everyone registered hears it; a confirmed participant, who was sent the session's .ics,
    gets it again marked cancelled (same UID, later SEQUENCE): importing it takes the event
    off their calendar."""
    for registration in session.registrations.filter(status__in=Registration.ACTIVE):
        attachments = []
        if registration.status == Registration.Status.CONFIRMED:
            attachments = [session_ics_attachment(session, language=registration.language)]
        notification_schedule(
            kind=kinds.SESSION_CANCELLED,
            email=registration.email,
            language=registration.language,
            obj=registration,
            due_date=timezone.localdate(),
            attachments=attachments,
        )


@transaction.atomic
def session_complete(*, session: TrainingSession, by=None) -> FollowUp:
    """Mark a session completed: its follow-up is set (due `follow_up_months` later) and each
    confirmed participant gets the evaluation form's link. Safe to run twice (the follow-up and
    the e-mails exist once). `by=None` is the periodic job acting for the center."""
    if by is not None and not can_manage_session(by, session):
        raise PermissionDenied
    session = session_lock(session.pk)
    if session.status in (Status.DRAFT, Status.CANCELLED):
        raise ValidationError(_("Only a published session can be completed."))
    if session.status != Status.COMPLETED:
        session.status = Status.COMPLETED
        session.save(update_fields=["status"])
    follow_up, _created = FollowUp.objects.get_or_create(
        session=session, defaults={"due_on": follow_up_due_date(session)}
    )
    for registration in session.registrations.filter(status=Registration.Status.CONFIRMED):
        notification_schedule(
            kind=kinds.EVALUATION,
            email=registration.email,
            language=registration.language,
            obj=registration,
            due_date=session.ends_on,
        )
    return follow_up


def sessions_complete_ended(*, today=None) -> int:
    """The periodic job's first half: complete every published session whose last day has
    passed. Returns how many it completed."""
    today = today or timezone.localdate()
    ended = TrainingSession.objects.filter(status=Status.PUBLISHED, ends_on__lt=today)
    count = 0
    for session in ended.only("pk"):
        session_complete(session=session)
        count += 1
    return count
