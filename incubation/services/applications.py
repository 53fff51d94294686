"""Applications to a cohort's call: start, autosave, submit, score, decide.

Side effects: e-mails through the outbox (received, and each decision) to the organization's
owners and admins and to whoever started the application; accepting creates the Enrollment.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngo_portal.models import User
from ngo_portal.services.notifications import notification_schedule
from organizations.models import Organization
from organizations.permissions import is_organization_member

from ..models import (
    ApplicationScore,
    Cohort,
    CohortApplication,
    Enrollment,
    RubricCriterion,
)
from ..notifications import APPLICATION_SUBMITTED, DECISION_KINDS
from ..permissions import (
    can_apply_to_cohort,
    can_decide_application,
    can_edit_application,
    can_manage_cohort,
    can_score_application,
)
from .recipients import organization_recipients

Status = CohortApplication.Status
ANSWER_MAX = 5000
SNAPSHOT_FIELDS = (
    "name_zh",
    "name_en",
    "credit_code",
    "legal_form",
    "registration_date",
    "region_code",
    "address",
    "founded_year",
    "staff_full_time",
    "staff_part_time",
    "volunteers",
    "annual_budget_cny",
    "growth_stage",
    "contact_name",
    "contact_email",
    "website",
    "description",
)


def profile_snapshot(organization: Organization) -> dict:
    """The profile as it stood, in JSON-safe values: staff decide on what was submitted."""
    snapshot = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(organization, name, None)
        snapshot[name] = "" if value is None else str(value)
    snapshot["service_areas"] = list(organization.service_areas or [])
    return snapshot


@transaction.atomic
def application_start(*, cohort: Cohort, organization: Organization, by: User) -> CohortApplication:
    """The organization's application to the cohort: the existing one, or a new draft."""
    if not can_apply_to_cohort(by, cohort) or not is_organization_member(by, organization):
        raise PermissionDenied
    existing = CohortApplication.objects.filter(cohort=cohort, organization=organization).first()
    if existing is not None:
        return existing
    application = CohortApplication(
        cohort=cohort,
        organization=organization,
        created_by=by,
        profile_snapshot=profile_snapshot(organization),
    )
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # a second tab started it a moment ago
        return CohortApplication.objects.get(cohort=cohort, organization=organization)
    return application


def _clean_answers(application: CohortApplication, answers: dict) -> dict:
    known = {str(question.pk) for question in application.cohort.questions.all()}
    cleaned = dict(application.answers)
    for key, value in answers.items():
        if str(key) in known:
            # PostgreSQL stores no NUL character in text or JSON: drop it rather than fail.
            cleaned[str(key)] = str(value).replace("\x00", "")[:ANSWER_MAX]
    return cleaned


@transaction.atomic
def application_autosave(
    *, application: CohortApplication, answers: dict, by: User
) -> CohortApplication:
    """Keep what the applicant typed so far (unknown questions ignored, NUL characters dropped,
    answers cut at ANSWER_MAX characters); nothing is checked for completeness until submit."""
    application = CohortApplication.objects.select_for_update().get(pk=application.pk)
    if not can_edit_application(by, application):
        raise PermissionDenied
    application.answers = _clean_answers(application, answers)
    application.save(update_fields=["answers", "updated_at"])
    return application


@transaction.atomic
def application_submit(
    *, application: CohortApplication, answers: dict, by: User
) -> CohortApplication:
    """Submit the draft with a fresh profile snapshot. Raises ValidationError naming each
    required question left empty ({question id: message}); then nothing is submitted, but the
    answers are kept as a draft."""
    application = CohortApplication.objects.select_for_update().get(pk=application.pk)
    if not can_edit_application(by, application):
        raise PermissionDenied
    application.answers = _clean_answers(application, answers)
    missing = {
        str(question.pk): _("Please answer this question.")
        for question in application.cohort.questions.all()
        if question.required and not application.answers.get(str(question.pk), "").strip()
    }
    if missing:
        application.save(update_fields=["answers", "updated_at"])
        raise ValidationError(missing)
    application.status = Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.profile_snapshot = profile_snapshot(application.organization)
    application.save()
    _notify(application, APPLICATION_SUBMITTED)
    return application


@transaction.atomic
def application_score(
    *, application: CohortApplication, scores: dict[int, int], by: User, comments=None
) -> list[ApplicationScore]:
    """Record `by`'s score per rubric criterion ({criterion id: score}); each score between 0
    and the criterion's highest score (ValidationError {criterion id: message} otherwise)."""
    application = CohortApplication.objects.select_related("cohort__center").get(pk=application.pk)
    if not can_score_application(by, application):
        raise PermissionDenied
    criteria = {c.pk: c for c in RubricCriterion.objects.filter(cohort=application.cohort_id)}
    errors = {}
    for criterion_id, score in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            continue
        if score is None or not 0 <= int(score) <= criterion.max_score:
            errors[str(criterion_id)] = _("Give a score from 0 to %(max)s.") % {
                "max": criterion.max_score
            }
    if errors:
        raise ValidationError(errors)
    comments = comments or {}
    saved = []
    for criterion_id, score in scores.items():
        if int(criterion_id) not in criteria:
            continue
        row, _created = ApplicationScore.objects.update_or_create(
            application=application,
            criterion_id=int(criterion_id),
            scorer=by,
            defaults={"score": int(score), "comment": comments.get(criterion_id, "")[:500]},
        )
        saved.append(row)
    return saved


def _cohort_for_update(cohort_id: int) -> Cohort:
    """The cohort row, locked until the transaction ends: two staff accepting at once are
    served one after the other, so the second sees the first's enrollment when counting."""
    return Cohort.objects.select_for_update().get(pk=cohort_id)


def _enrolled_count(cohort: Cohort) -> int:
    return cohort.enrollments.exclude(status=Enrollment.Status.WITHDRAWN).count()


@transaction.atomic
def application_decide(
    *, application: CohortApplication, decision: str, by: User, note: str = ""
) -> CohortApplication:
    """Accept, waitlist or reject a submitted (or waitlisted) application.

    Accepting creates the Enrollment; it raises ValidationError when the cohort is full, also
    when two staff accept at the same moment (the cohort row is locked while counting).
    Side effect: the decision's e-mail to the organization through the outbox.
    """
    if decision not in DECISION_KINDS:
        raise ValidationError(_("Unknown decision."))
    cohort = _cohort_for_update(application.cohort_id)
    application = (
        CohortApplication.objects.select_for_update(of=("self",))
        .select_related("cohort__center", "organization")
        .get(pk=application.pk)
    )
    if not can_manage_cohort(by, application.cohort):
        raise PermissionDenied
    if not can_decide_application(by, application):
        raise ValidationError(_("This application has already been decided."))
    if decision == Status.ACCEPTED:
        if _enrolled_count(cohort) >= cohort.capacity:
            raise ValidationError(
                _(
                    "The cohort is full (%(capacity)s organizations): waitlist this application "
                    "or withdraw an enrollment first."
                )
                % {"capacity": cohort.capacity}
            )
        application.enrollment = Enrollment.objects.create(
            cohort=cohort, organization=application.organization, enrolled_on=timezone.localdate()
        )
    application.status = decision
    application.decided_by, application.decided_at = by, timezone.now()
    application.decision_note = note[:2000]
    application.save()
    _notify(application, DECISION_KINDS[decision])
    return application


def _notify(application: CohortApplication, kind: str) -> None:
    today = timezone.localdate()
    for email, user in organization_recipients(
        application.organization, also=application.created_by
    ):
        notification_schedule(kind=kind, email=email, user=user, obj=application, due_date=today)
