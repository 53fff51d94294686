"""Checking participants in on a phone: search by name (htmx swaps the list, no reload) or
scan the QR code of their confirmation e-mail."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import object_view

from .. import selectors, services
from ..models import TrainingSession
from ..permissions import can_manage_session

ROWS_TEMPLATE = "trainings/partials/check_in_rows.html"
ROW_TEMPLATE = "trainings/partials/check_in_row.html"


def _day(request, session):
    """The day asked for, else today if it is a session day, else the first day."""
    value = request.GET.get("day") or request.POST.get("day") or ""
    days = session.days
    for day in days:
        if day.isoformat() == value:
            return day
    today = timezone.localdate()
    return today if today in days else days[0]


def _posted_day_error(request, session) -> str | None:
    """A check-in names its day: one that is not a session day records nothing (it is not
    silently moved to today or the first day)."""
    value = request.POST.get("day")
    if value and value not in {day.isoformat() for day in session.days}:
        return _("That day is not a day of this session.")
    return None


@object_view(TrainingSession, allowed=can_manage_session)
def check_in(request, session):
    day = _day(request, session)
    query = request.GET.get("q", "")
    rows = selectors.check_in_search(session=session, query=query, day=day)
    present, total = selectors.check_in_count(session=session, day=day)
    context = {
        "session": session,
        "day": day,
        "rows": rows,
        "query": query,
        "present": present,
        "total": total,
    }
    if request.htmx:
        return render(request, ROWS_TEMPLATE, context)
    return render(request, "trainings/check_in.html", context)


@object_view(TrainingSession, allowed=can_manage_session)
@require_POST
def check_in_toggle(request, session, registration_pk):
    day = _day(request, session)
    registration = get_object_or_404(
        session.registrations.select_related("organization", "session__center"), pk=registration_pk
    )
    error = _posted_day_error(request, session)
    if error is None:
        try:
            if request.POST.get("present") == "1":
                services.attendance_check_in(registration=registration, day=day, by=request.user)
            else:
                services.attendance_undo(registration=registration, day=day, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
    registration.present = registration.attendances.filter(day=day).exists()
    present, total = selectors.check_in_count(session=session, day=day)
    context = {
        "session": session,
        "day": day,
        "row": registration,
        "error": error,
        "present": present,
        "total": total,
        "count_out_of_band": True,  # the row's swap also refreshes the page's figure
    }
    if request.htmx:
        return render(request, ROW_TEMPLATE, context)
    if error:
        messages.error(request, error)
    return redirect(reverse("trainings:check_in", args=[session.pk]) + f"?day={day.isoformat()}")


@object_view(TrainingSession, allowed=can_manage_session)
def check_in_code(request, session, token):
    """The confirmation's QR code opens this page on staff's phone: one press checks in."""
    registration = get_object_or_404(
        session.registrations.select_related("organization", "session__center"), token=token
    )
    day = _day(request, session)
    day_error = _posted_day_error(request, session) if request.method == "POST" else None
    if day_error:
        messages.error(request, day_error)
    elif request.method == "POST":
        try:
            services.attendance_check_in(registration=registration, day=day, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
            return redirect("trainings:check_in", session.pk)
    registration.present = registration.attendances.filter(day=day).exists()
    return render(
        request,
        "trainings/check_in_code.html",
        {"session": session, "day": day, "row": registration},
    )
