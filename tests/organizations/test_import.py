import csv
import datetime
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from ngo_portal.models import Community
from organizations.importing import organizations_import
from organizations.models import Organization
from organizations.names import pinyin_of
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, make_credit_code, region_tree

pytestmark = pytest.mark.django_db

HEADERS = [
    "name_zh",
    "credit_code",
    "legal_form",
    "region_code",
    "funding_government_pct",
    "funding_foundations_pct",
]
GOOD_CODE, OTHER_CODE = make_credit_code(9001), make_credit_code(9002)
BAD_CHECKSUM = GOOD_CODE[:17] + ("0" if GOOD_CODE[17] != "0" else "1")
# Header on row 1: the first data row is row 2, as a spreadsheet numbers it.
MIXED_ROWS = [
    ["鼓楼区阳光养老服务中心", GOOD_CODE, "social_service_org", "320106", "60", "40"],  # 2 good
    ["校验位错误协会", BAD_CHECKSUM, "social_group", "320106", "", ""],  # 3
    ["重复代码协会", GOOD_CODE, "social_group", "320106", "", ""],  # 4
    ["未知类型中心", OTHER_CODE, "club", "320106", "", ""],  # 5
    ["未知地区中心", make_credit_code(9003), "foundation", "999999", "", ""],  # 6
    ["资金九十中心", make_credit_code(9004), "foundation", "320106", "60", "30"],  # 7
    ["城中区邻里互助会", "", "未登记社区社会组织", "630103", "", ""],  # 8 good
]


@pytest.fixture(autouse=True)
def regions(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads waiting between the admin's two steps
    return region_tree()


def write_csv(tmp_path, rows, headers=HEADERS, encoding="utf-8", name="organizations.csv"):
    target = tmp_path / name
    with target.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle).writerows([headers, *rows])
    return target


