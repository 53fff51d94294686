"""Fixtures of the grants tests: a round of one center, an applicant organization and its
member, the center's staff and reviewer, and people with no business in the round."""

import pytest

from ngo_portal.models import CenterMembership
from organizations.models import OrganizationMembership
from tests.ngo_portal.factories import CenterFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

from .factories import FundingRoundFactory, GrantApplicationFactory

Role = CenterMembership.Role


@pytest.fixture
def center():
    return CenterFactory(slug="grants-center", name="Grants Center")


@pytest.fixture
def funding_round(center):
    return FundingRoundFactory(fund__center=center)


@pytest.fixture
def organization():
    return OrganizationFactory()


@pytest.fixture
def member(organization):
    return OrganizationMembershipFactory(
        organization=organization, role=OrganizationMembership.Role.OWNER
    ).user


@pytest.fixture
def officer(center, center_user):
    return center_user(Role.OFFICER, center)


@pytest.fixture
def manager(center, center_user):
    return center_user(Role.MANAGER, center)


@pytest.fixture
def reviewer(center, center_user):
    return center_user(Role.REVIEWER, center)


@pytest.fixture
def application(funding_round, organization, member):
    """A complete draft of `organization` (owned by `member`) in `funding_round`."""
    return GrantApplicationFactory(
        round=funding_round, organization=organization, created_by=member
    )
