"""Inviting people by e-mail, and the invitee's answer.

The invitee may have no account yet: the invitation names an e-mail address and carries a random
token; whoever signs in with that address and opens the link can accept it.
"""

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ngo_portal.models import User

from ..models import Organization, OrganizationMembership
from ..permissions import can_change_member_roles, can_manage_members, forget_organization_roles

Role = OrganizationMembership.Role
State = OrganizationMembership.State


@transaction.atomic
def membership_invite(
    *, organization: Organization, email: str, role: str, by: User
) -> OrganizationMembership:
    """Invite an e-mail address with a role; only an owner may invite another owner.

    Side effect: the `organization_invitation_send` task, queued after commit.
    """
    from ..tasks import organization_invitation_send

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
    organization_invitation_send.delay_on_commit(membership.pk)
    return membership


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
    forget_organization_roles(user)
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


def _invitation_language(membership: OrganizationMembership) -> str:
    """The invitee's own language if they have an account, else the inviter's."""
    invitee = User.objects.filter(email__iexact=membership.invited_email).first()
    person = invitee or membership.invited_by
    return person.preferred_language if person else settings.LANGUAGE_CODE


def _invitation_message(membership: OrganizationMembership) -> EmailMultiAlternatives:
    with translation.override(_invitation_language(membership)):
        path = reverse("organizations:invitation_respond", args=[membership.invitation_token])
        context = {
            "membership": membership,
            "organization": membership.organization,
            "inviter": membership.invited_by,
            "accept_url": settings.SITE_URL + path,
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("email/organization_invitation_subject.txt", context).strip()
        text = render_to_string("email/organization_invitation.txt", context)
        html = render_to_string("email/organization_invitation.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        to=[membership.invited_email],
    )
    message.attach_alternative(html, "text/html")
    return message


def invitation_deliver(*, membership_id: int) -> bool:
    """Send the invitation e-mail at most once; True when this call sent it.

    The row lock keeps two workers with the same task from both sending; invitation_sent_at
    records the delivery, so a retry or a duplicate task finds it set and sends nothing. A
    failed send rolls back, leaving it empty for the retry.
    """
    with transaction.atomic():
        membership = (
            OrganizationMembership.objects.select_for_update(of=("self",))
            .select_related("organization", "invited_by")
            .filter(pk=membership_id)
            .first()
        )
        if membership is None or membership.state != State.INVITED:
            return False
        if membership.invitation_sent_at is not None:
            return False
        _invitation_message(membership).send()
        membership.invitation_sent_at = timezone.now()
        membership.save(update_fields=["invitation_sent_at"])
    return True
