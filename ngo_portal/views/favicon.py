"""/favicon.ico: pages link their icon, but files, feeds and some browsers still ask for this."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control


def favicon(request):
    # Looked up per request: the static file's name carries its hash, which changes with it.
    response = HttpResponseRedirect(static("img/favicon.svg"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response
