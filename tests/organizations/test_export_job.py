"""Directory exports as jobs: large ones queue a job that applies the same filters and rights,
small ones answer at once; spreadsheet cells never become formulas."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from ngo_portal.jobs.services import report_request, report_run
from ngo_portal.models import CenterMembership, Report
from organizations.jobs import EXPORT_KIND
from organizations.vocabularies import LegalForm
from tests.ngo_portal.factories import CenterMembershipFactory
from tests.organizations.factories import OrganizationFactory, region_tree

pytestmark = pytest.mark.django_db

CSV_URL = reverse("organizations:organization_export_csv")
XLSX_URL = reverse("organizations:organization_export_xlsx")
HOSTILE = ['\x01=HYPERLINK("http://evil.example","x")', "=1+1", "+cmd", "@SUM(1)", "-2+3"]


@pytest.fixture
def officer(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return CenterMembershipFactory(role=CenterMembership.Role.OFFICER).user


@pytest.fixture
def organizations():
    regions = region_tree()
    foundations = [
        OrganizationFactory(
            name_zh=f"青海省第{n}基金会", legal_form=LegalForm.FOUNDATION, region=regions["xining"]
        )
        for n in range(3)
    ]
    groups = [
        OrganizationFactory(
            name_zh=f"鼓楼区第{n}协会",
            legal_form=LegalForm.SOCIAL_GROUP,
            region=regions["gulou"],
            is_public=False,
            contact_name=value,
            address=value,
        )
        for n, value in enumerate(HOSTILE)
    ]
    return foundations, groups


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr("organizations.views.export.EXPORT_IMMEDIATE_MAX_ROWS", 3)


def test_a_large_export_becomes_a_job_with_the_same_filters(
    client, officer, organizations, small_limit, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(CSV_URL, {"legal_form": "social_group", "sort": "name"})

    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("report_detail", args=[report.pk])
    assert report.kind == EXPORT_KIND
    assert report.requested_by == officer
    assert report.parameters == {"query": "legal_form=social_group&sort=name", "format": "csv"}
    assert report.status == Report.Status.DONE
    assert (report.progress_done, report.progress_total) == (5, 5)
    rows = _csv_rows(client.get(reverse("report_download", args=[report.pk])))
    assert len(rows) == 5
    assert {row["legal form"] for row in rows} == {"social group"}
    page = client.get(response["Location"]).content.decode()
    assert "Download organizations-" in page


def test_a_small_export_stays_immediate(client, officer, organizations, small_limit):
    client.force_login(officer)

    response = client.get(CSV_URL, {"legal_form": "foundation"})

    assert response.status_code == 200
    assert len(_csv_rows(response)) == 3
    assert not Report.objects.exists()


def test_the_job_writes_in_the_requested_language(officer, organizations):
    report = report_request(
        kind=EXPORT_KIND,
        requested_by=officer,
        parameters={"query": "legal_form=foundation", "format": "csv"},
        language="zh-hans",
    )
    report = report_run(report_id=report.pk)
    header = report.file.read().decode("utf-8-sig").splitlines()[0]
    assert header.startswith("中文名称")


def test_the_job_applies_the_requesters_rights_again(officer, organizations):
    report = report_request(
        kind=EXPORT_KIND, requested_by=officer, parameters={"query": ""}, language="en"
    )
    CenterMembership.objects.filter(user=officer).delete()  # no longer staff

    report = report_run(report_id=report.pk)

    assert report.status == Report.Status.FAILED
    assert report.error == "You may no longer export the directory."
    assert not report.file


@pytest.mark.parametrize("through", ["view", "job"])
def test_xlsx_never_carries_a_formula(client, officer, organizations, through):
    client.force_login(officer)
    if through == "view":
        response = client.get(XLSX_URL, {"legal_form": "social_group"})
        content = b"".join(response.streaming_content)
    else:
        report = report_request(
            kind=EXPORT_KIND,
            requested_by=officer,
            parameters={"query": "legal_form=social_group", "format": "xlsx"},
            language="en",
        )
        content = report_run(report_id=report.pk).file.read()

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell for cell in cells if cell.data_type == "f"] == []
    header = [cell.value for cell in next(sheet.iter_rows())]
    contact = header.index("contact person")
    shown = {row[contact].value: row[contact] for row in sheet.iter_rows(min_row=2)}
    # Control characters go first, then the value is kept as typed, marked as text.
    expected = ['=HYPERLINK("http://evil.example","x")', "=1+1", "+cmd", "@SUM(1)", "-2+3"]
    assert sorted(shown) == sorted(expected)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in shown.values())


def test_csv_keeps_the_apostrophe_after_removing_control_characters(client, officer, organizations):
    client.force_login(officer)
    rows = _csv_rows(client.get(CSV_URL, {"legal_form": "social_group"}))
    assert sorted(row["contact person"] for row in rows) == sorted(
        ['\'=HYPERLINK("http://evil.example","x")', "'=1+1", "'+cmd", "'@SUM(1)", "'-2+3"]
    )


def test_someone_elses_export_job_is_not_found(client, officer, organizations):
    report = report_request(
        kind=EXPORT_KIND, requested_by=officer, parameters={"query": ""}, language="en"
    )
    report_run(report_id=report.pk)
    client.force_login(CenterMembershipFactory(role=CenterMembership.Role.OFFICER).user)
    assert client.get(reverse("report_download", args=[report.pk])).status_code == 404
    assert client.get(reverse("report_detail", args=[report.pk])).status_code == 404


def _csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
