"""Campaigns: participations of one organization or a group, and the totals of what is known."""

from decimal import Decimal

import pytest
from django.urls import reverse

from grants import selectors
from grants.models import CampaignParticipation
from tests.organizations.factories import OrganizationFactory, region_tree

from .factories import CampaignFactory, CampaignParticipationFactory

pytestmark = pytest.mark.django_db


def test_totals_add_what_is_known(center):
    campaign = CampaignFactory(center=center)
    CampaignParticipationFactory(campaign=campaign, funds_raised=Decimal("1000"), donors=10)
    CampaignParticipationFactory(campaign=campaign, projects=2)
    CampaignParticipation.objects.create(
        campaign=campaign, organization_count=40, projects=5, funds_raised=Decimal("500.50")
    )
    totals = selectors.campaign_totals(campaign)
    assert totals.organizations == 42
    assert totals.projects == 7
    assert totals.funds_raised == Decimal("1500.50")
    assert totals.donors == 10
    [(listed, listed_totals)] = selectors.campaign_list()
    assert listed == campaign and listed_totals == totals


def test_nothing_known_is_shown_as_unknown(center):
    campaign = CampaignFactory(center=center)
    CampaignParticipation.objects.create(campaign=campaign, funds_raised=Decimal("9890000"))
    totals = selectors.campaign_totals(campaign)
    assert (totals.organizations, totals.projects, totals.donors) == (None, None, None)


def test_staff_record_a_group_of_organizations(client, officer, center):
    campaign = CampaignFactory(center=center)
    client.force_login(officer)
    response = client.post(
        reverse("grants:participation_create", args=[campaign.pk]),
        {
            "organization_count": "121",
            "projects": "139",
            "funds_raised": "27540000",
            "region": region_tree()["nanjing"].pk,
            "note": "Nanjing",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("grants:campaign_detail", args=[campaign.pk])).content.decode()
    assert "¥27,540,000.00" in page and "139" in page and "121" in page


def test_one_organization_or_a_count_not_both(client, officer, center):
    campaign = CampaignFactory(center=center)
    client.force_login(officer)
    response = client.post(
        reverse("grants:participation_create", args=[campaign.pk]),
        {"organization": OrganizationFactory().pk, "organization_count": "3"},
    )
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    assert not campaign.participations.exists()


def test_a_campaign_cannot_end_before_it_starts(client, officer, center):
    client.force_login(officer)
    response = client.post(
        reverse("grants:campaign_create"),
        {
            "center": center.pk,
            "name": "Spring giving",
            "starts_on": "2027-05-01",
            "ends_on": "2027-04-01",
        },
    )
    assert response.status_code == 200
    assert "The campaign cannot end before it starts." in response.content.decode()
    assert 'value="Spring giving"' in response.content.decode()


def test_a_group_is_named_in_the_reader_s_language(client, officer, center):
    campaign = CampaignFactory(center=center)
    client.force_login(officer)
    client.post(
        reverse("grants:participation_create", args=[campaign.pk]),
        {"organization_count": "12", "note": "Nanjing NGOs", "note_zh": "南京市社会组织"},
    )
    url = reverse("grants:campaign_detail", args=[campaign.pk])
    assert "南京市社会组织" in client.get("/zh-hans" + url).content.decode()
    assert "Nanjing NGOs" in client.get(url).content.decode()


def test_an_empty_participation_is_refused_with_the_reason(client, officer, center):
    campaign = CampaignFactory(center=center)
    client.force_login(officer)
    empty = {"organization": "", "organization_count": "", "region": "", "note": "", "note_zh": ""}
    response = client.post(reverse("grants:participation_create", args=[campaign.pk]), empty)
    assert response.status_code == 200
    assert "Say who took part" in response.content.decode()
    assert not campaign.participations.exists()


def test_an_organization_listed_twice_is_refused_in_words(client, officer, center):
    campaign = CampaignFactory(center=center)
    organization = OrganizationFactory()
    client.force_login(officer)
    url = reverse("grants:participation_create", args=[campaign.pk])
    client.post(url, {"organization": organization.pk})
    response = client.post(url, {"organization": organization.pk})
    page = response.content.decode()
    assert "This organization already takes part in the campaign." in page
    assert "Constraint" not in page
    assert campaign.participations.count() == 1


def test_the_campaign_list_puts_dated_campaigns_first_newest_first(client, center):
    import datetime

    CampaignFactory(center=center, name="Undated", starts_on=None)
    CampaignFactory(center=center, name="Older", starts_on=datetime.date(2021, 9, 9))
    CampaignFactory(center=center, name="Newer", starts_on=datetime.date(2023, 9, 9))
    page = client.get(reverse("grants:campaign_list")).content.decode()
    assert page.index("Newer") < page.index("Older") < page.index("Undated")
