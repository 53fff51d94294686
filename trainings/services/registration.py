"""Registrations: seats, the waiting list, approval, cancellation and moves between sessions.

Seats are never oversold: every service that changes who holds a seat first locks the session's
row (`SELECT ... FOR UPDATE`), so concurrent registrations, cancellations and promotions take
turns; the session's `confirmed_count` is read and written only under that lock, and a check
constraint (confirmed_count <= capacity) refuses anything that slipped past. The waiting list
is in arrival order: the order in which registrations obtained the lock.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ngo_portal.services.notifications import Attachment, notification_schedule

from .. import notifications as kinds
from ..ical import sessions_calendar
from ..models import Registration, TrainingSession
from ..permissions import (
    can_cancel_registration,
    can_manage_session,
    can_register_participants,
)
from ..rules import cancellation_error, eligibility_errors, registration_window_error

Status = Registration.Status
PARTICIPANT_FIELDS = ("name", "position", "email", "phone", "gender", "language")


@dataclass(frozen=True)
class Participant:
    """What a member types for one participant."""

    name: str
    email: str
    position: str = ""
    phone: str = ""
    gender: str = Registration.Gender.UNDISCLOSED
    language: str = "zh-hans"


def session_lock(session_id: int) -> TrainingSession:
    """The session's row, locked until the transaction ends: who holds a seat is decided here."""
    return TrainingSession.objects.select_for_update(of=("self",)).get(pk=session_id)


@transaction.atomic
def registrations_create(
    *, session: TrainingSession, organization, participants: list[Participant], by
) -> list[Registration]:
    """Register participants of `organization`, all or none.

    Each gets a seat while seats are left, else the next places on the waiting list; with
    approval required they wait for staff instead. Raises PermissionDenied unless `by` is a
    member of the organization; ValidationError (nothing saved) when registration is closed, the
    organization is not eligible, the per-organization cap would be passed, or a participant is
    already registered. Side effects: one e-mail per participant (confirmation with an .ics,
    waiting-list or awaiting-approval notice), after commit.
    """
    if not can_register_participants(by, organization):
        raise PermissionDenied
    session = session_lock(session.pk)
    _check_can_register(session, organization, participants)
    created = [_place(session, organization, participant, by=by) for participant in participants]
    session.save(update_fields=["confirmed_count", "waitlist_next"])
    for registration in created:
        registration_notify(registration)
    return created


def _check_can_register(session, organization, participants) -> None:
    problem = registration_window_error(session)
    if problem:
        raise ValidationError(problem)
    problems = eligibility_errors(session, organization)
    if problems:
        raise ValidationError(problems)
    if not participants:
        raise ValidationError(_("Add at least one participant."))
    _check_cap(session, organization, len(participants))
    _check_duplicates(session, participants)


def _check_cap(session, organization, adding: int) -> None:
    cap = session.per_organization_cap
    if cap is None:
        return
    already = session.registrations.filter(
        organization=organization, status__in=Registration.ACTIVE
    ).count()
    if already + adding > cap:
        raise ValidationError(
            _(
                "Each organization may register at most %(cap)s participants for this session; "
                "yours has %(already)s already."
            )
            % {"cap": cap, "already": already}
        )


def _check_duplicates(session, participants) -> None:
    emails = [participant.email.strip().lower() for participant in participants]
    seen, repeated = set(), set()
    for email in emails:
        (repeated if email in seen else seen).add(email)
    taken = set(
        session.registrations.filter(email__in=emails, status__in=Registration.ACTIVE).values_list(
            "email", flat=True
        )
    )
    duplicates = sorted(repeated | taken)
    if duplicates:
        raise ValidationError(
            _("Already registered for this session: %(emails)s") % {"emails": ", ".join(duplicates)}
        )


def _place(session, organization, participant: Participant, *, by) -> Registration:
    registration = Registration(
        session=session,
        organization=organization,
        registered_by=by,
        **{field: getattr(participant, field) for field in PARTICIPANT_FIELDS},
    )
    registration.email = registration.email.strip().lower()
    if session.requires_approval:
        registration.status = Status.PENDING
    else:
        _seat_or_waitlist(session, registration)
    registration.full_clean(validate_constraints=False)
    registration.save()
    return registration


