import pytest
from django.core import mail
from django.urls import reverse

from organizations.models import Organization, OrganizationMembership
from organizations.services import organization_update
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import (
    CommunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    make_credit_code,
)

pytestmark = pytest.mark.django_db

Role = OrganizationMembership.Role
State = OrganizationMembership.State
CREATE = reverse("organizations:organization_create")


@pytest.fixture
def user(client):
    user = UserFactory(full_name="王芳")
    client.force_login(user)
    return user


def _form(regions, **overrides):
    data = {
        "name_zh": "鼓楼区阳光助老服务中心",
        "name_en": "Gulou Sunshine Elderly Care Center",
        "legal_form": "social_service_org",
        "credit_code": make_credit_code(5000),
        "region": regions["gulou"].pk,
        "service_areas": ["elderly_care", "volunteering"],
        "beneficiary_groups": ["elderly"],
        "staff_full_time": "6",
        "staff_part_time": "2",
        "volunteers": "40",
        "funding_government_pct": "70",
        "funding_public_donations_pct": "30",
        "contact_email": "info@sunshine.example.org",
        "description": "为社区老人提供助餐和陪伴服务。",
    }
    for name in (
        "funding_international_pct",
        "funding_lottery_pct",
        "funding_foundations_pct",
        "funding_corporate_pct",
        "funding_earned_income_pct",
    ):
        data.setdefault(name, "0")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _snapshot():
    return (
        list(Organization.objects.values()),
        list(OrganizationMembership.objects.values()),
    )


# --- registering ------------------------------------------------------------------------------


def test_the_form_offers_the_provinces_and_narrows_from_there(client, user, regions):
    response = client.get(CREATE)

    assert response.status_code == 200
    assert '<option value="320000">Jiangsu Sheng</option>' in response.text
    assert 'name="county"' not in response.text  # offered once a province is chosen
    assert 'name="service_areas" value="elderly_care"' in response.text
    assert 'data-hx-get="/organizations/places/"' in response.text


def test_register_an_organization(client, user, regions):
    response = client.post(CREATE, _form(regions, credit_code=make_credit_code(5000).lower()))

    organization = Organization.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("organizations:organization_detail", args=[organization.pk])
    assert organization.credit_code == make_credit_code(5000)
    assert organization.service_areas == ["elderly_care", "volunteering"]
    assert organization.memberships.get().role == Role.OWNER
    page = client.get(response.url)
    assert "Your organization is registered" in page.text
    assert "Gulou Sunshine Elderly Care Center" in page.text


@pytest.mark.parametrize(
    ("overrides", "field_id", "words"),
    [
        ({"credit_code": "51320100000000001X"}, "id_credit_code", "check character"),
        ({"credit_code": "5132010000000"}, "id_credit_code", "this one has 13"),
        (
            {"legal_form": "community_group"},
            "id_credit_code",
            "An unregistered community group has no credit code",
        ),
        ({"credit_code": ""}, "id_credit_code", "needs its unified social credit code"),
        ({"funding_lottery_pct": "150"}, "id_funding_lottery_pct", "less than or equal to 100"),
        ({"name_zh": ""}, "id_name_zh", "This field is required"),
    ],
)
def test_a_bad_registration_changes_nothing_and_keeps_what_was_typed(
    client, user, regions, overrides, field_id, words
):
    before = _snapshot()

    response = client.post(CREATE, _form(regions, **overrides))

    assert response.status_code == 200
    assert _snapshot() == before
    assert f'id="{field_id}_error"' in response.text
    assert words in response.text
    assert "Please correct the problems below" in response.text
    assert 'value="Gulou Sunshine Elderly Care Center"' in response.text
    assert "为社区老人提供助餐和陪伴服务。" in response.text
    assert 'value="elderly_care" id="id_service_areas_1" checked' in response.text
    assert '<option value="320106" selected>Gulou Qu</option>' in response.text


def test_the_funding_mix_error_shows_the_current_total(client, user, regions):
    response = client.post(CREATE, _form(regions, funding_public_donations_pct="20"))

    assert response.status_code == 200
    assert 'id="funding-errors"' in response.text
    assert "they now add up to 90%" in response.text
    assert "Current total: 90%" in response.text
    assert not Organization.objects.exists()


