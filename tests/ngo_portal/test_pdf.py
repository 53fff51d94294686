"""The PDF service: real WeasyPrint output read back with poppler, Chinese in an embedded CJK font,
storage through the storage API, and no network access while rendering."""

import http.server
import subprocess
import threading

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from ngo_portal.pdf import StaticOnlyFetcher, render_pdf, save_pdf

TEMPLATE = "pdf/service_check.html"
ORGANIZATION_ZH = "青海省社会工作协会"
ENGLISH_SENTENCE = "This document confirms that the portal can produce PDF files."
CJK_FONT_NAMES = ("NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "WenQuanYi")


def _write(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _text(path):
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.split())


def _fonts(path):
    """(name, embedded) per font, from pdffonts' table (name first, 'emb' fifth from the end)."""
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def test_english_pdf_carries_the_translated_text(tmp_path):
    content = render_pdf(TEMPLATE, {"organization_name": "Qinghai Social Work"}, language="en")

    assert content.startswith(b"%PDF-")
    text = _text(_write(tmp_path, content, "en.pdf"))
    assert "PDF service check" in text
    assert ENGLISH_SENTENCE in text
    assert "Qinghai Social Work" in text


def test_chinese_pdf_embeds_a_cjk_font_for_chinese_names(tmp_path):
    content = render_pdf(TEMPLATE, {"organization_name": ORGANIZATION_ZH}, language="zh-hans")

    path = _write(tmp_path, content, "zh.pdf")
    assert ORGANIZATION_ZH in _text(path)
    cjk = [
        (name, embedded)
        for name, embedded in _fonts(path)
        if any(family in name.replace("-", "") for family in CJK_FONT_NAMES)
    ]
    assert cjk, _fonts(path)
    assert all(embedded == "yes" for _name, embedded in cjk)


def test_the_template_renders_in_the_requested_language(tmp_path):
    with translation.override("en"):
        content = render_pdf(TEMPLATE, {"organization_name": ORGANIZATION_ZH}, language="zh-hans")

    # The language code is the template's own {% get_current_language %}, not a context value.
    assert "zh-hans" in _text(_write(tmp_path, content, "lang.pdf")).split()
    assert translation.get_language() == "en"


def test_save_pdf_stores_through_the_storage_api(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    content = render_pdf(TEMPLATE, {"organization_name": ORGANIZATION_ZH}, language="en")

    first = save_pdf(content, name="reports/check.pdf")
    second = save_pdf(content, name="reports/check.pdf")

    assert first.startswith("reports/check")
    assert second != first  # an existing file is never overwritten
    with default_storage.open(first, "rb") as stored:
        assert stored.read() == content
    assert (tmp_path / "media" / first).exists()


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def image_server():
    """A local web server that only counts requests: a rendered PDF must never reach it."""
    _CountingHandler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/x.png", _CountingHandler.requests
    server.shutdown()
    server.server_close()


def test_remote_images_are_not_fetched(tmp_path, image_server, caplog):
    url, requests = image_server

    content = render_pdf(
        TEMPLATE, {"organization_name": "NGO", "remote_image_url": url}, language="en"
    )

    assert ENGLISH_SENTENCE in _text(_write(tmp_path, content, "img.pdf"))
    assert requests == []
    assert "PDF asset outside static files refused" in caplog.text


def test_control_without_our_fetcher_the_image_would_be_fetched(image_server):
    """Shows the test above can fail: WeasyPrint's own fetcher does reach the server."""
    url, requests = image_server
    html = render_to_string(TEMPLATE, {"remote_image_url": url, "pdf_language": "en"})

    HTML(string=html).write_pdf()

    assert requests == ["/x.png"]


def test_the_fetcher_serves_static_files_and_refuses_the_rest():
    fetcher = StaticOnlyFetcher()

    response = fetcher.fetch("file:///static/css/portal.css")
    assert b"--" in response.read()  # the stylesheet's custom properties
    response.close()
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    for url in ("file:///etc/passwd", "http://127.0.0.1:1/x.png", "file:///static/missing.css"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    with pytest.raises((ValueError, SuspiciousFileOperation)):
        fetcher.fetch("file:///static/../../etc/passwd")
