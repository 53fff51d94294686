"""The incubation targets of DESIGN.md against the bench database (`manage.py
bench_seed_incubation`: 500 enrollments in 5 cohorts, 5,000 assessments):

- one capacity-assessment PDF in Chinese with its radar chart: ≤ 0.5 s to render (the report
  job's own function, median of 5 after a warm-up);
- the reports of a cohort of 100 organizations as jobs: ≤ 60 s. 100 report jobs are recorded and
  run by `report_run`, the worker task's entry point, in 2 processes (a worker's concurrency on
  the 2-core machine); their files are deleted afterwards;
- the cohort and assessment pages with a center officer: p95 ≤ 40 ms in-process, with their
  query counts, each timed beside the minimal view like the directory.
"""

import multiprocessing
import statistics
import time

from django.db import connections

from bench.pages import time_in_process
from bench.report import floor_row, page_row, pooled_floor
from incubation.jobs import REPORT_KIND, assessment_report_pdf
from incubation.models import CapacityAssessment, Cohort
from incubation.services import action_plan_propose
from ngo_portal.jobs.services import report_run
from ngo_portal.models import Report

PAGE_P95_MS, PDF_S, COHORT_REPORTS_S = 40, 0.5, 60
COHORT_SIZE, PROCESSES = 100, 2
BENCH_TITLE = "Bench incubation cohort 1"


def measure(options) -> list[tuple[str, bool]]:
    cohort = Cohort.objects.filter(title=BENCH_TITLE).first()
    if cohort is None:
        return [
            (
                "| incubation | — | — | — | — | — | — | seed first: `manage.py bench_seed_incubation` |",
                False,
            )
        ]
    from django.test import Client

    from bench.run import bench_officer

    officer = bench_officer()
    client = Client()
    client.force_login(officer)
    assessments = _latest_per_enrollment(cohort)
    rows = _page_rows(client, cohort, assessments[0], options.runs)
    rows.append(_pdf_row(assessments[0]))
    rows.append(_jobs_row(assessments[:COHORT_SIZE], officer))
    return rows


def _latest_per_enrollment(cohort) -> list[CapacityAssessment]:
    return list(
        CapacityAssessment.objects.filter(
            enrollment__cohort=cohort, status="finalized", kind="endline"
        )
        .select_related("organization", "center", "framework")
        .order_by("enrollment_id", "-assessed_on", "-pk")
        .distinct("enrollment_id")
    )


def _page_rows(client, cohort, assessment, runs) -> list[tuple[str, bool]]:
    cases = [
        ("incubation: cohorts", "/incubation/cohorts/"),
        ("incubation: cohort of 100 (change chart)", f"/incubation/cohorts/{cohort.pk}/"),
        ("incubation: applications", f"/incubation/cohorts/{cohort.pk}/applications/"),
        ("incubation: graduation", f"/incubation/cohorts/{cohort.pk}/graduation/"),
        ("incubation: assessment (radar chart)", f"/incubation/assessments/{assessment.pk}/"),
        (
            "incubation: organization's assessments",
            f"/incubation/organizations/{assessment.organization_id}/capacity/",
        ),
    ]
    timings = [time_in_process(client, name, url, runs) for name, url in cases]
    floor = pooled_floor(timings)
    return [(floor_row(floor, 1), not floor.problem)] + [
        page_row(timing, PAGE_P95_MS, 1) for timing in timings
    ]


def _pdf_row(assessment) -> tuple[str, bool]:
    action_plan_propose(assessment=assessment)
    assessment_report_pdf(assessment, language="zh-hans")  # fonts and templates loaded once
    seconds = []
    for _ in range(5):
        started = time.perf_counter()
        content = assessment_report_pdf(assessment, language="zh-hans")
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    ok = median <= PDF_S and content.startswith(b"%PDF-")
    line = (
        f"| incubation: assessment PDF, Chinese, radar chart ({len(content) // 1024} KB) | — "
        f"| ≤ {PDF_S} s | {median:.2f} s | {max(seconds):.2f} s (slowest of 5) | — | — "
        f"| {'ok' if ok else 'MISSED'} |"
    )
    return line, ok


def _run_share(report_ids) -> None:
    for report_id in report_ids:
        report_run(report_id=report_id)
    connections.close_all()


def _jobs_row(assessments, officer) -> tuple[str, bool]:
    reports = [
        Report.objects.create(
            kind=REPORT_KIND,
            requested_by=officer,
            parameters={"assessment": assessment.pk, "email_owners": False},
            language="zh-hans",
            center=assessment.center,
        )
        for assessment in assessments
    ]
    ids = [report.pk for report in reports]
    connections.close_all()  # each process opens its own connection
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_run_share, args=(ids[n::PROCESSES],)) for n in range(PROCESSES)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    done = Report.objects.filter(pk__in=ids, status=Report.Status.DONE)
    count = done.count()
    for report in Report.objects.filter(pk__in=ids):
        if report.file:
            report.file.delete(save=False)
    Report.objects.filter(pk__in=ids).delete()
    ok = count == len(ids) and seconds <= COHORT_REPORTS_S
    line = (
        f"| incubation: {len(ids)} assessment reports as jobs ({PROCESSES} processes) | — "
        f"| ≤ {COHORT_REPORTS_S} s | {seconds:.1f} s | {count / seconds:.1f} reports/s, {count} done "
        f"| — | — | {'ok' if ok else 'MISSED'} |"
    )
    return line, ok
