"""Who may do what in incubation. Views, templates and services ask these predicates.

Staff (managers, officers) of a cohort's center run it. Reviewers of the center screen and score
its applications. Mentors see only the enrollments assigned to them (anything else answers 404).
Members of an organization apply for it, see its enrollments and assessments, and fill its
self-assessments.
"""

from django.db.models import CharField, Q, Value

from ngo_portal.models import CenterMembership
from ngo_portal.permissions import center_roles, is_center_staff, register_role_source, user_roles
from organizations.models import OrganizationMembership
from organizations.permissions import organization_role, organization_roles

from .models import CapacityAssessment, Cohort, CohortApplication, MentorAssignment

Role = CenterMembership.Role
ORG_MANAGERS = (OrganizationMembership.Role.OWNER, OrganizationMembership.Role.ADMIN)

# {enrollment id: "mentor"} of the user's mentor assignments, read with every other role at once.
MENTORING_CACHE = "_incubation_mentoring"
register_role_source(
    MENTORING_CACHE,
    lambda user: (
        MentorAssignment.objects.filter(mentor=user)
        .annotate(role=Value("mentor", output_field=CharField()))
        .values_list("enrollment_id", "role")
    ),
)


def mentored_enrollment_ids(user) -> set[int]:
    return set(user_roles(user, MENTORING_CACHE))


def is_staff_of(user, center) -> bool:
    return is_center_staff(user, center)


def _is_reviewer_of(user, center) -> bool:
    return center_roles(user).get(center.pk) == Role.REVIEWER


def _is_member(user, organization_id: int) -> bool:
    return organization_id in organization_roles(user)


# --- cohorts and applications ------------------------------------------------------------


def can_view_cohort(user, cohort: Cohort) -> bool:
    """Published cohorts are public; drafts only for the center's staff."""
    return cohort.status != Cohort.Status.DRAFT or is_staff_of(user, cohort.center)


def can_manage_cohort(user, cohort: Cohort) -> bool:
    return is_staff_of(user, cohort.center)


def can_create_cohort(user, obj=None) -> bool:
    return is_center_staff(user)


def can_view_cohort_applications(user, cohort: Cohort) -> bool:
    return is_staff_of(user, cohort.center) or _is_reviewer_of(user, cohort.center)


def can_apply_to_cohort(user, cohort: Cohort) -> bool:
    """A member of some organization, while the call is open (status and window)."""
    return user.is_authenticated and cohort.call_is_open and bool(organization_roles(user))


def can_view_application(user, application: CohortApplication) -> bool:
    center = application.cohort.center
    return (
        _is_member(user, application.organization_id)
        or is_staff_of(user, center)
        or (_is_reviewer_of(user, center) and not application.is_draft)
    )


def can_edit_application(user, application: CohortApplication) -> bool:
    return (
        application.is_draft
        and application.cohort.call_is_open
        and _is_member(user, application.organization_id)
    )


def can_score_application(user, application: CohortApplication) -> bool:
    center = application.cohort.center
    return application.status in CohortApplication.DECIDABLE and (
        is_staff_of(user, center) or _is_reviewer_of(user, center)
    )


def can_decide_application(user, application: CohortApplication) -> bool:
    return application.status in CohortApplication.DECIDABLE and is_staff_of(
        user, application.cohort.center
    )


# --- enrollments -------------------------------------------------------------------------


def is_mentor_of(user, enrollment) -> bool:
    return enrollment.pk in mentored_enrollment_ids(user)


def can_view_enrollment(user, enrollment) -> bool:
    return (
        is_staff_of(user, enrollment.cohort.center)
        or is_mentor_of(user, enrollment)
        or _is_member(user, enrollment.organization_id)
    )


def can_manage_enrollment(user, enrollment) -> bool:
    """Assign mentors, set milestones, graduate or extend: the center's staff."""
    return is_staff_of(user, enrollment.cohort.center)


