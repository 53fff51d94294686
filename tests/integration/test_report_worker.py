"""A job end to end: a committed request, a real Celery worker, the file through storage."""

import csv
import io
import time

import pytest
from django.urls import reverse

from ngo_portal.jobs.services import report_request
from ngo_portal.models import CenterMembership, Report
from organizations.jobs import EXPORT_KIND
from tests.ngo_portal.factories import CenterMembershipFactory
from tests.organizations.factories import OrganizationFactory, region_tree

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

JOB_TIMEOUT = 30


def test_worker_runs_an_export_job_with_progress_and_stores_its_file(tasks_on_worker, client):
    # The worker shares this process's MEDIA_ROOT (the test settings' default): no override.
    regions = region_tree()
    for n in range(30):
        OrganizationFactory(name_zh=f"西宁市第{n}社会组织", region=regions["xining"])
    officer = CenterMembershipFactory(role=CenterMembership.Role.OFFICER).user

    report = report_request(
        kind=EXPORT_KIND, requested_by=officer, parameters={"query": ""}, language="en"
    )

    seen = _wait_until_finished(report)
    report.refresh_from_db()
    try:
        assert report.status == Report.Status.DONE, report.error
        assert (report.progress_done, report.progress_total) == (30, 30)
        assert report.attempts == 1
        assert seen[-1] == "done"
        client.force_login(officer)
        response = client.get(reverse("report_download", args=[report.pk]))
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert len(list(csv.DictReader(io.StringIO(body)))) == 30
    finally:
        report.file.delete(save=False)


def _wait_until_finished(report) -> list[str]:
    """The statuses the job's page would have shown, polled until the worker has finished."""
    seen = []
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        status = Report.objects.values_list("status", flat=True).get(pk=report.pk)
        if not seen or seen[-1] != status:
            seen.append(status)
        if status in Report.FINISHED:
            break
        time.sleep(0.05)
    return seen
