"""Grants at bench size (bench_seed_grants: 20,000 applications, 60,000 reviews).

The staff application list, a round's ranking and a reviewer's list, in-process (p95 ≤ 40 ms) and
with concurrent clients against gunicorn (p95 ≤ 120 ms); then 50 simultaneous approvals over HTTP
against one round's budget: the committed total must never exceed it, and no response may be an
error (an approval the budget cannot cover answers with the form and its reason).
"""

import http.client
import re
import threading
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from bench.pages import Gunicorn, time_concurrently, time_in_process
from bench.report import floor_row, page_row, pooled_floor
from grants.management.commands.bench_seed_grants import (
    APPROVAL_BUDGET,
    APPROVAL_REQUEST,
    APPROVAL_ROUND,
    REVIEWER_EMAIL,
    bench_center,
)
from grants.models import Award, FundingRound, GrantApplication
from ngo_portal.models import CenterMembership, User

P95_MS, CONCURRENT_P95_MS = 40, 120
OFFICER_EMAIL = "bench-officer@bench.invalid"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def measure(options) -> list[tuple[str, bool]]:
    rounds = FundingRound.objects.filter(center=bench_center(), title="Bench round 1")
    reviewer = User.objects.filter(email=REVIEWER_EMAIL.format(0)).first()
    if not rounds.exists() or reviewer is None:
        return [("| grants | — | — | — | — | — | — | run manage.py bench_seed_grants |", False)]
    officer, reviewer_client = _officer_client(), _client(reviewer)
    cases = [
        ("grants: application list (staff)", officer, "/grants/applications/"),
        ("grants: ranking of a 2,000-application round", officer, _ranking_url(rounds.get())),
        ("grants: a reviewer's list (2,000 assignments)", reviewer_client, "/grants/reviews/"),
    ]
    timings = [time_in_process(client, name, url, options.runs) for name, client, url in cases]
    rows = [(floor_row(pooled_floor(timings), 1), True)]
    rows += [page_row(timing, P95_MS, 1) for timing in timings]
    if options.skip_concurrent:
        return rows
    with Gunicorn() as server:
        rows += _concurrent_rows(server, cases, options)
        rows.append(_approvals_row(server, officer))
    return rows


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _officer_client() -> Client:
    user, _created = User.objects.get_or_create(email=OFFICER_EMAIL, defaults={"is_active": True})
    CenterMembership.objects.get_or_create(
        user=user, center=bench_center(), defaults={"role": CenterMembership.Role.OFFICER}
    )
    return _client(user)


def _ranking_url(funding_round) -> str:
    return f"/grants/rounds/{funding_round.pk}/ranking/"


def _cookie(client) -> str:
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _concurrent_rows(server, cases, options) -> list[tuple[str, bool]]:
    floor_cookie = _cookie(cases[0][1])
    floor = time_concurrently(
        server, "minimal view (floor)", "/bench/floor/", floor_cookie, options.clients, 5
    )
    rows = [(floor_row(floor, options.clients), not floor.problem)]
    for name, client, url in cases:
        timing = time_concurrently(
            server, name, url, _cookie(client), options.clients, options.per_client
        )
        rows.append(page_row(timing, CONCURRENT_P95_MS, options.clients, floor=floor))
    return rows


def _approvals_reset() -> tuple[FundingRound, list[int]]:
    funding_round = FundingRound.objects.get(center=bench_center(), title=APPROVAL_ROUND)
    Award.objects.filter(round=funding_round).delete()
    applications = GrantApplication.objects.filter(round=funding_round)
    applications.update(status=GrantApplication.Status.SUBMITTED, decided_at=None)
    return funding_round, list(applications.values_list("pk", flat=True))


def _request(server, method, url, headers, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.request(method, url, body=body, headers={"Host": "127.0.0.1", **headers})
        response = conn.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()
    finally:
        conn.close()


def _csrf(server, cookie, url) -> tuple[str, str]:
    """The CSRF cookie and form token, as a browser gets them from the application page."""
    _status, set_cookie, body = _request(server, "GET", url, {"Cookie": cookie})
    token = CSRF_INPUT.search(body.decode()).group(1)
    cookie_value = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", set_cookie).group(1)
    return f"{settings.CSRF_COOKIE_NAME}={cookie_value}", token


def _approvals_row(server, officer) -> tuple[str, bool]:
    funding_round, application_ids = _approvals_reset()
    session = _cookie(officer)
    csrf_cookie, token = _csrf(server, session, f"/grants/applications/{application_ids[0]}/")
    headers = {
        "Cookie": f"{session}; {csrf_cookie}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "amount": str(APPROVAL_REQUEST),
            "agreement_date": timezone.localdate().isoformat(),
        }
    )
    statuses, lock = [], threading.Lock()
    start = threading.Barrier(len(application_ids))

    def approve(pk):
        start.wait()
        status, _cookie_header, _body = _request(
            server, "POST", f"/grants/applications/{pk}/approve/", headers, body
        )
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=approve, args=(pk,)) for pk in application_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _approvals_verdict(funding_round, statuses)


def _approvals_verdict(funding_round, statuses) -> tuple[str, bool]:
    committed = Award.objects.filter(round=funding_round).aggregate(total=Sum("amount"))["total"]
    committed = committed or Decimal(0)
    approved, refused = statuses.count(302), statuses.count(200)
    errors = len(statuses) - approved - refused
    expected = int(APPROVAL_BUDGET // APPROVAL_REQUEST)
    ok = committed <= APPROVAL_BUDGET and errors == 0 and approved == expected
    line = (
        f"| grants: {len(statuses)} simultaneous approvals of ¥{APPROVAL_REQUEST:,.0f} against "
        f"a ¥{APPROVAL_BUDGET:,.0f} budget (HTTP) | {len(statuses)} | committed ≤ budget, "
        f"no errors | approved {approved}, refused {refused}, errors {errors} "
        f"| committed ¥{committed:,.0f} | — | — | {'ok' if ok else 'MISSED'} |"
    )
    return line, ok
