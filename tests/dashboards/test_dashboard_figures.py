"""The staff dashboard's figures against data built here, its filters, exports and who may see it."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ngo_portal.dashboard_sections import DashboardScope
from ngo_portal.models import CenterMembership, Community
from organizations.models import OrganizationMembership
from organizations.vocabularies import GrowthStage, LegalForm
from tests.grants.factories import (
    AwardFactory,
    CampaignFactory,
    CampaignParticipationFactory,
    FundFactory,
    FundingRoundFactory,
    GrantApplicationFactory,
    GrantReportFactory,
)
from tests.ngo_portal.factories import CenterFactory, CenterMembershipFactory, UserFactory
from tests.organizations.factories import (
    CommunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    region_tree,
)
from tests.trainings.factories import AttendanceFactory, RegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

Role = CenterMembership.Role
DASHBOARD = "/dashboard/"


def _figures(response) -> dict:
    return {
        figure.key: figure.value
        for section in response.context["sections"]
        for figure in section.figures
    }


def _table(response, section_key, table_key):
    section = next(s for s in response.context["sections"] if s.key == section_key)
    return section.table(table_key)


@pytest.fixture
def center():
    return CenterFactory()


@pytest.fixture
def officer_client(client, center):
    client.force_login(CenterMembershipFactory(center=center, role=Role.OFFICER).user)
    return client


def test_organization_figures_count_by_place_form_stage_and_grade(officer_client):
    regions = region_tree()
    OrganizationFactory.create_batch(
        3, region=regions["gulou"], legal_form=LegalForm.FOUNDATION, growth_stage=GrowthStage.MATURE
    )
    OrganizationFactory.create_batch(2, region=regions["chengzhong"], mca_grade="4A")

    response = officer_client.get(DASHBOARD)

    figures = _figures(response)
    assert figures["organizations"] == 5
    places = _table(response, "organizations", "places")
    assert [row[1] for row in places.rows] == [3, 2]
    assert places.rows[0][0] == "Jiangsu Sheng"
    forms = dict(_table(response, "organizations", "legal_form").rows)
    assert forms["foundation"] == 3
    assert forms["social service organization"] == 2
    assert dict(_table(response, "organizations", "growth_stage").rows)["mature"] == 3
    assert dict(_table(response, "organizations", "mca_grade").rows)["4A"] == 2
    assert 'href="/organizations/?province=320000"' in response.content.decode()


def test_coverage_against_ten_per_urban_and_five_per_rural_community(officer_client):
    urban_met = CommunityFactory(area_type=Community.AreaType.URBAN)
    urban_short = CommunityFactory(area_type=Community.AreaType.URBAN)
    rural_met = CommunityFactory(area_type=Community.AreaType.RURAL)
    OrganizationFactory.create_batch(10, community=urban_met, region=urban_met.region)
    OrganizationFactory.create_batch(4, community=urban_short, region=urban_short.region)
    OrganizationFactory.create_batch(5, community=rural_met, region=rural_met.region)

    response = officer_client.get(DASHBOARD)

    figures = _figures(response)
    assert figures["communities"] == 3
    assert figures["communities_meeting_target"] == 2
    coverage = _table(response, "organizations", "coverage").rows
    assert [row[1:] for row in coverage] == [[10, 2, 1, 1], [5, 1, 1, 0]]
    (gap,) = _table(response, "organizations", "coverage_gaps").rows
    assert gap[0] == urban_short.name_zh
    assert gap[2:] == [4, 10, 6]


def test_training_figures(officer_client, center):
    regions = region_tree()
    held = TrainingSessionFactory(
        center=center,
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
        ends_on=timezone.localdate() - datetime.timedelta(days=9),
    )
    jiangsu = OrganizationFactory(region=regions["gulou"])
    qinghai = OrganizationFactory(region=regions["chengzhong"])
    first = RegistrationFactory(session=held, organization=jiangsu)
    RegistrationFactory(session=held, organization=jiangsu)
    RegistrationFactory(session=held, organization=qinghai)
    RegistrationFactory(
        session=held, organization=qinghai, status="waitlisted", waitlist_position=1
    )
    AttendanceFactory(registration=first)
    TrainingSessionFactory(center=center)  # in three weeks: not held yet
    RegistrationFactory(
        session__center=CenterFactory(),
        session__starts_on=held.starts_on,
        session__ends_on=held.ends_on,
    )  # another center's

    figures = _figures(officer_client.get(DASHBOARD))

    assert figures["trainings_held"] == 1
    assert figures["training_participants"] == 3
    assert figures["training_organizations"] == 2
    assert figures["training_provinces"] == 2
    # one day attended of 3 participants × 2 days
    assert figures["training_attendance"] == pytest.approx(16.7)
    assert figures["training_follow_up_completion"] is None


def test_grant_and_campaign_figures(officer_client, center):
    regions = region_tree()
    nanjing_org = OrganizationFactory(region=regions["gulou"])
    funding_round = FundingRoundFactory(
        fund=FundFactory(center=center, source_type="welfare_lottery")
    )
    submitted = timezone.now()
    GrantApplicationFactory(
        round=funding_round,
        organization=nanjing_org,
        status="submitted",
        submitted_at=submitted,
        budget=[Decimal("30000")],
    )
    award = AwardFactory(
        application__round=funding_round,
        application__organization=OrganizationFactory(region=regions["gulou"]),
        application__submitted_at=submitted,
        application__budget=[Decimal("50000")],
        amount=Decimal("40000"),
    )
    award.disbursements.create(
        amount=Decimal("15000"), planned_on=timezone.localdate(), paid_on=timezone.localdate()
    )
    GrantReportFactory(award=award, due_on=timezone.localdate() - datetime.timedelta(days=1))
    GrantApplicationFactory(round=funding_round, status="draft", budget=[Decimal("99999")])
    campaign = CampaignFactory(center=center)
    CampaignParticipationFactory(
        campaign=campaign,
        organization=None,
        organization_count=121,
        region=regions["nanjing"],
        funds_raised=Decimal("27540000"),
        donors=1000,
        projects=139,
    )
    CampaignParticipationFactory(
        campaign=campaign, organization=nanjing_org, funds_raised=Decimal("460000"), donors=200
    )

    response = officer_client.get(DASHBOARD)

    figures = _figures(response)
    assert figures["grant_applications"] == 2
    assert figures["grants_requested"] == Decimal("80000")
    assert figures["grants_awarded"] == Decimal("40000")
    assert figures["grants_disbursed"] == Decimal("15000")
    assert figures["grant_reports_overdue"] == 1
    assert figures["campaign_funds_raised"] == Decimal("28000000")
    assert figures["campaign_donors"] == 1200
    (source,) = _table(response, "grants", "by_fund_source").rows
    assert source == ["welfare-lottery public-welfare fund", 2, Decimal("80000"), Decimal("40000")]
    (city,) = _table(response, "grants", "campaigns_by_city").rows
    assert city == ["Nanjing Shi", 122, 139, Decimal("28000000"), 1200]


def test_the_region_and_center_filters_narrow_the_figures(officer_client, center):
    regions = region_tree()
    OrganizationFactory.create_batch(3, region=regions["gulou"])
    OrganizationFactory.create_batch(2, region=regions["chengzhong"])
    other = CenterFactory()
    for owner in (center, other):
        session = TrainingSessionFactory(
            center=owner,
            starts_on=timezone.localdate() - datetime.timedelta(days=3),
            ends_on=timezone.localdate() - datetime.timedelta(days=3),
        )
        RegistrationFactory(session=session)

    qinghai = _figures(officer_client.get(DASHBOARD, {"region": "63"}))
    assert qinghai["organizations"] == 2
    assert qinghai["trainings_held"] == 1  # the factory's sessions are in Xining
    assert _figures(officer_client.get(DASHBOARD, {"region": "32"}))["trainings_held"] == 0
    # another center's id is not among the user's centers: their own centers count
    assert _figures(officer_client.get(DASHBOARD, {"center": other.pk}))["trainings_held"] == 1


def test_the_period_filter(officer_client, center):
    today = timezone.localdate()
    for days_ago in (40, 5):
        TrainingSessionFactory(
            center=center,
            starts_on=today - datetime.timedelta(days=days_ago),
            ends_on=today - datetime.timedelta(days=days_ago),
        )
    last_month = {"starts_on": (today - datetime.timedelta(days=10)).isoformat()}

    assert _figures(officer_client.get(DASHBOARD))["trainings_held"] == 2
    assert _figures(officer_client.get(DASHBOARD, last_month))["trainings_held"] == 1
    backwards = officer_client.get(
        DASHBOARD, {"starts_on": today.isoformat(), "ends_on": "2020-01-01"}
    )
    assert "The last day comes before the first." in backwards.content.decode()


def test_tables_download_as_csv_and_xlsx(officer_client):
    OrganizationFactory.create_batch(2, legal_form=LegalForm.FOUNDATION)
    OrganizationFactory(legal_form=LegalForm.SOCIAL_GROUP, name_zh="=HYPERLINK()")

    response = officer_client.get("/dashboard/organizations/legal_form.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Legal form", "Organizations"]
    assert ["foundation", "2"] in rows and ["social group", "1"] in rows

    response = officer_client.get("/dashboard/organizations/legal_form.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["foundation", 2] in values
    assert officer_client.get("/dashboard/organizations/nothing.csv").status_code == 404


def test_ngo_members_and_reviewers_cannot_see_the_dashboard(client, center):
    member = OrganizationMembershipFactory(role=OrganizationMembership.Role.OWNER).user
    reviewer = CenterMembershipFactory(center=center, role=Role.REVIEWER).user
    for user in (member, reviewer, UserFactory()):
        client.force_login(user)
        assert client.get(DASHBOARD).status_code == 403
        assert client.get("/dashboard/organizations/legal_form.csv").status_code == 403


def _queries(client, django_assert_max_num_queries, rows):
    center = CenterFactory()
    client.force_login(CenterMembershipFactory(center=center, role=Role.MANAGER).user)
    session = TrainingSessionFactory(
        center=center,
        starts_on=timezone.localdate() - datetime.timedelta(days=3),
        ends_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    for _ in range(rows):
        RegistrationFactory(session=session)
        CommunityFactory()
    client.get(DASHBOARD)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    assert _queries(client, django_assert_max_num_queries, 1) == _queries(
        client, django_assert_max_num_queries, 6
    )


def test_scope_query_string_for_lists():
    assert DashboardScope(center_ids=(1,), region_code="6301").query_string() == "city=630100"
