"""What Excel, WPS and database exports do to a sheet, recognised for what it is."""

import csv
import datetime
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.utils import translation

from organizations.importing import organizations_import
from organizations.importing.fields import parse_credit_code
from organizations.importing.service import validator_for
from organizations.models import Organization
from tests.organizations.factories import make_credit_code, region_tree

pytestmark = pytest.mark.django_db

CODE = make_credit_code(5001)
EXCEL_NUMBER = "Excel stored the code as a number and lost digits"
VALID_ENDING_IN_000 = "513201060000000000"
VALID_ALL_DIGITS = "513201060000000013"


@pytest.fixture(autouse=True)
def regions():
    return region_tree()


def csv_bytes(rows, encoding="utf-8") -> bytes:
    handle = __import__("io").StringIO()
    csv.writer(handle).writerows(rows)
    return handle.getvalue().encode(encoding)


def xlsx_bytes(rows, merged=()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    target = BytesIO()
    workbook.save(target)
    return target.getvalue()


def import_bytes(content, *, commit=True, **options):
    return organizations_import(
        source=BytesIO(content), file_name="sheet", commit=commit, **options
    )


def errors_of(report):
    return [(error.row, error.column, error.message) for error in report.errors]


# Credit codes stored as numbers


@pytest.mark.parametrize(
    "cell",
    ["5.23201E+17", "5.23201060100003E+17", "523201060100003000.0", "523201060100045000"],
)
def test_credit_code_written_by_excel_as_a_number_in_a_csv(cell):
    report = import_bytes(
        csv_bytes([["name_zh", "credit_code", "legal_form"], ["甲协会", cell, "社会团体"]])
    )

    [(row, column, message)] = errors_of(report)
    assert (row, column) == (2, "credit_code")
    assert EXCEL_NUMBER in message and "format the column as text" in message


@pytest.mark.parametrize(
    "cell", [523201060100003000, 5.23201060100045e17, float(VALID_ENDING_IN_000)]
)
def test_credit_code_in_a_number_cell_is_refused_even_when_the_damage_passes_the_check(cell):
    report = import_bytes(
        xlsx_bytes([["名称", "统一社会信用代码", "组织类型"], ["甲协会", cell, "社会团体"]])
    )

    [(row, column, message)] = errors_of(report)
    assert (row, column) == (2, "统一社会信用代码")
    assert EXCEL_NUMBER in message


def test_an_exact_all_digit_code_in_a_number_cell_is_accepted():
    """Only a program writes 18 exact digits into a number cell (openpyxl itself does not)."""
    assert parse_credit_code(int(VALID_ALL_DIGITS)) == VALID_ALL_DIGITS


def test_all_digit_code_ending_in_000_is_imported_with_a_warning():
    content = csv_bytes(
        [["name_zh", "credit_code", "legal_form"], ["甲协会", VALID_ENDING_IN_000, "社会团体"]]
    )

    report = import_bytes(content)

    assert report.imported == 1
    [warning] = report.warnings
    assert (warning.row, warning.column) == (2, "credit_code")
    assert "ends in 000" in warning.message


def test_full_width_credit_code_is_folded():
    full_width = CODE.translate({ord(c): ord(c) + 0xFEE0 for c in CODE})
    content = csv_bytes(
        [["name_zh", "credit_code", "legal_form"], ["甲协会", full_width, "社会团体"]]
    )

    assert import_bytes(content).imported == 1
    assert Organization.objects.get().credit_code == CODE


# Merged cells


def test_merged_cells_are_filled_down_in_any_column():
    rows = [
        ["名称", "组织类型", "行政区划代码", "服务领域"],
        ["甲互助会", "未登记社区社会组织", "630103", "养老服务"],
        ["乙互助会", None, None, None],
        ["丙互助会", "社会团体", "320106", None],
    ]

    report = import_bytes(xlsx_bytes(rows, merged=["B2:B3", "C2:C3", "D2:D4"]), skip_invalid=True)

    assert all(ref in report.file_warnings[0] for ref in ("B2:B3", "C2:C3", "D2:D4"))
    stored = {org.name_zh: org for org in Organization.objects.all()}
    second = stored["乙互助会"]
    assert (second.legal_form, second.region_code) == ("community_group", "630103")
    assert second.service_areas == ["elderly_care"]
    # The third row keeps its own legal form; as a social group it needs a credit code.
    assert errors_of(report) == [
        (
            4,
            "Unified social credit code",
            "A registered organization needs its unified social credit code.",
        )
    ]


def test_cells_merged_across_columns_are_named_in_a_warning():
    rows = [
        ["名称", "组织类型", "地址", "联系人"],
        ["甲互助会", "未登记社区社会组织", "城中区南大街 1 号", None],
    ]

    report = import_bytes(xlsx_bytes(rows, merged=["C2:D2"]))

    assert report.imported == 1
    assert any("C2:D2" in warning for warning in report.file_warnings)


# Headers


@pytest.mark.parametrize(
    "headers",
    [
        ["社会组织名称\nOrganization name", "组织类型\nLegal form"],
        ["名称 Name", "组织类型 Legal form"],
        ["名称（Name）", "组织类型(Legal form)"],
        ["Name / 名称", "Legal form / 组织类型"],
        ["Organization name", "Legal form"],
        ["\ufeff名称*", " 组织类型\u00a0"],
        ["name (Chinese)", "legal form"],
        ["中文名称", "组织类型"],
    ],
)
def test_header_names_its_column_on_any_line_or_in_either_language(headers):
    report = import_bytes(csv_bytes([headers, ["甲互助会", "未登记社区社会组织"]]))

    assert report.file_errors == [] and report.ignored_columns == []
    assert Organization.objects.get().name_zh == "甲互助会"


def test_header_below_a_title_row_is_found_and_rows_keep_their_numbers():
    rows = [
        ["2024年鼓楼区社会组织名单", None, None],
        [None, None, None],
        ["社会组织名称", "组织类型", "行政区划代码"],
        ["甲互助会", "未登记社区社会组织", "320106"],
        ["乙互助会", "俱乐部", "320106"],
    ]

    report = import_bytes(xlsx_bytes(rows, merged=["A1:C1"]), skip_invalid=True)

    assert report.header_row == 3
    assert report.imported == 1
    assert [(row, column) for row, column, _message in errors_of(report)] == [(5, "组织类型")]
    assert report.file_warnings == []  # the merged title is not data


def test_csv_header_below_a_title_line():
    content = csv_bytes(
        [["组织名单"], ["名称", "组织类型"], ["甲互助会", "未登记社区社会组织"]], "gbk"
    )

    report = import_bytes(content)

    assert (report.header_row, report.imported) == (2, 1)


def test_missing_column_lists_the_headers_read_and_their_row():
    content = csv_bytes([["说明"], ["名称", "电话"], ["甲互助会", "025-1234"]])

    report = import_bytes(content)

    assert report.file_errors[0] == "The file needs a column “Legal form” (or “组织类型”)."
    assert report.file_errors[-1] == "The headers read, from row 2: “名称”; “电话”."
    assert not Organization.objects.exists()


# Dates


@pytest.mark.parametrize(
    "cell",
    [
        "2014-06-25 00:00:00",
        "2014/6/25 0:00",
        "2014-06-25T00:00:00",
        "2014-06-25 00:00",
        "20140625",
        "２０１４年６月２５日",
        datetime.datetime(2014, 6, 25),
        datetime.date(2014, 6, 25),
    ],
)
def test_dates_at_midnight_are_dates(cell):
    rows = [["名称", "组织类型", "成立登记日期"], ["甲互助会", "未登记社区社会组织", cell]]

    assert import_bytes(xlsx_bytes(rows)).imported == 1
    assert Organization.objects.get().registration_date == datetime.date(2014, 6, 25)


@pytest.mark.parametrize(
    "cell", ["2014-06-25 10:30", "2014/6/25 9:05:00", datetime.datetime(2014, 6, 25, 10, 30)]
)
def test_a_time_of_day_in_a_date_column_is_refused(cell):
    rows = [["名称", "组织类型", "成立登记日期"], ["甲互助会", "未登记社区社会组织", cell]]

    [(row, column, message)] = errors_of(import_bytes(xlsx_bytes(rows)))

    assert (row, column) == (2, "成立登记日期")
    assert "has a time of day" in message


# Numbers, shares, yes and no


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,200,000", 1200000),
        ("１２００", 1200),
        ("1 200", 1200),
        ("1200.0", 1200),
        (1200.0, 1200),
        ("１，２００", 1200),
    ],
)
def test_counts_as_people_write_them(cell, expected):
    rows = [["名称", "组织类型", "志愿者人数"], ["甲互助会", "未登记社区社会组织", cell]]

    assert import_bytes(xlsx_bytes(rows)).imported == 1
    assert Organization.objects.get().volunteers == expected


