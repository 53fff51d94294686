"""Refuse request bodies over settings.MAX_REQUEST_BYTES before anything reads them.

Django reads an upload whole (into memory or a temporary file) before a form can refuse it, so a
50 MB body would cost its full transfer and disk space. This middleware runs first and answers
413 from the Content-Length header alone. A body without Content-Length (chunked transfer) is
refused with 411: Django would read none of it anyway, and the form would see an empty request.
A reverse proxy in front should enforce the same limit (see the README's deployment section).
"""

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils import translation


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or ""
        if not length and "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return _refusal(request, "411.html", status=411)
        try:
            too_large = int(length or 0) > settings.MAX_REQUEST_BYTES
        except ValueError:
            return HttpResponse(status=400)
        if too_large:
            return _refusal(request, "413.html", status=413)
        return self.get_response(request)


def _refusal(request, template_name, *, status):
    """A page in the language of the URL, rendered without the request context: the session and
    the user are not loaded this early, and nothing here may touch the database."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    megabytes = settings.MAX_REQUEST_BYTES // (1024 * 1024)
    with translation.override(language):
        body = loader.get_template(template_name).render({"limit_mb": megabytes})
    response = HttpResponse(body, status=status)
    # The client may still be sending: tell it to stop rather than keep the connection.
    response["Connection"] = "close"
    return response
