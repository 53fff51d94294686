"""Steps that several browser journeys share: signing up, signing in, a second person's browser.

Each step acts through what a user sees (links, labels, buttons) and waits through Playwright's
auto-waiting assertions, never through sleeps.
"""

import re
from contextlib import contextmanager
from urllib.parse import urlparse

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import TIMEOUT_MS, _only_to, _watch

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^\s/]+/")


@contextmanager
def second_browser(browser, live_server, problems: list[str]):
    """Another person's browser beside the `page` fixture's: its own context (cookies, session),
    watched and fenced to the live server like the first."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", _only_to(urlparse(live_server.url).netloc, problems))
    page = context.new_page()
    _watch(page, problems)
    try:
        yield page
    finally:
        context.close()


def account_nav(page: Page):
    return page.get_by_role("navigation", name="Account")


def main_nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def fill_sign_up_form(
    page: Page, *, full_name: str, email: str, password: str, language: str
) -> None:
    page.get_by_label("Full name").fill(full_name)
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(email)
    page.get_by_label("Preferred language").select_option(label=language)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(password)
    page.get_by_role("button", name="Sign Up").click()


def confirmation_path(email: str) -> str:
    """The path of the confirmation link e-mailed to `email`. The live server runs in this process,
    so its mail lands in Django's in-memory outbox."""
    links = [
        match.group(0)
        for message in mail.outbox
        if message.to == [email]
        for match in [CONFIRM_LINK.search(message.body)]
        if match
    ]
    assert len(links) == 1, f"expected one confirmation e-mail to {email}, found {len(links)}"
    return urlparse(links[0]).path


def confirm_email(page: Page, email: str) -> None:
    """Open the e-mailed link in the browser and press Confirm, as the new member would."""
    page.goto(confirmation_path(email))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Confirm"))
    page.get_by_role("button", name="Confirm").click()


def sign_in(page: Page, *, email: str, password: str) -> None:
    page.goto("/")
    account_nav(page).get_by_role("link", name="Sign in").click()
    page.get_by_label(re.compile(r"^Email")).fill(email)
    page.get_by_label(re.compile(r"^Password")).fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(account_nav(page).get_by_role("link", name="Sign out")).to_be_visible()


def htmx_ready(page: Page) -> None:
    """Wait until the page has loaded and htmx has processed it: a keystroke typed earlier
    reaches no htmx trigger (a person never types that fast; a test does)."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
