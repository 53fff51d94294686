"""Importing organizations from a center's spreadsheet: a dry run by default, all or nothing.

One pass reads and validates every row. When committing, the good rows stream into COPY inside
one transaction as they are validated; at the end the transaction commits if the file was clean
or bad rows may be skipped, and rolls back otherwise.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from ngo_portal.models import Community, Region

from ..models import Organization
from .columns import header_lookup
from .loading import OrganizationLoader
from .reading import UnreadableFile, open_table
from .validation import (
    HeaderError,
    RowError,
    RowValidator,
    RowWarning,
    header_score,
    region_name_key,
)

# A report keeps this many row errors (and warnings) in detail; beyond that it only counts them.
MAX_DETAILED_ERRORS = 1000
PROGRESS_EVERY = 1000
# With --skip-invalid, a row the database refuses is left out and the import runs again (reading
# the codes in use afresh, so codes registered meanwhile are all caught in the next pass); a file
# whose rows keep being refused one by one is given up after this many.
MAX_REFUSED_ROWS = 100


@dataclass
class ImportReport:
    file_name: str
    rows: int = 0
    valid: int = 0
    invalid: int = 0
    imported: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    estimated_rows: int = 0
    # Imported as they are, but worth a look: filled merged cells, suspicious codes.
    warnings: list[RowWarning] = field(default_factory=list)
    file_warnings: list[str] = field(default_factory=list)
    header_row: int = 1

    @property
    def is_clean(self) -> bool:
        return not self.file_errors and not self.invalid

    def add_errors(self, errors: list[RowError]) -> None:
        self.invalid += 1
        self.error_count += len(errors)
        room = MAX_DETAILED_ERRORS - len(self.errors)
        self.errors.extend(errors[: max(room, 0)])

    def add_warnings(self, warnings: list[RowWarning]) -> None:
        room = MAX_DETAILED_ERRORS - len(self.warnings)
        self.warnings.extend(warnings[: max(room, 0)])


def history_reason(file_name: str) -> str:
    return f"imported from {file_name}"


def validator_for(headers, *, header_row: int = 1, lookup=None) -> RowValidator:
    """The lookups every row needs, read once: regions, communities, credit codes in use."""
    regions = Region.objects.values_list("pk", "code", "parent_id", "name_zh", "name_en")
    communities = {}
    for pk, region_id, name_zh, name_en, area_type in Community.objects.values_list(
        "pk", "region_id", "name_zh", "name_en", "area_type"
    ):
        if name_en:
            communities.setdefault((region_id, name_en), (pk, area_type))
        communities[(region_id, name_zh)] = (pk, area_type)
    region_names = {}
    for pk, code, parent_id, name_zh, name_en in regions:
        for name in (name_en, name_zh):
            if name:
                region_names.setdefault((parent_id, region_name_key(name)), (code, pk))
    return RowValidator(
        headers,
        regions={code: pk for pk, code, *_names in regions},
        communities=communities,
        region_names=region_names,
        taken_codes=set(
            Organization.objects.exclude(credit_code=None).values_list("credit_code", flat=True)
        ),
        header_row=header_row,
        lookup=lookup,
    )


def organizations_import(
    *,
    source,
    file_name: str,
    commit: bool = False,
    skip_invalid: bool = False,
    encoding: str = "auto",
    user=None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate every row of `source`; with `commit`, import them in one transaction.

    Nothing is written unless `commit` is set and either every row is valid or `skip_invalid`
    allows leaving the bad ones out. Each organization gets a "+" history row naming the file.
    A row the database refuses although it passed validation is reported as that row's error;
    with `skip_invalid` the import then runs again without it, so the good rows are never lost.
    `on_start(estimated rows)` and `on_progress(rows done)` drive a progress bar.
    """
    refused: dict[int, RowError] = {}
    while True:
        report, table, validator = _open(source, file_name, encoding)
        if table is None:
            return report
        if on_start:
            on_start(table.estimated_rows)
            on_start = None
        if not commit:
            _read_rows(table, validator, report, on_progress)
            return report
        try:
            _import_rows(table, validator, report, skip_invalid, user, on_progress, refused)
            return report
        except (DatabaseError, psycopg.Error) as error:
            row_error, failure = _refused_row_error(error, validator), error
        on_progress = None  # the bar was full already: the next pass is not shown twice
        if row_error is None or row_error.row in refused or len(refused) >= MAX_REFUSED_ROWS:
            return _refused_file(source, file_name, encoding, refused, failure)
        refused[row_error.row] = row_error
        if not skip_invalid:
            return _dry_run(source, file_name, encoding, refused)


