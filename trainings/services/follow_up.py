"""Evaluations, action plans, follow-up responses and the follow-up reminders."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngo_portal.services.notifications import notification_schedule
from organizations.permissions import is_organization_member

from .. import notifications as kinds
from ..models import ActionPlan, Evaluation, FollowUp, FollowUpResponse, Registration
from ..permissions import can_manage_session, can_record_action_plan
from ..rules import evaluation_open
from ..selectors import follow_up_non_responders
from .sessions import sessions_complete_ended

# Participants hear of the follow-up this long before it is due, and once when it is overdue.
REMINDER_BEFORE = datetime.timedelta(days=14)
# Overdue follow-ups older than this are left to staff (the chase button): the job stays bounded.
OVERDUE_WINDOW = datetime.timedelta(days=90)


@transaction.atomic
def evaluation_submit(*, registration: Registration, data: dict) -> Evaluation:
    """The participant's feedback, once (through the e-mailed link, no account). Raises
    ValidationError for a second answer, a participant who was not confirmed, or a session
    not held yet (evaluation_open)."""
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Only participants of the session can evaluate it."))
    if not evaluation_open(registration.session):
        raise ValidationError(_("The evaluation opens on the session's last day."))
    evaluation = Evaluation(registration=registration, **data)
    evaluation.full_clean()
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError:
        raise ValidationError(_("You have already sent your evaluation. Thank you!")) from None
    return evaluation


@transaction.atomic
def action_plan_save(*, plan: ActionPlan, by) -> ActionPlan:
    """Record or update an individual or group plan. Members record their own organization's
    plans; staff any. Raises PermissionDenied, ValidationError (also for a due date before the
    session's first day)."""
    if not can_record_action_plan(by, plan.session):
        raise PermissionDenied
    if not can_manage_session(by, plan.session) and not is_organization_member(
        by, plan.organization
    ):
        raise PermissionDenied
    if plan.registration_id and (
        plan.registration.session_id != plan.session_id
        or plan.registration.organization_id != plan.organization_id
    ):
        raise ValidationError({"registration": _("Choose a participant of this organization.")})
    if plan.due_on and plan.due_on < plan.session.starts_on:
        # A plan is made at the training: it cannot be due before it.
        raise ValidationError({"due_on": _("It cannot come before the session itself.")})
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def follow_up_respond(
    *, registration: Registration, progress: str, shared_with: int, plan_updates: dict
) -> FollowUpResponse:
    """The participant's follow-up report and the state of their plans ({plan id: (status,
    note)}: only plans of their own organization in this session change). Raises
    ValidationError when the session has no follow-up or the report was already sent."""
    follow_up = FollowUp.objects.filter(session_id=registration.session_id).first()
    if follow_up is None or registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("There is no follow-up for you to answer."))
    response = FollowUpResponse(
        follow_up=follow_up, registration=registration, progress=progress, shared_with=shared_with
    )
    response.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise ValidationError(
            _("You have already sent your follow-up report. Thank you!")
        ) from None
    plans = ActionPlan.objects.filter(
        session_id=registration.session_id,
        organization_id=registration.organization_id,
        pk__in=list(plan_updates),
    )
    for plan in plans:
        plan.status, plan.progress_note = plan_updates[plan.pk]
        plan.full_clean()
        plan.save(update_fields=["status", "progress_note"])
    return response


def _remind(follow_up: FollowUp, kind: str, due_date) -> int:
    sent = 0
    for registration in follow_up_non_responders(follow_up=follow_up):
        notification_schedule(
            kind=kind,
            email=registration.email,
            language=registration.language,
            obj=registration,
            due_date=due_date,
        )
        sent += 1
    return sent


def follow_up_reminders_send(*, today=None) -> dict:
    """The daily job (migration 0002_follow_up_reminder_schedule): complete ended sessions, then
    remind participants who have not reported, before the follow-up is due and once overdue.

    Each reminder's outbox key is (kind, participant, address, the follow-up's due date): a
    second run the same day, or any later day, schedules nothing new. Returns counts.
    """
    today = today or timezone.localdate()
    completed = sessions_complete_ended(today=today)
    soon = FollowUp.objects.filter(due_on__gte=today, due_on__lte=today + REMINDER_BEFORE)
    late = FollowUp.objects.filter(due_on__lt=today, due_on__gte=today - OVERDUE_WINDOW)
    due = sum(_remind(follow_up, kinds.FOLLOW_UP_DUE, follow_up.due_on) for follow_up in soon)
    overdue = sum(
        _remind(follow_up, kinds.FOLLOW_UP_OVERDUE, follow_up.due_on) for follow_up in late
    )
    return {"completed": completed, "due": due, "overdue": overdue}


@transaction.atomic
def follow_up_chase(*, follow_up: FollowUp, by) -> int:
    """Staff remind the participants who have not reported yet, once a day at most.
    Returns how many were reminded."""
    if not can_manage_session(by, follow_up.session):
        raise PermissionDenied
    return _remind(follow_up, kinds.FOLLOW_UP_CHASE, timezone.localdate())