def _seat_or_waitlist(session: TrainingSession, registration: Registration) -> None:
    """Under the session lock: a seat if one is left, else the next waiting-list number."""
    if session.confirmed_count < session.capacity:
        session.confirmed_count += 1
        registration.status = Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.waitlist_position = None
    else:
        registration.status = Status.WAITLISTED
        registration.waitlist_position = session.waitlist_next
        session.waitlist_next += 1


def registration_notify(
    registration: Registration, *, kind: str | None = None, withdrawn_from=None
) -> None:
    """Tell the participant where they stand, in their language (a confirmation carries the
    session's .ics file)."""
    kind = kind or {
        Status.CONFIRMED: kinds.CONFIRMED,
        Status.WAITLISTED: kinds.WAITLISTED,
        Status.PENDING: kinds.PENDING,
        Status.CANCELLED: kinds.REGISTRATION_CANCELLED,
    }.get(registration.status)
    if kind is None:
        return
    attachments = []
    if kind in (kinds.CONFIRMED, kinds.PROMOTED):
        attachments = [
            session_ics_attachment(registration.session, language=registration.language),
            check_in_qr_attachment(registration),
        ]
    if withdrawn_from is not None:
        # The session they held a seat at, marked cancelled: it leaves their calendar.
        attachments.append(
            session_ics_attachment(withdrawn_from, language=registration.language, withdrawn=True)
        )
    notification_schedule(
        kind=kind,
        email=registration.email,
        language=registration.language,
        obj=registration,
        due_date=timezone.localdate(),
        attachments=attachments,
    )


def session_ics_attachment(
    session: TrainingSession, *, language: str, withdrawn: bool = False
) -> Attachment:
    """The session's .ics file in `language` (title, place, link), in storage, one per language
    and version of what it says (titles, dates, place, status): messages still waiting in the
    outbox keep the file they were given, so a file is never replaced or deleted under them."""
    version = "|".join(
        str(value)
        for value in (session.title, session.title_zh, session.starts_on, session.ends_on)
        + (session.venue, session.region_id, session.status, session.ical_sequence, language)
        + (withdrawn,)
    )
    digest = hashlib.sha256(version.encode()).hexdigest()[:16]
    name = f"trainings/calendar/session-{session.pk}-{digest}.ics"
    if not default_storage.exists(name):
        with translation.override(language):
            body = sessions_calendar([session], name=session.display_title, withdrawn=withdrawn)
        name = default_storage.save(name, ContentFile(body))
    return Attachment(name, f"training-{session.pk}.ics", "text/calendar")


def check_in_qr_attachment(registration: Registration) -> Attachment:
    """The participant's check-in QR code as an image file: most webmail drops the data: image
    of the e-mail's body. Stored once per registration (its token never changes)."""
    name = f"trainings/check-in/{registration.token}.png"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(kinds.check_in_qr_png(registration)))
    return Attachment(name, "check-in-qr.png", "image/png")


def waitlist_promote(session: TrainingSession) -> list[Registration]:
    """Give free seats to the waiting list in arrival order. The caller holds the session lock
    and saves the session. Side effect: a "seat opened up" e-mail to each, after commit."""
    promoted = []
    while session.confirmed_count < session.capacity:
        registration = (
            session.registrations.select_for_update()
            .filter(status=Status.WAITLISTED)
            .order_by("waitlist_position")
            .first()
        )
        if registration is None:
            break
        _seat_or_waitlist(session, registration)
        registration.save(update_fields=["status", "confirmed_at", "waitlist_position"])
        registration_notify(registration, kind=kinds.PROMOTED)
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """Cancel a registration; a freed seat goes to the first on the waiting list.

    Members of the organization may cancel until the session's cancellation deadline; the
    session's staff at any time. Raises PermissionDenied, or ValidationError past the deadline.
    Side effects, after commit: the participant's e-mail (with the event marked cancelled if
    they held a seat) and the promoted participant's.
    """
    if not can_cancel_registration(by, registration):
        raise PermissionDenied
    session = session_lock(registration.session_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.session = session
    problem = cancellation_error(registration)
    if problem and (not registration.is_active or not can_manage_session(by, session)):
        raise ValidationError(problem)
    return _cancel(session, registration)


@transaction.atomic
def registration_withdraw(*, registration: Registration) -> Registration:
    """The participant gives their place back through the link of their e-mails (no account:
    the link's signature is the credential, checked by the caller), until the session's
    cancellation deadline, as members may. Raises ValidationError past it or when already
    cancelled. Side effects as registration_cancel."""
    session = session_lock(registration.session_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.session = session
    problem = cancellation_error(registration)
    if problem:
        raise ValidationError(problem)
    return _cancel(session, registration)


def _cancel(session: TrainingSession, registration: Registration) -> Registration:
    """Under the session lock: release the place, promote the waiting list, tell them."""
    held_seat = registration.status == Status.CONFIRMED
    _release(session, registration)
    waitlist_promote(session)
    session.save(update_fields=["confirmed_count", "waitlist_next"])
    # The participant has no account: they hear it from us, with the event to take off.
    registration_notify(registration, withdrawn_from=session if held_seat else None)
    return registration


def _release(session: TrainingSession, registration: Registration) -> None:
    if registration.status == Status.CONFIRMED:
        session.confirmed_count -= 1
    registration.status = Status.CANCELLED
    registration.waitlist_position = None
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "waitlist_position", "cancelled_at"])