def _open(source, file_name, encoding):
    """The report, the table and its validator; or the report of why the file cannot be read."""
    report = ImportReport(file_name=file_name)
    lookup = header_lookup()
    try:
        table = open_table(
            source, encoding=encoding, header_score=lambda cells: header_score(cells, lookup)
        )
        validator = validator_for(table.headers, header_row=table.header_row, lookup=lookup)
    except UnreadableFile as problem:
        report.file_errors.append(str(problem))
        return report, None, None
    except HeaderError as problem:
        report.file_errors.extend(problem.messages)
        return report, None, None
    report.estimated_rows, report.ignored_columns = table.estimated_rows, validator.ignored_columns
    report.header_row = table.header_row
    if table.other_sheets:
        report.file_warnings.append(
            _("Only the sheet “%(sheet)s” was read; not read: %(others)s.")
            % {"sheet": table.sheet_name, "others": "; ".join(table.other_sheets)}
        )
    report.file_warnings.extend(_merged_warnings(table))
    return report, table, validator


def _merged_warnings(table) -> list[str]:
    merged = table.merged_below_header
    messages = []
    filled = [
        merged_range.ref for merged_range in merged if merged_range.max_row > merged_range.min_row
    ]
    if filled:
        messages.append(
            _(
                "Merged cells were filled down, so each row of the range has the merged value: "
                "%(ranges)s."
            )
            % {"ranges": ", ".join(filled)}
        )
    wide = [
        merged_range.ref for merged_range in merged if merged_range.max_col > merged_range.min_col
    ]
    if wide:
        messages.append(
            _(
                "Merged cells span several columns: their value was read into the first column "
                "only: %(ranges)s."
            )
            % {"ranges": ", ".join(wide)}
        )
    return messages


def _refused_row_error(error, validator) -> RowError | None:
    located = getattr(error, "refused_row", None)
    if located is None:
        return None
    row, column = located
    return RowError(
        row,
        validator.label_of(column),
        _("The database refused this row: %(error)s") % {"error": _first_line(error)},
    )


def _first_line(error) -> str:
    return (str(error).splitlines() or [""])[0]


def _refused_file(source, file_name, encoding, refused, error) -> ImportReport:
    report = _dry_run(source, file_name, encoding, refused)
    report.file_errors.append(
        _("The database refused the import, so nothing was imported: %(error)s")
        % {"error": _first_line(error)}
    )
    return report


def _dry_run(source, file_name, encoding, refused) -> ImportReport:
    """The full report of a file whose import failed: every row checked, nothing written."""
    report, table, validator = _open(source, file_name, encoding)
    if table is not None:
        _read_rows(table, validator, report, None, refused=refused)
    return report


@transaction.atomic
def _import_rows(table, validator, report, skip_invalid, user, on_progress, refused) -> None:
    with OrganizationLoader(
        expected=table.estimated_rows,
        reason=history_reason(report.file_name),
        user_id=user.pk if user is not None else None,
    ) as loader:
        try:
            _read_rows(table, validator, report, on_progress, loader, skip_invalid, refused)
            if report.valid and not report.file_errors and (report.is_clean or skip_invalid):
                report.imported = loader.finish()
            else:
                transaction.set_rollback(True)
        except (DatabaseError, psycopg.Error) as error:
            error.refused_row = loader.refused_row(error)
            raise


def _read_rows(
    table, validator, report, on_progress, loader=None, skip_invalid=False, refused=None
) -> None:
    refused = refused or {}
    try:
        for number, cells in table.rows:
            if not any(cell not in (None, "") for cell in cells):
                continue
            report.rows += 1
            record, errors = validator.validate(number, cells)
            if validator.warnings:
                report.add_warnings(validator.warnings)
            if not errors and number in refused:
                errors = [refused[number]]
            if errors:
                report.add_errors(errors)
                if loader and not skip_invalid:
                    loader.abandon()
            else:
                report.valid += 1
                if loader:
                    loader.add(record, number)
            if on_progress and report.rows % PROGRESS_EVERY == 0:
                on_progress(PROGRESS_EVERY)
    except UnreadableFile as problem:
        report.file_errors.append(str(problem))
    if on_progress:
        on_progress(report.rows % PROGRESS_EVERY)
