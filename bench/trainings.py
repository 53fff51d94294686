"""The trainings benchmark (issue #8), run by bench/run.py against `bench_seed_trainings` data.

- calendar (first page; a province and month) and a full session's roster: p95 ≤ 40 ms with one
  client in-process, ≤ 120 ms with 8 clients against gunicorn;
- the iCalendar feed of one year: p95 ≤ 100 ms;
- 200 registrations sent at once as HTTP requests to gunicorn for a 35-seat session: exactly 35
  confirmed, the rest waitlisted in arrival order, no error response; p95 reported;
- 100 certificates as jobs on a Celery worker process (concurrency 2): total time ≤ 60 s.
"""

import http.client
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string

from bench.pages import Gunicorn, Timing, percentile, time_concurrently, time_in_process
from bench.report import floor_row, page_row, pooled_floor
from ngo_portal.jobs.services import report_request
from ngo_portal.models import Center, CenterMembership, Report, User
from organizations.models import Organization, OrganizationMembership
from trainings.models import Attendance, Registration, TrainingSession
from trainings.services.reports import CERTIFICATE_KIND

ROOT = Path(__file__).resolve().parent.parent
PAGE_P95_MS, PAGE_CONCURRENT_P95_MS, FEED_P95_MS = 40, 120, 100
REGISTRATIONS, SEATS = 200, 35
CERTIFICATES, CERTIFICATES_S = 100, 60
BENCH_VENUE = "bench.invalid"
# The registration race's own session, apart from the seeded ones (bench_seed_trainings counts
# those to know whether it has run).
RACE_VENUE = "race.bench.invalid"
OFFICER_EMAIL = "bench-trainings-officer@bench.invalid"
MEMBER_EMAIL = "bench-trainings-member@bench.invalid"
# The worker's broker: never db 0, where development runs.
BROKER_URL = os.environ.get("BENCH_CELERY_BROKER_URL", "redis://127.0.0.1:6379/12")


def _officer() -> User:
    user, _created = User.objects.get_or_create(email=OFFICER_EMAIL)
    center, _created = Center.objects.get_or_create(
        slug=settings.PORTAL_HOST_CENTER, defaults={"name": "Benchmark Center"}
    )
    CenterMembership.objects.get_or_create(
        user=user, center=center, defaults={"role": CenterMembership.Role.OFFICER}
    )
    return user


def _full_session() -> TrainingSession | None:
    """A bench session at capacity, with a waiting list, in the calendar's default view."""
    return (
        TrainingSession.objects.filter(venue=BENCH_VENUE, ends_on__gte=timezone.localdate())
        .order_by("-confirmed_count", "pk")
        .first()
    )


def _cases(session) -> list[tuple[str, str, int]]:
    province = session.region_code[:2] + "0000"
    month = session.starts_on.strftime("%Y-%m")
    return [
        ("trainings: calendar, first page", "/trainings/", PAGE_P95_MS),
        (
            "trainings: calendar, province + month",
            "/trainings/?" + urlencode({"region": province, "month": month}),
            PAGE_P95_MS,
        ),
        ("trainings: calendar, open seats", "/trainings/?open=on", PAGE_P95_MS),
        ("trainings: roster of a full session", f"/trainings/{session.pk}/roster/", PAGE_P95_MS),
        (
            f"trainings: iCalendar feed of {session.starts_on.year}",
            f"/trainings/calendar.ics?year={session.starts_on.year}",
            FEED_P95_MS,
        ),
    ]


def measure(options) -> list[tuple[str, bool]]:
    session = _full_session()
    if session is None:
        return [("| trainings | — | — | — | — | — | — | seed with bench_seed_trainings |", False)]
    client = Client()
    client.force_login(_officer())
    cases = _cases(session)
    timings = [
        (time_in_process(client, name, url, options.runs), target) for name, url, target in cases
    ]
    floor = pooled_floor(timing for timing, _target in timings)
    rows = [(floor_row(floor, 1), not floor.problem)]
    rows += [page_row(timing, target, 1) for timing, target in timings]
    if not options.skip_concurrent:
        rows += _concurrent_rows(client, cases, options)
    rows.append(_registration_row())
    rows.append(_certificates_row())
    return rows


def _concurrent_rows(client, cases, options) -> list[tuple[str, bool]]:
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = [(name, url) for name, url, target in cases if target == PAGE_P95_MS]
    with Gunicorn() as server:
        return [
            page_row(
                time_concurrently(server, name, url, cookie, options.clients, options.per_client),
                PAGE_CONCURRENT_P95_MS,
                options.clients,
            )
            for name, url in pages
        ]


# --- 200 registrations at once over HTTP -------------------------------------------------------


def _registration_session() -> tuple[TrainingSession, str, Organization]:
    """A fresh 35-seat session open for registration, and a member's session cookie."""
    TrainingSession.objects.filter(venue=RACE_VENUE).delete()
    template = TrainingSession.objects.filter(venue=BENCH_VENUE).first()
    now = timezone.now()
    session = TrainingSession.objects.create(
        center=template.center,
        title="Bench registration race",
        region=template.region,
        region_code=template.region_code,
        venue=RACE_VENUE,
        starts_on=timezone.localdate() + timezone.timedelta(days=30),
        ends_on=timezone.localdate() + timezone.timedelta(days=31),
        capacity=SEATS,
        registration_opens=now - timezone.timedelta(days=1),
        registration_closes=now + timezone.timedelta(days=20),
        status=TrainingSession.Status.PUBLISHED,
    )
    user, _created = User.objects.get_or_create(email=MEMBER_EMAIL)
    organization = Organization.objects.order_by("pk").first()
    OrganizationMembership.objects.get_or_create(
        user=user,
        organization=organization,
        defaults={"state": OrganizationMembership.State.ACTIVE, "role": "member"},
    )
    client = Client()
    client.force_login(user)
    return session, client.cookies[settings.SESSION_COOKIE_NAME].value, organization


