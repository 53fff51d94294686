"""Jobs and their files: request, run once, fail and retry, progress, pages, permissions, expiry."""

import datetime
import importlib
import io
import os
import threading
import time

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from ngo_portal.jobs import JobError, JobOutput, UnknownJobKind, registry
from ngo_portal.jobs import progress as progress_module
from ngo_portal.jobs.services import report_request, report_retry, report_run, reports_expire
from ngo_portal.models import Report
from ngo_portal.permissions import can_retry_report, can_view_report
from tests.ngo_portal.factories import (
    CenterFactory,
    CenterMembershipFactory,
    ReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

KIND = "tests.sample"


class SampleJob:
    """A job kind that counts its runs, can be made to fail, and writes a small text file."""

    def __init__(self):
        self.runs = 0
        self.fail_with = None
        self.pause = 0.0
        self.lock = threading.Lock()

    def __call__(self, report, progress):
        with self.lock:
            self.runs += 1
        progress.start(3, "counting")
        time.sleep(self.pause)
        if self.fail_with is not None:
            raise self.fail_with
        progress.advance(3)
        body = f"{report.parameters.get('word', '')} in {report.language}".encode()
        return JobOutput(file=io.BytesIO(body), file_name="sample.txt", result={"ok": True})


@pytest.fixture
def sample_job(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    job = SampleJob()
    monkeypatch.setitem(registry._KINDS, KIND, registry.JobKind(KIND, job, "Sample"))
    return job


def request_sample(user=None, **extra) -> Report:
    return report_request(
        kind=KIND,
        requested_by=user or UserFactory(),
        parameters={"word": "hello"},
        language="zh-hans",
        **extra,
    )


def test_request_queues_the_job_after_commit_and_the_task_produces_its_file(
    sample_job, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_sample()
    assert report.status == Report.Status.QUEUED
    assert report.expires_at > timezone.now() + datetime.timedelta(days=29)
    assert sample_job.runs == 0  # nothing runs before the commit
    assert len(callbacks) == 1

    callbacks[0]()  # the task, eager in tests

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert (report.progress_done, report.progress_total) == (3, 3)
    assert report.file_name == "sample.txt"
    assert report.file.name.startswith("reports/")
    assert report.file.read() == b"hello in zh-hans"
    assert report.result == {"ok": True}
    assert report.attempts == 1


def test_an_unknown_kind_is_refused():
    with pytest.raises(UnknownJobKind):
        report_request(kind="no.such", requested_by=None, parameters={}, language="en")
    assert not Report.objects.exists()


def test_a_finished_job_is_not_redone(sample_job):
    report = ReportFactory(kind=KIND)
    first = report_run(report_id=report.pk)
    file_name = first.file.name

    again = report_run(report_id=report.pk)

    assert sample_job.runs == 1
    assert again.status == Report.Status.DONE
    assert again.file.name == file_name
    assert again.attempts == 1


def test_a_job_stuck_running_past_the_visibility_timeout_is_claimed_again(sample_job):
    report = ReportFactory(kind=KIND, status=Report.Status.RUNNING, started_at=timezone.now())
    assert report_run(report_id=report.pk).status == Report.Status.RUNNING
    assert sample_job.runs == 0  # another worker is on it

    Report.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=2)
    )

    assert report_run(report_id=report.pk).status == Report.Status.DONE
    assert sample_job.runs == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_handed_the_same_job_do_the_work_once(sample_job):
    sample_job.pause = 0.5
    report = ReportFactory(kind=KIND)
    # Control: two different jobs on two threads do overlap, so one run below is the claim's doing.
    other = ReportFactory(kind=KIND)
    _run_in_threads([other.pk, report.pk])
    assert sample_job.runs == 2
    sample_job.runs = 0
    Report.objects.filter(pk__in=[report.pk, other.pk]).update(status=Report.Status.QUEUED)

    outcomes = _run_in_threads([report.pk, report.pk])

    assert sample_job.runs == 1
    assert len(outcomes) == 2 and outcomes.count("done") == 1  # the loser left it to the winner
    assert Report.objects.get(pk=report.pk).attempts == 2  # 1 from the control, 1 now


def _run_in_threads(report_ids) -> list[str]:
    outcomes = []
    start = threading.Barrier(len(report_ids))

    def work(report_id):
        start.wait()
        try:
            outcomes.append(report_run(report_id=report_id).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(pk,)) for pk in report_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_a_failing_job_records_its_reason_and_can_be_retried_to_success(
    sample_job, django_capture_on_commit_callbacks
):
    sample_job.fail_with = JobError("The spreadsheet is locked.")
    requester = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        report = request_sample(requester)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error == "The spreadsheet is locked."
    assert not report.file

    sample_job.fail_with = None
    with django_capture_on_commit_callbacks(execute=True):
        report_retry(report=report, by=requester)

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.error == ""
    assert report.attempts == 2
    assert report.file.read() == b"hello in zh-hans"


def test_an_unexpected_error_is_recorded_with_its_type(sample_job):
    sample_job.fail_with = ZeroDivisionError("division by zero")
    report = report_run(report_id=ReportFactory(kind=KIND).pk)
    assert report.status == Report.Status.FAILED
    assert "ZeroDivisionError: division by zero" in report.error


def test_an_unexpected_error_is_explained_in_the_job_s_language(sample_job):
    sample_job.fail_with = ZeroDivisionError("division by zero")

    report = report_run(report_id=ReportFactory(kind=KIND, language="zh-hans").pk)

    assert report.error.startswith("任务因错误而中止：")
    assert "ZeroDivisionError" in report.error


def test_only_failed_jobs_are_retried_and_only_by_those_who_may_see_them(sample_job):
    report = report_run(report_id=ReportFactory(kind=KIND).pk)
    with pytest.raises(PermissionDenied):
        report_retry(report=report, by=report.requested_by)  # done, not failed
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED)
    report.refresh_from_db()
    with pytest.raises(PermissionDenied):
        report_retry(report=report, by=UserFactory())
    assert report_retry(report=report, by=report.requested_by).status == Report.Status.QUEUED


