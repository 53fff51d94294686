from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from ..notification_kinds import notification_kind, optional_notification_kinds
from ..services.notifications import (
    notification_muted_kinds,
    notification_opt_out,
    notification_settings_save,
)
from ..unsubscribe import unsubscribe_read


class NotificationSettingsForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of e-mails and pages"))
    receive = forms.MultipleChoiceField(
        label=gettext_lazy("E-mails you may turn off"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, _(name)) for code, name in settings.LANGUAGES]
        self.fields["receive"].choices = [
            (kind.name, kind.label) for kind in optional_notification_kinds()
        ]


@login_required
def notification_settings(request):
    user = request.user
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST)
        if form.is_valid():
            notification_settings_save(
                user=user,
                language=form.cleaned_data["language"],
                receive=form.cleaned_data["receive"],
            )
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("notification_settings")
    else:
        muted = notification_muted_kinds(email=user.email)
        form = NotificationSettingsForm(
            initial={
                "language": user.preferred_language,
                "receive": [k.name for k in optional_notification_kinds() if k.name not in muted],
            }
        )
    return render(request, "ngo_portal/notification_settings.html", {"form": form})


@csrf_exempt  # RFC 8058: mail clients POST without a session or CSRF token; the token is signed
def notification_unsubscribe(request, token: str):
    """GET shows a button (link scanners must not unsubscribe anyone); POST unsubscribes."""
    try:
        email, kind_name = unsubscribe_read(token)
        kind = notification_kind(kind_name)
    except (signing.BadSignature, LookupError):
        raise Http404 from None
    done = False
    if request.method == "POST":
        notification_opt_out(email=email, kind=kind_name)
        done = True
    return render(
        request,
        "ngo_portal/notification_unsubscribe.html",
        {"email": email, "kind": kind, "done": done, "token": token},
    )
