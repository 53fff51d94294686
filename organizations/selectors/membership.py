"""Reads of memberships: the user's organizations, the team, the managers, pending requests."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, QuerySet

from ngo_portal.models import Notification, User

from ..models import Organization, OrganizationMembership
from ..notifications import INVITATION

State = OrganizationMembership.State
Role = OrganizationMembership.Role


def user_organization_list(*, user) -> QuerySet:
    """The organizations the user is an active member of, with their role, for the home page."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return (
        Organization.objects.filter(
            memberships__user=user, memberships__state=OrganizationMembership.State.ACTIVE
        )
        .annotate(my_role=F("memberships__role"))
        .order_by("name_zh")
    )


def membership_is_requested(*, organization, user) -> bool:
    return (
        user.is_authenticated
        and organization.memberships.filter(
            user=user, state=OrganizationMembership.State.REQUESTED
        ).exists()
    )


def organization_team(*, organization) -> list[OrganizationMembership]:
    """Active members, owners first, then by name."""
    order = {role: index for index, role in enumerate(OrganizationMembership.Role.values)}
    members = organization.memberships.filter(
        state=OrganizationMembership.State.ACTIVE
    ).select_related("user")
    return sorted(members, key=lambda m: (order[m.role], str(m.user).casefold()))


def organization_managers(*, organization: Organization) -> QuerySet[User]:
    """Active owners and admins: the people who answer requests to join."""
    return User.objects.filter(
        organization_memberships__organization=organization,
        organization_memberships__state=State.ACTIVE,
        organization_memberships__role__in=(Role.OWNER, Role.ADMIN),
    ).order_by("pk")


def organization_membership_rows(*, organization) -> dict[str, list[OrganizationMembership]]:
    """The members page in one query: active members (owners first, then by name), open requests
    and open invitations (oldest first)."""
    rows = organization.memberships.select_related("user", "invited_by").order_by("created_at")
    order = {role: index for index, role in enumerate(Role.values)}
    invitations = [m for m in rows if m.state == State.INVITED]
    deliveries = invitation_deliveries(memberships=invitations)
    for invitation in invitations:
        invitation.delivery = deliveries.get(invitation.pk)
    return {
        "members": sorted(
            (m for m in rows if m.state == State.ACTIVE),
            key=lambda m: (order[m.role], str(m.user).casefold()),
        ),
        "requests": [m for m in rows if m.state == State.REQUESTED],
        "invitations": invitations,
    }


def invitation_deliveries(*, memberships) -> dict[int, Notification]:
    """{membership id: its invitation e-mail's outbox row (the latest)}: whether it was sent, is
    being sent or failed. One query whatever the number of invitations."""
    ids = [membership.pk for membership in memberships]
    if not ids:
        return {}
    rows = Notification.objects.filter(
        kind=INVITATION,
        content_type=ContentType.objects.get_for_model(OrganizationMembership),
        object_id__in=ids,
    ).order_by("created_at", "pk")
    return {row.object_id: row for row in rows}
