"""Unit tests of every predicate in organizations/permissions.py, then the permission matrix of
the self-service URLs: anonymous → login, stranger → 404, missing role → 403, right role → 2xx."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from organizations import permissions as p
from organizations.models import OrganizationDocument, OrganizationMembership
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = pytest.mark.django_db

Role = OrganizationMembership.Role
State = OrganizationMembership.State


@pytest.fixture
def people(org, owner, org_member):
    other = OrganizationFactory()
    return {
        "anonymous": AnonymousUser(),
        "outsider": org_member(other),
        "member": org_member(org),
        "admin": org_member(org, Role.ADMIN),
        "owner": owner,
        "staff": CenterMembershipFactory(role="officer").user,
        "reviewer": CenterMembershipFactory(role="reviewer").user,
        "requester": org_member(org, state=State.REQUESTED),
    }


# --- predicates -------------------------------------------------------------------------------


def test_organization_roles_reads_active_memberships_once_and_can_be_forgotten(org, people):
    owner = people["owner"]

    assert p.organization_roles(owner) == {org.pk: Role.OWNER}
    OrganizationMembership.objects.filter(user=owner).update(role=Role.MEMBER)
    assert p.organization_role(owner, org) == Role.OWNER  # cached for the request
    p.forget_organization_roles(owner)
    assert p.organization_role(owner, org) == Role.MEMBER


def test_roles_ignore_requests_and_anonymous_users(org, people):
    assert p.organization_roles(people["requester"]) == {}
    assert p.organization_roles(people["anonymous"]) == {}
    assert p.organization_role(people["outsider"], org) is None


EXPECTED = {
    # predicate: who among anonymous, outsider, member, admin, owner, staff, reviewer, requester
    "is_organization_member": {"member", "admin", "owner"},
    "can_edit_organization": {"member", "admin", "owner", "staff"},
    "can_manage_members": {"admin", "owner"},
    "can_change_member_roles": {"owner"},
    "can_request_to_join": {"outsider", "staff", "reviewer", "requester"},
    "can_view_documents": {"member", "admin", "owner", "staff"},
    "can_upload_document": {"member", "admin", "owner"},
    "can_view_organization_details": {"member", "admin", "owner", "staff"},
    "can_leave_organization": {"member", "admin", "owner"},
}


@pytest.mark.parametrize("predicate", sorted(EXPECTED))
def test_organization_predicates(org, people, predicate):
    allowed = {name for name, user in people.items() if getattr(p, predicate)(user, org)}

    assert allowed == EXPECTED[predicate]


@pytest.mark.parametrize("is_public", [False, True])
def test_can_view_organization_public_profiles_are_open_to_everyone(people, is_public):
    org = OrganizationFactory(is_public=is_public)
    OrganizationMembershipFactory(organization=org, user=people["member"])
    p.forget_organization_roles(people["member"])

    allowed = {name for name, user in people.items() if p.can_view_organization(user, org)}

    everyone = set(people)
    assert allowed == (everyone if is_public else {"member", "staff"})


@pytest.mark.parametrize(
    "predicate",
    [
        "can_view_all_organizations",
        "can_verify_organization",
        "can_export_organizations",
        "can_view_coverage",
    ],
)
def test_staff_only_predicates(people, predicate):
    allowed = {name for name, user in people.items() if getattr(p, predicate)(user, None)}

    assert allowed == {"staff"}


def test_superusers_act_as_staff():
    superuser = UserFactory(is_superuser=True)

    assert p.can_verify_organization(superuser)
    assert p.can_view_documents(superuser, OrganizationFactory())


def test_can_register_organization_needs_a_sign_in(people):
    assert not p.can_register_organization(people["anonymous"])
    assert p.can_register_organization(people["outsider"])


def test_can_remove_member_follows_the_role_hierarchy(org, people):
    memberships = {
        name: OrganizationMembership.objects.get(organization=org, user=people[name])
        for name in ("member", "admin", "owner")
    }
    second_owner = OrganizationMembershipFactory(organization=org, role=Role.OWNER)

    def removable_by(name):
        return {
            target
            for target, membership in {**memberships, "second_owner": second_owner}.items()
            if p.can_remove_member(people[name], membership)
        }

    assert removable_by("owner") == {"member", "admin", "second_owner"}
    assert removable_by("admin") == {"member"}
    assert removable_by("member") == set()
    assert removable_by("staff") == set()
    assert removable_by("outsider") == set()


# --- the URL matrix ---------------------------------------------------------------------------

LOGIN = "login"


@pytest.fixture
def world(org, people, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    owner = people["owner"]
    requested = OrganizationMembership.objects.get(user=people["requester"])
    target = OrganizationMembershipFactory(organization=org, role=Role.MEMBER)
    invitation = OrganizationMembership.objects.create(
        organization=org,
        invited_email="invitee@example.org",
        invitation_token="matrix-token",
        invited_by=owner,
        state=State.INVITED,
    )
    document = OrganizationDocument(
        organization=org, kind="charter", title="Charter", content_type="application/pdf", size=9
    )
    document.file.save("charter.pdf", io.BytesIO(b"%PDF-1.4\n"), save=False)
    document.save()
    return {
        "org": org,
        "requested": requested,
        "target": target,
        "invitation": invitation,
        "document": document,
    }


def _url(name, world):
    org = world["org"].pk
    membership = {
        "membership_approve": world["requested"].pk,
        "membership_decline": world["requested"].pk,
        "membership_change_role": world["target"].pk,
        "membership_remove": world["target"].pk,
        "invitation_revoke": world["invitation"].pk,
        "invitation_resend": world["invitation"].pk,
    }
    if name in ("organization_create", "place_fields"):
        return reverse(f"organizations:{name}")
    if name == "invitation_respond":
        return reverse("organizations:invitation_respond", args=["matrix-token"])
    if name == "document_download":
        return reverse("organizations:document_download", args=[org, world["document"].pk])
    if name in membership:
        return reverse(f"organizations:{name}", args=[org, membership[name]])
    return reverse(f"organizations:{name}", args=[org])


POST_DATA = {
    "membership_change_role": lambda world: {f"m{world['target'].pk}-role": "admin"},
}

#            url name                     method   anonymous outsider member owner staff
MATRIX = [
    ("organization_create", "get", LOGIN, 200, 200, 200, 200),
    ("place_fields", "get", LOGIN, 200, 200, 200, 200),
    ("organization_detail", "get", LOGIN, 404, 200, 200, 200),
    ("organization_edit", "get", LOGIN, 404, 200, 200, 200),
    ("membership_request", "get", LOGIN, 404, 403, 403, 200),
    ("membership_leave", "get", LOGIN, 404, 200, 200, 403),
    ("membership_list", "get", LOGIN, 404, 403, 200, 403),
    ("membership_approve", "post", LOGIN, 404, 403, 302, 403),
    ("membership_decline", "post", LOGIN, 404, 403, 302, 403),
    ("membership_change_role", "post", LOGIN, 404, 403, 302, 403),
    ("membership_remove", "post", LOGIN, 404, 403, 302, 403),
    ("invitation_revoke", "post", LOGIN, 404, 403, 302, 403),
    ("invitation_resend", "post", LOGIN, 404, 403, 302, 403),
    ("organization_verify", "post", LOGIN, 403, 403, 403, 302),
    ("organization_verify", "get", LOGIN, 403, 403, 403, 405),
    ("organization_unverify", "post", LOGIN, 403, 403, 403, 302),
    ("document_list", "get", LOGIN, 404, 200, 200, 200),
    ("document_list", "post", LOGIN, 404, 200, 200, 403),
    ("document_download", "get", LOGIN, 404, 200, 200, 200),
    ("invitation_respond", "get", LOGIN, 403, 403, 403, 403),
]
ACTORS = ["anonymous", "outsider", "member", "owner", "staff"]
CASES = [
    pytest.param(name, method, actor, expected, id=f"{name}-{method}-{actor}")
    for name, method, *answers in MATRIX
    for actor, expected in zip(ACTORS, answers, strict=True)
]


@pytest.mark.parametrize(("name", "method", "actor", "expected"), CASES)
def test_permission_matrix(client, world, people, name, method, actor, expected):
    if actor != "anonymous":
        client.force_login(people[actor])
    url = _url(name, world)
    data = POST_DATA.get(name, lambda world: {})(world)

    response = getattr(client, method)(url, data)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


def test_public_profile_is_open_to_anonymous_visitors(client, world):
    world["org"].is_public = True
    world["org"].save()

    response = client.get(_url("organization_detail", world))

    assert response.status_code == 200
    assert world["org"].display_name in response.text


def test_a_public_profile_still_hides_members_pages_from_strangers(client, world, people):
    world["org"].is_public = True
    world["org"].save()
    client.force_login(people["outsider"])

    assert client.get(_url("membership_request", world)).status_code == 200
    for name in ("organization_edit", "membership_list", "document_list", "document_download"):
        assert client.get(_url(name, world)).status_code == 404, name


def test_the_invitee_may_open_the_invitation(client, world):
    invitee = UserFactory(email="invitee@example.org")
    client.force_login(invitee)

    assert client.get(_url("invitation_respond", world)).status_code == 200


def test_an_unknown_invitation_token_is_404(client, people):
    client.force_login(people["outsider"])

    url = reverse("organizations:invitation_respond", args=["no-such-token"])
    assert client.get(url).status_code == 404


def test_a_membership_of_another_organization_is_404_even_for_its_owner(client, world, people):
    elsewhere = OrganizationMembershipFactory(state=State.REQUESTED)
    client.force_login(people["owner"])

    url = reverse("organizations:membership_approve", args=[world["org"].pk, elsewhere.pk])
    assert client.post(url).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.state == State.REQUESTED


def test_an_admin_may_not_remove_an_owner_nor_change_roles(client, world, people):
    client.force_login(people["admin"])
    owner_membership = OrganizationMembership.objects.get(user=people["owner"])

    remove = reverse("organizations:membership_remove", args=[world["org"].pk, owner_membership.pk])
    role = reverse(
        "organizations:membership_change_role", args=[world["org"].pk, owner_membership.pk]
    )

    assert client.post(remove).status_code == 403
    assert client.post(role, {f"m{owner_membership.pk}-role": "member"}).status_code == 403
    assert OrganizationMembership.objects.filter(pk=owner_membership.pk, role=Role.OWNER).exists()


def test_action_urls_refuse_get(client, world, people):
    client.force_login(people["owner"])

    assert client.get(_url("membership_approve", world)).status_code == 405


def test_only_admin_users_allowed_to_add_organizations_may_import():
    from django.contrib.auth.models import Permission

    from organizations.permissions import can_import_organizations
    from tests.ngo_portal.factories import UserFactory

    staff = UserFactory(is_staff=True)
    assert not can_import_organizations(staff)
    staff.user_permissions.add(Permission.objects.get(codename="add_organization"))
    staff = type(staff).objects.get(pk=staff.pk)  # permissions are cached per instance
    assert can_import_organizations(staff)
    assert not can_import_organizations(UserFactory())


def test_center_and_organization_roles_are_read_in_one_query(django_assert_num_queries):
    from ngo_portal.permissions import center_roles, forget_roles

    membership = OrganizationMembershipFactory(role=OrganizationMembership.Role.ADMIN)
    user = membership.user
    center_membership = CenterMembershipFactory(user=user, role="mentor")
    OrganizationMembershipFactory(user=user, state=OrganizationMembership.State.REQUESTED)

    with django_assert_num_queries(1):
        assert p.organization_roles(user) == {membership.organization_id: "admin"}
        assert center_roles(user) == {center_membership.center_id: "mentor"}

    membership.delete()
    forget_roles(user)
    with django_assert_num_queries(1):
        assert center_roles(user) == {center_membership.center_id: "mentor"}
        assert p.organization_roles(user) == {}
