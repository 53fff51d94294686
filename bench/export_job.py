"""Exporting every organization as a job: the export job's own function, run synchronously
through `report_run` as a worker would, timed, with its progress and its memory watched.

A thread plays the job's page: it reads the row every POLL_SECONDS on its own connection and
counts the progress updates it sees, and samples the process's resident memory. Memory must stay
flat (rows stream from a server-side cursor into a temporary file), so the peak growth over the
resident size before the job is the figure; the stored file is deleted afterwards.
"""

import resource
import threading
import time
from dataclasses import dataclass

from django.db import connection

from ngo_portal.jobs.services import report_run
from ngo_portal.models import Report
from organizations.jobs import EXPORT_KIND

POLL_SECONDS = 0.1
PAGE_SIZE_BYTES = resource.getpagesize()


@dataclass
class ExportJobTiming:
    rows: int
    seconds: float
    progress_seen: int
    rss_growth_mb: float
    file_mb: float
    file_format: str = "csv"
    problem: str = ""


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE_BYTES / 2**20


class PageWatcher(threading.Thread):
    """Reads the job's progress as the page would, and samples memory meanwhile."""

    def __init__(self, report_id: int):
        super().__init__(daemon=True)
        self.report_id, self.stop = report_id, threading.Event()
        self.progress_seen, self.peak_mb = set(), resident_mb()

    def run(self):
        try:
            while not self.stop.wait(POLL_SECONDS):
                done = Report.objects.values_list("progress_done", flat=True).get(pk=self.report_id)
                if done:
                    self.progress_seen.add(done)
                self.peak_mb = max(self.peak_mb, resident_mb())
        finally:
            connection.close()


def measure_export_job(user, file_format: str = "csv") -> ExportJobTiming:
    report = Report.objects.create(
        kind=EXPORT_KIND,
        requested_by=user,
        parameters={"query": "", "format": file_format},
        language="zh-hans",
    )
    baseline = resident_mb()
    watcher = PageWatcher(report.pk)
    watcher.start()
    started = time.perf_counter()
    try:
        report = report_run(report_id=report.pk)
    finally:
        seconds = time.perf_counter() - started
        watcher.stop.set()
        watcher.join()
    file_mb = report.file.size / 2**20 if report.file else 0.0
    timing = ExportJobTiming(
        rows=report.progress_done,
        seconds=seconds,
        progress_seen=len(watcher.progress_seen),
        rss_growth_mb=max(watcher.peak_mb, resident_mb()) - baseline,
        file_mb=file_mb,
        file_format=file_format,
        problem="" if report.status == Report.Status.DONE else f"failed: {report.error}",
    )
    if report.file:
        report.file.delete(save=False)
    report.delete()
    return timing


EXPORT_400K_S, FULL_SIZE, RSS_GROWTH_MAX_MB = 60, 400_000, 100


def export_job_row(timing: ExportJobTiming) -> tuple[str, bool]:
    """The table row: time scaled to 400,000 rows, progress updates seen, peak memory growth."""
    full_size_s = timing.seconds * FULL_SIZE / timing.rows if timing.rows else None
    ok = (
        not timing.problem
        and full_size_s is not None
        and full_size_s <= EXPORT_400K_S
        and timing.rss_growth_mb <= RSS_GROWTH_MAX_MB
    )
    estimate = "—" if full_size_s is None else f"{full_size_s:.0f} s for 400,000"
    return (
        f"| export {timing.rows:,} rows as a job ({timing.file_format.upper()}, "
        f"{timing.file_mb:.0f} MB) | — "
        f"| 400,000 ≤ {EXPORT_400K_S} s, RSS +≤ {RSS_GROWTH_MAX_MB} MB | {timing.seconds:.1f} s "
        f"| {estimate}; {timing.progress_seen} progress updates seen; "
        f"peak RSS +{timing.rss_growth_mb:.0f} MB | — "
        f"| {timing.problem or ('ok' if ok else 'MISSED')} |"
    ), ok
