"""One function per organization rule, and the same rule (and message) on every write path."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from ngo_portal.models import Region
from organizations import demo_data
from organizations.management.commands import bench_seed
from organizations.models import Organization
from organizations.names import pinyin_of
from organizations.rules import (
    community_errors,
    credit_code_errors,
    funding_mix_errors,
    organization_derive_fields,
    organization_rule_errors,
)
from organizations.vocabularies import LegalForm
from tests.organizations.factories import (
    CommunityFactory,
    OrganizationFactory,
    make_credit_code,
    region_tree,
)
from tests.organizations.test_import import run_import, write_csv

pytestmark = pytest.mark.django_db


def test_derived_fields_are_the_same_on_a_model_and_on_a_row():
    regions = region_tree()
    rural = CommunityFactory(region=regions["gulou"], area_type="rural")
    typed = {
        "name_zh": "鼓楼区阳光养老服务中心",
        "credit_code": f" {make_credit_code(7).lower()} ",
        "region": regions["gulou"],
        "community": rural,
        "area_type": "",
    }
    organization = Organization(**typed)
    row = dict(typed)

    organization_derive_fields(organization)
    organization_derive_fields(row)

    expected = {
        "name_pinyin": pinyin_of("鼓楼区阳光养老服务中心"),
        "region_code": "320106",
        "area_type": "rural",
        "credit_code": make_credit_code(7),
    }
    assert {field: getattr(organization, field) for field in expected} == expected
    assert {field: row[field] for field in expected} == expected


def test_a_typed_urban_or_rural_wins_over_the_community_one():
    community = CommunityFactory(area_type="rural")
    row = {"name_zh": "测试", "region": community.region, "community": community}
    row["area_type"] = "urban"

    organization_derive_fields(row, pinyin=False)

    assert row["area_type"] == "urban"
    assert "name_pinyin" not in row


@pytest.mark.parametrize(
    ("legal_form", "code", "error_code"),
    [
        (LegalForm.COMMUNITY_GROUP, make_credit_code(1), "credit_code_not_registered"),
        (LegalForm.SOCIAL_GROUP, None, "credit_code_required"),
        (LegalForm.FOUNDATION, "", "credit_code_required"),
    ],
)
def test_credit_code_follows_the_legal_form(legal_form, code, error_code):
    errors = credit_code_errors({"legal_form": legal_form, "credit_code": code})

    assert [error.code for error in errors] == [error_code]


def test_a_community_group_without_a_code_and_a_registered_one_with_a_code_pass():
    assert credit_code_errors({"legal_form": LegalForm.COMMUNITY_GROUP, "credit_code": None}) == []
    code = make_credit_code(2)
    assert credit_code_errors({"legal_form": LegalForm.SOCIAL_GROUP, "credit_code": code}) == []


def test_a_taken_credit_code_is_found_in_the_database_or_in_the_given_set():
    existing = OrganizationFactory()
    values = {"legal_form": LegalForm.SOCIAL_GROUP, "credit_code": existing.credit_code}

    assert [e.code for e in credit_code_errors(values)] == ["credit_code_taken"]
    assert credit_code_errors(values, pk=existing.pk) == []  # its own code
    assert credit_code_errors(values, taken_codes=set()) == []
    assert [e.code for e in credit_code_errors(values, taken_codes={existing.credit_code})] == [
        "credit_code_taken"
    ]


@pytest.mark.parametrize(("shares", "ok"), [((), True), ((60, 40), True), ((60, 30), False)])
def test_funding_sources_add_up_to_100_or_are_all_unknown(shares, ok):
    fields = ["funding_government_pct", "funding_foundations_pct"]
    errors = funding_mix_errors(dict(zip(fields, shares, strict=False)))

    assert (errors == []) is ok
    if not ok:
        assert "they now add up to 90%" in errors[0].messages[0]


def test_a_community_must_lie_in_the_organizations_county():
    regions = region_tree()
    community = CommunityFactory(region=regions["gulou"])

    assert community_errors({"region": regions["gulou"], "community": community}) == []
    assert [
        e.code for e in community_errors({"region": regions["chengzhong"], "community": community})
    ] == ["community_outside_region"]
    assert [e.code for e in community_errors({"region": None, "community": community})] == [
        "community_outside_region"
    ]


def test_all_rules_together_name_the_field_of_each_error():
    regions = region_tree()
    values = {
        "legal_form": LegalForm.COMMUNITY_GROUP,
        "credit_code": make_credit_code(3),
        "funding_corporate_pct": 50,
        "region": regions["chengzhong"],
        "community": CommunityFactory(region=regions["gulou"]),
    }

    errors = organization_rule_errors(values)

    assert set(errors) == {"credit_code", NON_FIELD_ERRORS, "community"}


def test_the_importer_reports_the_rule_in_the_forms_words(tmp_path):
    rows = [["鼓楼区养老服务中心", make_credit_code(4), "social_group", "320106", "", "70"]]
    region_tree()

    output = run_import(write_csv(tmp_path, rows))

    (message,) = funding_mix_errors({"funding_government_pct": 70})[0].messages
    assert f"Row 2, funding_government_pct: {message}" in output


def test_demo_data_is_validated_by_the_rules(monkeypatch):
    Region.objects.bulk_create(
        Region(code=code, level=Region.Level.COUNTY, name_zh=f"县{code}", name_en=code)
        for code in sorted({row[0] for row in demo_data.COMMUNITIES} | {"630103"})
    )
    # A community of Nanjing's Gulou given to an organization in Xining's Chengzhong.
    misplaced = ("错位的协会", "Misplaced", LegalForm.SOCIAL_GROUP, "630103", "宁海路社区")
    row = (*misplaced, ["elderly_care"], ["elderly"], "growing", True, 2010, 1, 1)
    monkeypatch.setattr(demo_data, "ORGANIZATIONS", [row])

    with pytest.raises(ValidationError) as refused:
        demo_data.seed_organizations(owner=None)

    assert "community" in refused.value.message_dict
    assert not Organization.objects.filter(name_zh="错位的协会").exists()


def test_the_bench_seed_refuses_a_record_that_breaks_a_rule():
    gulou = region_tree()["gulou"]
    record = {
        "name_zh": "社区互助会",
        "legal_form": LegalForm.COMMUNITY_GROUP,
        "credit_code": make_credit_code(5),
        "region": gulou,
        "community": None,
    }

    with pytest.raises(ValueError, match="breaks a rule"):
        bench_seed._checked(record)
