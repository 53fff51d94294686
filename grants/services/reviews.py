"""Review: staff assign reviewers (invited by e-mail when from outside), reviewers declare
conflicts of interest or score each criterion; the application keeps its weighted average."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from ngo_portal.models import CenterMembership
from organizations.models import OrganizationMembership

from ..models import CriterionScore, GrantApplication, Review, ReviewAssignment
from ..notifications import REVIEW_REQUESTED
from ..permissions import (
    can_accept_review_invitation,
    can_manage_application,
    can_review,
    can_score_review,
    forget_assignments,
)
from ..rules import average_of, weighted_score
from .outbox import notify


def _refuse_applicant_as_reviewer(application, user) -> None:
    if OrganizationMembership.objects.filter(
        organization_id=application.organization_id,
        user=user,
        state=OrganizationMembership.State.ACTIVE,
    ).exists():
        raise ValidationError(
            _("A member of the applying organization cannot review its application.")
        )


@transaction.atomic
def reviewer_assign(
    *, application: GrantApplication, by, reviewer=None, email: str = ""
) -> ReviewAssignment:
    """Assign a center reviewer (`reviewer`) or invite someone from outside by `email`.

    A center reviewer must hold the reviewer role in the round's center. An address that belongs
    to an account is assigned to that account; any other receives an invitation whose link
    assigns whoever accepts it. Either way an e-mail goes through the outbox.
    Raises PermissionDenied, ValidationError (wrong role, applicant, already assigned or
    invited).
    """
    # Locked: two clicks on Assign at once must not both pass the "already invited" check.
    application = (
        GrantApplication.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=application.pk)
    )
    if not can_manage_application(by, application):
        raise PermissionDenied
    if application.status not in GrantApplication.UNDER_REVIEW:
        raise ValidationError(
            _("Reviewers are assigned to submitted applications only."), code="done"
        )
    email = (email or "").strip().lower()
    if reviewer is not None:
        if not CenterMembership.objects.filter(
            user=reviewer, center_id=application.round.center_id, role="reviewer"
        ).exists():
            raise ValidationError(_("This person is not a reviewer of the round's center."))
    elif email:
        reviewer = get_user_model().objects.filter(email=email).first()
    else:
        raise ValidationError(_("Choose a reviewer or give an e-mail address."))
    assignment = ReviewAssignment(application=application, assigned_by=by)
    if reviewer is not None:
        _refuse_applicant_as_reviewer(application, reviewer)
        if application.assignments.filter(
            reviewer=reviewer, status=ReviewAssignment.Status.CONFLICT
        ).exists():
            raise ValidationError(
                _("This reviewer declared a conflict of interest on this application.")
            )
        assignment.reviewer = reviewer
        assignment.status = ReviewAssignment.Status.ASSIGNED
    else:
        if application.assignments.filter(invited_email=email).exists():
            raise ValidationError(
                _("%(email)s is already invited to review this application.") % {"email": email}
            )
        assignment.invited_email = email
        assignment.status = ReviewAssignment.Status.INVITED
    assignment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        raise ValidationError(_("This reviewer is already assigned to the application.")) from None
    notify(
        kind=REVIEW_REQUESTED,
        email=reviewer.email if reviewer else email,
        user=reviewer,
        obj=assignment,
    )
    return assignment


@transaction.atomic
def review_invitation_accept(*, assignment: ReviewAssignment, user) -> ReviewAssignment:
    """The invited outside reviewer, signed in, takes the assignment. Raises PermissionDenied,
    ValidationError (a member of the applicant, already assigned)."""
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if not can_accept_review_invitation(user, assignment):
        raise PermissionDenied
    _refuse_applicant_as_reviewer(assignment.application, user)
    assignment.reviewer = user
    assignment.status = ReviewAssignment.Status.ASSIGNED
    try:
        with transaction.atomic():
            assignment.save(update_fields=["reviewer", "status"])
    except IntegrityError:
        raise ValidationError(_("You are already assigned to this application.")) from None
    forget_assignments(user)
    return assignment


@transaction.atomic
def assignment_declare_conflict(*, assignment: ReviewAssignment, by, note: str) -> ReviewAssignment:
    """The reviewer declares a conflict of interest and is unassigned: the assignment stays as
    the record of the declaration, any review they wrote is removed from the average."""
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if not can_review(by, assignment):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": _("Please say what the conflict of interest is.")})
    assignment.status = ReviewAssignment.Status.CONFLICT
    assignment.conflict_note = note.strip()
    assignment.save(update_fields=["status", "conflict_note"])
    Review.objects.filter(assignment=assignment).delete()
    application_scores_refresh(application_id=assignment.application_id)
    forget_assignments(by)
    return assignment


@transaction.atomic
def review_submit(
    *,
    assignment: ReviewAssignment,
    by,
    recommendation: str,
    comment: str,
    scores: dict[int, tuple[int, str]],
) -> Review:
    """Save the reviewer's scores ({criterion id: (0-5, comment)} for every criterion of the
    round) and recommendation; the weighted score and the application's average follow.
    Raises PermissionDenied, ValidationError (a criterion missing, a score out of range)."""
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if not can_score_review(by, assignment):
        raise PermissionDenied
    criteria = list(assignment.application.round.criteria.all())
    missing = [criterion for criterion in criteria if criterion.pk not in scores]
    if missing:
        raise ValidationError(_("Please score every criterion."))
    if any(not 0 <= scores[c.pk][0] <= 5 for c in criteria):
        raise ValidationError(_("Scores go from 0 to 5."))
    review = Review.objects.filter(assignment=assignment).first() or Review(
        assignment=assignment, application_id=assignment.application_id
    )
    review.recommendation, review.comment = recommendation, comment.strip()
    review.weighted_score = weighted_score([(scores[c.pk][0], c.weight) for c in criteria])
    review.full_clean(exclude=["application"])
    review.save()
    review.scores.all().delete()
    CriterionScore.objects.bulk_create(
        CriterionScore(review=review, criterion=c, score=scores[c.pk][0], comment=scores[c.pk][1])
        for c in criteria
    )
    assignment.status = ReviewAssignment.Status.COMPLETED
    assignment.save(update_fields=["status"])
    application_scores_refresh(application_id=assignment.application_id)
    return review


def application_scores_refresh(*, application_id: int) -> None:
    """Recompute the application's review count and average of weighted scores (the ranking
    reads them), under the application's row lock so two reviews saved at once both count."""
    application = GrantApplication.objects.select_for_update().get(pk=application_id)
    summary = Review.objects.filter(application_id=application_id).aggregate(
        count=Count("pk"), average=Avg("weighted_score")
    )
    application.review_count = summary["count"]
    application.average_score = (
        average_of([summary["average"]]) if summary["average"] is not None else None
    )
    application.save(update_fields=["review_count", "average_score"])
