"""The registration form's similar-name warning: what it shows, and to whom."""

import pytest
from django.urls import reverse

from organizations.models import Organization
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
    make_credit_code,
    region_tree,
)
from tests.organizations.test_profile_views import _form

pytestmark = pytest.mark.django_db

CREATE = reverse("organizations:organization_create")
PRIVATE_NAME = "鼓楼区阳光助老服务中心"
PRIVATE_ENGLISH = "Secret Sunshine Elderly Care"


@pytest.fixture
def regions():
    return region_tree()


@pytest.fixture
def private(regions):
    return OrganizationFactory(
        name_zh=PRIVATE_NAME, name_en=PRIVATE_ENGLISH, is_public=False, region=regions["gulou"]
    )


def _register(client, regions, **overrides):
    return client.post(CREATE, _form(regions, name_en="", **overrides))


def test_an_outsider_is_warned_without_the_private_organization_s_name(client, regions, private):
    client.force_login(UserFactory())

    response = _register(client, regions, name_zh="鼓楼区阳光助老服务中心站")

    page = response.content.decode()
    assert response.status_code == 200
    assert "An organization with a similar name is already registered" in page
    assert PRIVATE_NAME not in page.replace('value="鼓楼区阳光助老服务中心站"', "")
    assert PRIVATE_ENGLISH not in page
    assert "Gulou Qu" not in page.split("<form")[1].split("<fieldset")[0]
    assert f"/organizations/{private.pk}/" not in page
    assert Organization.objects.count() == 1


@pytest.mark.parametrize("who", ["member", "staff"])
def test_members_and_staff_see_the_private_organization_by_name(client, regions, private, who):
    if who == "member":
        user = OrganizationMembershipFactory(organization=private).user
    else:
        user = CenterMembershipFactory(role="officer").user
    client.force_login(user)

    response = _register(client, regions, name_zh="鼓楼区阳光助老服务中心站")

    assert PRIVATE_ENGLISH in response.content.decode()


def test_a_public_organization_is_named_to_everyone(client, regions):
    OrganizationFactory(name_zh=PRIVATE_NAME, name_en="Public Sunshine", is_public=True)
    client.force_login(UserFactory())

    response = _register(client, regions, name_zh="鼓楼区阳光助老服务中心站")

    assert "Public Sunshine" in response.content.decode()
    assert "An organization with a similar name is already registered" not in (
        response.content.decode()
    )


def test_a_name_in_traditional_characters_is_compared_in_simplified(client, regions):
    OrganizationFactory(
        name_zh="南京市爱德社区发展基金会", name_en="Amity Community", is_public=True
    )
    client.force_login(UserFactory())

    response = _register(client, regions, name_zh="南京市愛德社區發展基金會")

    assert "Amity Community" in response.content.decode()
    assert Organization.objects.count() == 1


def test_the_outsider_may_still_register_after_confirming(client, regions, private):
    client.force_login(UserFactory())

    response = _register(
        client, regions, name_zh="鼓楼区阳光助老服务中心站", confirm_different="on"
    )

    assert response.status_code == 302
    assert Organization.objects.filter(credit_code=make_credit_code(5000)).exists()
