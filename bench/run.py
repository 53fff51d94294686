"""`make bench`: measure DESIGN.md's performance targets against the bench database.

Seed it first (`manage.py load_regions`, `manage.py bench_seed`). Then this script times the
directory and the dashboard in-process with the test client (DEBUG off, N runs after warm-up,
queries counted), again with concurrent clients against gunicorn on loopback, and the import
throughput, and prints a Markdown table of target against measurement. Exit status 1 when a
target is missed. The database is DATABASE_URL, by default postgres:///ngo_portal_bench.

Absolute times differ two- to fourfold between machines of one class, so each figure is also
given as a multiple of its floor, measured in the same run: for pages a minimal view through the
same middleware (bench/urls.py, timed after each page request, so both see the same load), for
the import a raw COPY of the same rows into an empty scratch copy of the table with the same
indexes. A directory page passes when its p95 meets DESIGN.md's target and its median is at
most 15 times the minimal view's; the import when it is at most 3 times slower than its floor.
"""

import argparse
import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The portal's development settings with the minimal view mounted (bench/settings.py).
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DATABASE_URL", "postgres:///ngo_portal_bench")
# Measured as production runs: no debug toolbar of queries, no debug templates.
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.export_job import export_job_row, measure_export_job  # noqa: E402
from bench.import_speed import measure_import  # noqa: E402
from bench.pages import (  # noqa: E402
    FLOOR_URL,
    Gunicorn,
    deep_page_url,
    directory_cases,
    time_concurrently,
    time_in_process,
)
from bench.report import floor_row, page_row, pooled_floor, times  # noqa: E402
from ngo_portal.models import Center, CenterMembership, Region, User  # noqa: E402
from organizations.models import Organization  # noqa: E402

