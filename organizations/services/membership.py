"""Asking to join, answering requests, roles, removal and leaving.

The last-owner rule (an organization always keeps an active owner) is checked under a lock on the
organization's active memberships: two owners leaving at the same moment are serialized, and the
second sees that the first has gone.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngo_portal.models import User
from ngo_portal.permissions import forget_roles
from ngo_portal.services import notification_schedule

from ..models import Organization, OrganizationMembership
from ..notifications import JOIN_APPROVED, JOIN_REQUESTED
from ..permissions import (
    can_change_member_roles,
    can_manage_members,
    can_remove_member,
)
from ..selectors import organization_managers

Role = OrganizationMembership.Role
State = OrganizationMembership.State


def _lock_active(organization_id: int) -> list[OrganizationMembership]:
    return list(
        OrganizationMembership.objects.select_for_update()
        .filter(organization_id=organization_id, state=State.ACTIVE)
        .order_by("pk")
    )


def _locked_current(membership: OrganizationMembership) -> tuple[OrganizationMembership, list]:
    """The membership as it is now (it may have changed since the page was shown), locked with
    its organization's other active memberships."""
    locked = _lock_active(membership.organization_id)
    current = next((row for row in locked if row.pk == membership.pk), None)
    if current is None:
        raise ValidationError(_("This person is no longer a member."), code="not_active")
    return current, locked


def _is_last_owner(membership: OrganizationMembership, locked: list) -> bool:
    owners = [row for row in locked if row.role == Role.OWNER]
    return membership.role == Role.OWNER and len(owners) == 1


def _lock_one(membership: OrganizationMembership, state: str) -> OrganizationMembership:
    current = OrganizationMembership.objects.select_for_update().filter(pk=membership.pk).first()
    if current is None or current.state != state:
        raise ValidationError(_("This has already been answered."), code="already_answered")
    return current


@transaction.atomic
def membership_request(*, organization: Organization, user: User) -> OrganizationMembership:
    """Ask to join; a declined request may be asked again.

    Side effects: a notification to each owner and admin of the organization.
    """
    existing = (
        OrganizationMembership.objects.select_for_update()
        .filter(organization=organization, user=user)
        .first()
    )
    if existing and existing.state == State.ACTIVE:
        raise ValidationError(_("You are already a member of this organization."), code="member")
    if existing and existing.state == State.REQUESTED:
        raise ValidationError(
            _("You have already asked to join; the organization's managers will answer."),
            code="already_requested",
        )
    membership = existing or OrganizationMembership(organization=organization, user=user)
    membership.state = State.REQUESTED
    membership.role = Role.MEMBER
    membership.responded_at = None
    membership.full_clean()
    membership.save()
    for manager in organization_managers(organization=organization):
        notification_schedule(
            kind=JOIN_REQUESTED,
            email=manager.email,
            user=manager,
            obj=membership,
            due_date=timezone.localdate(),
        )
    return membership


def _answer(membership: OrganizationMembership, by: User, state: str) -> OrganizationMembership:
    if not can_manage_members(by, membership.organization):
        raise PermissionDenied
    membership = _lock_one(membership, State.REQUESTED)
    membership.state = state
    membership.responded_at = timezone.now()
    membership.full_clean()
    membership.save(update_fields=["state", "responded_at"])
    return membership


@transaction.atomic
def membership_approve(*, membership: OrganizationMembership, by: User) -> OrganizationMembership:
    """Accept a request to join as a plain member.

    Side effects: a notification to the requester.
    """
    membership = _answer(membership, by, State.ACTIVE)
    notification_schedule(
        kind=JOIN_APPROVED,
        email=membership.user.email,
        user=membership.user,
        obj=membership,
        due_date=timezone.localdate(),
    )
    return membership


@transaction.atomic
def membership_decline(*, membership: OrganizationMembership, by: User) -> OrganizationMembership:
    """Turn a request down; the requester may ask again later. No e-mail is sent."""
    return _answer(membership, by, State.DECLINED)


@transaction.atomic
def membership_change_role(
    *, membership: OrganizationMembership, role: str, by: User
) -> OrganizationMembership:
    """Owners change roles; the last owner cannot be demoted."""
    if not can_change_member_roles(by, membership.organization):
        raise PermissionDenied
    current, locked = _locked_current(membership)
    if role != Role.OWNER and _is_last_owner(current, locked):
        raise ValidationError(
            _("An organization needs an owner: make someone else an owner first."),
            code="last_owner",
        )
    current.role = role
    current.full_clean()
    current.save(update_fields=["role"])
    forget_roles(by)
    return current


@transaction.atomic
def membership_remove(*, membership: OrganizationMembership, by: User) -> None:
    """Remove an active member. Side effect: the membership row is deleted, so the person may
    ask to join again."""
    if not can_remove_member(by, membership):
        raise PermissionDenied
    current, locked = _locked_current(membership)
    if _is_last_owner(current, locked):
        raise ValidationError(
            _("This is the organization's last owner and cannot be removed."),
            code="last_owner",
        )
    current.delete()


@transaction.atomic
def membership_leave(*, organization: Organization, user: User) -> None:
    """Leave an organization; the last owner must hand over ownership first."""
    locked = _lock_active(organization.pk)
    current = next((row for row in locked if row.user_id == user.pk), None)
    if current is None:
        raise ValidationError(_("You are not a member of this organization."), code="not_active")
    if _is_last_owner(current, locked):
        raise ValidationError(
            _("You are the last owner: make someone else an owner before you leave."),
            code="last_owner",
        )
    current.delete()
    forget_roles(user)
