"""The bench's URLs: the portal's, plus the floor every page is measured against.

`bench.settings` selects this module; production never routes to the floor.
"""

from django.http import HttpResponse
from django.urls import path

from bench.pages import FLOOR_URL
from ngo_portal.urls import urlpatterns as portal_urlpatterns


def floor(request):
    """A minimal view: what every request pays for Django, its middleware and the session."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(FLOOR_URL.strip("/") + "/", floor, name="bench_floor"), *portal_urlpatterns]
