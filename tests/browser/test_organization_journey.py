"""A new member signs up and registers an organization; a center officer finds and verifies it.

Everything after the staff account and the regions is done through the browser, as people would:
the sign-up form, the e-mailed confirmation link, the registration form (with one typing mistake
in the credit code first), the directory's search and filters, and the Verify button.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from organizations.models import Organization, OrganizationMembership
from tests.browser.journeys import (
    account_nav,
    confirm_email,
    fill_sign_up_form,
    main_nav,
    second_browser,
    sign_in,
)
from tests.ngo_portal.factories import PASSWORD, CenterMembershipFactory, UserFactory
from tests.organizations.factories import CommunityFactory, make_credit_code, region_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME_ZH = "南京市鼓楼区夕阳红养老服务中心"
NAME_EN = "Nanjing Gulou Sunset Glow Elderly Care Center"
CREDIT_CODE = make_credit_code(20_240, division="320106")
# The same code with another check character: the one mistake GB 32100's checksum catches.
MISTYPED_CODE = CREDIT_CODE[:17] + ("1" if CREDIT_CODE[17] != "1" else "2")
FUNDING = {
    "Government procurement (%)": "60",
    "Foundations (%)": "30",
    "Public donations (%)": "10",
}
CHECK_ERROR = "The check character does not match: please check the code for a typing mistake."
MEMBER = {"full_name": "Wang Xiuying", "email": "wang.xiuying@example.org"}


@pytest.fixture
def world():
    """What staff set up before anyone signs up: the regions, a community, an officer."""
    regions = region_tree()
    community = CommunityFactory(
        region=regions["gulou"], name_zh="凤凰街社区", name_en="Fenghuangjie Community"
    )
    officer = CenterMembershipFactory(
        role="officer", user=UserFactory(full_name="Chen Jing", email="chen.jing@example.org")
    ).user
    return {"community": community, "officer": officer, "gulou": regions["gulou"]}


def test_register_an_organization_and_have_it_verified(
    page, browser, live_server, browser_problems, assert_accessible, world
):
    sign_up_and_confirm(page, assert_accessible)
    organization = register_organization(page, assert_accessible, world)

    with second_browser(browser, live_server, browser_problems) as officer_page:
        sign_in(officer_page, email=world["officer"].email, password=PASSWORD)
        find_unverified_in_directory(officer_page, assert_accessible)
        verify_from_profile(officer_page, assert_accessible)
        find_in_directory_as_verified(officer_page)

    organization.refresh_from_db()
    assert organization.verified_by == world["officer"]
    assert organization.verified_at is not None


def sign_up_and_confirm(page: Page, assert_accessible) -> None:
    page.goto("/")
    account_nav(page).get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    assert_accessible(page)

    fill_sign_up_form(page, password=PASSWORD, language="English", **MEMBER)
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(account_nav(page).get_by_role("link", name="Sign in")).to_be_visible()

    confirm_email(page, MEMBER["email"])
    expect(account_nav(page)).to_contain_text(MEMBER["full_name"])
    expect(account_nav(page).get_by_role("link", name="Sign out")).to_be_visible()


def register_organization(page: Page, assert_accessible, world) -> Organization:
    main_nav(page).get_by_role("link", name="Organizations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organization directory")
    page.get_by_role("main").get_by_role("link", name="Register an organization").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register an organization")
    assert_accessible(page)

    fill_profile(page, credit_code=MISTYPED_CODE)
    page.get_by_role("button", name="Register the organization").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the problems below")
    code_box = page.get_by_label("Unified social credit code")
    expect(code_box).to_have_attribute("aria-invalid", "true")
    # Next to the box, and read out with it by screen readers.
    expect(field_of(page, code_box)).to_contain_text(CHECK_ERROR)
    expect(code_box).to_have_accessible_description(re.compile(re.escape(CHECK_ERROR)))
    expect_profile_kept(page, world)
    assert_accessible(page)
    assert not Organization.objects.exists()

    code_box.fill(CREDIT_CODE)
    page.get_by_role("button", name="Register the organization").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(NAME_EN)
    expect(page.get_by_text("Your organization is registered. You are its owner.")).to_be_visible()
    expect(page.get_by_text("Your role: owner")).to_be_visible()
    expect(page.get_by_text("Public profile", exact=True)).to_be_visible()
    assert_accessible(page)

    organization = Organization.objects.get(credit_code=CREDIT_CODE)
    assert (organization.name_zh, organization.region, organization.community) == (
        NAME_ZH,
        world["gulou"],
        world["community"],
    )
    assert organization.funding_government_pct == 60
    assert organization.is_public
    assert organization.verified_at is None
    assert organization.memberships.get().role == OrganizationMembership.Role.OWNER
    return organization


# Classes htmx sets while a request is under way and until the swapped content is processed.
HTMX_BUSY = re.compile(r"htmx-(request|swapping|settling|added)")


def fill_profile(page: Page, *, credit_code: str) -> None:
    page.get_by_label("Name (Chinese)").fill(NAME_ZH)
    page.get_by_label("Name (English)").fill(NAME_EN)
    page.get_by_label("Legal form").select_option(label="social service organization")
    page.get_by_label("Unified social credit code").fill(credit_code)
    # Province → city → county: htmx swaps in each next level, then the county's communities.
    # Each level is chosen only once htmx has processed the swapped block: a change before
    # that reaches no listener (a person cannot be that quick; a script under load can).
    levels = [("^Province", "Jiangsu Sheng"), ("^City", "Nanjing Shi")]
    levels += [("^County or district", "Gulou Qu")]
    for (label, choice), (next_label, _next) in zip(levels, levels[1:], strict=False):
        page.get_by_label(re.compile(label)).select_option(label=choice)
        expect(page.get_by_label(re.compile(next_label))).to_be_visible()
        expect(page.locator("#place-fields")).not_to_have_class(HTMX_BUSY)
    page.get_by_label(re.compile(levels[-1][0])).select_option(label=levels[-1][1])
    community = page.get_by_role("combobox", name="Community")
    expect(community.get_by_role("option", name="Fenghuangjie Community")).to_be_attached()
    community.select_option(label="Fenghuangjie Community")
    page.get_by_role("checkbox", name="elderly care").check()
    page.get_by_role("checkbox", name="community services").check()
    for label, percent in FUNDING.items():
        page.get_by_label(label).fill(percent)
    page.get_by_role("checkbox", name="Public profile").check()


def expect_profile_kept(page: Page, world) -> None:
    """After an error the form shows what was typed, so only the mistake needs fixing."""
    expect(page.get_by_label("Name (Chinese)")).to_have_value(NAME_ZH)
    expect(page.get_by_label("Name (English)")).to_have_value(NAME_EN)
    expect(page.get_by_label("Unified social credit code")).to_have_value(MISTYPED_CODE)
    expect(page.get_by_label(re.compile(r"^Province"))).to_have_value("320000")
    expect(page.get_by_label(re.compile(r"^City"))).to_have_value("320100")
    expect(page.get_by_label(re.compile(r"^County or district"))).to_have_value("320106")
    expect(page.get_by_role("combobox", name="Community")).to_have_value(str(world["community"].pk))
    expect(page.get_by_role("checkbox", name="elderly care")).to_be_checked()
    expect(page.get_by_role("checkbox", name="community services")).to_be_checked()
    for label, percent in FUNDING.items():
        expect(page.get_by_label(label)).to_have_value(percent)
    expect(page.get_by_role("checkbox", name="Public profile")).to_be_checked()


def field_of(page: Page, control):
    """The field block (label, control, help, errors) that holds `control`."""
    return page.locator(".field").filter(has=control)


def find_unverified_in_directory(page: Page, assert_accessible) -> None:
    open_directory(page)
    page.get_by_role("searchbox", name="Name").fill("夕阳红")
    page.get_by_label("Province").select_option(label="Jiangsu Sheng")
    expect(page).to_have_url(re.compile(r"q=%E5%A4%95%E9%98%B3%E7%BA%A2.*province=320000"))
    row = directory_row(page)
    expect(row).to_contain_text("Not yet")
    expect(page.locator("#directory-count")).to_have_text("1 organization")
    assert_accessible(page)
    row.get_by_role("link", name=NAME_ZH).click()


def verify_from_profile(page: Page, assert_accessible) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME_EN)
    expect(page.get_by_text("Verified by a center")).to_have_count(0)
    page.get_by_role("button", name="Verify").click()

    expect(page.get_by_text(f"{NAME_ZH} is marked as verified.")).to_be_visible()
    expect(page.get_by_text("Verified by a center")).to_be_visible()
    verified = page.locator(".profile-facts > div").filter(
        has=page.get_by_role("term").filter(has_text=re.compile(r"^Verified$"))
    )
    expect(verified.get_by_role("definition")).to_have_text(
        re.compile(r"^\d{4}-\d{2}-\d{2} · Chen Jing$")
    )
    assert_accessible(page)


def find_in_directory_as_verified(page: Page) -> None:
    open_directory(page)
    page.get_by_label("Verification").select_option(label="Verified by staff")
    expect(page).to_have_url(re.compile(r"verified=yes"))
    row = directory_row(page)
    expect(row.get_by_text("Verified", exact=True)).to_be_visible()
    expect(page.locator("#directory-count")).to_have_text("1 organization")


def open_directory(page: Page) -> None:
    main_nav(page).get_by_role("link", name="Organizations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organization directory")
    # The filters update the results as they change once htmx has loaded (a deferred script);
    # before that, changing a select does nothing until "Apply filters" is pressed.
    page.wait_for_load_state()


def directory_row(page: Page):
    results = page.get_by_role("table", name="Organizations")
    return results.get_by_role("row").filter(has=page.get_by_role("link", name=NAME_ZH))
