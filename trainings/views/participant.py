"""Pages reached by e-mailed links, without an account: the evaluation form, the follow-up report,
and the public verification of a certificate."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.crypto import constant_time_compare

from .. import services
from ..forms import EvaluationForm, FollowUpResponseForm
from ..models import ActionPlan, Certificate, Registration
from ..notifications import withdraw_signature
from ..rules import cancellation_error, evaluation_open


def _registration(token):
    return get_object_or_404(
        Registration.objects.select_related("session", "organization"),
        token=token,
        status=Registration.Status.CONFIRMED,
    )


def evaluation_form(request, token):
    registration = _registration(token)
    done = hasattr(registration, "evaluation")
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.evaluation_submit(registration=registration, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = True
    context = {
        "registration": registration,
        "session": registration.session,
        "form": form,
        "done": done,
        "open": evaluation_open(registration.session),
    }
    return render(request, "trainings/evaluation_form.html", context)


def follow_up_form(request, token):
    registration = _registration(token)
    follow_up = getattr(registration.session, "follow_up", None)
    done = registration.follow_up_responses.exists()
    plans = ActionPlan.objects.filter(
        session_id=registration.session_id, organization_id=registration.organization_id
    ).order_by("kind", "pk")
    form = FollowUpResponseForm(request.POST or None, plans=plans)
    if request.method == "POST" and follow_up and not done and form.is_valid():
        try:
            services.follow_up_respond(
                registration=registration,
                progress=form.cleaned_data["progress"],
                shared_with=form.cleaned_data.get("shared_with") or 0,
                plan_updates=form.plan_updates(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = True
    context = {
        "registration": registration,
        "session": registration.session,
        "follow_up": follow_up,
        "form": form,
        "done": done,
    }
    return render(request, "trainings/follow_up_form.html", context)


def certificate_verify(request, token):
    """Confirms who attended what, and nothing more: name, session, dates."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__session"),
        token=token,
        registration__status=Registration.Status.CONFIRMED,
    )
    return render(
        request,
        "trainings/certificate_verify.html",
        {"name": certificate.registration.name, "session": certificate.registration.session},
    )


def registration_withdraw(request, token, signature):
    """The participant gives their place back (the e-mails' link): a page to confirm, then a
    POST. Past the cancellation deadline it says whom to contact; nothing changes."""
    registration = get_object_or_404(
        Registration.objects.select_related("session", "organization"), token=token
    )
    if not constant_time_compare(signature, withdraw_signature(registration)):
        raise Http404
    error = None
    if request.method == "POST" and registration.is_active:
        try:
            registration = services.registration_withdraw(registration=registration)
        except ValidationError as problem:
            error = " ".join(problem.messages)
    context = {
        "registration": registration,
        "session": registration.session,
        "done": not registration.is_active,
        "problem": error or (cancellation_error(registration) if registration.is_active else None),
    }
    return render(request, "trainings/registration_withdraw.html", context)
