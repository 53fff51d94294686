"""Browser journeys: the system Chromium driven by Playwright against pytest-django's live server.

Every page a journey visits can be checked with axe-core (bundled with axe-playwright-python,
so no network is needed); a test fails on any "serious" or "critical" violation. A page that logs
a console error, throws, or gets an error response for one of its resources (a stylesheet or
script that is missing, a request the CSP blocks) fails the test too.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BLOCKING_IMPACTS = {"serious", "critical"}
# axe-core leaves its WCAG 2.2 rule off by default; DESIGN.md asks for WCAG 2.2 AA.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread, which makes Django refuse ORM
    # calls from the test unless this is set (the Makefile sets it too).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_problems() -> list[str]:
    """What went wrong in the browser during the test; the test fails if any remain at the end.

    A journey that expects an error page on purpose removes that entry from this list.
    """
    return []


@pytest.fixture
def page(browser, live_server, browser_problems):
    """A fresh page in a fresh context (no cookies) for each test, speaking English, that may
    reach the live server only: the portal must work without the internet (no CDN)."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", _only_to(urlparse(live_server.url).netloc, browser_problems))
    page = context.new_page()
    _watch(page, browser_problems)
    yield page
    context.close()
    if browser_problems:
        report = "\n".join(browser_problems)
        pytest.fail(f"The browser reported problems:\n{report}", pytrace=False)


def _only_to(netloc, problems):
    def route(route):
        if urlparse(route.request.url).netloc == netloc:
            route.continue_()
        else:
            problems.append(f"blocked a request off the live server: {route.request.url}")
            route.abort()

    return route


def _watch(page, problems):
    def on_console(message):
        if message.type == "error" and not _is_favicon(message.location.get("url", "")):
            problems.append(f"console error on {page.url}: {message.text}")

    def on_response(response):
        if response.status >= 400 and not _is_favicon(response.url):
            problems.append(f"{response.status} for {response.url}")

    def on_request_failed(request):
        # A request the browser abandoned because the page navigated away is not a defect.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"request failed: {request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    page.on("pageerror", lambda error: problems.append(f"script error on {page.url}: {error}"))


def _is_favicon(url: str) -> bool:
    """Chromium asks for /favicon.ico on its own; no page of ours refers to it."""
    return urlparse(url).path == "/favicon.ico"


@pytest.fixture(scope="session")
def _axe():
    return Axe()


@pytest.fixture
def assert_accessible(_axe):
    """`assert_accessible(page)` runs axe-core on the page as it is now."""

    def check(page):
        violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            report = "\n\n".join(_describe(violation) for violation in blocking)
            pytest.fail(f"Accessibility violations on {page.url}:\n\n{report}", pytrace=False)

    return check


def _describe(violation) -> str:
    lines = [f"[{violation['impact']}] {violation['id']}: {violation['help']}"]
    lines.append(f"  see {violation['helpUrl']}")
    for node in violation["nodes"]:
        lines.append(f"  - at {', '.join(map(str, node['target']))}")
        lines.append(f"    {node['html'][:200]}")
        lines.extend(f"    {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)
