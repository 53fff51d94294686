"""The sign-in sheet and the roster export are jobs: their files hold the participants."""

import csv
import io
import subprocess

import pytest
from django.urls import reverse

from ngo_portal.models import Report
from trainings.models import Registration

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def run(client, url, django_capture_on_commit_callbacks) -> Report:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    report = Report.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert report.status == Report.Status.DONE, report.error
    return report


def test_sign_in_sheet_pdf_lists_confirmed_participants_with_a_box_per_day(
    client, session, officer, tmp_path, django_capture_on_commit_callbacks
):
    RegistrationFactory(session=session, name="王芳")
    RegistrationFactory(
        session=session,
        name="Waiting One",
        status=Registration.Status.WAITLISTED,
        waitlist_position=1,
    )
    client.force_login(officer)

    report = run(
        client,
        reverse("trainings:sign_in_sheet", args=[session.pk]),
        django_capture_on_commit_callbacks,
    )

    path = tmp_path / "sheet.pdf"
    path.write_bytes(report.file.read())
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "王芳" in text and "Waiting One" not in text
    assert all(day.strftime("%m-%d") in text for day in session.days)


def test_roster_export_csv_holds_confirmed_and_waiting_in_order(
    client, session, officer, django_capture_on_commit_callbacks
):
    RegistrationFactory(session=session, name="Ann")
    for position, name in ((2, "Second"), (1, "First")):
        RegistrationFactory(
            session=session, name=name, status="waitlisted", waitlist_position=position
        )
    client.force_login(officer)

    report = run(
        client,
        reverse("trainings:roster_export", args=[session.pk]),
        django_capture_on_commit_callbacks,
    )

    rows = list(csv.reader(io.StringIO(report.file.read().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Status", "Waiting list number", "Name"]
    assert [(row[1], row[2]) for row in rows[1:]] == [("", "Ann"), ("1", "First"), ("2", "Second")]


def test_a_job_refuses_someone_who_lost_the_staff_role(
    client, session, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("trainings:roster_export", args=[session.pk]))
    report = Report.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    officer.center_memberships.all().delete()

    from ngo_portal.jobs.services import report_run

    report = report_run(report_id=report.pk)

    assert report.status == Report.Status.FAILED
    assert "no longer manage" in report.error


def test_roster_export_neutralises_formulas(
    client, session, officer, django_capture_on_commit_callbacks
):
    RegistrationFactory(session=session, name="=1+2")
    client.force_login(officer)

    report = run(
        client,
        reverse("trainings:roster_export", args=[session.pk]),
        django_capture_on_commit_callbacks,
    )

    rows = list(csv.reader(io.StringIO(report.file.read().decode("utf-8-sig"))))
    assert rows[1][2].startswith("'=")