DIRECTORY_P95_MS, DIRECTORY_CONCURRENT_P95_MS, DASHBOARD_P95_MS = 40, 120, 100
IMPORT_400K_S, FULL_SIZE = 120, 400_000
PAGE_FLOOR_RATIO, IMPORT_FLOOR_RATIO = 15, 3
BENCH_EMAIL = "bench-officer@bench.invalid"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per page, in-process")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--per-client", type=int, default=15, help="requests per client and page")
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--province", default="32", help="province code of the filtered page")
    parser.add_argument("--skip-concurrent", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-export-job", action="store_true")
    parser.add_argument(
        "--apps",
        default=",".join(APP_BENCHES),
        help="comma-separated app benchmarks to run (empty: none)",
    )
    return parser.parse_args()


def bench_officer() -> User:
    """A center officer: the directory shows staff every organization, as the targets assume."""
    user, _created = User.objects.get_or_create(email=BENCH_EMAIL, defaults={"is_active": True})
    # The center that heads every page: an installation has it, and its header reads it.
    center, _created = Center.objects.get_or_create(
        slug=settings.PORTAL_HOST_CENTER, defaults={"name": "Benchmark Center"}
    )
    CenterMembership.objects.get_or_create(
        user=user, center=center, defaults={"role": CenterMembership.Role.OFFICER}
    )
    return user


def import_rows(timing) -> tuple[list[str], bool]:
    commit_rate = timing.rate(timing.commit_s)
    full_size_s = FULL_SIZE / commit_rate if commit_rate else None
    ratio = timing.commit_s / timing.floor_s if timing.floor_s else None
    ok = not timing.problem and full_size_s is not None and full_size_s <= IMPORT_400K_S
    ok = ok and ratio is not None and ratio <= IMPORT_FLOOR_RATIO
    estimate = "—" if full_size_s is None else f"{full_size_s:.0f} s for 400,000"
    return [
        f"| import {timing.rows:,} rows: raw COPY (floor) | — | — | {timing.floor_s:.1f} s "
        f"| {timing.rate(timing.floor_s):,.0f} rows/s | 1x | — | {timing.problem or 'ok'} |",
        f"| import {timing.rows:,} rows: dry run | — | — | {timing.dry_run_s:.1f} s "
        f"| {timing.rate(timing.dry_run_s):,.0f} rows/s | {times(timing.dry_run_s / timing.floor_s if timing.floor_s else None)} | — | {timing.problem or 'ok'} |",
        f"| import {timing.rows:,} rows: commit (rolled back) | — "
        f"| 400,000 ≤ {IMPORT_400K_S} s, ≤ {IMPORT_FLOOR_RATIO}x | {timing.commit_s:.1f} s "
        f"| {commit_rate:,.0f} rows/s → {estimate} | {times(ratio)} | — "
        f"| {timing.problem or ('ok' if ok else 'MISSED')} |",
    ], ok


def main() -> int:
    options = arguments()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    organizations = Organization.objects.count()
    province = Region.objects.filter(code=options.province.ljust(6, "0"), level="province")
    if organizations < 1000 or not province.exists():
        print("Seed the bench database first: `manage.py load_regions`, `manage.py bench_seed`.")
        return 1
    client = Client()
    client.force_login(bench_officer())
    deep_url, deep_problem = deep_page_url(client)
    cases = [*directory_cases(options.province), ("deep page (200 pages in)", deep_url)]
    results = in_process_rows(client, cases, options.runs, deep_problem)
    if not options.skip_concurrent:
        results += concurrent_rows(client, cases, options, deep_problem)
    rows = [line for line, _ok in results]
    all_ok = all(ok for _line, ok in results)
    if not options.skip_import:
        lines, ok = import_rows(measure_import(options.import_rows))
        rows.extend(lines)
        all_ok &= ok
    if not options.skip_export_job:
        line, ok = export_job_row(measure_export_job(bench_officer()))
        rows.append(line)
        all_ok &= ok
    for name in filter(None, options.apps.split(",")):
        for line, ok in app_bench(name).measure(options):
            rows.append(line)
            all_ok &= ok
    print_table(organizations, rows)
    return 0 if all_ok else 1


# Each app's benchmark: bench/<app>.py with `measure(options) -> [(table row, target met)]`,
# its data seeded beforehand by the app's own `bench_seed_<app>` command (see the Makefile).
APP_BENCHES = ("trainings", "incubation", "grants", "dashboards")


def app_bench(name: str):
    return importlib.import_module(f"bench.{name}")


def in_process_rows(client, cases, runs, deep_problem) -> list[tuple[str, bool]]:
    """The directory pages (p95 and the multiple of the floor) and the dashboard (p95)."""
    pages = [(name, url, DIRECTORY_P95_MS, PAGE_FLOOR_RATIO) for name, url in cases]
    pages.append(("dashboard", "/dashboard/", DASHBOARD_P95_MS, None))
    timings = [
        (_explained(time_in_process(client, name, url, runs), deep_problem), target, ratio)
        for name, url, target, ratio in pages
    ]
    floor = pooled_floor(timing for timing, _target, _ratio in timings)
    return [(floor_row(floor, 1), not floor.problem)] + [
        page_row(timing, target, 1, ratio_target=ratio) for timing, target, ratio in timings
    ]


def concurrent_rows(client, cases, options, deep_problem) -> list[tuple[str, bool]]:
    """The same pages through gunicorn, the session cookie of the in-process client; the
    minimal view first, at the same concurrency, as their floor."""
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    with Gunicorn() as server:

        def timed(name, url):
            timing = time_concurrently(
                server, name, url, cookie, options.clients, options.per_client
            )
            return _explained(timing, deep_problem)

        floor = timed("minimal view (floor)", FLOOR_URL)
        return [(floor_row(floor, options.clients), not floor.problem)] + [
            page_row(timed(name, url), DIRECTORY_CONCURRENT_P95_MS, options.clients, floor=floor)
            for name, url in cases
        ]


def _explained(timing, deep_problem: str):
    """A page that could not be reached (the deep page) says why."""
    if timing.url is None and not timing.problem:
        timing.problem = deep_problem
    return timing


def print_table(organizations: int, rows: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(
        f"\n{organizations:,} organizations, PostgreSQL {version}, {os.cpu_count()} CPUs, "
        f"database {connection.settings_dict['NAME']}\n"
    )
    print(
        "| measurement | clients | target | p50 | p95 / rate | × floor (p50 · p95) | queries | result |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    sys.exit(main())
