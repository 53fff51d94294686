"""The incubation pages a journey does not pass through, checked with axe in both languages:
graduation, the framework and an indicator's form, an organization's capacity over time, the
enrollment page, and a member's self-assessment sheet."""

import datetime

import pytest
from playwright.sync_api import expect

from incubation import services
from incubation.models import CapacityAssessment, IndicatorScore, Milestone
from tests.browser.journeys import sign_in
from tests.incubation.factories import CohortFactory, EnrollmentFactory
from tests.ngo_portal.factories import PASSWORD, CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _finalized(enrollment, officer, kind, level, day):
    assessment = services.assessment_start(
        enrollment=enrollment, kind=kind, by=officer, assessed_on=day
    )
    rows = IndicatorScore.objects.filter(assessment=assessment)
    services.assessment_scores_save(
        assessment=assessment,
        by=officer,
        scores={row.indicator_id: {"level": level} for row in rows},
    )
    services.assessment_submit(assessment=assessment, by=officer)
    CapacityAssessment.objects.filter(pk=assessment.pk).update(status="finalized")
    return assessment


@pytest.fixture
def world():
    services.framework_default_ensure()
    officer = CenterMembershipFactory(role="officer", user=UserFactory(full_name="Chen Jing")).user
    center = officer.center_memberships.get().center
    mentor = CenterMembershipFactory(
        center=center, role="mentor", user=UserFactory(full_name="Lai Yingcai")
    ).user
    cohort = CohortFactory(center=center, title="Amity incubation 2026", status="running")
    organization = OrganizationFactory(name_en="Gulou Sunset Care Center")
    member = OrganizationMembershipFactory(organization=organization, role="owner").user
    enrollment = EnrollmentFactory(cohort=cohort, organization=organization)
    services.mentor_assign(enrollment=enrollment, mentor=mentor, by=officer)
    Milestone.objects.create(
        enrollment=enrollment, title="Strategic plan", due_on=datetime.date(2026, 6, 1)
    )
    _finalized(enrollment, officer, "baseline", "2", datetime.date(2026, 1, 10))
    _finalized(enrollment, officer, "endline", "3", datetime.date(2026, 12, 1))
    return locals()


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_staff_pages_pass_axe(page, assert_accessible, world, prefix):
    sign_in(page, email=world["officer"].email, password=PASSWORD)
    indicator = IndicatorScore.objects.select_related("indicator").first().indicator
    for path in (
        f"/incubation/cohorts/{world['cohort'].pk}/graduation/",
        "/incubation/framework/",
        f"/incubation/framework/indicators/{indicator.pk}/edit/",
        f"/incubation/organizations/{world['organization'].pk}/capacity/",
        f"/incubation/enrollments/{world['enrollment'].pk}/",
    ):
        page.goto(prefix + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)


def test_member_fills_a_self_assessment_sheet(page, assert_accessible, world):
    sign_in(page, email=world["member"].email, password=PASSWORD)
    page.goto(f"/incubation/enrollments/{world['enrollment'].pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("self-assessment")
    assert_accessible(page)
    page.locator("fieldset.indicator").first.get_by_role("radio", name="2", exact=True).check()
    page.get_by_role("button", name="Save the scores").click()
    expect(page.get_by_text("The scores are saved.")).to_be_visible()
