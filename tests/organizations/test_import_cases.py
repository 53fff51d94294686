"""The organization inputs in cases/ (see its README): each behaves as the README says."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from organizations.importing import organizations_import
from organizations.models import Organization
from tests.organizations.factories import region_tree

pytestmark = pytest.mark.django_db

CASES = Path(__file__).parent / "cases"
EXCEL_NUMBER = "Excel stored the code as a number and lost digits"


@pytest.fixture(autouse=True)
def regions():
    return region_tree()


def run_import(target, *options):
    out = StringIO()
    call_command("import_organizations", str(target), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def report_of(name, **options):
    with (CASES / name).open("rb") as source:
        return organizations_import(source=source, file_name=name, **options)


def test_credit_codes_stored_as_numbers_get_an_error_of_their_own():
    report = report_of("credit_code_stored_as_number.xlsx", commit=True)

    assert [(error.row, error.column) for error in report.errors] == [
        (2, "统一社会信用代码"),
        (3, "统一社会信用代码"),
    ]
    assert all(EXCEL_NUMBER in error.message for error in report.errors)
    assert "format the column as text" in report.errors[0].message
    assert "5232010601000" in report.errors[0].message  # what Excel left of the code
    assert not Organization.objects.exists()


def test_merged_region_cells_are_filled_down_and_reported():
    output = run_import(CASES / "merged_region_cells.xlsx", "--commit")

    assert "3 rows, 3 valid, 0 with errors; 3 imported." in output
    assert "D2:D4" in output
    assert set(Organization.objects.values_list("region__code", "region_code")) == {
        ("320106", "320106")
    }
    assert Organization.objects.count() == 3


def test_merged_cells_dry_run_reports_the_filled_ranges():
    report = report_of("merged_region_cells.xlsx")

    assert report.valid == 3
    assert any("D2:D4" in warning for warning in report.file_warnings)


def test_bilingual_headers_are_recognised():
    output = run_import(CASES / "bilingual_headers.xlsx", "--commit")

    assert "1 row, 1 valid, 0 with errors; 1 imported." in output
    organization = Organization.objects.get()
    assert organization.name_zh == "南京市鼓楼区双语表头测试社工服务中心"
    assert organization.credit_code == "52320106019000001R"
    assert organization.legal_form == "social_service_org"
    assert organization.region_code == "320106"
    assert organization.contact_phone == "025-84567890"
    assert str(organization.registration_date) == "2014-06-25"


def test_english_export_imports_again():
    output = run_import(CASES / "english_export.csv", "--commit")

    assert "3 rows, 3 valid, 0 with errors; 3 imported." in output
    assert "Ignored columns" not in output
    stored = {
        org.credit_code: org
        for org in Organization.objects.select_related("region").order_by("credit_code")
    }
    assert set(stored) == {"52320106013000020K", "52320106013000021N", "52320106013000022R"}
    first = stored["52320106013000020K"]
    assert first.name_zh == "南京市鼓楼区合并区划测试0号社工服务中心"
    assert (first.region.code, first.legal_form, first.is_public) == (
        "320106",
        "social_service_org",
        False,
    )
    assert stored["52320106013000021N"].region is None


def test_long_name_never_passes_the_dry_run_and_fails_the_commit(tmp_path):
    """Whatever the width of the derived columns, the dry run's verdict is the commit's, an error
    names row and column, and --skip-invalid keeps the good rows."""
    name = (CASES / "long_name.txt").read_text(encoding="utf-8").strip()
    assert len(name) == 97
    target = tmp_path / "long.csv"
    target.write_text(
        f"name_zh,legal_form\n{name},community_group\n城中区邻里互助会,community_group\n",
        encoding="utf-8",
    )

    dry_run = run_import(target)
    committed = run_import(target, "--commit", "--skip-invalid")

    if "2 rows, 2 valid" in dry_run:
        assert "2 imported" in committed
        assert Organization.objects.get(name_zh=name).name_pinyin
    else:
        assert "Row 2, name_zh: " in dry_run
        assert "Row 2, name_zh: " in committed
        assert "1 imported" in committed
        assert list(Organization.objects.values_list("name_zh", flat=True)) == ["城中区邻里互助会"]