def test_a_credit_code_already_registered_is_refused(client, user, regions):
    OrganizationFactory(credit_code=make_credit_code(5000), name_zh="完全不同的名字")

    response = client.post(CREATE, _form(regions))

    assert "An organization with this credit code is already registered" in response.text
    assert Organization.objects.count() == 1


def test_a_similar_name_must_be_confirmed_as_a_different_organization(client, user, regions):
    OrganizationFactory(name_zh="鼓楼区阳光助老服务中心", name_en="", is_public=True)

    response = client.post(CREATE, _form(regions, name_zh="鼓楼区阳光助老服务中心 "))

    assert response.status_code == 200
    assert "Is your organization already registered?" in response.text
    assert 'name="confirm_different"' in response.text
    assert Organization.objects.count() == 1

    confirmed = client.post(CREATE, _form(regions, confirm_different="on"))

    assert confirmed.status_code == 302
    assert Organization.objects.count() == 2


def test_a_similar_english_name_is_listed_too(client, user, regions):
    OrganizationFactory(
        name_zh="阳光长者服务社", name_en="Gulou Sunshine Elderly Care Centre", is_public=True
    )

    response = client.post(CREATE, _form(regions))

    assert "阳光长者服务社" in response.text
    assert not Organization.objects.filter(credit_code=make_credit_code(5000)).exists()


def test_an_unrelated_name_needs_no_confirmation(client, user, regions):
    OrganizationFactory(name_zh="青海高原环保协会", name_en="Qinghai Plateau Green Association")

    response = client.post(CREATE, _form(regions))

    assert response.status_code == 302


def test_communities_follow_the_chosen_county(client, user, regions):
    gulou = CommunityFactory(region=regions["gulou"], name_zh="宁海路社区", name_en="Ninghailu")
    CommunityFactory(region=regions["chengzhong"], name_zh="南滩社区", name_en="Nantan")

    partial = client.get(
        reverse("organizations:place_fields"),
        {"province": "320000", "city": "320100", "county": "320106"},
    )
    refreshed = client.post(CREATE, _form(regions, refresh_places="1", name_zh="草稿"))

    for response in (partial, refreshed):
        assert f'<option value="{gulou.pk}">Ninghailu</option>' in response.text
        assert "Nantan" not in response.text
    assert 'id="community-field"' in partial.text
    assert '<option value="320106" selected>Gulou Qu</option>' in partial.text
    assert 'value="草稿"' in refreshed.text
    assert "Please correct" not in refreshed.text
    assert not Organization.objects.exists()


def test_a_community_of_another_county_is_refused(client, user, regions):
    elsewhere = CommunityFactory(region=regions["chengzhong"])

    response = client.post(CREATE, _form(regions, community=elsewhere.pk))

    assert response.status_code == 200
    assert 'id="id_community_error"' in response.text
    assert not Organization.objects.exists()


# --- the profile ------------------------------------------------------------------------------


@pytest.fixture
def organization(regions):
    return OrganizationFactory(
        name_zh="城中区青年志愿者协会",
        name_en="Chengzhong Youth Volunteers",
        region=regions["chengzhong"],
        contact_email="contact@youth.example.org",
        description="组织青年参与社区服务。",
        is_public=True,
    )


def test_visitors_see_the_public_fields_only(client, organization):
    response = client.get(reverse("organizations:organization_detail", args=[organization.pk]))

    assert response.status_code == 200
    assert "Chengzhong Youth Volunteers" in response.text
    assert "Qinghai Sheng · Xining Shi · Chengzhong Qu" in response.text
    assert "组织青年参与社区服务。" in response.text
    assert "contact@youth.example.org" not in response.text
    assert organization.credit_code not in response.text
    assert "Sign in to ask to join" in response.text