def can_log_mentoring(user, enrollment) -> bool:
    return is_mentor_of(user, enrollment) or is_staff_of(user, enrollment.cohort.center)


def can_update_milestone(user, milestone) -> bool:
    """Evidence and progress: the organization's members, its mentors and staff."""
    return can_view_enrollment(user, milestone.enrollment)


def can_be_mentor(user, center) -> bool:
    """Center staff, or users the center gave its mentor role (invited mentors)."""
    return is_center_staff(user, center) or center_roles(user).get(center.pk) == Role.MENTOR


# --- assessments -------------------------------------------------------------------------


def _is_assessor(user, assessment: CapacityAssessment) -> bool:
    return user.is_authenticated and any(a.pk == user.pk for a in assessment.assessors.all())


def can_view_assessment(user, assessment: CapacityAssessment) -> bool:
    if is_staff_of(user, assessment.center) or _is_assessor(user, assessment):
        return True
    if assessment.enrollment_id is not None and assessment.enrollment_id in mentored_enrollment_ids(
        user
    ):
        return True
    member = _is_member(user, assessment.organization_id)
    # Members see their self-assessments at once, the center's once submitted.
    return member and (
        assessment.kind == CapacityAssessment.Kind.SELF
        or assessment.status != CapacityAssessment.Status.DRAFT
    )


def can_edit_assessment(user, assessment: CapacityAssessment) -> bool:
    if not assessment.is_editable:
        return False
    if assessment.kind == CapacityAssessment.Kind.SELF:
        return _is_member(user, assessment.organization_id) or is_staff_of(user, assessment.center)
    return is_staff_of(user, assessment.center) or _is_assessor(user, assessment)


def can_finalize_assessment(user, assessment: CapacityAssessment) -> bool:
    return assessment.status == CapacityAssessment.Status.SUBMITTED and is_staff_of(
        user, assessment.center
    )


def can_reopen_assessment(user, assessment: CapacityAssessment) -> bool:
    return assessment.status == CapacityAssessment.Status.SUBMITTED and is_staff_of(
        user, assessment.center
    )


def can_plan_actions(user, assessment: CapacityAssessment) -> bool:
    """Add or remove action-plan items: whoever may edit the assessment, or finalize it."""
    return can_edit_assessment(user, assessment) or can_finalize_assessment(user, assessment)


def can_request_assessment_report(user, assessment: CapacityAssessment) -> bool:
    return assessment.status == CapacityAssessment.Status.FINALIZED and can_view_assessment(
        user, assessment
    )


def can_start_assessment(user, enrollment) -> bool:
    """Staff assess; the organization's members start self-assessments."""
    return can_manage_enrollment(user, enrollment) or _is_member(user, enrollment.organization_id)


def can_start_center_assessment(user, enrollment) -> bool:
    return can_manage_enrollment(user, enrollment)


def can_edit_framework(user, obj=None) -> bool:
    return is_center_staff(user)


def is_organization_manager(user, organization) -> bool:
    return organization_role(user, organization) in ORG_MANAGERS


def visible_assessments(user, organization) -> Q:
    """The filter of an organization's assessments the user may read: all for its members,
    else those of the centers where the user is staff and of the enrollments they mentor (a
    center's assessments are not another center's to read)."""
    if user.is_superuser or _is_member(user, organization.pk):
        return Q()
    staff_of = [
        center_id
        for center_id, role in center_roles(user).items()
        if role in CenterMembership.STAFF_ROLES
    ]
    return Q(center_id__in=staff_of) | Q(enrollment_id__in=mentored_enrollment_ids(user))


def can_view_capacity_history(user, organization) -> bool:
    """An organization's assessments over time: its members, center staff, and its mentors."""
    if _is_member(user, organization.pk) or is_center_staff(user):
        return True
    mentored = mentored_enrollment_ids(user)
    return bool(mentored) and organization.enrollments.filter(pk__in=mentored).exists()
