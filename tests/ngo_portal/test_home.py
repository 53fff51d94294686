import pytest
from django.urls import reverse

from organizations.models import OrganizationMembership
from tests.ngo_portal.factories import PASSWORD, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = pytest.mark.django_db


def test_home_lists_the_members_organizations_and_registration_link(client):
    membership = OrganizationMembershipFactory(role=OrganizationMembership.Role.OWNER)
    OrganizationFactory(name_zh="别人的社会工作服务中心")
    client.login(email=membership.user.email, password=PASSWORD)

    page = client.get(reverse("home")).content.decode()

    assert membership.organization.display_name in page
    assert "别人的社会工作服务中心" not in page
    assert reverse("organizations:organization_create") in page


def test_home_for_a_member_of_no_organization_invites_to_register(client):
    user = UserFactory()
    client.login(email=user.email, password=PASSWORD)

    page = client.get(reverse("home")).content.decode()

    assert "You are not a member of any organization yet" in page


def test_anonymous_home_has_no_member_section(client):
    page = client.get(reverse("home")).content.decode()

    assert "Your organizations" not in page
    assert reverse("account_signup") in page


def test_host_center_created_after_a_visit_heads_the_next_page(client, settings):
    from tests.ngo_portal.factories import CenterFactory

    settings.PORTAL_HOST_CENTER = "late-center"
    assert "Late Center" not in client.get(reverse("home")).content.decode()

    CenterFactory(slug="late-center", name="Late Center")

    assert "Late Center" in client.get(reverse("home")).content.decode()
