"""Assessment reports made by the worker: finalizing queues the job, which renders the PDF once
per request, e-mails it to the owners, records a failure with its reason and can be retried;
the PDF holds the organization, the area scores and the change, in either language, in an
embedded CJK font; a whole cohort's reports as one job with progress."""

import datetime
import io
import subprocess
import zipfile

import pytest
from django.core import mail
from django.urls import reverse

from incubation import jobs, services
from incubation.models import CapacityAssessment
from ngo_portal.jobs.services import report_retry, report_run
from ngo_portal.models import Report
from tests.organizations.factories import OrganizationFactory

from .factories import EnrollmentFactory

pytestmark = pytest.mark.django_db
Kind = CapacityAssessment.Kind
CJK_FONT_NAMES = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "WenQuanYi")


@pytest.fixture
def pair(enrollment, scored_assessment):
    """A finalized baseline and a submitted endline (governance 1 → 3, the rest 2 → 2)."""
    scored_assessment(
        enrollment,
        Kind.BASELINE,
        lambda key, i: 1 if key == "governance" else 2,
        on=datetime.date(2026, 1, 10),
    )
    endline = scored_assessment(
        enrollment,
        Kind.ENDLINE,
        lambda key, i: 3 if key == "governance" else 2,
        on=datetime.date(2026, 12, 1),
        finalize="submitted",
    )
    return endline


def _text(content: bytes, tmp_path, name) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def _fonts(content: bytes, tmp_path) -> list[tuple[str, str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [row for row in result.stdout.splitlines()[2:] if row.strip()]
    return [(row.split()[0], row.split()[-5]) for row in rows]


def test_finalizing_queues_the_report_which_reaches_the_owners(
    pair, officer, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.assessment_finalize(assessment=pair, by=officer)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    assert report.file_name.endswith("-en.pdf") and report.file.read(5) == b"%PDF-"
    to_owner = [message for message in mail.outbox if message.to == [owner.email]]
    assert len(to_owner) == 1
    assert "Capacity assessment report" in to_owner[0].subject
    (name, content, mime) = to_owner[0].attachments[0]
    assert mime == "application/pdf" and content.startswith(b"%PDF-")


def test_the_report_job_run_twice_renders_once(
    pair, officer, monkeypatch, django_capture_on_commit_callbacks
):
    CapacityAssessment.objects.filter(pk=pair.pk).update(status=CapacityAssessment.Status.FINALIZED)
    rendered = []
    real = jobs.render_pdf
    monkeypatch.setattr(jobs, "render_pdf", lambda *a, **k: rendered.append(1) or real(*a, **k))
    report = services.assessment_report_request(assessment=pair, by=officer, language="en")

    report_run(report_id=report.pk)
    report_run(report_id=report.pk)  # a second delivery of the same task

    assert len(rendered) == 1
    assert Report.objects.get(pk=report.pk).status == Report.Status.DONE


def test_a_failing_render_is_recorded_and_can_be_retried(pair, officer, monkeypatch):
    CapacityAssessment.objects.filter(pk=pair.pk).update(status=CapacityAssessment.Status.FINALIZED)

    def broken(*args, **kwargs):
        raise OSError("font cache unreadable")

    monkeypatch.setattr(jobs, "render_pdf", broken)
    report = services.assessment_report_request(assessment=pair, by=officer, language="en")
    report = report_run(report_id=report.pk)
    assert report.status == Report.Status.FAILED
    assert "font cache unreadable" in report.error

    monkeypatch.undo()
    report_retry(report=report, by=officer)
    report = report_run(report_id=report.pk)
    assert report.status == Report.Status.DONE
    assert report.attempts == 2


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Capacity assessment report",
                "Governance and organizational management",
                "3.00",
                "+2.00",
                "Action plan",
            ],
        ),
        ("zh-hans", ["能力评估报告", "治理与组织管理", "3.00", "+2.00", "行动计划"]),
    ],
)
def test_pdf_text_in_both_languages_with_scores_change_and_cjk_font(
    pair, officer, organization, tmp_path, language, expected
):
    CapacityAssessment.objects.filter(pk=pair.pk).update(status=CapacityAssessment.Status.FINALIZED)
    pair.refresh_from_db()
    content = jobs.assessment_report_pdf(pair, language=language)

    text = _text(content, tmp_path, f"{language}.pdf")
    assert organization.name_zh in text
    for piece in expected:
        assert piece in text, piece
    cjk = [
        (name, embedded)
        for name, embedded in _fonts(content, tmp_path)
        if any(f in name.replace("-", "") for f in CJK_FONT_NAMES)
    ]
    assert cjk and all(embedded == "yes" for _name, embedded in cjk)