def test_a_fraction_of_a_person_is_refused():
    rows = [["名称", "组织类型", "志愿者人数"], ["甲互助会", "未登记社区社会组织", "12.5"]]

    [(row, column, message)] = errors_of(import_bytes(csv_bytes(rows)))
    assert (row, column, message) == (2, "志愿者人数", "“12.5” is not a whole number.")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("¥1,200,000.50", Decimal("1200000.50")),
        ("１２００元", Decimal("1200")),
        (1200.5, Decimal("1200.50")),
    ],
)
def test_amounts_as_people_write_them(cell, expected):
    rows = [["名称", "组织类型", "年度预算（元）"], ["甲互助会", "未登记社区社会组织", cell]]

    assert import_bytes(xlsx_bytes(rows)).imported == 1
    assert Organization.objects.get().annual_budget_cny == expected


@pytest.mark.parametrize(
    "shares",
    [
        ("30%", "70%"),
        ("３０％", "７０％"),
        (0.3, 0.7),
        (1 - 0.7, 0.7),
        ("0.3", "0.7"),
        (30, 70),
        ("30 %", "70"),
    ],
)
def test_funding_shares_as_percentages_or_fractions(shares):
    rows = [
        ["名称", "组织类型", "政府购买服务（%）", "基金会资助（%）"],
        ["甲互助会", "未登记社区社会组织", *shares],
    ]

    assert import_bytes(xlsx_bytes(rows)).imported == 1
    organization = Organization.objects.get()
    assert (organization.funding_government_pct, organization.funding_foundations_pct) == (30, 70)


