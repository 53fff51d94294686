"""During incubation: mentors, mentoring sessions, milestones and their evidence, reminders,
graduation and extension.

Side effects: evidence files through the storage API; reminder e-mails through the outbox;
graduating queues the certificate job.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngo_portal.jobs.services import report_request
from ngo_portal.models import Report, User
from ngo_portal.services.notifications import notification_schedule
from organizations.services import document_file_errors

from ..models import Enrollment, MentorAssignment, MentoringSession, Milestone
from ..notifications import MILESTONE_DUE_SOON, MILESTONE_OVERDUE
from ..permissions import (
    can_be_mentor,
    can_log_mentoring,
    can_manage_enrollment,
    can_update_milestone,
)
from ..selectors.graduation import enrollment_graduation_check
from .recipients import organization_language, organization_recipients

# Reminders: this many days before the due date, and the day after it (each once).
REMIND_DAYS_BEFORE = 7
CERTIFICATE_KIND = "incubation.certificate"


@transaction.atomic
def mentor_assign(*, enrollment: Enrollment, mentor: User, by: User) -> MentorAssignment:
    """Assign a mentor: staff of the cohort's center or a user with its mentor role."""
    if not can_manage_enrollment(by, enrollment):
        raise PermissionDenied
    if not can_be_mentor(mentor, enrollment.cohort.center):
        raise ValidationError(
            {"mentor": _("Only the center's staff and mentors can mentor an organization.")}
        )
    assignment, _created = MentorAssignment.objects.get_or_create(
        enrollment=enrollment, mentor=mentor, defaults={"assigned_by": by}
    )
    return assignment


@transaction.atomic
def mentor_unassign(*, enrollment: Enrollment, mentor_id: int, by: User) -> None:
    if not can_manage_enrollment(by, enrollment):
        raise PermissionDenied
    MentorAssignment.objects.filter(enrollment=enrollment, mentor_id=mentor_id).delete()


@transaction.atomic
def mentoring_session_log(*, enrollment: Enrollment, by: User, data: dict) -> MentoringSession:
    """data: held_on, topic, notes, next_steps."""
    if not can_log_mentoring(by, enrollment):
        raise PermissionDenied
    session = MentoringSession(enrollment=enrollment, mentor=by, **data)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def milestone_create(*, enrollment: Enrollment, by: User, data: dict) -> Milestone:
    """data: title, description, due_on. Raises ValidationError {"due_on": ...} unless the due
    date falls within the incubation (the cohort's start to its end, or the enrollment's
    extension): a mistyped year would otherwise send overdue reminders at once."""
    if not can_manage_enrollment(by, enrollment) and not can_log_mentoring(by, enrollment):
        raise PermissionDenied
    cohort = enrollment.cohort
    last = max(cohort.ends_on, enrollment.extended_until or cohort.ends_on)
    due_on = data.get("due_on")
    if due_on is not None and not cohort.starts_on <= due_on <= last:
        raise ValidationError(
            {
                "due_on": _("Choose a date within the incubation, %(start)s to %(end)s.")
                % {"start": f"{cohort.starts_on:%Y-%m-%d}", "end": f"{last:%Y-%m-%d}"}
            }
        )
    milestone = Milestone(enrollment=enrollment, **data)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, by: User, status: str, evidence: UploadedFile | None = None
) -> Milestone:
    """Set the status (completing records today's date) and store evidence if given.

    Raises ValidationError({"evidence": [...]}) for a file of the wrong type, content or size;
    then nothing changes. Side effect: the file is written through the storage API.
    """
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if not can_update_milestone(by, milestone):
        raise PermissionDenied
    if status not in Milestone.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if evidence is not None:
        errors = document_file_errors(evidence)
        if errors:
            raise ValidationError({"evidence": errors})
    milestone.status = status
    if status == Milestone.Status.COMPLETED:
        milestone.completed_on = milestone.completed_on or timezone.localdate()
    else:
        milestone.completed_on = None
    if evidence is not None:
        milestone.evidence_name = evidence.name[-255:]
        milestone.evidence.save(evidence.name[-100:], evidence, save=False)
    milestone.full_clean()
    milestone.save()
    return milestone


