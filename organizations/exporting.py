"""The directory as a spreadsheet: headers, rows and the CSV/XLSX writers, for a view or a worker.

Rows are read as plain values (no model instances) in chunks, and coded values translated once
per export: a national CSV is 400,000 rows, and memory stays flat whatever the size. Small
exports stream straight from the view; larger ones run as a job ("organizations.export") that
writes the same file to a temporary file and stores it through the storage API.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula.
Every text cell is cleaned of control characters first (they could hide such a start), then: in
CSV, a leading apostrophe makes it text; in XLSX, the cell is written as a string cell with the
"quote prefix" style, so it shows as typed and never becomes a formula.
"""

import codecs
import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter

from django.contrib.postgres.fields import ArrayField
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ngo_portal.models import Region

from .models import Organization
from .vocabularies import FUNDING_SOURCES

CHUNK_SIZE = 2000
ROWS_PER_WRITE = 500
# A directory export beyond this many rows runs as a job; a smaller one answers at once.
EXPORT_IMMEDIATE_MAX_ROWS = 5000
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

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


def clean_text(value):
    """Control characters removed: openpyxl refuses them, and they can hide a formula's start."""
    if type(value) is not str or value.isprintable():  # isprintable: the fast common case
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise(value):
    """For CSV: '=cmd|...' → "'=cmd|...", after cleaning; the apostrophe makes it text."""
    value = clean_text(value)
    return "'" + value if is_formula_like(value) else value


class Export:
    """Headers and rows in the active language, for a queryset of organizations."""

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
        # One reader per column, chosen once: the loop below runs 40 times per organization.
        readers = [self.reader(name) for name in FIELDS]
        for row in self.organizations.iterator(chunk_size=CHUNK_SIZE):
            yield [_plain(read(row)) for read in readers]

    def reader(self, name: str) -> Callable[[dict], object]:
        if name in REGION_COLUMNS:
            level = REGION_COLUMNS[name][0]
            return lambda row: self.region_name(row["region_id"], level)
        if name == "community":
            if self.chinese:
                return itemgetter("community__name_zh")
            return lambda row: row["community__name_en"] or row["community__name_zh"]
        if name == "is_public":
            return lambda row: self.yes_no[row[name]]
        labels = self.labels.get(name)
        if labels is None:
            return itemgetter(name)
        return lambda row: self.label(labels, row[name])

    def value(self, row: dict, name: str):
        return self.reader(name)(row)

    @staticmethod
    def label(labels: dict, value):
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


def _plain(value):
    if value is None:
        return ""
    if type(value) is datetime.datetime:
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    return value


def export_file_name(extension: str) -> str:
    return f"organizations-{timezone.localdate():%Y%m%d}.{extension}"


class _Line:
    """csv.writer's file: hands back each line instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_chunks(header: list, rows: Iterable[list]) -> Iterator[str]:
    """The CSV text in pieces of ROWS_PER_WRITE rows, with a byte-order mark for Excel."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([neutralise(value) for value in header])
    lines = []
    for row in rows:
        lines.append(writer.writerow([neutralise(value) for value in row]))
        if len(lines) >= ROWS_PER_WRITE:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def write_csv(target, header: list, rows: Iterable[list]) -> None:
    """CSV into the binary file `target`, piece by piece."""
    encode = codecs.getincrementalencoder("utf-8")().encode
    for chunk in csv_chunks(header, rows):
        target.write(encode(chunk))


def write_xlsx(target, header: list, rows: Iterable[list], *, title: str) -> None:
    """XLSX into the binary file `target` (openpyxl's write-only mode keeps memory flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(clean_text(title)[:31])
    sheet.append([_xlsx_value(sheet, value) for value in header])
    for row in rows:
        sheet.append([_xlsx_value(sheet, value) for value in row])
    workbook.save(target)


def _xlsx_value(sheet, value):
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=clean_text(value))
    # openpyxl types a text starting with "=" as a formula: every text cell is a string cell.
    cell.data_type = "s"
    if is_formula_like(cell.value):
        cell.quotePrefix = True
    return cell


def counted(rows: Iterable[list], on_rows: Callable[[int], None], every: int = ROWS_PER_WRITE):
    """The rows unchanged, calling `on_rows(n)` after every `every` rows and at the end."""
    pending = 0
    for row in rows:
        yield row
        pending += 1
        if pending >= every:
            on_rows(pending)
            pending = 0
    on_rows(pending)


def organizations_export_write(target, organizations, *, file_format: str, on_rows=None) -> None:
    """Write the organizations as CSV or XLSX into the binary file `target`."""
    export = Export(organizations)
    rows = export.rows() if on_rows is None else counted(export.rows(), on_rows)
    if file_format == "xlsx":
        write_xlsx(target, export.header(), rows, title=_("Organizations"))
    else:
        write_csv(target, export.header(), rows)
