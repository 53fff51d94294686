from allauth.account.adapter import DefaultAccountAdapter
from django.urls import translate_url
from django.utils import translation

from . import services


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
