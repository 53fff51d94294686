"""The demo data's figures, as the seed documents give them, on the demo staff dashboards."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from grants.demo_data.campaigns import PARTICIPATIONS
from ngo_portal.models import Region
from organizations import demo_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(client):
    if not Region.objects.filter(code="630100").exists():
        call_command("load_regions", verbosity=0)
    call_command("seed_demo", stdout=StringIO())
    return client


def _get(client, login):
    from ngo_portal.models import User

    client.force_login(User.objects.get(email=login))
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return {section.key: section for section in response.context["sections"]}


def test_cango_dashboard_shows_xining_and_the_jiangxi_figures(seeded):
    sections = _get(seeded, "cango.officer@example.org")

    sessions = sections["trainings"].table("sessions").rows
    xining = [row for row in sessions if row[2:] == [35, 32, 4]]
    assert len(xining) == 1

    campaigns = {row[0]: row for row in sections["grants"].table("campaigns").rows}
    festival = campaigns["September 9th – Charity Festival"]
    assert festival[3:] == [Decimal("9890000.00"), 210000]
    cities = {row[0]: row[1:] for row in sections["grants"].table("campaigns_by_city").rows}
    assert cities["Nanchang Shi"] == [121, 139, Decimal("27540000.00"), None]
    # the 350 reported together, and the named organizations of Pingxiang in other campaigns
    named = sum(1 for row in PARTICIPATIONS if row[1].startswith("3603") and row[2])
    assert cities["Pingxiang Shi"][0] == 350 + named
    assert cities["Pingxiang Shi"][1:3] == [401, Decimal("45000000.00")]
    assert cities["Ji'an Shi"][0] == 116


def test_demo_coverage_against_ten_per_urban_and_five_per_rural(seeded):
    sections = _get(seeded, "manager@example.org")

    coverage = sections["organizations"].table("coverage").rows
    urban = sum(1 for row in demo_data.COMMUNITIES if row[3] == "urban")
    rural = len(demo_data.COMMUNITIES) - urban
    assert [(row[1], row[2]) for row in coverage] == [(10, urban), (5, rural)]
    assert all(row[3] + row[4] == row[2] for row in coverage)
