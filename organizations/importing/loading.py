"""Writing validated rows with PostgreSQL COPY: the organizations and their "+" history rows.

Rows stream into COPY while the caller is still validating the rest of the file, so PostgreSQL
maintains its indexes on one core while Python reads, checks and romanises on the others; the
caller's transaction makes it all or nothing. Each row is also kept, encoded, in a spool file
for the second COPY into simple_history's table, so every imported organization has its audit
record as if it had been created one by one. Ids come from the table's sequence, so both
copies agree on them.
"""

import itertools
import re
import tempfile
from collections import deque
from collections.abc import Iterable

from django.db import connection
from django.utils import timezone
from psycopg.copy import QueuedLibpqWriter

from ..models import Organization
from .pinyin import NamePinyin

BATCH = 5000
# Rows whose pinyin is still being computed; beyond this the loader waits for the oldest chunk.
MAX_CHUNKS_IN_PROGRESS = 20
# Set per row at load time (ids, timestamps) or written to the organization table only.
NOT_COMMON = {"id", "name_pinyin", "created_at", "updated_at"}
HISTORY_REASON_LENGTH = 100
# From this many rows, GIN indexes collect the new entries and merge them once, sorted, at the end
# instead of every 4 MB of pending list: a 400,000-row COPY takes about a third less time.
BULK_FROM = 5000
# PostgreSQL names the line of a COPY that it refused: "COPY organizations_organization, line 3,
# column name_pinyin: ...".
COPY_LINE = re.compile(r"^COPY (\S+), line (\d+)(?:, column (\w+))?")


def common_fields():
    """The fields the organization table and its history table share, in COPY order."""
    history = {field.attname for field in Organization.history.model._meta.concrete_fields}
    return [
        field
        for field in Organization._meta.concrete_fields
        if field.name not in NOT_COMMON and field.attname in history
    ]


COMMON_FIELDS = common_fields()
DEFAULTS = [(field.attname, field.get_default()) for field in COMMON_FIELDS]
COMMON_COLUMNS = [field.column for field in COMMON_FIELDS]