@pytest.mark.django_db(transaction=True)
def test_progress_inside_a_transaction_is_visible_to_other_connections(monkeypatch, settings):
    monkeypatch.setattr(progress_module, "WRITE_INTERVAL_SECONDS", 0)
    seen = []

    def job(report, progress):
        with transaction.atomic():  # as an import does: all rows in one transaction
            progress.start(10, "reading")
            progress.advance(4)
            seen.append(_read_elsewhere(report.pk))
        return None

    monkeypatch.setitem(registry._KINDS, KIND, registry.JobKind(KIND, job, "Sample"))
    report = ReportFactory(kind=KIND)

    report_run(report_id=report.pk)

    assert seen == [(4, 10, "reading")]


def _read_elsewhere(report_id):
    """The row as the job's page would read it: on another connection."""
    found = []

    def read():
        try:
            found.append(
                Report.objects.values_list("progress_done", "progress_total", "progress_line").get(
                    pk=report_id
                )
            )
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(timeout=10)
    return found[0]


# Pages and permissions


@pytest.fixture
def center_report(sample_job):
    center = CenterFactory()
    report = ReportFactory(kind=KIND, center=center)
    return report_run(report_id=report.pk)


def test_download_permission_matrix(client, center_report):
    url = reverse("report_download", args=[center_report.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    expected = {
        UserFactory(): 404,
        CenterMembershipFactory(center=center_report.center, role="reviewer").user: 404,
        CenterMembershipFactory(role="manager").user: 404,  # staff of another center
        center_report.requested_by: 200,
        CenterMembershipFactory(center=center_report.center, role="officer").user: 200,
        CenterMembershipFactory(center=center_report.center, role="manager").user: 200,
        UserFactory(is_superuser=True, is_staff=True): 200,
    }
    for user, status in expected.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content) == b" in en"
            assert 'attachment; filename="sample.txt"' in response["Content-Disposition"]
        client.logout()


def test_report_predicates(center_report):
    stranger = UserFactory()
    assert can_view_report(center_report.requested_by, center_report)
    assert not can_view_report(stranger, center_report)
    assert not can_retry_report(center_report.requested_by, center_report)  # done
    center_report.status = Report.Status.FAILED
    assert can_retry_report(center_report.requested_by, center_report)
    assert not can_retry_report(stranger, center_report)


def test_job_page_polls_with_a_live_region_and_refreshes_without_javascript(client, sample_job):
    report = ReportFactory(kind=KIND)
    client.force_login(report.requested_by)

    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()

    assert 'role="status"' in page
    assert 'aria-live="polite"' in page
    assert f'data-hx-get="{reverse("report_progress", args=[report.pk])}"' in page
    assert 'data-hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "Waiting for a worker" in page
    partial = client.get(reverse("report_progress", args=[report.pk]))
    assert partial.status_code == 200

    report_run(report_id=report.pk)

    partial = client.get(reverse("report_progress", args=[report.pk]))
    assert partial.status_code == 286  # htmx stops polling, and shows the download
    assert reverse("report_download", args=[report.pk]) in partial.content.decode()
    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert "http-equiv" not in page
    assert "data-hx-get" not in page
    assert "Download sample.txt" in page


def test_failed_job_page_offers_a_retry_that_queues_it_again(
    client, sample_job, django_capture_on_commit_callbacks
):
    sample_job.fail_with = JobError("The spreadsheet is locked.")
    report = report_run(report_id=ReportFactory(kind=KIND).pk)
    client.force_login(report.requested_by)
    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert "The spreadsheet is locked." in page
    assert reverse("report_retry", args=[report.pk]) in page
    assert client.get(reverse("report_retry", args=[report.pk])).status_code == 405
    sample_job.fail_with = None

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("report_retry", args=[report.pk]))

    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == Report.Status.DONE
    client.force_login(UserFactory())
    assert client.post(reverse("report_retry", args=[report.pk])).status_code == 404