def _post(port: int, path: str, body: str, cookie: str) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Host": f"127.0.0.1:{port}",
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://127.0.0.1:{port}",
                "Referer": f"http://127.0.0.1:{port}{path}",
            },
        )
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, (time.perf_counter() - started) * 1000


def _form(organization, csrf: str, n: int) -> str:
    fields = {
        "csrfmiddlewaretoken": csrf,
        "organization": organization.pk,
        "participant-TOTAL_FORMS": "1",
        "participant-INITIAL_FORMS": "0",
        "participant-MIN_NUM_FORMS": "0",
        "participant-MAX_NUM_FORMS": "10",
        "participant-0-name": f"Racer {n}",
        "participant-0-email": f"racer{n}@{RACE_VENUE}",
        "participant-0-gender": "undisclosed",
        "participant-0-language": "zh-hans",
    }
    return urlencode(fields)


def _registration_row() -> tuple[str, bool]:
    session, session_cookie, organization = _registration_session()
    # Django accepts the unmasked secret as the form token: one per run, for all requests.
    csrf = get_random_string(32)
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_cookie}; {settings.CSRF_COOKIE_NAME}={csrf}"
    path = f"/trainings/{session.pk}/register/"
    timing = Timing(f"trainings: {REGISTRATIONS} registrations at once, {SEATS} seats", path)
    statuses = []
    lock = threading.Lock()
    # Confirmation e-mails queue on the bench's broker, not on development's.
    os.environ["CELERY_BROKER_URL"] = BROKER_URL
    with Gunicorn() as server:
        start = threading.Barrier(REGISTRATIONS)

        def one(n):
            body = _form(organization, csrf, n)
            start.wait()
            status, elapsed = _post(server.port, path, body, cookie)
            with lock:
                statuses.append(status)
                timing.times_ms.append(elapsed)

        threads = [threading.Thread(target=one, args=(n,)) for n in range(REGISTRATIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    rows = list(session.registrations.order_by("pk").values_list("status", "waitlist_position"))
    confirmed = sum(1 for status, _position in rows if status == "confirmed")
    waiting = [position for status, position in rows if status == "waitlisted"]
    errors = sum(1 for status in statuses if status != 302)
    in_order = waiting == list(range(1, len(waiting) + 1))
    ok = confirmed == SEATS and errors == 0 and len(rows) == REGISTRATIONS and in_order
    detail = (
        f"{confirmed} confirmed, {len(waiting)} waitlisted in order: {in_order}, {errors} errors"
    )
    line = (
        f"| {timing.name} | {REGISTRATIONS} | exactly {SEATS} confirmed, no errors "
        f"| {percentile(timing.times_ms, 0.5):.1f} ms | {percentile(timing.times_ms, 0.95):.1f} ms "
        f"| — | — | {'ok' if ok else 'MISSED'}: {detail} |"
    )
    return line, ok


# --- 100 certificates as jobs on a worker ------------------------------------------------------


def _certificate_registrations(count: int) -> list[Registration]:
    """`count` confirmed participants of bench sessions, each marked present every day."""
    registrations = list(
        Registration.objects.filter(
            session__venue=BENCH_VENUE, status="confirmed", certificate__isnull=True
        ).select_related("session")[:count]
    )
    Attendance.objects.bulk_create(
        [Attendance(registration=r, day=day) for r in registrations for day in r.session.days],
        ignore_conflicts=True,
    )
    return registrations


def _worker() -> subprocess.Popen:
    celery = Path(sys.executable).with_name("celery")
    command = [str(celery), "-A", "ngo_portal", "worker", "--concurrency", "2", "-l", "warning"]
    command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    environment = {
        **os.environ,
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": "consolemail://",
    }
    return subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _certificates_row() -> tuple[str, bool]:
    from ngo_portal.celery import app as celery_app

    registrations = _certificate_registrations(CERTIFICATES)
    user = _officer()
    celery_app.conf.update(broker_url=BROKER_URL, task_always_eager=False)
    celery_app._after_fork()
    celery_app.control._after_fork()
    # The registration race's e-mails wait there: they are not part of this measurement.
    celery_app.control.purge()
    worker = _worker()
    try:
        time.sleep(3)  # the worker's start, not counted
        started = time.perf_counter()
        reports = [
            report_request(
                kind=CERTIFICATE_KIND,
                requested_by=user,
                parameters={"registration": registration.pk},
                language="zh-hans",
                center=registration.session.center,
                subject=registration,
            ).pk
            for registration in registrations
        ]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            finished = Report.objects.filter(pk__in=reports, status__in=Report.FINISHED).count()
            if finished == len(reports):
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(30)
        connection.close()
    done = Report.objects.filter(pk__in=reports, status=Report.Status.DONE).count()
    ok = done == CERTIFICATES and seconds <= CERTIFICATES_S
    line = (
        f"| trainings: {CERTIFICATES} certificates as jobs (worker, concurrency 2) | — "
        f"| ≤ {CERTIFICATES_S} s | {seconds:.1f} s | {done} done | — | — "
        f"| {'ok' if ok else 'MISSED'} |"
    )
    return line, ok