@pytest.mark.parametrize("who", ["member", "staff"])
def test_members_and_staff_see_the_full_profile(client, organization, who):
    if who == "member":
        user = OrganizationMembershipFactory(organization=organization).user
    else:
        user = CenterMembershipFactory(role="officer").user
    client.force_login(user)

    response = client.get(reverse("organizations:organization_detail", args=[organization.pk]))

    assert "contact@youth.example.org" in response.text
    assert organization.credit_code in response.text
    assert "Recent changes" in response.text


def test_edit_records_who_changed_which_fields_and_the_profile_lists_it(client, organization):
    member = OrganizationMembershipFactory(
        organization=organization, user=UserFactory(full_name="赵磊")
    ).user
    client.force_login(member)
    url = reverse("organizations:organization_edit", args=[organization.pk])
    page = client.get(url)
    assert 'value="Chengzhong Youth Volunteers"' in page.text

    data = _form(
        {"gulou": organization.region},
        name_zh=organization.name_zh,
        name_en=organization.name_en,
        credit_code=organization.credit_code,
        volunteers="120",
        contact_phone="0971-1234567",
    )
    response = client.post(url, data)

    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.volunteers, organization.contact_phone) == (120, "0971-1234567")
    record = organization.history.first()
    assert record.history_user == member
    detail = client.get(response.url)
    assert "赵磊" in detail.text
    assert "volunteers" in detail.text and "contact phone" in detail.text


def test_a_bad_edit_changes_nothing_and_keeps_what_was_typed(client, organization):
    client.force_login(OrganizationMembershipFactory(organization=organization).user)
    before = _snapshot()
    records = organization.history.count()

    response = client.post(
        reverse("organizations:organization_edit", args=[organization.pk]),
        _form(
            {"gulou": organization.region},
            name_zh="新名字",
            credit_code=organization.credit_code,
            funding_government_pct="99",
        ),
    )

    assert response.status_code == 200
    assert _snapshot() == before
    assert 'value="新名字"' in response.text
    assert "they now add up to 129%" in response.text
    assert organization.history.count() == records


def test_recent_changes_list_the_last_five(client, organization):
    owner = OrganizationMembershipFactory(organization=organization, role=Role.OWNER).user
    for volunteers in range(1, 8):
        organization_update(organization=organization, by=owner, data={"volunteers": volunteers})
    client.force_login(owner)

    response = client.get(reverse("organizations:organization_detail", args=[organization.pk]))

    changes = response.context["recent_changes"]
    assert len(changes) == 5
    assert all(change["fields"] == ["volunteers"] for change in changes)


# --- joining and inviting through the pages ---------------------------------------------------


def test_join_then_approve(client, organization, django_capture_on_commit_callbacks):
    owner = OrganizationMembershipFactory(organization=organization, role=Role.OWNER).user
    requester = UserFactory(full_name="刘洋")
    client.force_login(requester)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organizations:membership_request", args=[organization.pk]), follow=True
        )

    assert "Your request has been sent" in response.text
    assert "You have asked to join this organization" in response.text
    assert [message.to for message in mail.outbox] == [[owner.email]]
    membership = OrganizationMembership.objects.get(user=requester)

    client.force_login(owner)
    members = reverse("organizations:membership_list", args=[organization.pk])
    assert "刘洋" in client.get(members).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organizations:membership_approve", args=[organization.pk, membership.pk])
        )

    membership.refresh_from_db()
    assert membership.state == State.ACTIVE
    assert mail.outbox[-1].to == [requester.email]


