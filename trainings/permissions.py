"""Who may do what with trainings. Views, templates and services ask these predicates.

Staff rights are per center: a session, its roster and its statistics belong to the staff
(managers and officers) of the session's center. Members act for their own organizations:
they register its people, see their registrations and certificates, record its plans and its
cascade trainings. Reviewers and mentors have no rights here beyond any visitor's.
"""

from ngo_portal.permissions import is_center_staff
from organizations.permissions import is_organization_member, organization_roles

from .models import Registration, TrainingSession

Status = TrainingSession.Status


def can_view_session(user, session) -> bool:
    """Drafts only for their center's staff; everything else is public."""
    return session.status != Status.DRAFT or is_center_staff(user, session.center)


def can_manage_session(user, session) -> bool:
    """Edit, roster, waiting list, check-in, exports, certificates, statistics."""
    return is_center_staff(user, session.center)


def can_view_program(user, program) -> bool:
    return True


def can_manage_program(user, program) -> bool:
    return is_center_staff(user, program.center)


def can_create_training(user, obj=None) -> bool:
    """Staff of any center create programs and sessions (for their own centers)."""
    return is_center_staff(user)


def can_register_for_session(user, session) -> bool:
    """Members of an organization register its people (eligibility is a rule the form shows)."""
    return user.is_authenticated and bool(organization_roles(user))


def can_register_participants(user, organization) -> bool:
    return is_organization_member(user, organization)


def can_view_registration(user, registration) -> bool:
    return is_organization_member(user, registration.organization) or is_center_staff(
        user, registration.session.center
    )


def can_cancel_registration(user, registration) -> bool:
    """Members of the organization (until the deadline, a rule) and the session's staff."""
    return can_view_registration(user, registration)


def can_view_own_registrations(user, obj=None) -> bool:
    return user.is_authenticated


def can_record_action_plan(user, session) -> bool:
    """Staff during the session, or a member of an organization that took part."""
    if can_manage_session(user, session):
        return True
    mine = organization_roles(user)
    return (
        bool(mine)
        and session.registrations.filter(
            organization_id__in=list(mine), status=Registration.Status.CONFIRMED
        ).exists()
    )


def can_record_cascade(user, organization) -> bool:
    return is_organization_member(user, organization)


def can_record_cascades(user, session) -> bool:
    """The form for a session: any member (the organization chosen is checked by the service)."""
    return user.is_authenticated and bool(organization_roles(user))


def can_view_cascade_reach(user, session) -> bool:
    return can_view_session(user, session)
