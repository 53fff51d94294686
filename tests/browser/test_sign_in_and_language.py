"""A member signs in from the home page and switches the portal to Simplified Chinese."""

import re

import pytest
from playwright.sync_api import expect

from ngo_portal.models import User
from tests.ngo_portal.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PORTAL_GREEN = "rgb(11, 93, 75)"  # --color-primary in static/css/portal.css


def test_sign_in_then_switch_to_chinese(page, assert_accessible):
    user = UserFactory(full_name="Li Wenjing", preferred_language="en")

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _expect_styles_and_scripts_loaded(page)
    assert_accessible(page)

    account_nav = page.get_by_role("navigation", name="Account")
    account_nav.get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    assert_accessible(page)

    page.get_by_label(re.compile(r"^Email")).fill(user.email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(account_nav).to_contain_text("Li Wenjing")

    page.get_by_label("Language").select_option(label="简体中文")
    page.get_by_role("button", name="Switch").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    assert_accessible(page)

    page.reload()
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("#language-select")).to_have_value("zh-hans")
    expect(page.get_by_role("navigation", name="账户")).to_contain_text("Li Wenjing")
    assert User.objects.get(pk=user.pk).preferred_language == "zh-hans"


def _expect_styles_and_scripts_loaded(page):
    """What a user would notice if portal.css or htmx failed to load (the CSP, a wrong path)."""
    header = page.locator(".site-header")
    expect(header).to_have_css("background-color", PORTAL_GREEN)
    assert page.evaluate("typeof window.htmx") == "object"