def test_my_files_lists_the_users_jobs_newest_first(client, sample_job):
    user = UserFactory()
    older, newer = (
        ReportFactory(kind=KIND, requested_by=user),
        ReportFactory(kind=KIND, requested_by=user),
    )
    report_run(report_id=newer.pk)
    ReportFactory(kind=KIND)  # someone else's
    client.force_login(user)

    page = client.get(reverse("report_list")).content.decode()

    assert page.count(f'href="{reverse("report_detail", args=[newer.pk])}"') == 1
    assert page.index(f"/files/{newer.pk}/") < page.index(f"/files/{older.pk}/")
    assert "sample.txt" in page
    assert page.count("<tr>") == 3  # header and two rows
    assert f'href="{reverse("report_list")}"' in page  # the header link


def test_my_files_pages_by_keyset(client, sample_job, monkeypatch):
    monkeypatch.setattr("ngo_portal.jobs.selectors.PAGE_SIZE", 2)
    user = UserFactory()
    reports = [ReportFactory(kind=KIND, requested_by=user) for _ in range(3)]
    client.force_login(user)

    first = client.get(reverse("report_list")).content.decode()
    assert f"?before={reports[1].pk}" in first
    second = client.get(reverse("report_list"), {"before": reports[1].pk}).content.decode()
    assert f"/files/{reports[0].pk}/" in second
    assert f"/files/{reports[2].pk}/" not in second


