"""The one way the portal makes PDFs: a template under templates/pdf/ → WeasyPrint → bytes or file.

Assets resolve only from our own static files: a PDF never reaches the network.
"""

from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STATIC_FILE_PREFIX = "file:///static/"


class StaticOnlyFetcher(URLFetcher):
    """Serves /static/... from our static files and data: URIs; refuses everything else."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_FILE_PREFIX):
            path = finders.find(unquote(url.removeprefix(STATIC_FILE_PREFIX)))
            if path:
                return super().fetch(f"file://{path}", headers)
        raise ValueError(f"PDF asset outside static files refused: {url}")


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string(template_name, {**context, "pdf_language": language})
    return HTML(string=html, base_url="file:///", url_fetcher=StaticOnlyFetcher()).write_pdf()


def save_pdf(content: bytes, *, name: str) -> str:
    """Store through the storage API (local disk or S3 alike); returns the stored name."""
    return default_storage.save(name, ContentFile(content))