def test_the_report_page_shows_progress_then_the_download(
    client, pair, officer, owner, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    services.assessment_finalize(assessment=pair, by=officer)  # queued: the worker has not run it
    page = client.get(reverse("incubation:assessment_detail", args=[pair.pk])).content.decode()
    assert "Waiting for a worker" in page and "report/status/" in page

    report = Report.objects.get(kind=jobs.REPORT_KIND)
    report_run(report_id=report.pk)
    status = client.get(reverse("incubation:assessment_report_status", args=[pair.pk]))
    assert status.status_code == 286  # htmx stops polling
    assert "Download the report" in status.content.decode()

    client.force_login(owner)
    response = client.get(reverse("incubation:assessment_report_pdf", args=[pair.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


class RecordingProgress:
    def __init__(self):
        self.total, self.done, self.lines = 0, 0, []

    def start(self, total, line=""):
        self.total = total

    def advance(self, count=1, line=None):
        self.done += count
        self.lines.append(line)


def test_a_cohort_s_reports_in_one_job_with_progress(cohort, officer, scored_assessment):
    cohort.capacity = 5
    cohort.save()
    names = []
    for number in range(3):
        organization = OrganizationFactory(name_zh=f"南京第{number}社会工作服务中心")
        names.append(organization.display_name)
        enrollment = EnrollmentFactory(cohort=cohort, organization=organization)
        scored_assessment(enrollment, Kind.BASELINE, lambda key, i: 2)
        # The organization's own later self-assessment is not the cohort's report.
        scored_assessment(enrollment, Kind.SELF, lambda key, i: 4)
    EnrollmentFactory(cohort=cohort)  # not assessed yet: no report

    report = services.cohort_reports_request(cohort=cohort, by=officer, language="zh-hans")
    progress = RecordingProgress()
    output = jobs.cohort_reports_job(Report.objects.get(pk=report.pk), progress)

    assert (progress.total, progress.done) == (3, 3)
    assert sorted(progress.lines) == sorted(names)
    assert output.result == {"reports": 3, "failures": []}
    with zipfile.ZipFile(io.BytesIO(output.file.getvalue())) as archive:
        assert len(archive.namelist()) == 3
        assert all(name.endswith("-zh-hans.pdf") for name in archive.namelist())
        assert all("-self-" not in name for name in archive.namelist()), archive.namelist()

    finished = report_run(report_id=report.pk)
    assert finished.status == Report.Status.DONE
    assert (finished.progress_done, finished.progress_total) == (3, 3)


def test_a_failed_report_offers_the_retry_to_staff_only(client, pair, officer, owner, monkeypatch):
    CapacityAssessment.objects.filter(pk=pair.pk).update(status=CapacityAssessment.Status.FINALIZED)
    monkeypatch.setattr(
        jobs, "render_pdf", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full"))
    )
    report = services.assessment_report_request(assessment=pair, by=officer, language="en")
    report_run(report_id=report.pk)
    url = reverse("incubation:assessment_report_status", args=[pair.pk])
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "disk full" in page and "Open the job to try again" in page
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert "The report could not be made." in page and "Open the job to try again" not in page


def test_a_second_request_while_the_report_is_being_made_waits_for_it(pair, officer):
    services.assessment_finalize(assessment=pair, by=officer)  # queues the owners' report
    first = services.assessment_report_request(assessment=pair, by=officer, language="en")
    again = services.assessment_report_request(assessment=pair, by=officer, language="en")
    chinese = services.assessment_report_request(assessment=pair, by=officer, language="zh-hans")
    assert again.pk == first.pk and chinese.pk != first.pk
    report_run(report_id=first.pk)
    later = services.assessment_report_request(assessment=pair, by=officer, language="en")
    assert later.pk != first.pk  # once made, a new request makes it anew
