"""The e-mails of the organizations app, registered with the core outbox in AppConfig.ready().

Templates: templates/email/<kind>_subject.txt, <kind>.txt and <kind>.html.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ngo_portal.notification_kinds import register_notification_kind

from .models import OrganizationMembership

JOIN_REQUESTED = "organization_join_requested"
JOIN_APPROVED = "organization_join_approved"
INVITATION = "organization_invitation"


def invitation_context(membership: OrganizationMembership) -> dict:
    # Rendered inside the recipient's language: the link carries its language prefix.
    path = reverse("organizations:invitation_respond", args=[membership.invitation_token])
    return {
        "membership": membership,
        "organization": membership.organization,
        "inviter": membership.invited_by,
        "accept_url": settings.SITE_URL + path,
    }


def invitation_is_open(membership: OrganizationMembership) -> bool:
    """A withdrawn invitation is deleted; an answered one is no longer invited: neither is sent."""
    return membership.state == OrganizationMembership.State.INVITED


def register_notification_kinds() -> None:
    register_notification_kind(JOIN_REQUESTED, label=_("someone asked to join an organization"))
    register_notification_kind(
        JOIN_APPROVED, label=_("a request to join an organization was approved")
    )
    register_notification_kind(
        INVITATION,
        label=_("an invitation to join an organization"),
        context=invitation_context,
        wanted=invitation_is_open,
    )
