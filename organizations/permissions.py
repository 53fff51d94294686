"""Who may do what with an organization. Views and templates ask these; nothing checks roles by hand.

Organization roles come from active memberships; center staff (managers, officers) see and verify
every organization because organizations are shared by all centers.
"""

from ngo_portal.permissions import (
    forget_roles,
    is_center_staff,
    register_role_source,
    user_roles,
)

from .models import OrganizationMembership

Role = OrganizationMembership.Role

# The per-request cache of organization_roles(), on the User object; `forget_roles` clears it.
ROLE_CACHE = "_organization_roles"
register_role_source(
    ROLE_CACHE,
    lambda user: OrganizationMembership.objects.filter(
        user=user, state=OrganizationMembership.State.ACTIVE
    ).values_list("organization_id", "role"),
)


def organization_roles(user) -> dict[int, str]:
    """{organization id: role} of the user's active memberships, read once per request (with
    the user's center roles, in one query)."""
    return user_roles(user, ROLE_CACHE)


def forget_organization_roles(user) -> None:
    """Call after a service changed the user's memberships within the same request (services
    call `ngo_portal.permissions.forget_roles`, which clears every role cache)."""
    forget_roles(user)


def organization_role(user, organization) -> str | None:
    return organization_roles(user).get(organization.pk)


def is_organization_member(user, organization) -> bool:
    return organization_role(user, organization) is not None


def can_view_organization(user, organization) -> bool:
    return (
        organization.is_public
        or is_organization_member(user, organization)
        or is_center_staff(user)
    )


def can_edit_organization(user, organization) -> bool:
    return is_organization_member(user, organization) or is_center_staff(user)


def can_manage_members(user, organization) -> bool:
    """Invite colleagues, approve or decline requests to join."""
    return organization_role(user, organization) in (Role.OWNER, Role.ADMIN)


def can_change_member_roles(user, organization) -> bool:
    return organization_role(user, organization) == Role.OWNER


def can_request_to_join(user, organization) -> bool:
    return user.is_authenticated and not is_organization_member(user, organization)


def can_view_documents(user, organization) -> bool:
    return is_organization_member(user, organization) or is_center_staff(user)


def can_upload_document(user, organization) -> bool:
    return is_organization_member(user, organization)


def can_register_organization(user, obj=None) -> bool:
    return user.is_authenticated


def can_view_all_organizations(user, obj=None) -> bool:
    """Staff see every organization; everyone else sees public profiles and their own."""
    return is_center_staff(user)


def can_verify_organization(user, organization=None) -> bool:
    return is_center_staff(user)


def can_export_organizations(user, obj=None) -> bool:
    return is_center_staff(user)


def can_view_coverage(user, obj=None) -> bool:
    return is_center_staff(user)


def can_view_organization_details(user, organization) -> bool:
    """The full profile (contacts, funding, documents list, recent changes): members and staff.

    Everyone else is a stranger to a private profile, so views answer 404 rather than 403.
    """
    return is_organization_member(user, organization) or is_center_staff(user)


def can_leave_organization(user, organization) -> bool:
    return is_organization_member(user, organization)


def can_remove_member(user, membership) -> bool:
    """Owners remove anyone else; admins remove plain members. Nobody removes themselves:
    leaving is its own action, with the last-owner rule."""
    role = organization_role(user, membership.organization)
    if membership.user_id == user.pk or role not in (Role.OWNER, Role.ADMIN):
        return False
    return role == Role.OWNER or membership.role == Role.MEMBER


def can_import_organizations(user, obj=None) -> bool:
    """Imports run from the admin: admin access plus the right to add organizations."""
    return user.is_active and user.is_staff and user.has_perm("organizations.add_organization")
