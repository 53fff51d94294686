from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext

from . import services
from .mail import subject_prefix
from .models import User


@dataclass(frozen=True)
class PortalSite:
    """What allauth's e-mails call `current_site`: without django.contrib.sites allauth names
    the request's host ("Hello from 127.0.0.1!"); the portal's e-mails name the portal."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    """In the active language: activate the recipient's first."""
    return PortalSite(name=gettext("NGO Portal"), domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.full_name = data.get("full_name", "")
        user.preferred_language = data.get("preferred_language") or translation.get_language()
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        # After login the portal speaks the user's preferred language: the URL carries it.
        url = super().get_login_redirect_url(request)
        return translate_url(url, request.user.preferred_language)

    def get_signup_redirect_url(self, request):
        # The first login, right after the e-mail is confirmed, follows the same rule.
        url = super().get_signup_redirect_url(request)
        language = getattr(request.user, "preferred_language", None)
        return translate_url(url, language) if language else url

    def confirm_email(self, request, email_address):
        # allauth logs the user in only when this returns True: keep its answer.
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            services.notification_schedule_welcome(user=email_address.user)
        return confirmed

    def send_mail(self, template_prefix, email, context):
        # allauth renders in the request's language; an e-mail goes out in its recipient's, and
        # so do its links (activate_url, password_reset_url...), built in the request's.
        language = self._recipient_language(email, context)
        context = {
            key: translate_url(value, language)
            if key.endswith("_url") and isinstance(value, str)
            else value
            for key, value in context.items()
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context | {"current_site": portal_site()})

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's message with the link to the e-mail settings every portal e-mail ends with
        (these are required e-mails: no unsubscribe link)."""
        from django.conf import settings
        from django.urls import reverse

        from .services.notifications import with_settings_link

        message = super().render_mail(template_prefix, email, context, headers=headers)
        settings_url = settings.SITE_URL + reverse("notification_settings")
        html = message.alternatives[0][0] if getattr(message, "alternatives", None) else ""
        text, html = with_settings_link(message.body, html, settings_url, "")
        if getattr(message, "content_subtype", "") == "html":
            message.body = html
        else:
            message.body = text
            if getattr(message, "alternatives", None):
                message.alternatives[0] = (html, message.alternatives[0][1])
        return message

    def format_email_subject(self, subject):
        return subject_prefix() + force_str(subject)

    @staticmethod
    def _recipient_language(email, context) -> str:
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).only("preferred_language").first()
        return (user and user.preferred_language) or translation.get_language()