def test_a_whole_share_formatted_as_a_percentage_is_one_hundred():
    rows = [
        ["名称", "组织类型", "政府购买服务（%）", "基金会资助（%）"],
        ["甲互助会", "未登记社区社会组织", 1, 0],
    ]

    assert import_bytes(xlsx_bytes(rows)).imported == 1
    assert Organization.objects.get().funding_government_pct == 100


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        (("30%", "0.7"), "Write every share of the row the same way"),
        (("33.5%", "66.5%"), "is not a whole percentage"),
        (("0.335", "0.665"), "is not a whole percentage"),
        (("1%", "0"), "add up to 1%"),
    ],
)
def test_funding_shares_that_cannot_be_read_are_refused(shares, message):
    rows = [
        ["名称", "组织类型", "政府购买服务（%）", "基金会资助（%）"],
        ["甲互助会", "未登记社区社会组织", *shares],
    ]

    errors = errors_of(import_bytes(csv_bytes(rows)))

    assert errors
    for row, column, text in errors:
        assert row == 2 and column in ("政府购买服务（%）", "基金会资助（%）")
        assert message in text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("是", True),
        ("否", False),
        ("yes", True),
        ("NO", False),
        ("TRUE", True),
        ("1", True),
        ("0", False),
        (True, True),
        (False, False),
        ("ＹＥＳ", True),
    ],
)
def test_yes_and_no_in_their_usual_forms(cell, expected):
    rows = [["名称", "组织类型", "公开展示"], ["甲互助会", "未登记社区社会组织", cell]]

    assert import_bytes(xlsx_bytes(rows)).imported == 1
    assert Organization.objects.get().is_public is expected


def test_spaces_and_non_breaking_spaces_around_values_are_dropped():
    rows = [
        ["名称", "组织类型", "行政区划代码"],
        ["\u00a0甲互助会 \u3000", " 未登记社区社会组织\u00a0", " 630103 "],
    ]

    assert import_bytes(csv_bytes(rows)).imported == 1
    organization = Organization.objects.get()
    assert (organization.name_zh, organization.region_code) == ("甲互助会", "630103")