def test_a_kind_with_a_result_page_is_linked_from_the_job_page_and_my_files_once_done(
    client, sample_job, monkeypatch
):
    kind = registry.JobKind(KIND, sample_job, "Sample", result_url=lambda r: f"/result/{r.pk}/")
    monkeypatch.setitem(registry._KINDS, KIND, kind)
    user = UserFactory()
    report = ReportFactory(kind=KIND, requested_by=user)
    client.force_login(user)
    link = f'href="/result/{report.pk}/">See the result</a>'

    assert link not in client.get(reverse("report_detail", args=[report.pk])).text  # queued
    report_run(report_id=report.pk)

    assert link in client.get(reverse("report_detail", args=[report.pk])).text
    assert link in client.get(reverse("report_list")).text


def test_a_kind_without_a_result_page_links_to_none(client, sample_job):
    user = UserFactory()
    report = ReportFactory(kind=KIND, requested_by=user)
    report_run(report_id=report.pk)
    client.force_login(user)

    assert "See the result" not in client.get(reverse("report_detail", args=[report.pk])).text
    assert "See the result" not in client.get(reverse("report_list")).text


@pytest.mark.parametrize("size", [2, 12])
def test_my_files_query_count_does_not_grow_with_the_list(
    client, sample_job, size, django_assert_num_queries
):
    user = UserFactory()
    center = CenterFactory()
    for _ in range(size):
        report_run(report_id=ReportFactory(kind=KIND, requested_by=user, center=center).pk)
    client.force_login(user)
    client.get(reverse("report_list"))  # warm the host-center cache
    # session, user, center roles (header), the page of reports
    with django_assert_num_queries(4):
        response = client.get(reverse("report_list"))
    assert response.status_code == 200


# Expiry


def test_expiry_deletes_expired_files_and_abandoned_uploads(sample_job):
    kept = report_run(report_id=ReportFactory(kind=KIND).pk)
    expired = report_run(report_id=ReportFactory(kind=KIND).pk)
    Report.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    abandoned = default_storage.save("imports/a1/old.csv", ContentFile(b"x"))
    fresh = default_storage.save("imports/b2/new.csv", ContentFile(b"x"))
    in_use = default_storage.save("imports/c3/used.csv", ContentFile(b"x"))
    ReportFactory(kind=KIND, parameters={"upload": in_use})
    two_days_ago = time.time() - 2 * 24 * 3600
    for name in (abandoned, in_use):
        os.utime(default_storage.path(name), (two_days_ago, two_days_ago))

    outcome = reports_expire()

    assert (outcome.files, outcome.uploads) == (1, 1)
    assert not default_storage.exists(expired.file.name)
    assert default_storage.exists(kept.file.name)
    assert not default_storage.exists(abandoned)
    assert default_storage.exists(fresh) and default_storage.exists(in_use)
    expired.refresh_from_db()
    assert not expired.file and expired.status == Report.Status.DONE
    assert reports_expire().files == 0  # twice is harmless


def test_expired_file_answers_404_and_the_page_says_so(client, sample_job):
    report = report_run(report_id=ReportFactory(kind=KIND).pk)
    Report.objects.filter(pk=report.pk).update(expires_at=timezone.now())
    reports_expire()
    client.force_login(report.requested_by)
    assert client.get(reverse("report_download", args=[report.pk])).status_code == 404
    assert "has expired" in client.get(reverse("report_detail", args=[report.pk])).content.decode()


def test_expiry_runs_daily_from_beat():
    # The migration's own function, run again: a transactional test may have emptied the table.
    schedule = importlib.import_module("ngo_portal.migrations.0005_report_expiry_schedule")
    schedule.create_schedule(django_apps, None)
    schedule.create_schedule(django_apps, None)  # idempotent

    task = PeriodicTask.objects.get(task="ngo_portal.tasks.reports_expire_task")
    assert (task.crontab.hour, task.crontab.minute) == ("3", "30")
    assert str(task.crontab.timezone) == "Asia/Shanghai"
    assert task.enabled


def test_job_kinds_of_the_apps_are_registered():
    assert registry.job_kind("organizations.export").run.__name__ == "organizations_export_job"
    assert registry.job_kind("organizations.import").run.__name__ == "organizations_import_job"
