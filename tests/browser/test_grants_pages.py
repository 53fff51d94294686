"""The grants pages with the demo data, each checked with axe: staff, member and reviewer."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from grants.models import Award, Campaign, FundingRound, ReviewAssignment
from tests.browser.journeys import second_browser, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "portal-demo-2026"  # noqa: S105 - the demo logins' printed password


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    award = Award.objects.get(application__organization__name_zh="甘肃兴邦社会工作服务中心")
    return {
        "award": award,
        "report": award.reports.first(),
        "assignment": ReviewAssignment.objects.filter(status="assigned").first(),
        "round": FundingRound.objects.get(title="Incubation grants, spring round"),
        "open_round": FundingRound.objects.get(title="Community elderly and child services 2026"),
        "festival": Campaign.objects.get(name="September 9th – Charity Festival"),
    }


def visit_all(page, urls, assert_accessible):
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page)


def test_grants_pages_are_accessible(
    page, browser, live_server, browser_problems, assert_accessible, demo
):
    visit_all(
        page,
        [
            reverse("grants:round_list"),
            reverse("grants:campaign_list"),
            reverse("grants:campaign_detail", args=[demo["festival"].pk]),
            "/zh-hans" + reverse("grants:campaign_detail", args=[demo["festival"].pk]),
        ],
        assert_accessible,
    )
    sign_in(page, email="officer@example.org", password=DEMO_PASSWORD)
    visit_all(
        page,
        [
            reverse("grants:application_list"),
            reverse("grants:application_detail", args=[demo["assignment"].application_id]),
            reverse("grants:round_ranking", args=[demo["round"].pk]),
            reverse("grants:round_edit", args=[demo["round"].pk]),
            reverse("grants:fund_list"),
            reverse("grants:award_detail", args=[demo["award"].pk]),
        ],
        assert_accessible,
    )
    with second_browser(browser, live_server, browser_problems) as member:
        sign_in(member, email="member@example.org", password=DEMO_PASSWORD)
        visit_all(
            member,
            [
                reverse("grants:grant_report_detail", args=[demo["report"].pk]),
                reverse("grants:application_apply", args=[demo["open_round"].pk]),
            ],
            assert_accessible,
        )
    with second_browser(browser, live_server, browser_problems) as reviewer:
        sign_in(reviewer, email="reviewer@example.org", password=DEMO_PASSWORD)
        visit_all(
            reviewer,
            [
                reverse("grants:review_list"),
                reverse("grants:review_detail", args=[demo["assignment"].pk]),
            ],
            assert_accessible,
        )
