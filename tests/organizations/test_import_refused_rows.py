"""Rows the database refuses although they passed validation: named by row, good rows kept."""

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from organizations.importing import service
from organizations.models import Organization
from tests.organizations.factories import OrganizationFactory, make_credit_code, region_tree

pytestmark = pytest.mark.django_db

CODES = [make_credit_code(7001), make_credit_code(7002), make_credit_code(7003)]


@pytest.fixture(autouse=True)
def regions():
    return region_tree()


@pytest.fixture
def registered_meanwhile(monkeypatch):
    """A code registered after the import read the codes in use: only the database sees it."""
    OrganizationFactory(credit_code=CODES[1], name_zh="已登记的中心")
    real = service.validator_for

    def validator_for(*args, **kwargs):
        validator = real(*args, **kwargs)
        validator.taken_codes = set()
        return validator

    monkeypatch.setattr(service, "validator_for", validator_for)


def write_csv(tmp_path, names):
    target = tmp_path / "organizations.csv"
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["社会组织名称", "统一社会信用代码", "组织类型"])
        writer.writerows([name, code, "社会团体"] for name, code in zip(names, CODES, strict=True))
    return target


def run_import(target, *options):
    out = StringIO()
    call_command("import_organizations", str(target), *options, stdout=out, stderr=out)
    return out.getvalue()


NAMES = ["第一协会", "第二协会", "第三协会"]


def test_refused_row_is_named_and_nothing_is_imported(tmp_path, registered_meanwhile):
    with pytest.raises(CommandError, match="Nothing was imported"):
        run_import(write_csv(tmp_path, NAMES), "--commit")

    assert set(Organization.objects.values_list("name_zh", flat=True)) == {"已登记的中心"}


def test_refused_row_is_reported_with_its_row_and_column(tmp_path, registered_meanwhile):
    with (write_csv(tmp_path, NAMES)).open("rb") as source:
        report = service.organizations_import(source=source, file_name="o.csv", commit=True)

    assert [(error.row, error.column) for error in report.errors] == [(3, "统一社会信用代码")]
    assert "The database refused this row" in report.errors[0].message
    assert report.imported == 0
    assert set(Organization.objects.values_list("name_zh", flat=True)) == {"已登记的中心"}


def test_skip_invalid_keeps_the_good_rows_when_the_database_refuses_one(
    tmp_path, registered_meanwhile
):
    output = run_import(write_csv(tmp_path, NAMES), "--commit", "--skip-invalid")

    assert "Row 3, 统一社会信用代码: The database refused this row" in output
    assert "3 rows, 2 valid, 1 with errors; 2 imported." in output
    assert set(Organization.objects.values_list("name_zh", flat=True)) == {
        "已登记的中心",
        "第一协会",
        "第三协会",
    }
    assert Organization.history.filter(history_type="+", name_zh="第三协会").exists()