@transaction.atomic
def registration_approve(*, registration: Registration, by) -> Registration:
    """Staff accept a pending registration: a seat if one is left, else the waiting list.
    Raises PermissionDenied, ValidationError if it is not pending. Side effect: its e-mail."""
    if not can_manage_session(by, registration.session):
        raise PermissionDenied
    session = session_lock(registration.session_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.PENDING:
        raise ValidationError(_("Only a registration awaiting approval can be approved."))
    _seat_or_waitlist(session, registration)
    registration.save(update_fields=["status", "confirmed_at", "waitlist_position"])
    session.save(update_fields=["confirmed_count", "waitlist_next"])
    registration_notify(registration)
    return registration


@transaction.atomic
def registration_move(
    *, registration: Registration, to_session: TrainingSession, by
) -> Registration:
    """Staff move a participant to another session: the old place is cancelled (its seat goes to
    the waiting list there) and the participant takes a seat, or the waiting list, in the other.

    Staff decide, so the registration window and eligibility do not apply; a participant
    already registered there is refused (ValidationError). Raises PermissionDenied unless `by`
    is staff of both sessions' centers. Side effects: e-mails to the moved and promoted people.
    """
    if not (can_manage_session(by, registration.session) and can_manage_session(by, to_session)):
        raise PermissionDenied
    if to_session.pk == registration.session_id:
        raise ValidationError(_("Choose another session."))
    # Both rows locked in one order, whatever the direction of the move: no deadlock.
    locked = {
        session.pk: session
        for session in TrainingSession.objects.select_for_update(of=("self",))
        .filter(pk__in=[registration.session_id, to_session.pk])
        .order_by("pk")
    }
    source, target = locked[registration.session_id], locked[to_session.pk]
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise ValidationError(_("This registration is already cancelled."))
    participant = Participant(
        **{field: getattr(registration, field) for field in PARTICIPANT_FIELDS}
    )
    _check_duplicates(target, [participant])
    held_seat = registration.status == Status.CONFIRMED
    _release(source, registration)
    waitlist_promote(source)
    moved = _place(target, registration.organization, participant, by=registration.registered_by)
    for session in (source, target):
        session.save(update_fields=["confirmed_count", "waitlist_next"])
    registration_notify(moved, withdrawn_from=source if held_seat else None)
    return moved


def sessions_recount() -> int:
    """Set every session's confirmed_count from its rows (a repair for data loaded by hand;
    the services keep it right). Returns the number of sessions changed."""
    changed = 0
    counts = dict(
        Registration.objects.filter(status=Status.CONFIRMED)
        .values_list("session_id")
        .annotate(n=Count("pk"))
        .values_list("session_id", "n")
    )
    for session in TrainingSession.objects.only("pk", "confirmed_count"):
        if session.confirmed_count != counts.get(session.pk, 0):
            TrainingSession.objects.filter(pk=session.pk).update(
                confirmed_count=counts.get(session.pk, 0)
            )
            changed += 1
    return changed
