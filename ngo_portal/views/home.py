from django.shortcuts import render

from organizations.models import OrganizationMembership
from organizations.selectors import user_organization_list

from ..selectors import center_list


def home(request):
    """Public: the centers; for a signed-in user also their organizations."""
    roles = dict(OrganizationMembership.Role.choices)
    my_organizations = [
        (organization, roles[organization.my_role])
        for organization in user_organization_list(user=request.user)
    ]
    return render(
        request,
        "ngo_portal/home.html",
        {"centers": center_list(), "my_organizations": my_organizations},
    )
