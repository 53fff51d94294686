import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from organizations import exporting
from organizations.exporting import neutralise
from organizations.vocabularies import LegalForm
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import OrganizationFactory, region_tree

pytestmark = pytest.mark.django_db

CSV_URL = reverse("organizations:organization_export_csv")
XLSX_URL = reverse("organizations:organization_export_xlsx")
INJECTION = "=cmd|' /C calc'!A0"


@pytest.fixture
def organizations():
    regions = region_tree()
    return [
        OrganizationFactory(
            name_zh="南京市鼓楼区养老服务中心",
            name_en="Gulou Elderly Care Center",
            legal_form=LegalForm.SOCIAL_SERVICE_ORGANIZATION,
            service_areas=["elderly_care", "community_services"],
            region=regions["gulou"],
            contact_name=INJECTION,
            is_public=False,
        ),
        OrganizationFactory(
            name_zh="青海省围棋基金会",
            legal_form=LegalForm.FOUNDATION,
            region=regions["chengzhong"],
            contact_phone="+86 971 1234567",
        ),
    ]


def csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_holds_every_organization_with_chinese_names(staff_client, organizations):
    response = staff_client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert sorted(row["name (Chinese)"] for row in rows) == [
        "南京市鼓楼区养老服务中心",
        "青海省围棋基金会",
    ]
    gulou = next(row for row in rows if row["name (English)"] == "Gulou Elderly Care Center")
    assert gulou["legal form"] == "social service organization"
    assert gulou["service areas"] == "elderly care; community services"
    assert gulou["region code"] == "320106"
    assert (gulou["province"], gulou["city"], gulou["county or district"]) == (
        "Jiangsu Sheng",
        "Nanjing Shi",
        "Gulou Qu",
    )
    assert gulou["public profile"] == "no"


def test_csv_neutralises_formulas(staff_client, organizations):
    rows = csv_rows(staff_client.get(CSV_URL))
    gulou = next(row for row in rows if row["name (Chinese)"].startswith("南京"))
    qinghai = next(row for row in rows if row["name (Chinese)"].startswith("青海"))
    assert gulou["contact person"] == "'" + INJECTION
    assert qinghai["contact phone"] == "'+86 971 1234567"


def test_csv_respects_the_directory_filters(staff_client, organizations):
    rows = csv_rows(staff_client.get(CSV_URL, {"province": "630000"}))
    assert [row["name (Chinese)"] for row in rows] == ["青海省围棋基金会"]
    rows = csv_rows(staff_client.get(CSV_URL, {"q": "养老"}))
    assert [row["name (Chinese)"] for row in rows] == ["南京市鼓楼区养老服务中心"]
    rows = csv_rows(staff_client.get(CSV_URL, {"legal_form": "foundation"}))
    assert [row["name (Chinese)"] for row in rows] == ["青海省围棋基金会"]


def test_xlsx_opens_and_holds_the_rows(staff_client, organizations):
    response = staff_client.get(XLSX_URL, {"sort": "-name"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    header, *data = rows
    name = header.index("name (Chinese)")
    assert [row[name] for row in data] == ["青海省围棋基金会", "南京市鼓楼区养老服务中心"]
    contact = header.index("contact person")
    # Shown as typed, with the "quote prefix" style instead of an apostrophe: never a formula.
    assert data[1][contact] == INJECTION
    cell = workbook.active.cell(row=3, column=contact + 1)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (CSV_URL, XLSX_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_users_without_a_staff_role_are_refused(client, organizations):
    client.force_login(UserFactory())
    for url in (CSV_URL, XLSX_URL):
        assert client.get(url).status_code == 403
    reviewer = CenterMembershipFactory(role="reviewer").user
    client.force_login(reviewer)
    assert client.get(CSV_URL).status_code == 403


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("安全", "安全"),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_export_beyond_the_immediate_limit_runs_as_a_job(staff_client, organizations, monkeypatch):
    monkeypatch.setattr(exporting, "EXPORT_IMMEDIATE_MAX_ROWS", 1)
    monkeypatch.setattr("organizations.views.export.EXPORT_IMMEDIATE_MAX_ROWS", 1)
    response = staff_client.get(XLSX_URL, {"legal_form": "foundation"})
    assert response.status_code == 200  # one foundation: within the limit
    response = staff_client.get(XLSX_URL, {"sort": "-name"})
    assert response.status_code == 302
    assert response["Location"].startswith("/files/")
