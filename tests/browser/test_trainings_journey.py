"""A member registers two participants; an officer checks them in on the check-in page and makes
the certificates; the member downloads one, and the link printed under its QR code verifies it.

Every page is checked with axe; the browser acts through labels, links and buttons.
"""

import re
import subprocess

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journeys import second_browser, sign_in
from tests.ngo_portal.factories import PASSWORD, CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationMembershipFactory
from tests.trainings.factories import TrainingSessionFactory, in_days
from trainings.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = [("Wang Fang", "wang.fang@example.org"), ("Li Ming", "li.ming@example.org")]


@pytest.fixture
def world():
    officer = CenterMembershipFactory(role="officer", user=UserFactory(full_name="Chen Jing")).user
    day = in_days(14)
    session = TrainingSessionFactory(
        center=officer.center_memberships.get().center,
        title="Regional training on NGO professionalism",
        starts_on=day,
        ends_on=day,
    )
    membership = OrganizationMembershipFactory(user=UserFactory(full_name="Ma Yusheng"))
    return {"session": session, "officer": officer, "member": membership.user}


def test_register_check_in_and_verify_a_certificate(
    page, browser, live_server, browser_problems, assert_accessible, world, tmp_path
):
    register_two(page, assert_accessible, world)
    with second_browser(browser, live_server, browser_problems) as officer_page:
        sign_in(officer_page, email=world["officer"].email, password=PASSWORD)
        check_in_both(officer_page, assert_accessible, world)
        make_certificates(officer_page, assert_accessible)

    url = download_certificate(page, assert_accessible, tmp_path)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate verification")
    expect(page.get_by_text("This certificate is valid.")).to_be_visible()
    expect(page.locator("dd").first).to_have_text("Wang Fang")
    assert_accessible(page)


def register_two(page: Page, assert_accessible, world) -> None:
    sign_in(page, email=world["member"].email, password=PASSWORD)
    page.goto("/trainings/")
    assert_accessible(page)
    page.get_by_role("link", name=world["session"].title).click()
    assert_accessible(page)
    page.get_by_role("link", name="Register participants").click()
    assert_accessible(page)
    for number, (name, email) in enumerate(PEOPLE, start=1):
        group = page.get_by_role("group", name=f"Participant {number}")
        group.get_by_label("Name").fill(name)
        group.get_by_label("E-mail address").fill(email)
        group.get_by_label("Language of e-mails").select_option(label="English")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_text("2 registered: 2 confirmed, 0 waiting.")).to_be_visible()
    assert_accessible(page)
    assert Registration.objects.filter(status="confirmed").count() == 2


def check_in_both(page: Page, assert_accessible, world) -> None:
    page.goto(f"/trainings/{world['session'].pk}/")
    page.get_by_role("link", name="Check-in").click()
    assert_accessible(page)
    for name, _email in PEOPLE:
        page.get_by_label("Search by name, organization or phone").fill(name.split()[0])
        button = page.get_by_role("button", name=f"Check in {name}")
        expect(button).to_be_visible()
        button.click()
        expect(page.get_by_role("button", name=f"Undo check-in of {name}")).to_be_visible()
    # The desk's figure follows each check-in without a reload (htmx out-of-band swap).
    expect(page.locator("#check-in-count")).to_contain_text("2 of 2 checked in")
    assert_accessible(page)


def make_certificates(page: Page, assert_accessible) -> None:
    page.get_by_role("link", name="Roster").click()
    assert_accessible(page)
    page.get_by_role("button", name="Make the certificates").click()
    expect(page.get_by_text("2 certificates are being made")).to_be_visible()


def download_certificate(page: Page, assert_accessible, tmp_path) -> str:
    page.goto("/trainings/mine/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate of Wang Fang").click()
    path = tmp_path / "certificate.pdf"
    download.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Wang Fang" in text
    match = re.search(r"https?://\S+/trainings/certificates/[\w-]+/", text)
    assert match, text
    return re.sub(r"^https?://[^/]+", "", match.group(0))


def test_a_participant_gives_their_place_back_without_an_account(page, assert_accessible, world):
    """The link of the confirmation e-mail, on the participant's phone: no sign-in."""
    from tests.trainings.factories import RegistrationFactory
    from trainings.notifications import withdraw_signature

    registration = RegistrationFactory(session=world["session"], name="Wang Fang")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"/trainings/withdraw/{registration.token}/{withdraw_signature(registration)}/")
    assert_accessible(page)
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("status")).to_contain_text("Your registration is cancelled")
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
