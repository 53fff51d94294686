from io import StringIO

import pytest
from django.core.management import call_command

from ngo_portal.models import Community, Region
from organizations.credit_code import validate_credit_code
from organizations.models import Organization
from organizations.names import pinyin_of

pytestmark = pytest.mark.django_db


def bench_seed(*options):
    out = StringIO()
    call_command("bench_seed", *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_bench_seed_creates_realistic_valid_organizations_over_real_counties():
    output = bench_seed("--organizations", "300", "--communities", "3000")

    assert "Created 300 synthetic organizations; 300 in all." in output
    assert Region.objects.filter(level="county").count() > 2800  # regions were loaded first
    organizations = list(Organization.objects.select_related("region", "community"))
    assert len(organizations) == 300
    assert {org.region.level for org in organizations} == {"county"}
    assert len({org.legal_form for org in organizations}) >= 4
    assert any(org.community for org in organizations)
    assert Community.objects.filter(area_type="urban").exists()
    assert Community.objects.filter(area_type="rural").exists()
    codes = [org.credit_code for org in organizations if org.credit_code]
    assert len(codes) == len(set(codes)) > 200
    for code in codes:
        validate_credit_code(code)
    for organization in organizations[:50]:
        assert organization.region.name_zh in organization.name_zh
        assert organization.name_pinyin == pinyin_of(organization.name_zh)
        assert organization.region_code == organization.region.code
        assert organization.name_en
        organization.full_clean()


def test_bench_seed_tops_up_and_resets():
    bench_seed("--organizations", "100", "--communities", "10")

    assert "Created 50 synthetic organizations; 150 in all." in bench_seed(
        "--organizations", "150", "--communities", "10"
    )
    assert "Created 0 synthetic organizations; 150 in all." in bench_seed(
        "--organizations", "120", "--communities", "10"
    )
    output = bench_seed("--organizations", "40", "--communities", "10", "--reset")
    assert "Deleted 150 synthetic organizations." in output
    assert Organization.objects.count() == 40
