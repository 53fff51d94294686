"""An NGO applies to a funding round, a reviewer scores the application, staff approve it, and
the NGO sees its award: four people in four browsers, axe on every page they work on."""

import re

import pytest
from playwright.sync_api import expect

from ngo_portal.models import CenterMembership
from organizations.models import OrganizationMembership
from tests.browser.journeys import htmx_ready, second_browser, sign_in
from tests.grants.factories import FundingRoundFactory
from tests.ngo_portal.factories import PASSWORD, CenterFactory, CenterMembershipFactory, UserFactory
from tests.organizations.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
    region_tree,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Hot meals for elders living alone"


@pytest.fixture
def world():
    region_tree()
    center = CenterFactory(slug="amity-journey", name="Amity Journey Center")
    funding_round = FundingRoundFactory(
        fund__center=center, title="Community care 2027", criteria=[("Need", 3), ("Plan", 1)]
    )
    member = UserFactory(email="ma.yusheng@example.org", full_name="Ma Yusheng")
    organization = OrganizationFactory(name_en="Gansu XingBang Social Work Center")
    OrganizationMembershipFactory(
        organization=organization, user=member, role=OrganizationMembership.Role.OWNER
    )
    officer = CenterMembershipFactory(
        center=center,
        role=CenterMembership.Role.OFFICER,
        user=UserFactory(email="chen.jing@example.org", full_name="Chen Jing"),
    ).user
    reviewer = CenterMembershipFactory(
        center=center,
        role=CenterMembership.Role.REVIEWER,
        user=UserFactory(email="zhou.peng@example.org", full_name="Zhou Peng"),
    ).user
    return {"round": funding_round, "member": member, "officer": officer, "reviewer": reviewer}


def test_apply_review_approve_and_see_the_award(
    page, browser, live_server, browser_problems, assert_accessible, world
):
    apply(page, world, assert_accessible)
    with second_browser(browser, live_server, browser_problems) as officer:
        sign_in(officer, email=world["officer"].email, password=PASSWORD)
        open_application(officer)
        officer.get_by_label("Reviewer of the center").select_option(label="Zhou Peng")
        officer.get_by_role("button", name="Assign").click()
        expect(officer.get_by_text("The reviewer is assigned")).to_be_visible()
        assert_accessible(officer)

        with second_browser(browser, live_server, browser_problems) as reviewer:
            score(reviewer, world, assert_accessible)

        officer.reload()
        expect(officer.get_by_role("cell", name="3.500")).to_be_visible()
        officer.get_by_label("Amount awarded (CNY)").fill("15000")
        officer.get_by_role("button", name="Approve", exact=True).click()
        expect(officer.get_by_text("The application is approved")).to_be_visible()

    page.reload()
    award = page.get_by_role("region", name="Award")
    expect(award).to_contain_text("Awarded ¥15,000.00")
    award.get_by_role("link", name="Tranches and reports").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_accessible(page)


def apply(page, world, assert_accessible):
    sign_in(page, email=world["member"].email, password=PASSWORD)
    page.goto("/grants/rounds/")
    page.get_by_role("link", name="Community care 2027").click()
    assert_accessible(page)
    page.get_by_role("link", name="Apply", exact=True).click()
    htmx_ready(page)
    page.get_by_label("Project title").fill(TITLE)
    expect(page.get_by_role("status")).to_contain_text("Draft saved")
    page.get_by_label("Summary").fill("Hot meals five days a week.")
    page.get_by_label("Objectives").fill("Sixty elders eat well.")
    page.get_by_label("Beneficiaries").fill("Elders living alone.")
    page.get_by_label("Project region").select_option(label="Nanjing Shi (320100)")
    page.get_by_label("Project starts").fill("2027-03-01")
    page.get_by_label("Project ends").fill("2027-12-31")
    page.locator("#id_budget-0-category").select_option(label="activities")
    page.locator("#id_budget-0-amount").fill("15000")
    page.locator("#id_budget-0-justification").fill("Ingredients and a cook")
    expect(page.get_by_role("status")).to_contain_text(re.compile("Draft saved at"))
    assert_accessible(page)
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_text("Your application is submitted.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def open_application(officer):
    officer.goto("/grants/applications/")
    officer.get_by_role("link", name=TITLE).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(TITLE)


def score(reviewer, world, assert_accessible):
    sign_in(reviewer, email=world["reviewer"].email, password=PASSWORD)
    reviewer.goto("/grants/reviews/")
    reviewer.get_by_role("link", name=TITLE).click()
    reviewer.get_by_label(re.compile("Score for “Need”")).select_option("4")
    reviewer.get_by_label(re.compile("Score for “Plan”")).select_option("2")
    reviewer.get_by_label(re.compile("Comment on “Need”")).fill("Real need in the area.")
    reviewer.get_by_label("maybe").check()
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Save the review").click()
    expect(reviewer.get_by_text("Your review is saved.")).to_be_visible()
