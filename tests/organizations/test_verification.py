import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from organizations.models import Organization
from organizations.services import organization_unverify, organization_verify
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = pytest.mark.django_db


def verify_url(organization):
    return reverse("organizations:organization_verify", args=[organization.pk])


def unverify_url(organization):
    return reverse("organizations:organization_unverify", args=[organization.pk])


def test_verify_records_who_and_when(staff):
    organization = OrganizationFactory()
    organization_verify(organization=organization, by=staff)
    organization.refresh_from_db()
    assert organization.verified_by == staff
    assert organization.verified_at is not None
    assert organization.history.latest().history_user == staff


def test_verifying_again_keeps_the_first_verification(staff):
    organization = OrganizationFactory()
    organization_verify(organization=organization, by=staff)
    first = Organization.objects.get(pk=organization.pk).verified_at
    organization_verify(organization=organization, by=CenterMembershipFactory().user)
    organization.refresh_from_db()
    assert (organization.verified_by, organization.verified_at) == (staff, first)


def test_unverify_clears_the_verification(staff):
    organization = OrganizationFactory()
    organization_verify(organization=organization, by=staff)
    organization_unverify(organization=organization, by=staff)
    organization.refresh_from_db()
    assert organization.verified_by is None
    assert organization.verified_at is None


def test_staff_verify_through_the_page(client, staff):
    organization = OrganizationFactory(name_zh="鼓楼社区协会")
    client.force_login(staff)
    response = client.post(verify_url(organization))
    assert response.status_code == 302
    assert response["Location"] == f"/organizations/{organization.pk}/"
    assert response["Location"] == reverse(
        "organizations:organization_detail", args=[organization.pk]
    )
    organization.refresh_from_db()
    assert organization.verified_by == staff
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == ["鼓楼社区协会 is marked as verified."]


def test_staff_unverify_through_the_page(client, staff):
    organization = OrganizationFactory()
    organization_verify(organization=organization, by=staff)
    client.force_login(staff)
    response = client.post(unverify_url(organization))
    assert response["Location"] == f"/organizations/{organization.pk}/"
    organization.refresh_from_db()
    assert organization.verified_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    organization = OrganizationFactory()
    response = client.post(verify_url(organization))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    organization.refresh_from_db()
    assert organization.verified_at is None


@pytest.mark.parametrize("who", ["user", "member", "reviewer", "mentor"])
def test_without_a_staff_role_verification_is_refused(client, who):
    organization = OrganizationFactory()
    if who == "member":
        user = OrganizationMembershipFactory(organization=organization, role="owner").user
    elif who in ("reviewer", "mentor"):
        user = CenterMembershipFactory(role=who).user
    else:
        user = UserFactory()
    client.force_login(user)
    assert client.post(verify_url(organization)).status_code == 403
    organization.refresh_from_db()
    assert organization.verified_at is None


def test_verification_only_by_post(client, staff):
    organization = OrganizationFactory()
    client.force_login(staff)
    assert client.get(verify_url(organization)).status_code == 405
    organization.refresh_from_db()
    assert organization.verified_at is None


def test_an_unknown_organization_is_not_found(client, staff):
    client.force_login(staff)
    assert (
        client.post(reverse("organizations:organization_verify", args=[999999])).status_code == 404
    )


def test_a_profile_with_errors_is_not_verified(client, staff):
    organization = OrganizationFactory()
    # Saved around validation, as an old record might have been.
    Organization.objects.filter(pk=organization.pk).update(website="not a url")
    client.force_login(staff)
    response = client.post(verify_url(organization), follow=True)
    organization.refresh_from_db()
    assert organization.verified_at is None
    assert "Correct this profile first" in response.content.decode()