# Control characters and derived columns


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f"])
def test_control_characters_are_a_row_error(character):
    rows = [
        ["名称", "组织类型", "地址"],
        ["甲互助会", "未登记社区社会组织", f"南大街{character}1 号"],
        ["乙互助会", "未登记社区社会组织", "南大街 2 号"],
    ]

    report = import_bytes(csv_bytes(rows), skip_invalid=True)

    [(row, column, message)] = errors_of(report)
    assert (row, column) == (2, "地址")
    assert f"U+{ord(character):04X}" in message
    assert list(Organization.objects.values_list("name_zh", flat=True)) == ["乙互助会"]


def test_a_name_whose_pinyin_would_overflow_its_column_fails_the_dry_run(monkeypatch):
    field = Organization._meta.get_field("name_pinyin")
    monkeypatch.setattr(field, "max_length", 60)
    rows = [
        ["名称", "组织类型"],
        ["南京市鼓楼区阳光助老志愿者服务队", "未登记社区社会组织"],
        ["甲互助会", "未登记社区社会组织"],
    ]

    dry_run = import_bytes(csv_bytes(rows), commit=False)

    [(row, column, message)] = errors_of(dry_run)
    assert (row, column) == (2, "名称")
    assert "too long to be stored with its pinyin" in message
    assert dry_run.valid == 1


def test_tab_separated_file_with_a_title_line():
    content = "组织名单\n名称\t组织类型\n甲互助会\t未登记社区社会组织\n".encode()

    report = import_bytes(content)

    assert (report.header_row, report.imported) == (2, 1)


def delimited(rows, delimiter) -> bytes:
    handle = __import__("io").StringIO()
    csv.writer(handle, delimiter=delimiter).writerows(rows)
    return handle.getvalue().encode()


DELIMITED_ROWS = [
    ["名称", "组织类型", "服务领域", "简介"],
    ["甲互助会", "未登记社区社会组织", "养老服务", "助老, 送餐"],
    ["乙互助会", "未登记社区社会组织", "", "邻里互助"],
]


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
def test_semicolon_and_tab_separated_files_are_read(delimiter):
    report = import_bytes(delimited(DELIMITED_ROWS, delimiter))

    assert (report.imported, errors_of(report)) == (2, [])
    first = Organization.objects.get(name_zh="甲互助会")
    assert (first.service_areas, first.description) == (["elderly_care"], "助老, 送餐")


def test_semicolon_file_saved_by_excel_in_gbk_with_a_title_line():
    content = "组织名单;;\r\n名称;组织类型;简介\r\n甲互助会;社区社会组织;老人, 儿童\r\n".encode(
        "gbk"
    )

    report = import_bytes(content)

    assert (report.header_row, report.imported) == (2, 1)
    assert Organization.objects.get().description == "老人, 儿童"


def test_a_comma_file_with_semicolons_inside_quoted_cells_stays_a_comma_file():
    rows = [
        ["名称", "组织类型", "简介"],
        ["甲互助会", "未登记社区社会组织", "助老;送餐;陪诊;理发;读报"],
        ["乙互助会", "未登记社区社会组织", "助老;送餐, 陪诊;理发;读报"],
    ]

    report = import_bytes(csv_bytes(rows))

    assert (report.imported, errors_of(report)) == (2, [])
    assert set(Organization.objects.values_list("description", flat=True)) == {
        "助老;送餐;陪诊;理发;读报",
        "助老;送餐, 陪诊;理发;读报",
    }


@pytest.mark.parametrize(
    "names",
    [
        ("江苏省", "南京市", "鼓楼区"),
        ("Jiangsu Sheng", "Nanjing Shi", "Gulou Qu"),
        ("江苏省", "", "鼓楼区"),
        ("Jiangsu", "Nanjing", "Gulou"),
        ("江苏", "南京", "鼓楼"),
    ],
)
def test_a_row_may_name_its_region_instead_of_giving_the_code(names):
    rows = [
        ["名称", "组织类型", "省份", "地市", "区县"],
        ["甲互助会", "未登记社区社会组织", *names],
    ]

    assert import_bytes(csv_bytes(rows)).imported == 1
    assert Organization.objects.get().region_code == "320106"


