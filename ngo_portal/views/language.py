from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..forms import LanguageForm
from ..services import user_set_preferred_language


@require_POST
def language_switch(request):
    """Switch the interface language; a signed-in user's choice is remembered for e-mails too.

    Open to everyone: it only changes the caller's own preference.
    """
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if not form.is_valid():
        return HttpResponseRedirect(next_url)
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_set_preferred_language(user=request.user, language=language)
    # translate_url resolves in the active language, which follows the cookie, not the page the
    # form was on: resolve next in its own language so /zh-hans/... can turn into English.
    page_language = translation.get_language_from_path(next_url) or settings.LANGUAGE_CODE
    with translation.override(page_language):
        response = HttpResponseRedirect(translate_url(next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite="Lax",
    )
    return response
