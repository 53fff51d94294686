"""A whole cohort's capacity reports as one job on a real Celery worker: staff ask from the
cohort page, the job's page shows the progress per organization, then the ZIP of PDFs."""

import io
import time
import zipfile

import pytest
from django.urls import reverse

from incubation import services
from incubation.jobs import COHORT_REPORTS_KIND
from incubation.models import CapacityAssessment, IndicatorScore
from ngo_portal.models import Report
from tests.incubation.factories import CohortFactory, EnrollmentFactory
from tests.ngo_portal.factories import CenterMembershipFactory
from tests.organizations.factories import OrganizationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

JOB_TIMEOUT = 60
ORGANIZATIONS = 5


def _finalized_baseline(enrollment, officer, level):
    assessment = services.assessment_start(enrollment=enrollment, kind="baseline", by=officer)
    rows = IndicatorScore.objects.filter(assessment=assessment)
    services.assessment_scores_save(
        assessment=assessment,
        by=officer,
        scores={row.indicator_id: {"level": level} for row in rows},
    )
    services.assessment_submit(assessment=assessment, by=officer)
    CapacityAssessment.objects.filter(pk=assessment.pk).update(status="finalized")


def test_staff_generate_a_cohort_s_reports_and_watch_the_progress(tasks_on_worker, client):
    services.framework_default_ensure()
    officer = CenterMembershipFactory(role="officer").user
    cohort = CohortFactory(center=officer.center_memberships.get().center, status="running")
    for number in range(ORGANIZATIONS):
        organization = OrganizationFactory(name_zh=f"南京市第{number}社会工作服务中心")
        _finalized_baseline(
            EnrollmentFactory(cohort=cohort, organization=organization),
            officer,
            str(1 + number % 4),
        )
    client.force_login(officer)

    response = client.post(
        reverse("incubation:cohort_reports", args=[cohort.pk]), {"language": "zh-hans"}
    )
    report = Report.objects.get(kind=COHORT_REPORTS_KIND)
    assert response["Location"] == reverse("report_detail", args=[report.pk])

    seen = _watch(report, client)
    report.refresh_from_db()
    try:
        assert report.status == Report.Status.DONE, report.error
        assert "running" in [status for status, _done in seen]
        assert (report.progress_done, report.progress_total) == (ORGANIZATIONS, ORGANIZATIONS)
        assert report.result == {"reports": ORGANIZATIONS, "failures": []}
        download = client.get(reverse("report_download", args=[report.pk]))
        with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:
            names = archive.namelist()
            assert len(names) == ORGANIZATIONS
            assert all(archive.read(name).startswith(b"%PDF-") for name in names)
    finally:
        report.file.delete(save=False)


def _watch(report, client) -> list[tuple[str, int]]:
    """What the job's page shows, polled as htmx would until the worker has finished."""
    seen = []
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        page = client.get(reverse("report_progress", args=[report.pk]))
        row = Report.objects.values_list("status", "progress_done").get(pk=report.pk)
        if not seen or seen[-1] != row:
            seen.append(row)
        if page.status_code == 286:  # finished: htmx stops polling
            break
        time.sleep(0.1)
    return seen
