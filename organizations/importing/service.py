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
from .loading import OrganizationLoader
from .reading import UnreadableFile, open_table
from .validation import HeaderError, RowError, RowValidator

# A report keeps this many row errors in detail; beyond that it only counts them.
MAX_DETAILED_ERRORS = 1000
PROGRESS_EVERY = 1000


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

    @property
    def is_clean(self) -> bool:
        return not self.file_errors and not self.invalid

    def add_errors(self, errors: list[RowError]) -> None:
        self.invalid += 1
        self.error_count += len(errors)
        room = MAX_DETAILED_ERRORS - len(self.errors)
        self.errors.extend(errors[: max(room, 0)])


def history_reason(file_name: str) -> str:
    return f"imported from {file_name}"


def validator_for(headers) -> RowValidator:
    """The lookups every row needs, read once: regions, communities, credit codes in use."""
    return RowValidator(
        headers,
        regions=dict(Region.objects.values_list("code", "pk")),
        communities={
            (region_id, name): (pk, area_type)
            for pk, region_id, name, area_type in Community.objects.values_list(
                "pk", "region_id", "name_zh", "area_type"
            )
        },
        taken_codes=set(
            Organization.objects.exclude(credit_code=None).values_list("credit_code", flat=True)
        ),
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
    `on_start(estimated rows)` and `on_progress(rows done)` drive a progress bar.
    """
    report = ImportReport(file_name=file_name)
    try:
        table = open_table(source, encoding=encoding)
        validator = validator_for(table.headers)
    except UnreadableFile as problem:
        report.file_errors.append(str(problem))
        return report
    except HeaderError as problem:
        report.file_errors.extend(problem.messages)
        return report
    report.estimated_rows, report.ignored_columns = table.estimated_rows, validator.ignored_columns
    if on_start:
        on_start(table.estimated_rows)
    if not commit:
        _read_rows(table, validator, report, on_progress)
        return report
    try:
        _import_rows(table, validator, report, skip_invalid, user, on_progress)
    except (DatabaseError, psycopg.Error) as error:
        # COPY checks the constraints again: a credit code registered meanwhile lands here.
        report.imported = 0
        report.file_errors.append(
            _("The database refused the import, so nothing was imported: %(error)s")
            % {"error": str(error).splitlines()[0]}
        )
    return report


@transaction.atomic
def _import_rows(table, validator, report, skip_invalid, user, on_progress) -> None:
    with OrganizationLoader(
        expected=table.estimated_rows,
        reason=history_reason(report.file_name),
        user_id=user.pk if user is not None else None,
    ) as loader:
        _read_rows(table, validator, report, on_progress, loader, skip_invalid)
        if report.valid and not report.file_errors and (report.is_clean or skip_invalid):
            report.imported = loader.finish()
        else:
            transaction.set_rollback(True)


def _read_rows(table, validator, report, on_progress, loader=None, skip_invalid=False) -> None:
    try:
        for number, cells in table.rows:
            if not any(cell not in (None, "") for cell in cells):
                continue
            report.rows += 1
            record, errors = validator.validate(number, cells)
            if errors:
                report.add_errors(errors)
                if loader and not skip_invalid:
                    loader.abandon()
            else:
                report.valid += 1
                if loader:
                    loader.add(record)
            if on_progress and report.rows % PROGRESS_EVERY == 0:
                on_progress(PROGRESS_EVERY)
    except UnreadableFile as problem:
        report.file_errors.append(str(problem))
    if on_progress:
        on_progress(report.rows % PROGRESS_EVERY)
