"""Who may do what in grants. Views, templates and services ask these; nothing checks roles by hand.

Rounds, applications and awards belong to one center (the round's): its managers and officers run
them. Members of an organization see and edit their own applications and reports. A reviewer sees
only the applications of their active assignments; a conflict of interest ends that access.
"""

from ngo_portal.permissions import ROLE_CACHES, center_roles, forget_roles, is_center_staff
from organizations.permissions import organization_role, organization_roles

from .models import ReviewAssignment

# The applications of the user's active review assignments, read once per request when a page
# asks. Not a role source of the core's one-query union: a reviewer may hold thousands of
# assignments, and every page would read them all. Listed in ROLE_CACHES so that forget_roles
# clears it with the rest.
ASSIGNMENT_CACHE = "_grant_review_assignments"
if ASSIGNMENT_CACHE not in ROLE_CACHES:
    ROLE_CACHES.append(ASSIGNMENT_CACHE)


def _is_staff_of(user, center_id) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return center_roles(user).get(center_id) in ("manager", "officer")


def reviewer_application_ids(user) -> set[int]:
    """Applications the user has an active assignment on (one query per request)."""
    if not user.is_authenticated:
        return set()
    target = getattr(user, "_wrapped", user)
    cached = target.__dict__.get(ASSIGNMENT_CACHE)
    if cached is None:
        cached = set(
            ReviewAssignment.objects.filter(
                reviewer=target, status__in=ReviewAssignment.ACTIVE
            ).values_list("application_id", flat=True)
        )
        target.__dict__[ASSIGNMENT_CACHE] = cached
    return cached


def forget_assignments(user) -> None:
    """After a service changed the user's assignments within the request."""
    forget_roles(user)


# --- funds and rounds ----------------------------------------------------------------------


def can_manage_funds(user, obj=None) -> bool:
    """Create funds and rounds: staff of some center (the form offers their centers only)."""
    return is_center_staff(user)


def can_edit_fund(user, fund) -> bool:
    return _is_staff_of(user, fund.center_id)


def can_view_round(user, funding_round) -> bool:
    return funding_round.is_published or _is_staff_of(user, funding_round.center_id)


def can_edit_round(user, funding_round) -> bool:
    return _is_staff_of(user, funding_round.center_id)


def can_apply_to_round(user, funding_round) -> bool:
    """Any member of an organization may start an application; the window and eligibility are
    checked when saving and submitting, with their reasons."""
    return user.is_authenticated and bool(organization_roles(user))


def can_view_round_applications(user, funding_round) -> bool:
    return _is_staff_of(user, funding_round.center_id)


def can_export_round(user, funding_round) -> bool:
    return _is_staff_of(user, funding_round.center_id)


# --- applications ---------------------------------------------------------------------------


def is_applicant(user, application) -> bool:
    return organization_role(user, application.organization) is not None


def is_unsent_draft(application) -> bool:
    """A draft, or a draft withdrawn without ever being submitted: the organization's own
    unfinished work, which the center does not see (its lists leave drafts out too)."""
    return application.status == application.Status.DRAFT or (
        application.status == application.Status.WITHDRAWN and application.submitted_at is None
    )


def can_view_application(user, application) -> bool:
    return (
        is_applicant(user, application)
        or (_is_staff_of(user, application.round.center_id) and not is_unsent_draft(application))
        or application.pk in reviewer_application_ids(user)
    )


def can_edit_application(user, application) -> bool:
    return application.is_editable and is_applicant(user, application)


def can_withdraw_application(user, application) -> bool:
    return application.status in ("draft", "submitted", "more_information") and is_applicant(
        user, application
    )


def can_manage_application(user, application) -> bool:
    """Ask for more information, assign reviewers, decide: staff of the round's center."""
    return _is_staff_of(user, application.round.center_id)


def can_decide_application(user, application) -> bool:
    return application.status in application.UNDER_REVIEW and can_manage_application(
        user, application
    )


def can_view_application_list(user, obj=None) -> bool:
    return user.is_authenticated


# --- reviews --------------------------------------------------------------------------------


def can_review(user, assignment) -> bool:
    """The assigned reviewer, while the assignment is active; nobody else (staff read reviews
    on the application page, they do not write them)."""
    return (
        user.is_authenticated
        and assignment.reviewer_id == user.pk
        and assignment.status in ReviewAssignment.ACTIVE
    )


def can_score_review(user, assignment) -> bool:
    return can_review(user, assignment) and assignment.application.status in (
        "submitted",
        "more_information",
    )


def can_view_my_reviews(user, obj=None) -> bool:
    return user.is_authenticated


def can_accept_review_invitation(user, assignment) -> bool:
    return user.is_authenticated and assignment.status == ReviewAssignment.Status.INVITED


def can_view_ranking(user, funding_round) -> bool:
    return _is_staff_of(user, funding_round.center_id)


# --- awards and reports ---------------------------------------------------------------------


def can_view_award(user, award) -> bool:
    return is_applicant(user, award.application) or _is_staff_of(user, award.round.center_id)


def can_manage_award(user, award) -> bool:
    return _is_staff_of(user, award.round.center_id)


def can_view_grant_report(user, report) -> bool:
    return can_view_award(user, report.award)


def can_submit_grant_report(user, report) -> bool:
    return report.is_editable and is_applicant(user, report.award.application)


def can_review_grant_report(user, report) -> bool:
    return report.status == report.Status.SUBMITTED and can_manage_award(user, report.award)


# --- campaigns ------------------------------------------------------------------------------


def can_manage_campaigns(user, obj=None) -> bool:
    return is_center_staff(user)


def can_edit_campaign(user, campaign) -> bool:
    return _is_staff_of(user, campaign.center_id)
