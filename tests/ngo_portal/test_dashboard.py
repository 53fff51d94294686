"""The staff dashboard: permission matrix and what each center's staff may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ngo_portal.models import CenterMembership

from .factories import CenterMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

Role = CenterMembership.Role
DASHBOARD = "/dashboard/"


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={DASHBOARD}"


def test_a_user_without_a_center_role_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(DASHBOARD).status_code == 403


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.MENTOR])
def test_reviewers_and_mentors_are_refused(client, amity, role):
    client.force_login(CenterMembershipFactory(center=amity, role=role).user)

    assert client.get(DASHBOARD).status_code == 403


def test_an_officer_sees_their_centers_team_and_no_other_center(client, amity, cango):
    officer = CenterMembershipFactory(
        center=amity, role=Role.OFFICER, user=UserFactory(full_name="Chen Jing")
    ).user
    CenterMembershipFactory(
        center=amity, role=Role.REVIEWER, user=UserFactory(email="reviewer@amity.example.org")
    )
    CenterMembershipFactory(
        center=cango, role=Role.OFFICER, user=UserFactory(email="officer@cango.example.org")
    )
    client.force_login(officer)

    response = client.get(DASHBOARD)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Amity Development Center" in content
    assert "Chen Jing" in content
    assert "reviewer@amity.example.org" in content
    assert "CANGO Regional Hub" not in content
    assert "officer@cango.example.org" not in content
    (center,) = response.context["centers"]
    assert (center.staff_count, center.reviewer_count, center.mentor_count) == (1, 1, 0)


def test_the_chinese_dashboard_shows_the_chinese_center_name(client, amity):
    client.force_login(CenterMembershipFactory(center=amity, role=Role.MANAGER).user)

    response = client.get("/zh-hans/dashboard/")

    assert response.status_code == 200
    assert "爱德发展中心" in response.content.decode()


def test_a_superuser_sees_every_center(client, amity, cango):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(DASHBOARD)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Amity Development Center" in content
    assert "CANGO Regional Hub" in content


def test_the_dashboard_link_shows_only_for_staff(client, amity):
    reviewer = CenterMembershipFactory(center=amity, role=Role.REVIEWER).user
    officer = CenterMembershipFactory(center=amity, role=Role.OFFICER).user

    client.force_login(reviewer)
    assert f'href="{DASHBOARD}"' not in client.get("/").content.decode()
    client.force_login(officer)
    assert f'href="{DASHBOARD}"' in client.get("/").content.decode()


def _dashboard_queries(client, center, team_size):
    officer = CenterMembershipFactory(center=center, role=Role.OFFICER).user
    CenterMembershipFactory.create_batch(team_size, center=center, role=Role.MENTOR)
    client.force_login(officer)
    client.get("/")  # fills the host-center cache, so both sizes measure the same work
    client.get(DASHBOARD)  # and the region choices of the filter form
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_the_dashboard_query_count_does_not_grow_with_the_team(client, amity, cango):
    small = _dashboard_queries(client, amity, team_size=1)
    large = _dashboard_queries(client, cango, team_size=8)

    assert small == large
