"""Inviting people by e-mail, and the invitee's answer.

The invitee may have no account yet: the invitation names an e-mail address and carries a random
token; whoever signs in with that address and opens the link can accept it.
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngo_portal.models import Notification, User
from ngo_portal.permissions import forget_roles
from ngo_portal.services import notification_retry, notification_schedule

from ..models import Organization, OrganizationMembership
from ..notifications import INVITATION
from ..permissions import can_change_member_roles, can_manage_members
from ..selectors import invitation_deliveries

Role = OrganizationMembership.Role
State = OrganizationMembership.State


@transaction.atomic
def membership_invite(
    *, organization: Organization, email: str, role: str, by: User, language: str | None = None
) -> OrganizationMembership:
    """Invite an e-mail address with a role; only an owner may invite another owner.

    Side effect: the invitation e-mail, through the outbox (sent after commit), in the invitee's
    language if they have an account, else in `language`, else in the inviter's.
    """
    if not can_manage_members(by, organization):
        raise PermissionDenied
    email = email.strip().lower()
    if role == Role.OWNER and not can_change_member_roles(by, organization):
        raise ValidationError(
            {"role": ValidationError(_("Only an owner can invite another owner."), code="owner")}
        )
    memberships = OrganizationMembership.objects.filter(organization=organization)
    if memberships.filter(state=State.ACTIVE, user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("Someone with this e-mail address is already a member."), code="member"
                )
            }
        )
    if memberships.filter(state=State.INVITED, invited_email__iexact=email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("This address has already been invited and has not answered yet."),
                    code="already_invited",
                )
            }
        )
    membership = OrganizationMembership(
        organization=organization,
        invited_email=email,
        invitation_token=secrets.token_urlsafe(32),
        invited_by=by,
        role=role,
        state=State.INVITED,
    )
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:  # the same address invited at the same moment by another
        raise ValidationError(
            {
                "email": ValidationError(
                    _("This address has already been invited and has not answered yet."),
                    code="already_invited",
                )
            }
        ) from error
    _schedule_invitation(membership, language or by.preferred_language)
    return membership


def _schedule_invitation(membership: OrganizationMembership, language: str) -> Notification:
    """Addressed to the invited address: the invitee's account, if any, sets the language;
    without one the e-mail goes out in `language`."""
    invitee = User.objects.filter(email__iexact=membership.invited_email).first()
    return notification_schedule(
        kind=INVITATION,
        email=membership.invited_email,
        user=invitee,
        language=language,
        obj=membership,
        due_date=timezone.localdate(membership.created_at),
    )


def _lock_open_invitation(membership: OrganizationMembership, user: User):
    current = OrganizationMembership.objects.select_for_update().filter(pk=membership.pk).first()
    if current is None or current.state != State.INVITED:
        raise ValidationError(_("This invitation is no longer open."), code="invitation_closed")
    if user.email.casefold() != current.invited_email.casefold():
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Sign in with the address "
                "it was sent to."
            ),
            code="invitation_email_mismatch",
        )
    return current


@transaction.atomic
def invitation_accept(*, membership: OrganizationMembership, user: User) -> OrganizationMembership:
    """Accept with the invited e-mail address (case does not matter).

    Side effect: an earlier request to join (pending or declined) is replaced by the invitation.
    """
    current = _lock_open_invitation(membership, user)
    earlier = (
        OrganizationMembership.objects.select_for_update()
        .filter(organization_id=current.organization_id, user=user)
        .first()
    )
    if earlier is not None and earlier.state == State.ACTIVE:
        raise ValidationError(_("You are already a member of this organization."), code="member")
    if earlier is not None:
        earlier.delete()
    current.user = user
    current.state = State.ACTIVE
    current.responded_at = timezone.now()
    current.full_clean()
    current.save(update_fields=["user", "state", "responded_at"])
    forget_roles(user)
    return current


@transaction.atomic
def invitation_decline(*, membership: OrganizationMembership, user: User) -> OrganizationMembership:
    """Turn an invitation down; the link stops working (its token is cleared)."""
    current = _lock_open_invitation(membership, user)
    current.state = State.DECLINED
    current.responded_at = timezone.now()
    current.invitation_token = None
    current.full_clean()
    current.save(update_fields=["state", "responded_at", "invitation_token"])
    return current


@transaction.atomic
def invitation_revoke(*, membership: OrganizationMembership, by: User) -> None:
    """Withdraw an open invitation; side effect: the row is deleted and the link stops working."""
    if not can_manage_members(by, membership.organization):
        raise PermissionDenied
    current = OrganizationMembership.objects.select_for_update().filter(pk=membership.pk).first()
    if current is None or current.state != State.INVITED:
        raise ValidationError(_("This invitation is no longer open."), code="invitation_closed")
    current.delete()


@transaction.atomic
def invitation_resend(*, membership: OrganizationMembership, by: User) -> Notification:
    """Queue an invitation e-mail that could not be sent once more ("send again").

    Side effect: the outbox row goes back to pending and its send task is queued after commit.
    """
    if not can_manage_members(by, membership.organization):
        raise PermissionDenied
    current = OrganizationMembership.objects.select_for_update().filter(pk=membership.pk).first()
    if current is None or current.state != State.INVITED:
        raise ValidationError(_("This invitation is no longer open."), code="invitation_closed")
    delivery = invitation_deliveries(memberships=[current]).get(current.pk)
    if delivery is None or delivery.status != Notification.Status.FAILED:
        raise ValidationError(
            _("Only an invitation that could not be sent can be sent again."), code="not_failed"
        )
    return notification_retry(notification=delivery)