def milestone_reminders_send(*, today: datetime.date | None = None) -> dict:
    """Schedule the reminders owed today: REMIND_DAYS_BEFORE days before an open milestone's
    due date (or later, up to the date), and once it is overdue. The outbox's key (kind,
    milestone, address, due date) sends each at most once, however often this runs.

    Returns {"due_soon": n, "overdue": n} of the messages scheduled or found scheduled.
    """
    today = today or timezone.localdate()
    open_milestones = Milestone.objects.filter(
        status__in=(Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS),
        enrollment__status=Enrollment.Status.ACTIVE,
    ).select_related("enrollment__organization", "enrollment__cohort")
    counts = {"due_soon": 0, "overdue": 0}
    soon = open_milestones.filter(
        due_on__gte=today, due_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    )
    for milestone in soon.iterator(chunk_size=500):
        counts["due_soon"] += _remind(milestone, MILESTONE_DUE_SOON)
    for milestone in open_milestones.filter(due_on__lt=today).iterator(chunk_size=500):
        counts["overdue"] += _remind(milestone, MILESTONE_OVERDUE)
    return counts


def _remind(milestone: Milestone, kind: str) -> int:
    enrollment = milestone.enrollment
    recipients = organization_recipients(enrollment.organization)
    recipients += [
        (assignment.mentor.email, assignment.mentor)
        for assignment in enrollment.mentor_assignments.select_related("mentor")
    ]
    seen = set()
    for email, user in recipients:
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        notification_schedule(
            kind=kind, email=email, user=user, obj=milestone, due_date=milestone.due_on
        )
    return len(seen)


@transaction.atomic
def enrollment_graduate(
    *, enrollment: Enrollment, by: User, language: str = "", despite_criteria: bool = False
) -> Report:
    """Mark the enrollment graduated today and queue its certificate (a PDF job).

    `language` empty: the organization's (its first owner's), as its e-mails and reports.
    Raises ValidationError when it is not active, or when it does not meet the cohort's
    graduation criteria (rules.graduation_check) unless staff graduate it `despite_criteria`
    (they confirm that on the graduation page).
    """
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("cohort__center")
        .get(pk=enrollment.pk)
    )
    if not can_manage_enrollment(by, enrollment):
        raise PermissionDenied
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(_("Only an active enrollment can graduate."))
    if not despite_criteria and not enrollment_graduation_check(enrollment=enrollment).meets:
        raise ValidationError(
            _(
                "%(name)s does not meet the graduation criteria: confirm that it graduates "
                "although they are not met."
            )
            % {"name": enrollment.organization.display_name}
        )
    enrollment.status = Enrollment.Status.GRADUATED
    enrollment.graduated_on = timezone.localdate()
    enrollment.save(update_fields=["status", "graduated_on"])
    language = language or organization_language(enrollment.organization)
    return certificate_request(enrollment=enrollment, by=by, language=language)


def certificate_request(*, enrollment: Enrollment, by: User, language: str) -> Report:
    if not can_manage_enrollment(by, enrollment):
        raise PermissionDenied
    if enrollment.status != Enrollment.Status.GRADUATED:
        raise ValidationError(_("Only a graduated organization receives a certificate."))
    return report_request(
        kind=CERTIFICATE_KIND,
        requested_by=by,
        parameters={"enrollment": enrollment.pk},
        language=language,
        center=enrollment.cohort.center,
        subject=enrollment,
    )


@transaction.atomic
def enrollment_extend(*, enrollment: Enrollment, until: datetime.date, by: User) -> Enrollment:
    """Keep an active enrollment in incubation past the cohort's end, until `until`."""
    enrollment = (
        Enrollment.objects.select_for_update().select_related("cohort").get(pk=enrollment.pk)
    )
    if not can_manage_enrollment(by, enrollment):
        raise PermissionDenied
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(_("Only an active enrollment can be extended."))
    if until <= enrollment.cohort.ends_on:
        raise ValidationError({"until": _("Choose a date after the cohort's end.")})
    enrollment.extended_until = until
    enrollment.save(update_fields=["extended_until"])
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, by: User) -> Enrollment:
    """Withdraw an active enrollment (the organization leaves the cohort): its seat is free
    again for a waitlisted application. Raises ValidationError unless it is active."""
    enrollment = (
        Enrollment.objects.select_for_update().select_related("cohort").get(pk=enrollment.pk)
    )
    if not can_manage_enrollment(by, enrollment):
        raise PermissionDenied
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(_("Only an active enrollment can be withdrawn."))
    enrollment.status = Enrollment.Status.WITHDRAWN
    enrollment.save(update_fields=["status"])
    return enrollment
