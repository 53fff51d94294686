"""The public calendar, a session's page, the iCalendar feed and the home page section."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ngo_portal.permissions import object_view
from ngo_portal.text import normalize_number

from .. import selectors
from ..filters import SessionFilter, province_choices, topic_choices
from ..models import TrainingSession
from ..permissions import (
    can_manage_session,
    can_record_action_plan,
    can_record_cascades,
    can_register_for_session,
    can_view_session,
)
from ..rules import registration_window_error

RESULTS_TEMPLATE = "trainings/partials/calendar_results.html"


def _query(params, **changes) -> str:
    query = params.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return query.urlencode()


@dataclass(frozen=True)
class SessionCard:
    """One calendar entry, formatted once in Python: the template only prints it (a card's
    dozen template lookups, twenty-five times, cost more than the page's queries)."""

    url: str
    title: str
    when: str
    place: str
    program: str
    badge: str
    open: bool
    topics: list[str]


STATUS_BADGES = {
    TrainingSession.Status.CANCELLED: gettext_lazy("Cancelled"),
    TrainingSession.Status.COMPLETED: gettext_lazy("Completed"),
    TrainingSession.Status.DRAFT: gettext_lazy("Draft"),
}


def session_card(session: TrainingSession, topics: dict[str, str]) -> SessionCard:
    when = f"{session.starts_on:%Y-%m-%d}"
    if session.ends_on != session.starts_on:
        when += f" – {session.ends_on:%Y-%m-%d}"
    program = session.program.display_title if session.program_id else ""
    if program and session.number:
        program += " · " + _("session %(number)s of %(total)s") % {
            "number": session.number,
            "total": session.program.planned_sessions,
        }
    seats = session.seats_left
    closed = session.registration_closes < timezone.now()
    open_seats = session.status == TrainingSession.Status.PUBLISHED and seats > 0 and not closed
    if session.status in STATUS_BADGES:
        badge = str(STATUS_BADGES[session.status])
    elif closed:
        badge = _("Registration closed")
    elif open_seats:
        badge = ngettext("%(seats)s seat left", "%(seats)s seats left", seats) % {"seats": seats}
    else:
        badge = _("Full: waiting list")
    return SessionCard(
        url=reverse("trainings:session_detail", args=[session.pk]),
        title=session.display_title,
        when=when,
        place=" · ".join(p for p in (session.region.display_name, session.venue) if p),
        program=program,
        badge=badge,
        open=open_seats,
        topics=[topics.get(key, key) for key in session.topics],
    )


def session_list(request):
    """Open to everyone; the selector limits drafts to their center's staff."""
    filterset = SessionFilter(request.GET)
    page = selectors.session_calendar_page(
        user=request.user, filters=filterset, after=request.GET.get("after")
    )
    topics = dict(topic_choices())
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "cards": [session_card(session, topics) for session in page.sessions],
        "provinces": province_choices(),
        "topic_list": list(topics.items()),
        "next_query": _query(request.GET, after=page.next_cursor) if page.next_cursor else "",
        "first_query": _query(request.GET, after=None),
    }
    response = render(
        request, RESULTS_TEMPLATE if partial else "trainings/session_list.html", context
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _session_detail_queryset():
    return TrainingSession.objects.select_related(
        "program", "center", "region__parent", "host_organization", "eligible_cohort"
    ).prefetch_related("trainers__organization", "speakers__organization")


@object_view(_session_detail_queryset, visible=can_view_session, public=True)
def session_detail(request, session):
    user = request.user
    topics = dict(topic_choices())
    context = {
        "session": session,
        "figures": selectors.session_figures(session=session),
        "topics": [topics.get(key, key) for key in session.topics],
        "registration_problem": registration_window_error(session),
        "can_register": can_register_for_session(user, session) or not user.is_authenticated,
        "can_manage": can_manage_session(user, session),
        "can_record_plans": user.is_authenticated and can_record_action_plan(user, session),
        "can_record_cascade": can_record_cascades(user, session),
    }
    return render(request, "trainings/session_detail.html", context)


def feed_year(value: str) -> int | None:
    """The feed's ?year=: four digits (full-width ones read too), year 1 to 9999; anything
    else (0000, 10000, "abc") means the default range."""
    value = normalize_number(value)
    if len(value) == 4 and value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value)
    return None


def calendar_feed(request):
    """The iCalendar feed of listed sessions: ?year=2014 for one year, else a year around today."""
    year = feed_year(request.GET.get("year", ""))
    body = selectors.calendar_feed(year=year, name=_("Trainings"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="trainings.ics"'
    return response


def upcoming_trainings_section(request) -> dict | None:
    """The home page's upcoming sessions (shown to everyone, also when there are none)."""
    return {"sessions": selectors.upcoming_sessions(limit=5)}
