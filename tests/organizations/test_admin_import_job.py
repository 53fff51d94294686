"""The admin import as jobs: upload, dry run with progress, per-row report (CSV and XLSX),
confirm, import once."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage

from ngo_portal.models import Report
from organizations.jobs import IMPORT_KIND
from organizations.models import Organization
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import region_tree
from tests.organizations.test_import import MIXED_ROWS, write_csv

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/admin/organizations/organization/import/"


def status_url(report):
    return f"/admin/organizations/organization/import/{report.pk}/"


def confirm_url(report):
    return f"/admin/organizations/organization/import/{report.pk}/confirm/"


@pytest.fixture(autouse=True)
def regions(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return region_tree()


@pytest.fixture
def importer():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_organization"))
    return user


def upload(client, tmp_path, rows):
    with write_csv(tmp_path, rows).open("rb") as handle:
        return client.post(UPLOAD_URL, {"file": handle, "encoding": "auto"})


def test_changelist_links_to_the_import(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = client.get("/admin/organizations/organization/")
    assert f'href="{UPLOAD_URL}"' in changelist.content.decode()
    assert 'type="file"' in client.get(UPLOAD_URL).content.decode()


def test_anonymous_and_users_without_the_right_are_refused(client, tmp_path):
    assert client.get(UPLOAD_URL).status_code == 302
    client.force_login(UserFactory())
    response = upload(client, tmp_path, MIXED_ROWS)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    client.force_login(UserFactory(is_staff=True))  # staff, but may not add organizations
    assert upload(client, tmp_path, MIXED_ROWS).status_code == 403
    assert not Report.objects.exists()


def test_the_upload_waits_for_its_dry_run_job_with_progress(client, tmp_path, importer):
    client.force_login(importer)

    response = upload(client, tmp_path, MIXED_ROWS)  # the job is queued after commit: not yet

    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(report)
    assert report.kind == IMPORT_KIND
    assert not report.parameters.get("commit")
    assert report.parameters["upload"].startswith("imports/")
    assert default_storage.exists(report.parameters["upload"])
    page = client.get(status_url(report)).content.decode()
    assert 'role="status"' in page and 'aria-live="polite"' in page
    assert f'data-hx-get="{status_url(report)}"' in page
    assert '<meta http-equiv="refresh" content="5">' in page
    polled = client.get(status_url(report), headers={"HX-Request": "true"})
    assert "Waiting for a worker" in polled.content.decode()
    assert "HX-Refresh" not in polled


def test_dry_run_report_downloads_then_commit_imports_once(
    client, tmp_path, importer, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, tmp_path, MIXED_ROWS)
    dry_run = Report.objects.get()
    assert dry_run.status == Report.Status.DONE
    assert dry_run.progress_done == 7
    assert client.get(status_url(dry_run), headers={"HX-Request": "true"})["HX-Refresh"] == "true"

    page = client.get(status_url(dry_run)).content.decode()

    assert (
        "<td>4</td><td>credit_code</td><td>This credit code already appears in row 2.</td>" in page
    )
    assert "Import the 2 valid rows and leave out the rows with errors" in page
    assert not Organization.objects.exists()
    errors_csv = client.get(f"/files/{dry_run.pk}/download/")
    rows = list(csv.reader(io.StringIO(b"".join(errors_csv.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Row", "Column", "Reason"]
    assert ["4", "credit_code", "This credit code already appears in row 2."] in rows
    errors_xlsx = client.get(f"{status_url(dry_run)}errors.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(errors_xlsx.streaming_content))).active
    assert [cell.value for cell in next(sheet.iter_rows())] == ["Row", "Column", "Reason"]
    assert sheet.max_row == len(rows)

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(confirm_url(dry_run), {"skip_invalid": "True", "commit": "1"})

    commit = Report.objects.exclude(pk=dry_run.pk).get()
    assert done["Location"] == status_url(commit)
    assert commit.status == Report.Status.DONE
    assert commit.requested_by == importer
    assert set(Organization.objects.values_list("name_zh", flat=True)) == {
        "鼓楼区阳光养老服务中心",
        "城中区邻里互助会",
    }
    assert "Imported 2 organizations." in client.get(status_url(commit)).content.decode()
    assert not default_storage.exists(dry_run.parameters["upload"])
    with django_capture_on_commit_callbacks(execute=True):
        replay = client.post(confirm_url(dry_run), {"skip_invalid": "True", "commit": "1"})
    assert replay.status_code == 302
    assert Organization.objects.count() == 2
    assert Report.objects.count() == 2


def test_the_job_page_and_my_files_lead_to_the_imports_report_in_the_admin(
    client, tmp_path, importer, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, tmp_path, MIXED_ROWS)
    report = Report.objects.get()
    link = f'href="{status_url(report)}">See the result</a>'

    assert link in client.get(f"/files/{report.pk}/").text
    assert link in client.get("/files/").text
    assert client.get(status_url(report)).status_code == 200


def test_commit_without_skipping_refuses_a_file_with_bad_rows(
    client, tmp_path, importer, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, tmp_path, MIXED_ROWS)
    dry_run = Report.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url(dry_run), {"commit": "1"})

    commit = Report.objects.exclude(pk=dry_run.pk).get()
    assert commit.result["imported"] == 0
    assert "Nothing was imported." in client.get(status_url(commit)).content.decode()
    assert not Organization.objects.exists()


def test_cancel_forgets_the_upload(client, tmp_path, importer, django_capture_on_commit_callbacks):
    client.force_login(importer)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, tmp_path, MIXED_ROWS)
    dry_run = Report.objects.get()

    response = client.post(confirm_url(dry_run), {"cancel": "1"})

    assert response["Location"] == UPLOAD_URL
    assert not default_storage.exists(dry_run.parameters["upload"])
    assert Report.objects.count() == 1


def test_another_importers_job_is_not_found(
    client, tmp_path, importer, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, tmp_path, MIXED_ROWS)
    dry_run = Report.objects.get()
    other = UserFactory(is_staff=True)
    other.user_permissions.add(Permission.objects.get(codename="add_organization"))
    client.force_login(other)

    assert client.get(status_url(dry_run)).status_code == 404
    assert client.post(confirm_url(dry_run), {"commit": "1"}).status_code == 404
    assert client.get(f"/files/{dry_run.pk}/download/").status_code == 404
    assert not Organization.objects.exists()


def test_the_report_shows_filled_merged_cells_row_warnings_and_the_header_row(
    client, tmp_path, importer, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    cases = Path(__file__).parent / "cases"
    merged_file = cases / "merged_region_cells.xlsx"
    with django_capture_on_commit_callbacks(execute=True), merged_file.open("rb") as handle:
        client.post(UPLOAD_URL, {"file": handle, "encoding": "auto"})
    merged = Report.objects.get()
    rows = [
        ["南京市社会组织名录", "", "", ""],
        ["社会组织名称", "统一社会信用代码", "组织类型", "行政区划代码"],
        ["鼓楼区阳光养老服务中心", "523201060100003000", "social_group", "320106"],
    ]
    titled_file = write_csv(tmp_path, rows[1:], headers=rows[0])
    with django_capture_on_commit_callbacks(execute=True), titled_file.open("rb") as handle:
        client.post(UPLOAD_URL, {"file": handle, "encoding": "auto"})
    titled = Report.objects.exclude(pk=merged.pk).get()

    merged_page = client.get(status_url(merged)).content.decode()
    titled_page = client.get(status_url(titled)).content.decode()

    assert "Merged cells were filled down" in merged_page
    assert "D2:D4" in merged_page
    assert "Column headers taken from row 2." in titled_page
    assert "Row 3, 统一社会信用代码: The code is all digits and ends in 000" in titled_page


def test_the_report_of_one_row_speaks_of_one_row(
    client, tmp_path, importer, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, tmp_path, [MIXED_ROWS[0], MIXED_ROWS[1]])
    dry_run = Report.objects.get()

    page = client.get(status_url(dry_run)).content.decode()

    assert "Import the 1 valid row and leave out the rows with errors" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url(dry_run), {"skip_invalid": "True", "commit": "1"})
    commit = Report.objects.exclude(pk=dry_run.pk).get()
    done = client.get(status_url(commit)).content.decode()
    assert "Imported 1 organization." in done
    assert "1 row with errors was left out." in done
    assert "1 rows" not in done and "1 organizations" not in done
