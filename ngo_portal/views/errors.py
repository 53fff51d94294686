"""The portal's own error pages."""

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    """Rendered without context processors: after a failure the database or the cache may be the
    part that is down, so the page must not touch them. The language is still the request's."""
    return HttpResponseServerError(loader.get_template("500.html").render())


@requires_csrf_token
def bad_request(request, exception):
    """Also rendered without context processors: a bad request (an invalid Host header) can be
    refused by a middleware before the session and the user are loaded."""
    return HttpResponseBadRequest(loader.get_template("400.html").render())
