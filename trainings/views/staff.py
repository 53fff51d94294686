"""Staff create and edit programs and sessions in the portal, and see a program's statistics."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import object_view, require

from .. import selectors, services
from ..forms import ProgramForm, SessionForm
from ..models import TrainingProgram, TrainingSession
from ..permissions import can_create_training, can_manage_program, can_manage_session


@require(can_create_training)
def program_list(request):
    programs = TrainingProgram.objects.select_related("center").order_by("-created_at")[:200]
    return render(request, "trainings/program_list.html", {"programs": programs})


def _program_form(request, program, *, creating: bool):
    form = ProgramForm(request.POST or None, instance=program, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_save(program=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The program is saved."))
            return redirect("trainings:program_statistics", program.pk)
    return render(
        request,
        "trainings/program_form.html",
        {"form": form, "program": program, "creating": creating},
    )


@require(can_create_training)
def program_create(request):
    return _program_form(request, TrainingProgram(), creating=True)


@object_view(TrainingProgram, allowed=can_manage_program)
def program_edit(request, program):
    return _program_form(request, program, creating=False)


@object_view(lambda: TrainingProgram.objects.select_related("center"), allowed=can_manage_program)
def program_statistics(request, program):
    statistics = selectors.program_statistics(program=program)
    return render(
        request, "trainings/program_statistics.html", {"statistics": statistics, "program": program}
    )


def _session_form(request, session, *, creating: bool):
    form = SessionForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_save(
                session=form.save(commit=False),
                by=request.user,
                trainers=form.cleaned_data["trainers"],
                speakers=form.cleaned_data["speakers"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("trainings:session_detail", session.pk)
    return render(
        request,
        "trainings/session_form.html",
        {"form": form, "session": session, "creating": creating},
    )


@require(can_create_training)
def session_create(request):
    return _session_form(request, TrainingSession(), creating=True)


@object_view(TrainingSession, allowed=can_manage_session)
def session_edit(request, session):
    return _session_form(request, session, creating=False)


@object_view(TrainingSession, allowed=can_manage_session)
@require_POST
def session_complete(request, session):
    try:
        services.session_complete(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The session is completed: evaluation forms are on their way."))
    return redirect("trainings:session_detail", session.pk)


@object_view(TrainingSession, allowed=can_manage_session)
def session_statistics(request, session):
    context = {
        "session": session,
        "figures": selectors.session_figures(session=session),
        "evaluations": selectors.evaluation_summary(session=session),
        "counts": selectors.session_status_counts(session=session),
    }
    return render(request, "trainings/session_statistics.html", context)