def test_a_region_name_that_does_not_exist_is_named():
    rows = [
        ["名称", "组织类型", "省份", "地市"],
        ["甲互助会", "未登记社区社会组织", "江苏省", "西宁市"],
    ]

    assert errors_of(import_bytes(csv_bytes(rows))) == [
        (2, "地市", "No region “西宁市” in 江苏省.")
    ]


def test_credit_code_with_spaces_inside_is_read():
    spaced = " ".join([CODE[:6], CODE[6:12], CODE[12:]])
    content = csv_bytes([["name_zh", "credit_code", "legal_form"], ["甲协会", spaced, "社会团体"]])

    assert import_bytes(content).imported == 1
    assert Organization.objects.get().credit_code == CODE


def test_excel_unicode_text_is_read():
    content = "名称\t组织类型\t志愿者人数\n甲互助会\t未登记社区社会组织\t12人\n".encode("utf-16")

    assert import_bytes(content).imported == 1
    assert Organization.objects.get().volunteers == 12


@pytest.mark.parametrize(
    ("cell", "expected"), [("120万元", Decimal("1200000")), ("12.5万", Decimal("125000"))]
)
def test_budgets_in_ten_thousands(cell, expected):
    rows = [["名称", "组织类型", "年度预算（元）"], ["甲互助会", "未登记社区社会组织", cell]]

    assert import_bytes(csv_bytes(rows)).imported == 1
    assert Organization.objects.get().annual_budget_cny == expected


def test_zero_width_characters_around_a_coded_value_are_ignored():
    rows = [["名称", "组织类型"], ["甲互助会", "\u200b未登记社区社会组织\ufeff"]]

    assert import_bytes(csv_bytes(rows)).imported == 1


def test_the_sheet_with_the_list_is_read_after_a_sheet_of_instructions():
    workbook = openpyxl.Workbook()
    workbook.active.title = "填表说明"
    workbook.active.append(["请按模板填写，组织类型见下拉列表。"])
    data = workbook.create_sheet("名单")
    data.append(["名称", "组织类型"])
    data.append(["甲互助会", "未登记社区社会组织"])
    target = BytesIO()
    workbook.save(target)

    report = import_bytes(target.getvalue())

    assert report.imported == 1
    assert report.file_warnings == ["Only the sheet “名单” was read; not read: 填表说明."]


def test_an_old_excel_file_is_named_as_such():
    report = import_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)

    assert report.file_errors[0].startswith("This is an old-style Excel file (.xls)")


@pytest.mark.parametrize(
    "cell", ["2013", "2013年", "２０１３年", 2013, "2013-05-01", datetime.date(2013, 5, 1)]
)
def test_year_founded_as_people_write_it(cell):
    rows = [["名称", "组织类型", "成立年份"], ["甲互助会", "未登记社区社会组织", cell]]

    assert import_bytes(xlsx_bytes(rows)).imported == 1
    assert Organization.objects.get().founded_year == 2013


# Columns named as the file would name them


def test_missing_column_is_named_by_its_header_in_chinese():
    content = csv_bytes([["名称", "电话"], ["甲互助会", "025-1234"]])

    with translation.override("zh-hans"):
        report = import_bytes(content)

    assert "legal_form" not in report.file_errors[0]
    assert "“组织类型”" in report.file_errors[0]


def test_a_rule_on_a_column_the_file_lacks_names_the_column_by_its_header():
    report = import_bytes(csv_bytes([["名称", "组织类型"], ["甲协会", "社会团体"]]))

    assert [(row, column) for row, column, _message in errors_of(report)] == [
        (2, "Unified social credit code")
    ]


def test_a_refused_row_names_a_column_the_file_lacks_by_its_header():
    validator = validator_for(["名称", "组织类型"])

    assert validator.label_of("name_pinyin") == "名称"
    assert validator.label_of("credit_code") == "Unified social credit code"
    assert validator.label_of("organizations_organization_credit_code_key") == (
        "Unified social credit code"
    )
    with translation.override("zh-hans"):
        assert validator.label_of("region_id") == "行政区划代码"
