"""A round's applications, reviews and awards as CSV/XLSX for staff; a job when large."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from grants import exporting
from grants.models import GrantApplication
from ngo_portal.models import Report

from .factories import AwardFactory, GrantApplicationFactory

pytestmark = pytest.mark.django_db


def test_applications_csv(client, officer, funding_round):
    GrantApplicationFactory(round=funding_round, title="=HYPERLINK(1)", status="submitted")
    GrantApplicationFactory(round=funding_round, title="Draft", status="draft")
    client.force_login(officer)
    response = client.get(
        reverse("grants:round_export", args=[funding_round.pk, "applications", "csv"])
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][3] == "project title"
    assert [row[3] for row in rows[1:]] == ["'=HYPERLINK(1)"]
    assert rows[1][4] == "submitted"


def test_awards_xlsx(client, officer, funding_round):
    AwardFactory(application__round=funding_round)
    client.force_login(officer)
    response = client.get(reverse("grants:round_export", args=[funding_round.pk, "awards", "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 2 and sheet.cell(2, 4).value == 20000


def test_a_large_export_runs_as_a_job(client, officer, funding_round, monkeypatch):
    monkeypatch.setattr(exporting, "EXPORT_IMMEDIATE_MAX_ROWS", 1)
    from grants.views import export

    monkeypatch.setattr(export, "EXPORT_IMMEDIATE_MAX_ROWS", 1)
    for _ in range(2):
        GrantApplicationFactory(round=funding_round, status=GrantApplication.Status.SUBMITTED)
    client.force_login(officer)
    response = client.get(
        reverse("grants:round_export", args=[funding_round.pk, "applications", "csv"])
    )
    report = Report.objects.get()
    assert response["Location"] == reverse("report_detail", args=[report.pk])
    assert report.kind == "grants.export"
    assert report.parameters == {
        "round": funding_round.pk,
        "dataset": "applications",
        "format": "csv",
    }


def test_the_export_job_writes_the_file_and_checks_rights_again(officer, funding_round, staff):
    from django.core.files.storage import default_storage

    from ngo_portal.jobs.services import report_request, report_run

    GrantApplicationFactory(round=funding_round, title="Meals", status="submitted")
    report = report_request(
        kind="grants.export",
        requested_by=officer,
        parameters={"round": funding_round.pk, "dataset": "applications", "format": "csv"},
        language="en",
    )
    report = report_run(report_id=report.pk)
    assert report.status == Report.Status.DONE
    with default_storage.open(report.file.name) as stored:
        assert "Meals" in stored.read().decode("utf-8-sig")
    refused = report_request(
        kind="grants.export",
        requested_by=staff,
        parameters={"round": funding_round.pk, "dataset": "applications", "format": "csv"},
        language="en",
    )
    refused = report_run(report_id=refused.pk)
    assert refused.status == Report.Status.FAILED
    assert refused.error == "You may no longer export this round."


def test_statuses_read_as_grants_terms_in_chinese(client):
    """ "active" and "withdrawn" are also an organization membership's and an enrollment's
    words ("已加入", "已退出"); an award is in progress and an application is withdrawn."""
    from django.utils import translation

    from grants.models import Award, GrantApplication

    with translation.override("zh-hans"):
        assert str(Award.Status.ACTIVE.label) != "已加入"
        assert str(GrantApplication.Status.WITHDRAWN.label) != "已退出"
