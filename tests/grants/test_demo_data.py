"""seed_demo's grants: funds of every source type, an open and a decided round, and the Jiangxi
figures shown exactly as the seed document gives them."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from grants import selectors
from grants.models import Award, Campaign, Fund, FundingRound, GrantApplication

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123


def campaign(name) -> Campaign:
    return Campaign.objects.get(name=name)


def test_funds_of_every_source_type_and_two_rounds(demo):
    assert set(Fund.objects.values_list("source_type", flat=True)) == set(Fund.SourceType.values)
    rounds = list(FundingRound.objects.all())
    assert len(selectors.open_rounds()) == 1
    decided = [r for r in rounds if r.applications.filter(status__in=("approved", "rejected"))]
    assert len(decided) == 1
    assert Award.objects.filter(round=decided[0]).count() == 2
    assert GrantApplication.objects.filter(status="rejected").exists()


def test_the_charity_festival_totals(demo, client):
    festival = campaign("September 9th – Charity Festival")
    totals = selectors.campaign_totals(festival)
    assert totals.funds_raised == Decimal("9890000.00") and totals.donors == 210_000
    page = client.get(reverse("grants:campaign_detail", args=[festival.pk])).content.decode()
    assert "¥9,890,000.00" in page and "210,000" in page


def test_the_jiangxi_city_figures(demo, client):
    rural = campaign("Rural revitalisation in Jiangxi")
    rows = {
        p.note: (p.organization_count, p.projects, p.funds_raised)
        for p in rural.participations.all()
    }
    assert rows == {
        "Nanchang": (121, 139, Decimal("27540000.00")),
        "Pingxiang": (350, 401, Decimal("45000000.00")),
        "Ji'an": (116, None, None),
    }
    totals = selectors.campaign_totals(rural)
    assert (totals.organizations, totals.projects, totals.funds_raised) == (
        587,
        540,
        Decimal("72540000.00"),
    )
    page = client.get(reverse("grants:campaign_detail", args=[rural.pk])).content.decode()
    for figure in ("121", "139", "¥27,540,000.00", "350", "401", "¥45,000,000.00", "116"):
        assert figure in page


def test_the_campaign_list_shows_the_same_totals_in_chinese(demo, client):
    page = client.get("/zh-hans" + reverse("grants:campaign_list")).content.decode()
    assert "九九公益日" in page and "¥9,890,000.00" in page and "210,000" in page
    assert "¥72,540,000.00" in page and "587" in page


def test_seeding_twice_changes_nothing(demo):
    counts = (Fund.objects.count(), GrantApplication.objects.count(), Campaign.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert counts == (
        Fund.objects.count(),
        GrantApplication.objects.count(),
        Campaign.objects.count(),
    )


def test_the_demo_logins_walk_through_their_pages(demo, client):
    from grants.models import ReviewAssignment
    from ngo_portal.models import User

    member = User.objects.get(email="member@example.org")
    award = Award.objects.get(application__organization__memberships__user=member)
    assignment = ReviewAssignment.objects.filter(
        reviewer__email="reviewer@example.org", status="assigned"
    ).first()
    pages = {
        "member@example.org": [
            reverse("grants:application_list"),
            reverse("grants:award_detail", args=[award.pk]),
            reverse("grants:grant_report_detail", args=[award.reports.first().pk]),
            reverse("grants:application_apply", args=[selectors.open_rounds()[0].pk]),
        ],
        "reviewer@example.org": [
            reverse("grants:review_list"),
            reverse("grants:review_detail", args=[assignment.pk]),
        ],
        "officer@example.org": [
            reverse("grants:application_list"),
            reverse("grants:application_detail", args=[assignment.application_id]),
            reverse("grants:round_ranking", args=[award.round_id]),
            reverse("grants:award_detail", args=[award.pk]),
            reverse("grants:fund_list"),
        ],
    }
    for email, urls in pages.items():
        client.force_login(User.objects.get(email=email))
        for url in urls:
            for prefix in ("", "/zh-hans"):
                assert client.get(prefix + url).status_code == 200, (email, prefix + url)
    client.force_login(member)
    page = client.get(reverse("grants:award_detail", args=[award.pk])).content.decode()
    assert "¥50,000.00" in page and "¥25,000.00" in page


def test_the_campaign_pages_in_chinese_have_no_english_left(demo, client):
    """Campaign descriptions, sources and the names of grouped participations are data, kept in
    both languages: the Chinese page shows the Chinese."""
    import re

    for name, expected in (
        ("Rural revitalisation in Jiangxi", ("南昌市", "萍乡市", "吉安市", "江西省民政厅")),
        ("September 9th – Charity Festival", ("江西省", "21万", "江西省民政厅")),
    ):
        url = f"/zh-hans/grants/campaigns/{campaign(name).pk}/"
        page = client.get(url).content.decode()
        main = page[page.index("<main") : page.index("</main>")]
        visible = re.sub(r"<[^>]+>", " ", main)
        for text in expected:
            assert text in visible
        for english in ("Nanchang", "Pingxiang", "Ji'an", "Jiangxi", "Civil Affairs", "donors"):
            assert english not in visible


def test_the_campaign_page_says_the_totals_add_only_known_figures(demo, client):
    rural = campaign("Rural revitalisation in Jiangxi")
    page = client.get(reverse("grants:campaign_detail", args=[rural.pk])).content.decode()
    assert "Totals add the figures that are known" in page


def test_the_funds_page_names_the_funders_in_chinese(demo, client, django_user_model):
    from ngo_portal.models import CenterMembership

    officer = CenterMembership.objects.filter(role="officer").first().user
    client.force_login(officer)
    page = client.get("/zh-hans/grants/funds/").content.decode()
    assert "爱德基金会" in page and "南京市民政局" in page
    assert "Amity Foundation" not in page


def test_seed_demo_runs_again_after_staff_required_another_report(demo):
    award = Award.objects.first()
    award.reports.create(kind="final", due_on=award.agreement_date)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert award.reports.filter(kind="final").count() == 2