def run_import(target, *options):
    out = StringIO()
    call_command("import_organizations", str(target), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_dry_run_reports_each_bad_row_and_writes_nothing(tmp_path):
    output = run_import(write_csv(tmp_path, MIXED_ROWS))

    assert "Row 3, credit_code: The check character does not match" in output
    assert "Row 4, credit_code: This credit code already appears in row 2." in output
    assert "Row 5, legal_form: Unknown value “club”" in output
    assert "Row 6, region_code: No region has the code “999999”." in output
    assert (
        "Row 7, funding_government_pct: The funding sources must add up to 100% (or all be 0 "
        "if you do not know); they now add up to 90%." in output
    )
    assert "Row 2," not in output and "Row 8," not in output
    assert "7 rows, 2 valid, 5 with errors; 0 imported." in output
    assert not Organization.objects.exists()
    assert not Organization.history.exists()


def test_commit_with_bad_rows_imports_nothing(tmp_path):
    with pytest.raises(CommandError, match="Nothing was imported"):
        run_import(write_csv(tmp_path, MIXED_ROWS), "--commit")

    assert not Organization.objects.exists()
    assert not Organization.history.exists()


def test_bad_row_after_rows_already_copied_rolls_everything_back(tmp_path, monkeypatch):
    monkeypatch.setattr("organizations.importing.pinyin.CHUNK", 1)  # each good row goes out at once
    rows = [MIXED_ROWS[0], MIXED_ROWS[-1], MIXED_ROWS[1]]

    with pytest.raises(CommandError):
        run_import(write_csv(tmp_path, rows), "--commit")

    assert not Organization.objects.exists()
    assert not Organization.history.exists()
    OrganizationFactory()  # the connection is usable again


def test_commit_skip_invalid_imports_only_the_good_rows_with_derived_fields_and_history(tmp_path):
    output = run_import(write_csv(tmp_path, MIXED_ROWS), "--commit", "--skip-invalid")

    assert "2 imported" in output
    imported = {org.name_zh: org for org in Organization.objects.select_related("region")}
    assert set(imported) == {"鼓楼区阳光养老服务中心", "城中区邻里互助会"}
    center, group = imported["鼓楼区阳光养老服务中心"], imported["城中区邻里互助会"]
    assert center.name_pinyin == pinyin_of("鼓楼区阳光养老服务中心")
    assert (center.region.code, center.region_code, center.credit_code) == (
        "320106",
        "320106",
        GOOD_CODE,
    )
    assert (center.funding_government_pct, center.funding_foundations_pct) == (60, 40)
    assert (group.legal_form, group.credit_code, group.region_code) == (
        "community_group",
        None,
        "630103",
    )
    for organization in imported.values():
        organization.full_clean()
        record = organization.history.get()
        assert record.history_type == "+"
        assert record.history_change_reason == "imported from organizations.csv"
        assert record.name_zh == organization.name_zh
        assert record.region_code == organization.region_code


def test_clean_file_commits_everything_with_the_importing_user(tmp_path):
    user = UserFactory(email="officer@example.org")
    target = write_csv(tmp_path, [MIXED_ROWS[0], MIXED_ROWS[-1]])

    output = run_import(target, "--commit", "--user", "officer@example.org")

    assert "2 rows, 2 valid, 0 with errors; 2 imported." in output
    assert set(Organization.history.values_list("history_user", flat=True)) == {user.pk}


def test_credit_code_already_registered_is_refused(tmp_path):
    OrganizationFactory(credit_code=GOOD_CODE)

    output = run_import(write_csv(tmp_path, [MIXED_ROWS[0]]))

    assert (
        "Row 2, credit_code: An organization with this credit code is already registered." in output
    )


def test_community_group_with_a_credit_code_is_refused(tmp_path):
    rows = [["社区互助会", OTHER_CODE, "community_group", "320106", "", ""]]

    output = run_import(write_csv(tmp_path, rows))

    assert (
        "Row 2, credit_code: An unregistered community group has no credit code: "
        "leave the field empty." in output
    )


def test_registered_organization_without_a_credit_code_is_refused(tmp_path):
    rows = [["鼓楼区养老服务中心", "", "social_service_org", "320106", "", ""]]

    output = run_import(write_csv(tmp_path, rows))

    assert (
        "Row 2, credit_code: A registered organization needs its unified social credit code."
        in output
    )


def test_community_gives_urban_or_rural_when_the_row_leaves_it_open(tmp_path):
    Community.objects.create(
        region=region_tree()["chengzhong"], name_zh="南大街社区", area_type="urban"
    )
    headers = ["name_zh", "legal_form", "region_code", "community"]
    rows = [["南大街邻里互助会", "community_group", "630103", "南大街社区"]]
    rows.append(["北大街邻里互助会", "community_group", "630103", "北大街社区"])

    output = run_import(write_csv(tmp_path, rows, headers=headers), "--commit", "--skip-invalid")

    assert "Row 3, community: Region 630103 has no community “北大街社区”." in output
    organization = Organization.objects.get()
    assert (organization.community.name_zh, organization.area_type) == ("南大街社区", "urban")


def test_missing_required_column_stops_the_import(tmp_path):
    target = write_csv(tmp_path, [["鼓楼区阳光养老服务中心"]], headers=["name_zh"])

    with pytest.raises(CommandError):
        run_import(target, "--commit")

    assert not Organization.objects.exists()


def test_gbk_csv_with_chinese_headers_imports(tmp_path):
    Community.objects.create(region=region_tree()["gulou"], name_zh="宁海路社区", area_type="urban")
    headers = ["社会组织名称*", "统一社会信用代码", "组织类型", "行政区划代码", "所在社区", "城乡"]
    headers += ["服务领域", "服务对象", "成立登记日期", "评估等级", "年度预算（元）", "是否公开"]
    row = ["南京市鼓楼区爱心助老服务中心", GOOD_CODE, "民办非企业单位", "320106", "宁海路社区"]
    row += ["城市", "养老服务、助残", "老年人;残疾人", "2014年6月25日", "AAAA", "12,000.50", "是"]
    target = write_csv(tmp_path, [row], headers=headers, encoding="gbk", name="名单.csv")

    output = run_import(target, "--commit")

    assert "1 imported" in output
    organization = Organization.objects.get()
    assert organization.name_zh == "南京市鼓楼区爱心助老服务中心"
    assert organization.legal_form == "social_service_org"
    assert organization.community.name_zh == "宁海路社区"
    assert organization.area_type == "urban"
    assert organization.service_areas == ["elderly_care", "disability_services"]
    assert organization.beneficiary_groups == ["elderly", "people_with_disabilities"]
    assert organization.registration_date == datetime.date(2014, 6, 25)
    assert organization.mca_grade == "4A"
    assert organization.annual_budget_cny == Decimal("12000.50")
    assert organization.is_public is True
    assert organization.history.get().history_change_reason == "imported from 名单.csv"


def test_utf8_csv_with_byte_order_mark_imports(tmp_path):
    target = write_csv(tmp_path, [MIXED_ROWS[0]], encoding="utf-8-sig")

    assert "1 imported" in run_import(target, "--commit")
    assert Organization.objects.get().credit_code == GOOD_CODE


def test_xlsx_with_typed_cells_imports(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["社会组织名称", "统一社会信用代码", "组织类型", "行政区划代码", "成立登记日期"])
    sheet.append(
        ["城中区社会工作协会", OTHER_CODE, "社会团体", 630103, datetime.datetime(2012, 3, 1)]
    )
    sheet.append([None, None, None, None, None])
    sheet.append(["城中区志愿者服务队", None, "未登记社区社会组织", 630103, None])
    target = tmp_path / "organizations.xlsx"
    workbook.save(target)

    output = run_import(target, "--commit")

    assert "2 rows, 2 valid, 0 with errors; 2 imported." in output
    association = Organization.objects.get(credit_code=OTHER_CODE)
    assert (association.legal_form, association.region_code) == ("social_group", "630103")
    assert association.registration_date == datetime.date(2012, 3, 1)
    assert Organization.history.count() == 2


def test_xlsx_row_numbers_follow_the_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name_zh", "legal_form"])
    sheet.append(["好的协会", "social_group"])
    sheet.append([None, None])
    sheet.append(["", "social_group"])
    target = tmp_path / "organizations.xlsx"
    workbook.save(target)

    assert "Row 4, name_zh: This column is required." in run_import(target)


def test_large_files_take_the_bulk_path_with_pinyin_in_row_order(tmp_path, monkeypatch):
    # Pinyin from a pool of worker processes, GIN entries merged after the COPY.
    monkeypatch.setattr("organizations.importing.pinyin.PARALLEL_FROM", 1)
    monkeypatch.setattr("organizations.importing.pinyin.CHUNK", 2)
    monkeypatch.setattr("organizations.importing.loading.BULK_FROM", 1)
    # Repeated words and words read differently in different places (重庆, 长安, 银行).
    names = [
        "爱德基金会",
        "鼓楼区养老服务中心",
        "城中区围棋协会",
        "西宁市助残协会",
        "重庆长安行善会",
    ]
    names += ["南京青少年发展中心", "鼓楼区银行业志愿者协会", "长安区重阳敬老服务中心"]
    rows = [[name, "", "community_group", "320106", "", ""] for name in names]

    run_import(write_csv(tmp_path, rows), "--commit")

    stored = dict(Organization.objects.values_list("name_zh", "name_pinyin"))
    assert stored == {name: pinyin_of(name) for name in names}
    assert Organization.history.count() == len(names)


def test_service_reports_a_file_that_is_not_a_table(tmp_path):
    target = tmp_path / "broken.xlsx"
    target.write_bytes(b"PK\x03\x04 not really a workbook")

    with target.open("rb") as source:
        report = organizations_import(source=source, file_name="broken.xlsx", commit=True)

    assert report.file_errors == ["The file is not a readable XLSX workbook."]
    assert not Organization.objects.exists()


def test_the_counts_are_singular_for_one_row(tmp_path):
    output = run_import(write_csv(tmp_path, MIXED_ROWS[:1]))

    assert "organizations.csv: 1 row, 1 valid, 0 with errors; 0 imported." in output
    assert "1 rows" not in output
