"""An NGO member applies to an open call: the draft is kept as they type (htmx), a missing
answer is shown at its field, the application is submitted; an officer accepts it and the
member is told by e-mail. Every page on the way passes axe. Tasks run eagerly here (the live
server is in this process), so the e-mails land in Django's outbox.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from incubation import services
from incubation.models import CohortApplication, Enrollment
from tests.browser.journeys import main_nav, second_browser, sign_in
from tests.incubation.factories import CohortFactory, CohortQuestionFactory
from tests.ngo_portal.factories import PASSWORD, CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEED = "What social need does your organization answer, and for whom?"
ANSWER = "Elderly people living alone in Gulou district"


@pytest.fixture
def world():
    services.framework_default_ensure()
    officer = CenterMembershipFactory(
        role="officer", user=UserFactory(full_name="Chen Jing", email="chen.jing@example.org")
    ).user
    cohort = CohortFactory(
        center=officer.center_memberships.get().center, title="Amity incubation 2027", capacity=5
    )
    CohortQuestionFactory(cohort=cohort, text=NEED, required=True)
    organization = OrganizationFactory(name_en="Gulou Sunset Care Center")
    member = OrganizationMembershipFactory(
        organization=organization, role="owner", user=UserFactory(email="wang.xiuying@example.org")
    ).user
    return {"officer": officer, "cohort": cohort, "member": member, "organization": organization}


def test_apply_with_autosaved_draft_and_be_accepted(
    page, browser, live_server, browser_problems, assert_accessible, world
):
    sign_in(page, email=world["member"].email, password=PASSWORD)
    expect(page.get_by_role("heading", name="Open calls")).to_be_visible()
    page.get_by_role("link", name="Amity incubation 2027").click()
    assert_accessible(page)
    page.get_by_role("link", name="Apply").click()
    page.get_by_role("button", name="Start the application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Application of")
    assert_accessible(page)

    # Submitting with the question empty: the error at the field, nothing submitted.
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the problems below")
    expect(page.get_by_text("Please answer this question.")).to_be_visible()
    assert_accessible(page)

    with page.expect_response(re.compile(r"/autosave/$")) as saved:
        page.get_by_label(NEED).fill(ANSWER)
    assert saved.value.status == 200
    expect(page.get_by_role("status")).to_contain_text("Draft saved at")
    application = CohortApplication.objects.get()
    assert application.answers and ANSWER in application.answers.values()
    page.goto(f"/incubation/applications/{application.pk}/")  # come back later: it is kept
    expect(page.get_by_label(NEED)).to_have_value(ANSWER)

    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_text("Your application is submitted.")).to_be_visible()
    assert_accessible(page)

    with second_browser(browser, live_server, browser_problems) as officer_page:
        sign_in(officer_page, email=world["officer"].email, password=PASSWORD)
        main_nav(officer_page).get_by_role("link", name="Incubation").click()
        officer_page.get_by_role("link", name="Amity incubation 2027").click()
        officer_page.get_by_role("main").get_by_role("link", name="Applications").click()
        assert_accessible(officer_page)
        officer_page.get_by_role("link", name="Gulou Sunset Care Center").click()
        expect(officer_page.get_by_text(ANSWER)).to_be_visible()
        officer_page.get_by_role("combobox", name="Decision").select_option(label="Accept")
        officer_page.get_by_role("button", name="Record the decision").click()
        expect(officer_page.get_by_text("The decision is recorded")).to_be_visible()
        assert_accessible(officer_page)

    assert Enrollment.objects.filter(organization=world["organization"]).exists()
    subjects = [message.subject for message in mail.outbox if message.to == [world["member"].email]]
    assert any(re.search("Application received", subject) for subject in subjects)
    assert any(re.search("Accepted into Amity incubation 2027", subject) for subject in subjects)
