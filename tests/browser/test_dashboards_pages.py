"""The staff dashboard, the e-mail settings and the public impact page with the demo data, each
checked with axe in both languages; every chart has its table one click away."""

import pytest
from django.core.management import call_command

from ngo_portal.models import Center, CenterImpactPage
from tests.browser.journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "portal-demo-2026"  # noqa: S105 - the demo logins' printed password


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    cango = Center.objects.get(slug="cango")
    CenterImpactPage.objects.update_or_create(
        center=cango,
        defaults={
            "is_published": True,
            "figures": ["trainings_held", "training_participants", "campaign_funds_raised"],
        },
    )
    return cango


def test_dashboard_and_impact_page_are_accessible(page, assert_accessible, demo):
    response = page.goto(f"/centers/{demo.slug}/impact/")
    assert response.status == 200
    assert_accessible(page)
    page.goto(f"/zh-hans/centers/{demo.slug}/impact/")
    assert_accessible(page)

    sign_in(page, email="cango.officer@example.org", password=DEMO_PASSWORD)
    for url in ("/dashboard/", "/dashboard/?region=36", "/zh-hans/dashboard/"):
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page)
    page.goto("/dashboard/")
    chart = page.locator("figure img").first
    assert chart.get_attribute("alt")
    table = page.locator("details").first
    table.locator("summary").click()
    assert table.locator("table").is_visible()
    assert_accessible(page)
    page.locator("a[data-figure='organizations']").click()
    page.wait_for_url("**/organizations/**")
    page.goto("/notifications/settings/")
    assert_accessible(page)
