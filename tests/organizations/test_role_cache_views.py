"""A service that changes the user's own roles clears the request's role cache, so the page
the user lands on next follows the new roles (request.user is a lazy wrapper: the cache lives on
the wrapped User)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from ngo_portal.permissions import center_roles, forget_roles
from organizations.models import OrganizationMembership
from organizations.permissions import organization_roles
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = pytest.mark.django_db

Role = OrganizationMembership.Role


def test_a_member_who_leaves_a_private_organization_lands_on_the_home_page(client):
    organization = OrganizationFactory(is_public=False, name_en="Haidong Women Mutual Aid")
    OrganizationMembershipFactory(organization=organization, role=Role.OWNER)
    member = OrganizationMembershipFactory(organization=organization).user
    client.force_login(member)

    response = client.post(
        reverse("organizations:membership_leave", args=[organization.pk]), follow=True
    )

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "You have left Haidong Women Mutual Aid."
    ]
    assert not OrganizationMembership.objects.filter(user=member).exists()


def test_a_member_who_leaves_a_public_organization_sees_its_public_profile(client):
    organization = OrganizationFactory(is_public=True)
    OrganizationMembershipFactory(organization=organization, role=Role.OWNER)
    member = OrganizationMembershipFactory(organization=organization).user
    client.force_login(member)

    response = client.post(
        reverse("organizations:membership_leave", args=[organization.pk]), follow=True
    )

    detail = reverse("organizations:organization_detail", args=[organization.pk])
    assert response.redirect_chain == [(detail, 302)]
    assert response.status_code == 200


def test_an_owner_who_makes_themself_a_member_lands_on_the_profile(client):
    organization = OrganizationFactory(is_public=False)
    OrganizationMembershipFactory(organization=organization, role=Role.OWNER)
    me = OrganizationMembershipFactory(organization=organization, role=Role.OWNER)
    client.force_login(me.user)
    url = reverse("organizations:membership_change_role", args=[organization.pk, me.pk])

    response = client.post(url, {f"m{me.pk}-role": "member"}, follow=True)

    detail = reverse("organizations:organization_detail", args=[organization.pk])
    assert response.redirect_chain == [(detail, 302)]
    assert response.status_code == 200
    me.refresh_from_db()
    assert me.role == Role.MEMBER


def test_an_owner_who_makes_themself_an_admin_stays_on_the_members_page(client):
    organization = OrganizationFactory()
    OrganizationMembershipFactory(organization=organization, role=Role.OWNER)
    me = OrganizationMembershipFactory(organization=organization, role=Role.OWNER)
    client.force_login(me.user)
    url = reverse("organizations:membership_change_role", args=[organization.pk, me.pk])

    response = client.post(url, {f"m{me.pk}-role": "admin"}, follow=True)

    members = reverse("organizations:membership_list", args=[organization.pk])
    assert response.redirect_chain == [(members, 302)]
    assert response.status_code == 200


def test_forget_roles_clears_both_caches_through_a_lazy_user():
    user = UserFactory()
    lazy = SimpleLazyObject(lambda: user)
    assert organization_roles(lazy) == {} and center_roles(lazy) == {}
    membership = OrganizationMembershipFactory(user=user)
    center_membership = CenterMembershipFactory(user=user)
    assert organization_roles(lazy) == {}  # cached for the request

    forget_roles(lazy)

    assert organization_roles(lazy) == {membership.organization_id: membership.role}
    assert center_roles(lazy) == {center_membership.center_id: center_membership.role}


@pytest.mark.parametrize("name", ["organization_verify", "organization_unverify"])
def test_anonymous_get_of_the_verification_urls_goes_to_the_login_page(client, name):
    organization = OrganizationFactory()

    response = client.get(reverse(f"organizations:{name}", args=[organization.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["organization_verify", "organization_unverify"])
def test_staff_get_of_the_verification_urls_is_405(client, name):
    organization = OrganizationFactory()
    client.force_login(CenterMembershipFactory(role="officer").user)

    assert client.get(reverse(f"organizations:{name}", args=[organization.pk])).status_code == 405
