"""Import throughput: a synthetic CSV, a dry run, then a commit inside a transaction rolled back.

The commit runs against the seeded table with all its indexes, as a real import would; the
rollback and a VACUUM leave the bench data as it was. Its floor, in the same transaction: the
rows the import wrote, COPYed raw into an empty scratch copy of the table with the same indexes
(what PostgreSQL alone costs for them, without reading, checking and romanising).
"""

import csv
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from organizations.importing import organizations_import
from organizations.management.commands.bench_seed import (
    Synthesizer,
    counties_for_bench,
    tidy_after_bulk_change,
)

COLUMNS = [
    "name_zh",
    "name_en",
    "credit_code",
    "legal_form",
    "registration_authority",
    "registration_date",
    "mca_grade",
    "mca_grade_expires",
    "region_code",
    "area_type",
    "address",
    "service_areas",
    "beneficiary_groups",
    "founded_year",
    "staff_full_time",
    "staff_part_time",
    "volunteers",
    "annual_budget_cny",
    "funding_government_pct",
    "funding_foundations_pct",
    "funding_corporate_pct",
    "growth_stage",
    "contact_name",
    "contact_phone",
    "contact_email",
    "description",
    "is_public",
]
# Serials far above any bench_seed run, so the file's credit codes are new to the database.
FIRST_SERIAL = 900_000_000
TABLE, SCRATCH = "organizations_organization", "bench_copy_floor"
COPY_BLOCK = 1 << 20


class RolledBack(Exception):
    pass


@dataclass
class ImportTiming:
    rows: int
    dry_run_s: float
    commit_s: float
    imported: int
    problem: str = ""
    floor_s: float = 0.0

    def rate(self, seconds: float) -> float:
        return self.rows / seconds if seconds else 0.0


def write_csv(target: Path, rows: int) -> None:
    # No communities: the file has no community column.
    synthesizer = Synthesizer(counties_for_bench(), communities={})
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(FIRST_SERIAL, FIRST_SERIAL + rows):
            record = synthesizer.record(n)
            # The synthesizer spreads funding over any source; the file carries three of them.
            shares = [record.get(name, 0) for name in COLUMNS if name.startswith("funding_")]
            if sum(shares) != 100:
                record.update(funding_government_pct=0, funding_foundations_pct=0)
                record.update(funding_corporate_pct=0)
            writer.writerow([cell(record.get(name)) for name in COLUMNS])


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def measure_import(rows: int) -> ImportTiming:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "organizations.csv"
        write_csv(target, rows)
        with target.open("rb") as source:
            started = time.perf_counter()
            dry = organizations_import(source=source, file_name=target.name)
            dry_run_s = time.perf_counter() - started
        if not dry.is_clean:
            first = dry.errors[0] if dry.errors else None
            return ImportTiming(rows, dry_run_s, 0, 0, f"dry run found errors: {first}")
        return _commit_and_roll_back(target, rows, dry_run_s)


def _commit_and_roll_back(target: Path, rows: int, dry_run_s: float) -> ImportTiming:
    try:
        with transaction.atomic(), target.open("rb") as source:
            last_id = _last_id()
            started = time.perf_counter()
            report = organizations_import(source=source, file_name=target.name, commit=True)
            commit_s = time.perf_counter() - started
            floor_s = raw_copy_seconds(after_id=last_id)
            raise RolledBack
    except RolledBack:
        pass
    tidy_after_bulk_change()
    problem = "; ".join(report.file_errors)
    return ImportTiming(rows, dry_run_s, commit_s, report.imported, problem, floor_s)


def _last_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {TABLE}")  # noqa: S608
        return cursor.fetchone()[0]


def raw_copy_seconds(*, after_id: int) -> float:
    """COPY the organizations with ids above `after_id`, as PostgreSQL's own text, into a new
    table LIKE the organizations' (columns, defaults, constraints, every index). Call it inside
    a transaction that is rolled back: the scratch table is an ordinary one, WAL and shared
    buffers included, as the real table is."""
    with connection.cursor() as cursor:
        rows = bytearray()
        query = f"COPY (SELECT * FROM {TABLE} WHERE id > %s ORDER BY id) TO STDOUT"  # noqa: S608
        with cursor.cursor.copy(query, [after_id]) as copy:
            for block in copy:
                rows += block
        cursor.execute(f"CREATE TABLE {SCRATCH} (LIKE {TABLE} INCLUDING ALL)")
        started = time.perf_counter()
        with cursor.cursor.copy(f"COPY {SCRATCH} FROM STDIN") as copy:
            for offset in range(0, len(rows), COPY_BLOCK):
                copy.write(rows[offset : offset + COPY_BLOCK])
        return time.perf_counter() - started
