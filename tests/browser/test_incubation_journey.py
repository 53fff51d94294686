"""A center officer assesses an enrolled organization, finalizes the assessment, watches the
report being made by a real Celery worker and downloads the PDF; the organization's owner gets
it by e-mail. Every page on the way passes axe.
"""

import datetime
import re
import subprocess

import pytest
from playwright.sync_api import Page, expect

from incubation import services
from incubation.models import CapacityAssessment, IndicatorScore
from ngo_portal.models import Report
from tests.browser.journeys import main_nav, sign_in
from tests.incubation.factories import CohortFactory, EnrollmentFactory
from tests.integration.conftest import (  # noqa: F401 - fixtures
    celery_worker,
    mailbox,
    smtp_server,
    tasks_on_worker,
)
from tests.ngo_portal.factories import PASSWORD, CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ORGANIZATION_ZH = "南京市鼓楼区夕阳红养老服务中心"
ORGANIZATION_EN = "Nanjing Gulou Sunset Glow Elderly Care Center"
REPORT_TIMEOUT_MS = 60_000


@pytest.fixture
def world():
    """An officer of the center, a running cohort, an enrolled organization with its owner and
    a finalized baseline (all 2s) to compare the new assessment with."""
    # A transactional test's flush removes the data migration's framework: put it back.
    services.framework_default_ensure()
    officer = CenterMembershipFactory(
        role="officer", user=UserFactory(full_name="Chen Jing", email="chen.jing@example.org")
    ).user
    cohort = CohortFactory(
        center=officer.center_memberships.get().center,
        title="Amity incubation 2026",
        status="running",
    )
    organization = OrganizationFactory(name_zh=ORGANIZATION_ZH, name_en=ORGANIZATION_EN)
    owner = OrganizationMembershipFactory(
        organization=organization, role="owner", user=UserFactory(email="wang.xiuying@example.org")
    ).user
    enrollment = EnrollmentFactory(cohort=cohort, organization=organization)
    baseline = services.assessment_start(
        enrollment=enrollment,
        kind="baseline",
        by=officer,
        assessed_on=datetime.date.today() - datetime.timedelta(days=200),
    )
    services.assessment_scores_save(
        assessment=baseline,
        by=officer,
        scores={
            row.indicator_id: {"level": "2"}
            for row in IndicatorScore.objects.filter(assessment=baseline)
        },
    )
    services.assessment_submit(assessment=baseline, by=officer)
    CapacityAssessment.objects.filter(pk=baseline.pk).update(status="finalized")
    return {"officer": officer, "cohort": cohort, "owner": owner, "enrollment": enrollment}


@pytest.mark.usefixtures("tasks_on_worker")
def test_staff_assess_finalize_watch_progress_and_download_the_report(
    page, assert_accessible, world, request, tmp_path
):
    inbox = request.getfixturevalue("mailbox")  # the loopback SMTP server the worker mails
    sign_in(page, email=world["officer"].email, password=PASSWORD)
    main_nav(page).get_by_role("link", name="Incubation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Incubation cohorts")
    assert_accessible(page)
    page.get_by_role("link", name="Amity incubation 2026").click()
    assert_accessible(page)
    page.get_by_role("link", name=ORGANIZATION_EN).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANIZATION_EN)
    assert_accessible(page)

    page.get_by_label("Kind").select_option(label="endline")
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("endline capacity assessment")
    assert_accessible(page)

    score_every_indicator(page)
    page.get_by_role("button", name="Submit the assessment").click()
    expect(page.get_by_text("The assessment is submitted.")).to_be_visible()
    expect(page.get_by_role("img", name="Radar chart of the area scores")).to_be_visible()
    page.get_by_text("Show the figures as a table").click()
    governance = page.get_by_role(
        "row", name=re.compile("Governance and organizational management")
    )
    expect(governance).to_contain_text("+1.00")
    assert_accessible(page)

    page.get_by_role("button", name="Finalize the assessment").click()
    expect(page.get_by_text("The assessment is finalized.")).to_be_visible()
    status = page.get_by_role("status").filter(has_text=re.compile("worker|Drawing|ready"))
    expect(status).to_be_visible()
    assert_accessible(page)
    download_link = page.get_by_role("link", name="Download the report (PDF)")
    expect(download_link).to_be_visible(timeout=REPORT_TIMEOUT_MS)
    assert_accessible(page)

    with page.expect_download() as download_info:
        download_link.click()
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert ORGANIZATION_ZH in text or ORGANIZATION_EN in text
    assert "+1.00" in text

    report = Report.objects.get(kind="incubation.assessment_report")
    assert report.status == Report.Status.DONE and report.attempts == 1
    mails = inbox.wait_for(world["owner"].email, timeout=20)
    assert len(mails) == 1 and "Capacity assessment report" in mails[0].message["Subject"]
    attachments = [part.get_filename() for part in mails[0].message.iter_attachments()]
    assert attachments == [report.file_name]


def score_every_indicator(page: Page) -> None:
    """Level 3 everywhere (governance rises from 2), N/A for the first philanthropic values
    indicator, with a word of evidence on the first one."""
    indicators = page.locator("fieldset.indicator")
    count = indicators.count()
    assert count == 27
    for index in range(count):
        indicator = indicators.nth(index)
        level = "N/A" if index == 24 else "3"
        indicator.get_by_role("radio", name=level, exact=True).check()
    indicators.first.get_by_label("Evidence").fill("Board minutes of March and the strategic plan")
