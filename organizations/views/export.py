"""The directory as a spreadsheet, for staff: same filters and order as the page, every row.

CSV streams, with a byte-order mark so Excel reads the Chinese as UTF-8. XLSX is written in
openpyxl's write-only mode to a temporary file; it is slower to build, so it has a row limit and
the page offers CSV beyond it. Rows are read as plain values (no model instances) and coded
values translated once per export: a national CSV is 400,000 rows.
"""

import csv
import datetime
import tempfile
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.postgres.fields import ArrayField
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ngo_portal.models import Region
from ngo_portal.permissions import require

from ..models import Organization
from ..permissions import can_export_organizations
from ..selectors import organization_count_capped, organization_list
from ..vocabularies import FUNDING_SOURCES

CHUNK_SIZE = 2000
CSV_ROWS_PER_WRITE = 500
XLSX_MAX_ROWS = 20_000
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

FIELDS = [
    *("name_zh", "name_en", "credit_code", "legal_form", "registration_authority"),
    *("supervising_unit", "registration_date", "mca_grade", "mca_grade_expires", "region_code"),
    *("province", "city", "county", "community", "area_type", "address", "service_areas"),
    *("beneficiary_groups", "founded_year", "staff_full_time", "staff_part_time", "volunteers"),
    *("annual_budget_cny", *(field for field, _label in FUNDING_SOURCES), "growth_stage"),
    *("contact_name", "contact_phone", "contact_email", "website", "is_public", "verified_at"),
]
REGION_COLUMNS = {
    "province": (Region.Level.PROVINCE, gettext_lazy("province")),
    "city": (Region.Level.CITY, pgettext_lazy("administrative division", "city")),
    "county": (Region.Level.COUNTY, gettext_lazy("county or district")),
}
READ = [
    *(name for name in FIELDS if name not in REGION_COLUMNS and name != "community"),
    *("region_id", "community__name_zh", "community__name_en"),
]


def neutralise(value):
    """'=cmd|...' → "'=cmd|...": the leading apostrophe makes a spreadsheet show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class Export:
    """Headers and rows in the active language, for the organizations of one request."""

    def __init__(self, organizations):
        self.organizations = organizations.values(*READ)
        self.chinese = translation.get_language() == "zh-hans"
        self.labels = {
            field.name: {code: str(label) for code, label in self._choices(field)}
            for field in Organization._meta.fields
            if self._choices(field)
        }
        self.regions = {
            pk: (level, name_zh if self.chinese else name_en, parent)
            for pk, level, name_zh, name_en, parent in Region.objects.values_list(
                "pk", "level", "name_zh", "name_en", "parent_id"
            )
        }
        self.yes_no = {True: _("yes"), False: _("no")}

    @staticmethod
    def _choices(field):
        base = field.base_field if isinstance(field, ArrayField) else field
        return base.choices or []

    def header(self) -> list[str]:
        names = []
        for name in FIELDS:
            if name in REGION_COLUMNS:
                names.append(str(REGION_COLUMNS[name][1]))
            else:
                names.append(str(Organization._meta.get_field(name).verbose_name))
        return names

    def rows(self) -> Iterator[list]:
        for row in self.organizations.iterator(chunk_size=CHUNK_SIZE):
            yield [_cell(self.value(row, name)) for name in FIELDS]

    def value(self, row: dict, name: str):
        if name in REGION_COLUMNS:
            return self.region_name(row["region_id"], REGION_COLUMNS[name][0])
        if name == "community":
            chinese = row["community__name_zh"]
            return chinese if self.chinese else (row["community__name_en"] or chinese)
        if name == "is_public":
            return self.yes_no[row[name]]
        value = row[name]
        labels = self.labels.get(name)
        if labels is None:
            return value
        if isinstance(value, list):
            return "; ".join(labels.get(code, code) for code in value)
        return labels.get(value, value)

    def region_name(self, pk, level) -> str:
        while pk is not None:
            region_level, name, parent = self.regions.get(pk, (None, "", None))
            if region_level == level:
                return name
            pk = parent
        return ""


def _cell(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if value is None:
        return ""
    return neutralise(value)


def _filename(extension: str) -> str:
    return f"organizations-{timezone.localdate():%Y%m%d}.{extension}"


def _organizations(request):
    return organization_list(user=request.user, filters=request.GET)


class _Line:
    """csv.writer's file: hands back each line instead of storing it."""

    def write(self, line: str) -> str:
        return line


def _csv_chunks(organizations, language: str) -> Iterator[str]:
    # The response streams after the view returns: keep the request's language meanwhile.
    with translation.override(language):
        export = Export(organizations)
        writer = csv.writer(_Line())
        yield "\ufeff" + writer.writerow(export.header())
        lines = []
        for row in export.rows():
            lines.append(writer.writerow(row))
            if len(lines) >= CSV_ROWS_PER_WRITE:
                yield "".join(lines)
                lines = []
        yield "".join(lines)


@require(can_export_organizations)
def organization_export_csv(request):
    chunks = _csv_chunks(_organizations(request), translation.get_language())
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _xlsx_text(value):
    # Control characters make openpyxl refuse the whole file.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


@require(can_export_organizations)
def organization_export_xlsx(request):
    organizations = _organizations(request)
    if organization_count_capped(organizations, cap=XLSX_MAX_ROWS) > XLSX_MAX_ROWS:
        messages.error(
            request,
            _(
                "More than %(limit)s organizations match: narrow the filters for an XLSX file, "
                "or export CSV, which Excel opens too."
            )
            % {"limit": f"{XLSX_MAX_ROWS:,}"},
        )
        return redirect(f"{reverse('organizations:organization_list')}?{request.GET.urlencode()}")
    export = Export(organizations)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Organizations"))
    sheet.append(export.header())
    for row in export.rows():
        sheet.append([_xlsx_text(value) for value in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
