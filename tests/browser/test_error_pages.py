"""A visitor who follows a dead link under /zh-hans/ meets the portal's own page, in Chinese."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_dead_chinese_link_shows_the_portal_404(
    page, live_server, assert_accessible, browser_problems
):
    response = page.goto("/zh-hans/does-not-exist")

    assert response.status == 404
    browser_problems[:] = [p for p in browser_problems if "/zh-hans/does-not-exist" not in p]
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("页面不存在")
    assert_accessible(page)
    page.get_by_role("link", name="返回首页").click()
    expect(page).to_have_url(f"{live_server.url}/zh-hans/")
