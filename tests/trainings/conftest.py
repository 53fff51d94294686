"""Fixtures shared by the trainings tests: a session, its center's people, members."""

import pytest

from ngo_portal.models import CenterMembership
from organizations.models import OrganizationMembership
from tests.ngo_portal.factories import CenterFactory, CenterMembershipFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

from .factories import TrainingSessionFactory


@pytest.fixture
def center():
    return CenterFactory(slug="cango", name="CANGO", name_zh="民促会")


@pytest.fixture
def session(center):
    return TrainingSessionFactory(center=center)


@pytest.fixture
def organization():
    return OrganizationFactory()


@pytest.fixture
def member(organization):
    """A member of `organization`."""
    return OrganizationMembershipFactory(
        organization=organization, role=OrganizationMembership.Role.MEMBER
    ).user


@pytest.fixture
def officer(center):
    return CenterMembershipFactory(center=center, role=CenterMembership.Role.OFFICER).user


@pytest.fixture
def manager(center):
    return CenterMembershipFactory(center=center, role=CenterMembership.Role.MANAGER).user


@pytest.fixture
def member_of():
    """`member_of(organization)` -> a new member's user."""

    def make(organization=None):
        return OrganizationMembershipFactory(
            organization=organization or OrganizationFactory()
        ).user

    return make
