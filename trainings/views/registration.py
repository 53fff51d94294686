"""Members register their organization's people, see their registrations, cancel, and download
their certificates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import object_view, require

from .. import selectors, services
from ..forms import ParticipantFormSet, RegistrationOrganizationForm
from ..models import Registration, TrainingSession
from ..permissions import (
    can_cancel_registration,
    can_register_for_session,
    can_view_own_registrations,
    can_view_registration,
    can_view_session,
)
from ..rules import cancellation_error, eligibility_errors, registration_window_error


def _participants(formset) -> list[services.Participant]:
    return [
        services.Participant(**form.cleaned_data) for form in formset.forms if form.cleaned_data
    ]


@object_view(TrainingSession, visible=can_view_session, allowed=can_register_for_session)
def session_register(request, session):
    data = request.POST if request.method == "POST" else None
    chooser = RegistrationOrganizationForm(data, user=request.user)
    formset = ParticipantFormSet(data, prefix="participant")
    if data is not None and chooser.is_valid() and formset.is_valid():
        try:
            created = services.registrations_create(
                session=session,
                organization=chooser.cleaned_data["organization"],
                participants=_participants(formset),
                by=request.user,
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            confirmed = sum(r.status == Registration.Status.CONFIRMED for r in created)
            messages.success(
                request,
                _("%(total)s registered: %(confirmed)s confirmed, %(others)s waiting.")
                % {
                    "total": len(created),
                    "confirmed": confirmed,
                    "others": len(created) - confirmed,
                },
            )
            return redirect("trainings:my_registrations")
    organization = chooser.fields["organization"].initial
    problems = [registration_window_error(session)] if registration_window_error(session) else []
    if organization:
        problems += eligibility_errors(session, chooser.fields["organization"].queryset[0])
    context = {"session": session, "chooser": chooser, "formset": formset, "problems": problems}
    return render(request, "trainings/session_register.html", context)


@require(can_view_own_registrations)
def my_registrations(request):
    rows = selectors.organization_registrations(user=request.user)
    for row in rows:
        row.can_cancel = cancellation_error(row) is None
    return render(request, "trainings/registration_list.html", {"registrations": rows})


def _registration_queryset():
    return Registration.objects.select_related("session__center", "organization")


@object_view(_registration_queryset, visible=can_view_registration, allowed=can_cancel_registration)
@require_POST
def registration_cancel(request, registration):
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s's registration is cancelled.") % {"name": registration.name}
        )
    return redirect(_next_page(request) or "trainings:my_registrations")


def _next_page(request) -> str | None:
    """Where the form asked to return, if it is a page of this site."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if target and allowed else None


@object_view(_registration_queryset, visible=can_view_registration)
def certificate_download(request, registration):
    certificate = getattr(registration, "certificate", None)
    if certificate is None or not certificate.file:
        raise Http404
    return FileResponse(
        certificate.file.open("rb"),
        as_attachment=True,
        filename=f"certificate-{registration.pk}.pdf",
        content_type="application/pdf",
    )
