from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organizations.models import Organization, OrganizationMembership
from organizations.services import organization_create, organization_update
from organizations.vocabularies import LegalForm
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import (
    CommunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    make_credit_code,
)

pytestmark = pytest.mark.django_db


def _member(organization):
    return OrganizationMembershipFactory(organization=organization).user


def _data(regions, **overrides):
    return {
        "name_zh": "爱德社会工作服务中心",
        "name_en": "Amity Social Work Center",
        "credit_code": make_credit_code(900),
        "legal_form": LegalForm.SOCIAL_SERVICE_ORGANIZATION,
        "region": regions["gulou"],
        "service_areas": ["elderly_care", "community_services"],
        "funding_government_pct": 60,
        "funding_foundations_pct": 40,
        "annual_budget_cny": Decimal("1200000.00"),
        **overrides,
    }


def _refused(fn, **kwargs) -> dict:
    with pytest.raises(ValidationError) as raised:
        fn(**kwargs)
    return raised.value.message_dict


def test_create_derives_search_fields_and_makes_the_creator_owner(regions):
    user = UserFactory()

    organization = organization_create(user=user, data=_data(regions))

    organization.refresh_from_db()
    assert organization.name_pinyin.startswith("ai de she hui gong zuo fu wu zhong xin")
    assert organization.region_code == "320106"
    assert organization.service_areas == ["elderly_care", "community_services"]
    owner = OrganizationMembership.objects.get(organization=organization)
    assert (owner.user, owner.role, owner.state) == (user, "owner", "active")
    record = organization.history.get()
    assert (record.history_type, record.history_user) == ("+", user)


def test_create_normalises_the_credit_code_and_takes_urban_or_rural_from_the_community(regions):
    community = CommunityFactory(region=regions["gulou"], area_type="rural")
    code = make_credit_code(901)

    organization = organization_create(
        user=UserFactory(),
        data=_data(regions, credit_code=f" {code.lower()} ", community=community),
    )

    assert organization.credit_code == code
    assert organization.area_type == "rural"


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        (
            {"legal_form": LegalForm.COMMUNITY_GROUP},
            "credit_code",
            "unregistered community group has no credit code",
        ),
        ({"credit_code": None}, "credit_code", "needs its unified social credit code"),
        ({"credit_code": "91320100MA1X2Y3Z4A"}, "credit_code", "cannot appear"),
        ({"funding_foundations_pct": 30}, "__all__", "now add up to 90%"),
        ({"funding_lottery_pct": 101}, "funding_lottery_pct", "less than or equal to 100"),
    ],
)
def test_create_refuses_broken_rules_and_writes_nothing(regions, overrides, field, words):
    user = UserFactory()

    errors = _refused(organization_create, user=user, data=_data(regions, **overrides))

    assert words in " ".join(errors[field])
    assert not Organization.objects.exists()
    assert not OrganizationMembership.objects.exists()


def test_an_unregistered_community_group_needs_no_code_and_an_unknown_mix_is_all_zero(regions):
    organization = organization_create(
        user=UserFactory(),
        data=_data(
            regions,
            legal_form=LegalForm.COMMUNITY_GROUP,
            credit_code=None,
            funding_government_pct=0,
            funding_foundations_pct=0,
        ),
    )

    assert organization.credit_code is None
    assert sum(percent for _label, percent in organization.funding_mix) == 0


def test_a_credit_code_is_registered_once(regions):
    existing = OrganizationFactory()

    errors = _refused(
        organization_create,
        user=UserFactory(),
        data=_data(regions, credit_code=existing.credit_code.lower()),
    )

    assert "already registered" in errors["credit_code"][0]
    assert Organization.objects.count() == 1


def test_the_community_must_be_in_the_chosen_county(regions):
    elsewhere = CommunityFactory(region=regions["chengzhong"])

    errors = _refused(
        organization_create, user=UserFactory(), data=_data(regions, community=elsewhere)
    )

    assert "not in the chosen county" in errors["community"][0]


def test_unknown_fields_are_a_programming_error(regions):
    with pytest.raises(TypeError, match="verified_at"):
        organization_create(user=UserFactory(), data=_data(regions, verified_at=None))


def test_update_saves_changes_rederives_and_records_who_changed_what(regions):
    organization = organization_create(user=UserFactory(), data=_data(regions))
    editor = OrganizationMembershipFactory(organization=organization).user

    organization_update(
        organization=organization,
        by=editor,
        data={"name_zh": "青海公益发展中心", "region": regions["chengzhong"], "volunteers": 35},
    )

    organization.refresh_from_db()
    assert organization.name_pinyin.startswith("qing hai gong yi")
    assert organization.region_code == "630103"
    assert organization.volunteers == 35
    latest = organization.history.first()
    changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
    assert latest.history_user == editor
    assert {"name_zh", "region", "volunteers"} <= changed


def test_an_update_that_changes_nothing_records_nothing(regions):
    organization = organization_create(user=UserFactory(), data=_data(regions))

    organization_update(
        organization=organization, by=_member(organization), data={"name_zh": organization.name_zh}
    )

    assert organization.history.count() == 1


def test_a_refused_update_leaves_the_row_as_it_was(regions):
    organization = organization_create(user=UserFactory(), data=_data(regions))

    errors = _refused(
        organization_update,
        organization=organization,
        by=_member(organization),
        data={"name_zh": "改名", "funding_government_pct": 10},
    )

    assert "now add up to 50%" in errors["__all__"][0]
    organization.refresh_from_db()
    assert organization.name_zh == "爱德社会工作服务中心"
    assert organization.history.count() == 1


def test_update_may_keep_its_own_credit_code(regions):
    organization = organization_create(user=UserFactory(), data=_data(regions))

    organization_update(
        organization=organization,
        by=_member(organization),
        data={"credit_code": organization.credit_code, "description": "社区养老"},
    )

    organization.refresh_from_db()
    assert organization.description == "社区养老"


def test_only_members_and_staff_may_update_a_profile(regions):
    organization = organization_create(user=UserFactory(), data=_data(regions))

    with pytest.raises(PermissionDenied):
        organization_update(organization=organization, by=UserFactory(), data={"volunteers": 9})

    organization.refresh_from_db()
    assert organization.volunteers != 9
