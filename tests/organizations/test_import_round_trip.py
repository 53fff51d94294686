"""What the portal exports imports again unchanged: CSV and XLSX, English and Chinese."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from organizations.importing import organizations_import
from organizations.models import Organization
from organizations.vocabularies import AreaType, GrowthStage, LegalForm, McaGrade
from tests.ngo_portal.factories import CenterMembershipFactory
from tests.organizations.factories import CommunityFactory, OrganizationFactory, region_tree

pytestmark = pytest.mark.django_db

# Everything the export writes, as the organization holds it (the region names are the
# region's; the pinyin is derived again from the name).
COMPARED = [
    *("name_zh", "name_en", "name_pinyin", "credit_code", "legal_form"),
    *("registration_authority", "supervising_unit", "registration_date", "mca_grade"),
    *("mca_grade_expires", "region_id", "region_code", "community_id", "area_type", "address"),
    *("service_areas", "beneficiary_groups", "founded_year", "staff_full_time"),
    *("staff_part_time", "volunteers", "annual_budget_cny", "funding_international_pct"),
    *("funding_government_pct", "funding_lottery_pct", "funding_foundations_pct"),
    *("funding_corporate_pct", "funding_public_donations_pct", "funding_earned_income_pct"),
    *("growth_stage", "contact_name", "contact_phone", "contact_email", "website", "is_public"),
    "verified_at",
]


@pytest.fixture
def staff_client(client):
    client.force_login(CenterMembershipFactory(role="officer").user)
    return client


@pytest.fixture
def organizations():
    regions = region_tree()
    community = CommunityFactory(
        region=regions["gulou"], name_zh="宁海路社区", name_en="Ninghai Lu Shequ"
    )
    verified = timezone.now().replace(microsecond=0) - datetime.timedelta(days=3)
    full = OrganizationFactory(
        name_zh="南京市鼓楼区阳光养老服务中心",
        name_en="Gulou Sunshine Elderly Care Center",
        legal_form=LegalForm.SOCIAL_SERVICE_ORGANIZATION,
        registration_authority="南京市鼓楼区民政局",
        supervising_unit="鼓楼区卫生健康委员会",
        registration_date=datetime.date(2014, 6, 25),
        mca_grade=McaGrade.A4,
        mca_grade_expires=datetime.date(2027, 12, 31),
        region=regions["gulou"],
        community=community,
        area_type=AreaType.URBAN,
        address="南京市鼓楼区宁海路 12 号",
        service_areas=["elderly_care", "mental_health", "community_services"],
        beneficiary_groups=["elderly", "empty_nesters"],
        founded_year=2013,
        staff_full_time=12,
        staff_part_time=3,
        volunteers=1200,
        annual_budget_cny=Decimal("1234567.89"),
        funding_government_pct=60,
        funding_foundations_pct=25,
        funding_public_donations_pct=15,
        growth_stage=GrowthStage.GROWING,
        contact_name="=HYPERLINK(“x”)",
        contact_phone="+86 25 8456 7890",
        contact_email="office@example.org",
        website="https://sunshine.example.org/about",
        is_public=True,
        verified_at=verified,
    )
    others = [
        OrganizationFactory(
            name_zh="青海省围棋基金会",
            name_en="",
            legal_form=LegalForm.FOUNDATION,
            region=regions["chengzhong"],
            mca_grade=McaGrade.A5,
            growth_stage=GrowthStage.MATURE,
            area_type=AreaType.RURAL,
            contact_name="-李四",
            contact_phone="@qinghai",
            funding_international_pct=100,
        ),
        OrganizationFactory(
            name_zh="南京市青年志愿者协会",
            legal_form=LegalForm.SOCIAL_GROUP,
            region=regions["nanjing"],  # a city: no county in the export
            growth_stage=GrowthStage.START_UP,
        ),
        OrganizationFactory(
            name_zh="城中区邻里互助会",
            credit_code=None,
            legal_form=LegalForm.COMMUNITY_GROUP,
            region=None,
        ),
        OrganizationFactory(name_zh="新NGO发展中心", legal_form=LegalForm.BUSINESS_REGISTERED),
    ]
    return [full, *others]


def snapshot() -> dict:
    return {values["name_zh"]: values for values in Organization.objects.values(*COMPARED)}


def exported(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return b"".join(response)


@pytest.mark.parametrize(
    "url",
    [
        "/organizations/export.csv",
        "/zh-hans/organizations/export.csv",
        "/organizations/export.xlsx",
        "/zh-hans/organizations/export.xlsx",
    ],
)
def test_export_imports_again_unchanged(staff_client, organizations, url):
    before = snapshot()
    content = exported(staff_client, url)
    Organization.objects.all().delete()

    report = organizations_import(
        source=io.BytesIO(content), file_name=url.rsplit("/", 1)[-1], commit=True
    )

    assert report.errors == [] and report.file_errors == []
    assert report.ignored_columns == []
    assert report.imported == len(organizations)
    assert snapshot() == before


def test_export_imported_into_the_same_database_names_the_codes_taken(staff_client, organizations):
    content = exported(staff_client, "/organizations/export.csv")

    report = organizations_import(source=io.BytesIO(content), file_name="again.csv")

    refused = {(error.column, error.message) for error in report.errors}
    assert refused == {
        (
            "unified social credit code",
            "An organization with this credit code is already registered. Ask someone who "
            "manages it to invite you, or ask to join from its profile.",
        )
    }
    assert report.invalid == len(organizations) - 1  # the community group has no code
