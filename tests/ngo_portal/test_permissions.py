"""The portal's predicates, one question each; roles are per center and superusers act everywhere."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from ngo_portal.models import CenterMembership
from ngo_portal.permissions import (
    can_manage_center,
    can_view_dashboard,
    center_roles,
    is_center_staff,
)

from .factories import CenterFactory, CenterMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

Role = CenterMembership.Role


def _member(role, center=None):
    membership = CenterMembershipFactory(role=role, center=center or CenterFactory())
    return membership.user, membership.center


@pytest.mark.parametrize("role", [Role.MANAGER, Role.OFFICER])
def test_managers_and_officers_are_staff_of_their_center_only(role):
    user, center = _member(role)
    other_center = CenterFactory()

    assert is_center_staff(user)
    assert is_center_staff(user, center)
    assert not is_center_staff(user, other_center)


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.MENTOR])
def test_reviewers_and_mentors_are_not_staff(role):
    user, center = _member(role)

    assert not is_center_staff(user)
    assert not is_center_staff(user, center)
    assert not can_view_dashboard(user)
    assert not can_manage_center(user, center)


def test_a_user_without_a_center_role_is_not_staff():
    user = UserFactory()

    assert not is_center_staff(user)
    assert not is_center_staff(user, CenterFactory())
    assert not can_view_dashboard(user)


def test_anonymous_is_nothing():
    anonymous = AnonymousUser()
    center = CenterFactory()

    assert center_roles(anonymous) == {}
    assert not is_center_staff(anonymous)
    assert not is_center_staff(anonymous, center)
    assert not can_view_dashboard(anonymous)
    assert not can_manage_center(anonymous, center)


def test_a_superuser_acts_as_staff_and_manager_everywhere():
    admin = UserFactory(is_superuser=True, is_staff=True)
    center = CenterFactory()

    assert is_center_staff(admin)
    assert is_center_staff(admin, center)
    assert can_view_dashboard(admin)
    assert can_manage_center(admin, center)


def test_django_staff_flag_alone_gives_no_center_rights():
    user = UserFactory(is_staff=True)

    assert not is_center_staff(user)
    assert not can_manage_center(user, CenterFactory())


def test_only_a_manager_manages_the_center():
    manager, center = _member(Role.MANAGER)
    officer, _ = _member(Role.OFFICER, center)

    assert can_manage_center(manager, center)
    assert not can_manage_center(manager, CenterFactory())
    assert not can_manage_center(officer, center)


def test_officers_see_the_dashboard():
    officer, _ = _member(Role.OFFICER)

    assert can_view_dashboard(officer)


def test_roles_in_two_centers_are_kept_apart():
    user, amity = _member(Role.MANAGER)
    cango = CenterFactory()
    CenterMembershipFactory(user=user, center=cango, role=Role.REVIEWER)

    assert center_roles(user) == {amity.pk: Role.MANAGER, cango.pk: Role.REVIEWER}
    assert is_center_staff(user, amity)
    assert not is_center_staff(user, cango)
    assert can_manage_center(user, amity)
    assert not can_manage_center(user, cango)


def test_the_admin_login_goes_through_the_portal_login(client):
    with translation.override("en"):
        login_url = reverse("account_login")

    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == login_url + "?next=%2Fadmin%2F"


def test_the_admin_refuses_a_signed_in_user_who_is_not_django_staff(client):
    client.force_login(UserFactory())

    assert client.get("/admin/login/").status_code == 403
