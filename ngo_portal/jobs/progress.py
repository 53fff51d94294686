"""Progress of a running job, written to its `Report` row for the page that polls it.

Each write is its own short transaction, so the page sees it while the job runs. A job may call
`advance` from inside a transaction of its own (an import commits all its rows at once); there a
write on the job's connection would stay invisible until the end, so it goes through a second
connection in autocommit instead. Writes are throttled: a job may call `advance` per row.
"""

import time

from django.db import DEFAULT_DB_ALIAS, connection, connections

from ..models import Report

WRITE_INTERVAL_SECONDS = 0.5
LINE_MAX = Report._meta.get_field("progress_line").max_length
POSITIVE_INT_MAX = 2**31 - 1

# Skips the row rather than waiting when another transaction holds it (the job's own claim
# inside a test's transaction): progress is a hint, never worth blocking the job for.
UPDATE_SQL = (
    "UPDATE ngo_portal_report SET progress_done = %s, progress_total = %s, progress_line = %s "
    "WHERE id = (SELECT id FROM ngo_portal_report WHERE id = %s FOR UPDATE SKIP LOCKED)"
)


class Progress:
    def __init__(self, report: Report, *, interval: float | None = None):
        self.report_id = report.pk
        self.interval = WRITE_INTERVAL_SECONDS if interval is None else interval
        self.done = 0
        self.total = 0
        self.line = ""
        self.updates = 0
        self._written_at = 0.0
        self._side_connection = None

    def start(self, total: int, line: str = "") -> None:
        self.done, self.total, self.line = 0, max(int(total), 0), str(line)
        self._write()

    def advance(self, count: int = 1, line: str | None = None) -> None:
        self.done += count
        if line is not None:
            self.line = str(line)
        if time.monotonic() - self._written_at >= self.interval:
            self._write()

    def note(self, line: str) -> None:
        self.line = str(line)
        self._write()

    def close(self) -> None:
        if self._side_connection is not None:
            self._side_connection.close()
            self._side_connection = None

    def _write(self) -> None:
        values = (
            min(self.done, POSITIVE_INT_MAX),
            min(self.total, POSITIVE_INT_MAX),
            self.line[:LINE_MAX],
            self.report_id,
        )
        target = self._connection_outside_transactions()
        with target.cursor() as cursor:
            cursor.execute(UPDATE_SQL, values)
        self.updates += 1
        self._written_at = time.monotonic()

    def _connection_outside_transactions(self):
        if not connection.in_atomic_block:
            return connection
        if self._side_connection is None:
            default = connections[DEFAULT_DB_ALIAS]
            # Same alias: django.contrib.postgres looks its type ids up by alias (cached).
            self._side_connection = default.__class__({**default.settings_dict}, DEFAULT_DB_ALIAS)
        return self._side_connection
