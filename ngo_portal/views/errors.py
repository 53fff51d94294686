"""The portal's own error pages."""

from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    """Rendered without context processors: after a failure the database or the cache may be the
    part that is down, so the page must not touch them. The language is still the request's."""
    return HttpResponseServerError(loader.get_template("500.html").render())