def test_invite_and_accept_through_the_pages(
    client, organization, django_capture_on_commit_callbacks
):
    owner = OrganizationMembershipFactory(organization=organization, role=Role.OWNER).user
    client.force_login(owner)
    members = reverse("organizations:membership_list", args=[organization.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(members, {"email": "new.colleague@example.org", "role": "admin"})

    assert response.status_code == 302
    assert "new.colleague@example.org" in client.get(members).text
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invitations/" in line)
    path = link.split("localhost:8000", 1)[-1].strip()

    client.force_login(UserFactory(email="someone@example.org"))
    wrong = client.post(path, {"decision": "accept"})
    assert wrong.status_code == 403
    assert "n***@example.org" in wrong.text

    invitee = UserFactory(email="new.colleague@example.org")
    client.force_login(invitee)
    assert client.get(path).status_code == 200
    accepted = client.post(path, {"decision": "accept"})

    assert accepted.url == reverse("organizations:organization_detail", args=[organization.pk])
    membership = OrganizationMembership.objects.get(user=invitee)
    assert (membership.state, membership.role) == (State.ACTIVE, Role.ADMIN)


def test_a_bad_invitation_keeps_the_typed_address(client, organization):
    owner = OrganizationMembershipFactory(organization=organization, role=Role.OWNER).user
    client.force_login(owner)

    response = client.post(
        reverse("organizations:membership_list", args=[organization.pk]),
        {"email": owner.email, "role": "member"},
    )

    assert response.status_code == 200
    assert "already a member" in response.text
    assert f'value="{owner.email}"' in response.text
    assert not OrganizationMembership.objects.filter(state=State.INVITED).exists()


def test_the_last_owner_is_told_why_they_cannot_leave(client, organization):
    owner = OrganizationMembershipFactory(organization=organization, role=Role.OWNER)
    client.force_login(owner.user)

    response = client.post(
        reverse("organizations:membership_leave", args=[organization.pk]), follow=True
    )

    assert "You are the last owner" in response.text
    assert OrganizationMembership.objects.filter(pk=owner.pk).exists()


def test_an_owner_changes_a_role_on_the_members_page(client, organization):
    owner = OrganizationMembershipFactory(organization=organization, role=Role.OWNER).user
    member = OrganizationMembershipFactory(organization=organization)
    client.force_login(owner)

    client.post(
        reverse("organizations:membership_change_role", args=[organization.pk, member.pk]),
        {f"m{member.pk}-role": "admin"},
    )

    member.refresh_from_db()
    assert member.role == Role.ADMIN


# --- the admin --------------------------------------------------------------------------------


def test_admin_pages_render_and_link_documents_through_the_permission_check(
    client, organization, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from organizations.services import document_upload

    settings.MEDIA_ROOT = tmp_path
    member = OrganizationMembershipFactory(organization=organization).user
    document = document_upload(
        organization=organization,
        by=member,
        kind="charter",
        title="章程",
        file=SimpleUploadedFile("charter.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    pages = [
        reverse("admin:organizations_organization_changelist") + "?q=青年",
        reverse("admin:organizations_organization_change", args=[organization.pk]),
        reverse("admin:organizations_organization_history", args=[organization.pk]),
        reverse("admin:organizations_organizationmembership_changelist"),
        reverse("admin:organizations_organizationdocument_change", args=[document.pk]),
        reverse("admin:ngo_portal_region_changelist") + "?q=630103",
        reverse("admin:ngo_portal_community_changelist"),
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    change = client.get(pages[1])
    download = reverse("organizations:document_download", args=[organization.pk, document.pk])
    assert download in change.text
    assert "/media/" not in change.text
    assert "Chengzhong Qu" in client.get(pages[5]).text
    assert reverse("admin:organizations_organization_import") in client.get(pages[0]).text


def _admin_change(client, organization, **changes):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:organizations_organization_change", args=[organization.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("service_areas", "beneficiary_groups")
    }
    data.update(
        {
            **changes,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        }
    )
    return client.post(url, data)


def test_admin_saves_keep_the_derived_fields_in_step(client, organization, regions):
    response = _admin_change(
        client, organization, name_zh="城中区公益青年会", region=regions["gulou"].pk
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    organization.refresh_from_db()
    assert organization.name_pinyin.startswith("cheng zhong qu gong yi")
    assert organization.region_code == "320106"


def test_admin_edits_follow_the_profile_rules_in_the_same_words(client, organization):
    response = _admin_change(
        client, organization, legal_form="community_group", funding_corporate_pct="60"
    )

    assert response.status_code == 200
    assert "An unregistered community group has no credit code" in response.text
    assert "they now add up to 60%" in response.text
    assert "Constraint" not in response.text
    organization.refresh_from_db()
    assert organization.legal_form != "community_group"
