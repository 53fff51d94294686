"""Fixtures shared by the organizations tests: regions, an organization and its people."""

import pytest

from organizations.models import OrganizationMembership

from .factories import OrganizationFactory, OrganizationMembershipFactory, region_tree

Role = OrganizationMembership.Role


@pytest.fixture
def regions():
    """Jiangsu → Nanjing → Gulou and Qinghai → Xining → Chengzhong, by short name."""
    return region_tree()


@pytest.fixture
def org():
    """A registered organization outside the public directory."""
    return OrganizationFactory(is_public=False)


@pytest.fixture
def org_member():
    """`org_member(organization, role="member", **membership fields)` -> the member's user."""

    def make(organization, role=Role.MEMBER, **kwargs):
        return OrganizationMembershipFactory(organization=organization, role=role, **kwargs).user

    return make


@pytest.fixture
def owner(org, org_member):
    """The owner of `org`."""
    return org_member(org, Role.OWNER)
