"""The organizations section of the home page (registered with the core in AppConfig.ready())."""

from ..models import OrganizationMembership
from ..selectors import user_organization_list


def my_organizations_section(request) -> dict | None:
    """A signed-in user's organizations with their role; nothing for anonymous visitors."""
    if not request.user.is_authenticated:
        return None
    roles = dict(OrganizationMembership.Role.choices)
    organizations = user_organization_list(user=request.user)
    return {"organizations": [(item, roles[item.my_role]) for item in organizations]}