def copy_text(value) -> str:
    """One value in COPY's text format: \\N for NULL, backslash escapes, {a,b} for arrays."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, list):
        # Array items are vocabulary codes ([a-z_]): no quoting needed.
        return "{" + ",".join(value) + "}"
    result = str(value)
    if "\\" in result or "\t" in result or "\n" in result or "\r" in result:
        result = (
            result.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return result


def encode(record: dict) -> bytes:
    """The columns the organization and history tables share, as one line without newline."""
    return "\t".join([copy_text(record.get(name, default)) for name, default in DEFAULTS]).encode()


def copy_lines(cursor, table: str, columns: list[str], lines: Iterable[bytes]) -> None:
    with cursor.copy(_copy_statement(table, columns)) as copy:
        lines = iter(lines)
        while batch := list(itertools.islice(lines, BATCH)):
            copy.write(b"".join(batch))


def _copy_statement(table: str, columns: list[str]) -> str:
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    return f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"


class OrganizationLoader:
    """Takes validated rows one by one and COPYs them, with their pinyin, as they come.

    `expected` (an upper estimate of the rows) sizes the block of ids drawn at once and decides
    whether pinyin runs in a pool. Call `finish()` to complete the load, or `abandon()` to stop
    writing: either way the caller's transaction decides whether anything stays.
    """

    def __init__(self, *, expected: int, reason: str = "", user_id=None, history: bool = True):
        self.expected, self.history = expected, history
        self.reason, self.user_id = reason[:HISTORY_REASON_LENGTH], user_id
        self.ids: list[bytes] = []
        # The spreadsheet row of each organization copied, in the order of `ids`; and of each
        # waiting row. A refused COPY line is traced back to its row with them.
        self.rows: list[int | None] = []
        self._waiting_rows: deque[int | None] = deque()
        self._segment_start = 0
        self._copying_history = False
        self._free: deque[bytes] = deque()
        self._waiting: deque[bytes] = deque()
        self._spooled: list[bytes] = []
        self._copy = self._copy_context = None
        self._abandoned = False

    def __enter__(self):
        # Closed by __exit__; the file has no name and disappears with it.
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115
        self.names = NamePinyin(expected=self.expected).__enter__()
        self.cursor = connection.cursor()
        self.now = copy_text(timezone.now()).encode()
        if self.expected >= BULK_FROM:
            self.cursor.execute("SET LOCAL gin_pending_list_limit = '2GB'")
            self.cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        return self

    def __exit__(self, exc_type, exc, traceback):
        if self._copy_context is not None:
            # An unfinished COPY is cancelled: the transaction then rolls back.
            self._copy_context.__exit__(RuntimeError, RuntimeError("import stopped"), None)
        self.names.__exit__(exc_type, exc, traceback)
        self.cursor.close()
        self._spool.close()

    def add(self, record: dict, row: int | None = None) -> None:
        if self._abandoned:
            return
        line = encode(record)
        self._waiting.append(line)
        self._waiting_rows.append(row)
        if self.history:
            self._spooled.append(line + b"\n")
            if len(self._spooled) >= BATCH:
                self._spool.write(b"".join(self._spooled))
                self._spooled = []
        self.names.add(record["name_zh"])
        wait = self.names.chunks_in_progress > MAX_CHUNKS_IN_PROGRESS
        self._write(self.names.ready(wait_for_one=wait))

    def abandon(self) -> None:
        """Stop writing: a row was bad and the import is all or nothing."""
        self._abandoned = True

    def finish(self) -> int:
        """Write what is left, then the history rows. Returns how many organizations were copied."""
        self._write(self.names.drain())
        self._end_copy()
        if len(self.ids) >= BULK_FROM:
            _merge_gin_pending_lists(self.cursor, Organization._meta.db_table)
        if self.history:
            self._copy_history()
        return len(self.ids)

    def _write(self, chunks) -> None:
        for pinyins in chunks:
            first = len(self.rows)
            ids = self._take_ids(len(pinyins))
            if self._copy is None:
                self._segment_start = first  # COPY numbers its lines from 1 again
            rows = (
                b"\t".join(
                    [pk, self._waiting.popleft(), copy_text(pinyin).encode(), *[self.now] * 2]
                )
                for pk, pinyin in zip(ids, pinyins, strict=True)
            )
            self._open_copy().write(b"\n".join(rows) + b"\n")

    def _take_ids(self, count: int) -> list[bytes]:
        if len(self._free) < count:
            # No query can run while a COPY is open: end it, draw the ids, start another.
            self._end_copy()
            size = max(self.expected - len(self.ids) - len(self._free), count - len(self._free))
            self.cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Organization._meta.db_table, size],
            )
            self._free.extend(str(pk).encode() for (pk,) in self.cursor.fetchall())
        ids = [self._free.popleft() for _ in range(count)]
        self.ids.extend(ids)
        self.rows.extend(self._waiting_rows.popleft() for _ in range(count))
        return ids

    def _open_copy(self):
        if self._copy is None:
            columns = ["id", *COMMON_COLUMNS, "name_pinyin", "created_at", "updated_at"]
            # A queue and a thread between us and the socket: write() returns at once, so
            # PostgreSQL always has rows to index while the next ones are validated.
            raw_cursor = self.cursor.cursor  # Django's debug wrapper takes no writer
            self._copy_context = raw_cursor.copy(
                _copy_statement(Organization._meta.db_table, columns),
                writer=QueuedLibpqWriter(raw_cursor),
            )
            self._copy = self._copy_context.__enter__()
        return self._copy

    def _end_copy(self) -> None:
        if self._copy_context is not None:
            context, self._copy, self._copy_context = self._copy_context, None, None
            context.__exit__(None, None, None)

    def refused_row(self, error) -> tuple[int, str] | None:
        """(spreadsheet row, database column or "") of the line a failed COPY refused."""
        diag = getattr(error, "diag", None) or getattr(error.__cause__, "diag", None)
        match = COPY_LINE.match((diag and diag.context) or "")
        if match is None:
            return None
        line = int(match.group(2))
        index = (line - 1) if self._copying_history else self._segment_start + line - 1
        if not 0 <= index < len(self.rows) or self.rows[index] is None:
            return None
        column = match.group(3) or diag.column_name or diag.constraint_name or ""
        return self.rows[index], column

    def _copy_history(self) -> None:
        self._copying_history = True
        self._spool.write(b"".join(self._spooled))
        self._spool.seek(0)
        tail = b"\t".join(
            [self.now, self.now, copy_text(self.reason).encode(), b"+"]
            + [copy_text(self.user_id).encode()]
        )
        copy_lines(
            self.cursor,
            Organization.history.model._meta.db_table,
            ["id", *COMMON_COLUMNS, "created_at", "history_date", "history_change_reason"]
            + ["history_type", "history_user_id"],
            (
                b"\t".join([pk, line[:-1], tail]) + b"\n"
                for pk, line in zip(self.ids, self._spool, strict=True)
            ),
        )


def _merge_gin_pending_lists(cursor, table: str) -> None:
    """Left pending, the entries would slow every search until autovacuum merged them."""
    cursor.execute(
        "SELECT gin_clean_pending_list(c.oid::regclass) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
        "WHERE i.indrelid = %s::regclass AND a.amname = 'gin'",
        [table],
    )
