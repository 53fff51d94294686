"""Page timings: in-process with the test client, and with concurrent clients against gunicorn."""

import html
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin

from django.db import connection
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parent.parent
DIRECTORY = "/organizations/"
# The minimal view every page is measured against, mounted by bench/urls.py only.
FLOOR_URL = "/bench/floor/"
DEEP_PAGES = 200
LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
HREF = re.compile(r'href="([^"]*)"')


@dataclass
class Timing:
    name: str
    url: str | None
    times_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    problem: str = ""
    # The minimal view, timed alternately with the page: a shared machine's load moves both.
    floor_ms: list[float] = field(default_factory=list)

    def percentile(self, share: float) -> float | None:
        return percentile(self.times_ms, share)

    def ratio(self, share: float) -> float | None:
        """The page's percentile as a multiple of the floor's same percentile."""
        page, floor = self.percentile(share), percentile(self.floor_ms, share)
        return page / floor if page is not None and floor else None


def percentile(times_ms: list[float], share: float) -> float | None:
    """Nearest rank: p95 of 30 runs is the 29th fastest."""
    if not times_ms:
        return None
    ordered = sorted(times_ms)
    return ordered[max(int(-(-share * len(ordered) // 1)) - 1, 0)]


def directory_cases(province: str) -> list[tuple[str, str]]:
    query = {
        "province + legal form": {"province": province, "legal_form": "social_service_org"},
        "search 养老 (2 characters)": {"q": "养老"},
        "search 养老服务 (4 characters)": {"q": "养老服务"},
        "search yanglao (pinyin)": {"q": "yanglao"},
    }
    return [("first page", DIRECTORY)] + [
        (name, f"{DIRECTORY}?{urlencode(params)}") for name, params in query.items()
    ]


def next_link(page: str, current: str) -> str | None:
    """The directory's next-page link: the one marked rel="next", else any link with after=."""
    links = [tag for tag in LINK.findall(page) if "after=" in tag]
    links.sort(key=lambda tag: 'rel="next"' not in tag)
    for tag in links:
        match = HREF.search(tag)
        if match:
            return urljoin(current, html.unescape(match.group(1)))
    return None


def deep_page_url(client, pages: int = DEEP_PAGES) -> tuple[str | None, str]:
    url = DIRECTORY
    for done in range(pages):
        response = client.get(url)
        if response.status_code != 200:
            return None, f"HTTP {response.status_code} at page {done + 1}"
        url = next_link(response.content.decode(), url)
        if url is None:
            return None, f"no next link after {done + 1} pages"
    return url, ""


def _timed_get(client, url: str) -> float:
    started = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - started) * 1000


def time_in_process(
    client, name: str, url: str | None, runs: int, warmup: int = 3, floor_url: str = FLOOR_URL
) -> Timing:
    """`runs` requests of `url`, each followed by one of the minimal view (`floor_url`)."""
    timing = Timing(name, url)
    if url is None:
        return timing
    for _ in range(warmup):
        response = client.get(url)
        floor = client.get(floor_url)
    if response.status_code != 200:
        timing.problem = f"HTTP {response.status_code}"
        return timing
    if floor.status_code != 200:
        timing.problem = f"floor HTTP {floor.status_code}"
        return timing
    for _ in range(runs):
        timing.times_ms.append(_timed_get(client, url))
        timing.floor_ms.append(_timed_get(client, floor_url))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timing.queries = len(queries)
    return timing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn with 2 workers on a free loopback port, for the length of a `with` block."""

    def __init__(self, workers: int = 2):
        self.port = free_port()
        self.workers = workers

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "ngo_portal.wsgi"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
        command += ["--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "DEBUG": "false"})  # noqa: S603
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get("/healthz", {})
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start within 30 s")

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def get(self, url: str, headers: dict) -> tuple[int, float]:
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", url, headers={"Host": "127.0.0.1", **headers})
            response = conn.getresponse()
            response.read()
        finally:
            conn.close()
        return response.status, (time.perf_counter() - started) * 1000


def time_concurrently(server: Gunicorn, name, url, cookie, clients, per_client) -> Timing:
    """`clients` threads, each sending `per_client` requests one after the other (plus 2 warm-ups)."""
    timing = Timing(name, url)
    if url is None:
        return timing
    headers = {"Cookie": cookie}
    start = threading.Barrier(clients)
    statuses, lock = set(), threading.Lock()

    def client():
        for _ in range(2):
            server.get(url, headers)
        start.wait()
        for _ in range(per_client):
            status, elapsed = server.get(url, headers)
            with lock:
                statuses.add(status)
                timing.times_ms.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if statuses != {200}:
        timing.problem = "HTTP " + ", ".join(map(str, sorted(statuses)))
    return timing
