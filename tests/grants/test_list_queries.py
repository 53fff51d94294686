"""The application list, a reviewer's list and the ranking cost the same number of queries
whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants.models import GrantApplication, ReviewAssignment
from tests.organizations.factories import OrganizationMembershipFactory

from .factories import GrantApplicationFactory

pytestmark = pytest.mark.django_db


def add_applications(funding_round, reviewer, count):
    for _ in range(count):
        application = GrantApplicationFactory(
            round=funding_round, status=GrantApplication.Status.SUBMITTED, average_score="3.5"
        )
        ReviewAssignment.objects.create(application=application, reviewer=reviewer)


def queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (host center, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b"<tr>") > 2  # the heading and the rows
    return len(captured)


@pytest.mark.parametrize(
    ("who", "url_name", "args"),
    [
        ("officer", "grants:application_list", False),
        ("reviewer", "grants:review_list", False),
        ("officer", "grants:round_ranking", True),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    client, funding_round, officer, reviewer, who, url_name, args
):
    client.force_login({"officer": officer, "reviewer": reviewer}[who])
    url = reverse(url_name, args=[funding_round.pk] if args else [])
    add_applications(funding_round, reviewer, 2)
    few = queries(client, url)
    add_applications(funding_round, reviewer, 30)
    assert queries(client, url) == few


def test_a_members_application_list_shows_their_drafts_only(client, funding_round):
    mine = GrantApplicationFactory(round=funding_round, title="Ours")
    GrantApplicationFactory(round=funding_round, title="Theirs")
    member = OrganizationMembershipFactory(organization=mine.organization).user
    client.force_login(member)
    page = client.get(reverse("grants:application_list")).content.decode()
    assert "Ours" in page and "Theirs" not in page


def test_staff_do_not_see_drafts(client, funding_round, officer):
    GrantApplicationFactory(round=funding_round, title="Half written")
    GrantApplicationFactory(round=funding_round, title="Sent in", status="submitted")
    client.force_login(officer)
    page = client.get(reverse("grants:application_list")).content.decode()
    assert "Sent in" in page and "Half written" not in page


def test_ranking_pages_number_the_ranks(client, funding_round, officer, reviewer, monkeypatch):
    from grants.views import staff

    monkeypatch.setattr(staff, "RANKING_PAGE_SIZE", 2)
    add_applications(funding_round, reviewer, 3)
    client.force_login(officer)
    url = reverse("grants:round_ranking", args=[funding_round.pk])
    first = client.get(url).content.decode()
    assert "Next page" in first and "Previous page" not in first
    last = client.get(url + "?page=2").content.decode()
    assert "<td>3</td>" in last and "Next page" not in last
    assert client.get(url + "?page=x").status_code == 200


def test_round_and_campaign_lists_query_count_does_not_grow(client, center, officer):
    from .factories import CampaignFactory, CampaignParticipationFactory, FundingRoundFactory

    def add(count):
        for _ in range(count):
            FundingRoundFactory(fund__center=center)
            CampaignParticipationFactory(campaign=CampaignFactory(center=center), donors=5)

    client.force_login(officer)
    for url in (reverse("grants:round_list"), reverse("grants:campaign_list")):
        add(2)
        few = queries(client, url)
        add(10)
        assert queries(client, url) == few, url
