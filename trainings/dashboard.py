"""The trainings' part of the staff dashboard, and their deadlines for the weekly digest.

Sessions count when they belong to one of the scope's centers, are published or completed, start
within the period (and not after today: held, not planned), and take place in the region. People
and organizations count once per confirmed registration; provinces by the organization's region.
Attendance is days checked in over days possible (confirmed participants × days of the session);
follow-up completion is follow-up responses over confirmed participants of sessions that have a
follow-up; cascade reach is the people trained in cascade trainings of those sessions.
"""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.db.models.functions import Left
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngo_portal.charts import bar_chart
from ngo_portal.dashboard_sections import DashboardScope, Deadline, Figure, Section, Table
from ngo_portal.models import Region

from .models import (
    Attendance,
    CascadeTraining,
    FollowUp,
    FollowUpResponse,
    Registration,
    TrainingSession,
)

TITLE = gettext_lazy("Trainings")
HELD = (TrainingSession.Status.PUBLISHED, TrainingSession.Status.COMPLETED)
CONFIRMED = Registration.Status.CONFIRMED
SESSION_ROWS = 20


def held_sessions(scope: DashboardScope, today: datetime.date | None = None):
    today = today or timezone.localdate()
    sessions = TrainingSession.objects.filter(
        center_id__in=scope.center_ids, status__in=HELD, starts_on__lte=today
    ).filter(**scope.period_filter("starts_on"))
    if scope.region_code:
        sessions = sessions.filter(region_code__startswith=scope.region_code)
    return sessions.order_by()


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def trainings_section(scope: DashboardScope) -> Section:
    """Figures: sessions held, participants, organizations and provinces reached, attendance (%),
    follow-up completion (%), people reached by cascade trainings; a table of the latest sessions
    and one of participants per province. Seven queries whatever the number of rows."""
    sessions = held_sessions(scope)
    session_ids = sessions.values("pk")
    session_count = sessions.count()
    confirmed = Registration.objects.filter(session__in=session_ids, status=CONFIRMED).order_by()
    placed = Q(organization__region_code__gt="")
    # One pass over the confirmed registrations, grouped by the organization's province ("" for
    # an organization without a region): an organization has one region, so it falls in one group
    # and the groups' distinct organizations add up to the distinct organizations overall.
    by_province = list(
        confirmed.annotate(province=Left("organization__region_code", 2))
        .values("province")
        .annotate(n=Count("pk"), organizations=Count("organization_id", distinct=True))
        .order_by("-n", "province")
    )
    per_province = [row for row in by_province if row["province"]]
    figures_row = {
        "participants": sum(row["n"] for row in by_province),
        "organizations": sum(row["organizations"] for row in by_province),
        "provinces": len(per_province),
    }
    # confirmed_count is kept by the registration services: no pass over the registrations.
    days_possible = sum(
        n * ((ends - starts).days + 1)
        for starts, ends, n in sessions.values_list("starts_on", "ends_on", "confirmed_count")
    )
    days_attended = Attendance.objects.filter(
        registration__session__in=session_ids, registration__status=CONFIRMED
    ).count()
    followed = FollowUp.objects.filter(session__in=session_ids).values("session_id")
    follow_up_participants = confirmed.filter(session__in=followed).count()
    responses = FollowUpResponse.objects.filter(
        follow_up__session__in=session_ids, registration__status=CONFIRMED
    ).count()
    cascade = CascadeTraining.objects.filter(session__in=session_ids).aggregate(
        people=Sum("people_trained"), trainings=Count("pk")
    )
    calendar = reverse("trainings:session_list")
    region_query = (
        "?" + urlencode({"region": scope.region_code[:2] + "0000"}) if scope.region_code else ""
    )
    programs = reverse("trainings:program_list")
    figures = [
        Figure(
            "trainings_held", _("Training sessions held"), session_count, calendar + region_query
        ),
        Figure("training_participants", _("Participants"), figures_row["participants"], programs),
        Figure(
            "training_organizations",
            _("Organizations trained"),
            figures_row["organizations"],
            programs,
        ),
        Figure("training_provinces", _("Provinces reached"), figures_row["provinces"], programs),
        Figure(
            "training_attendance",
            _("Attendance"),
            _percent(days_attended, days_possible),
            programs,
            percent=True,
        ),
        Figure(
            "training_follow_up_completion",
            _("Follow-up completion"),
            _percent(responses, follow_up_participants),
            programs,
            percent=True,
        ),
        Figure(
            "cascade_people_reached",
            _("People reached by cascade trainings"),
            cascade["people"] or 0,
            programs,
        ),
    ]
    latest = list(sessions.select_related("program").order_by("-starts_on", "-pk")[:SESSION_ROWS])
    # Counted for these rows only (their registrations by index), not for every session.
    counts = {
        row["session_id"]: row
        for row in Registration.objects.filter(session__in=[s.pk for s in latest], status=CONFIRMED)
        .values("session_id")
        .annotate(
            participants=Count("pk"),
            organizations=Count("organization_id", distinct=True),
            provinces=Count(Left("organization__region_code", 2), filter=placed, distinct=True),
        )
        .order_by()
    }
    for s in latest:
        row = counts.get(s.pk, {})
        s.participants = row.get("participants", 0)
        s.organizations = row.get("organizations", 0)
        s.provinces = row.get("provinces", 0)
    names = {
        region.code: region.display_name
        for region in Region.objects.filter(
            code__in=[row["province"] + "0000" for row in per_province]
        )
    }
    tables = [
        Table(
            "sessions",
            _("Latest sessions held"),
            [_("Session"), _("First day"), _("Participants"), _("Organizations"), _("Provinces")],
            [
                [s.display_title, s.starts_on, s.participants, s.organizations, s.provinces]
                for s in latest
            ],
            [reverse("trainings:session_detail", args=[s.pk]) for s in latest],
            chart=bar_chart(
                labels=[s.display_title for s in latest],
                series=[(_("Participants"), [s.participants for s in latest])],
                title=_("Participants per session"),
            )
            if latest
            else None,
        ),
        Table(
            "participants_by_province",
            _("Participants by province of their organization"),
            [_("Province"), _("Participants")],
            [
                [names.get(row["province"] + "0000", row["province"]), row["n"]]
                for row in per_province
            ],
        ),
    ]
    return Section("trainings", TITLE, figures, tables)


def training_deadlines(organization_ids, starts_on, ends_on) -> list[Deadline]:
    """Sessions the organizations' people are confirmed for that start in the window, and
    follow-ups of their sessions due in it."""
    found = []
    starting = (
        Registration.objects.filter(
            **_of(organization_ids, "organization_id"),
            status=CONFIRMED,
            session__starts_on__range=(starts_on, ends_on),
        )
        .values_list(
            "organization_id",
            "session_id",
            "session__starts_on",
            "session__title",
            "session__title_zh",
        )
        .distinct()
    )
    for organization_id, session_id, day, title, title_zh in starting:
        found.append(
            Deadline(
                organization_id,
                day,
                _("Training starts: %(title)s") % {"title": _bilingual(title, title_zh)},
                reverse("trainings:session_detail", args=[session_id]),
            )
        )
    follow_ups = (
        FollowUp.objects.filter(
            due_on__range=(starts_on, ends_on),
            **_of(organization_ids, "session__registrations__organization_id"),
            session__registrations__status=CONFIRMED,
        )
        .values_list(
            "session__registrations__organization_id",
            "session_id",
            "due_on",
            "session__title",
            "session__title_zh",
        )
        .distinct()
    )
    for organization_id, session_id, day, title, title_zh in follow_ups:
        found.append(
            Deadline(
                organization_id,
                day,
                _("Six-month follow-up due: %(title)s") % {"title": _bilingual(title, title_zh)},
                reverse("trainings:session_detail", args=[session_id]),
            )
        )
    return found


def _of(organization_ids, field: str) -> dict:
    return {} if organization_ids is None else {f"{field}__in": organization_ids}


def _bilingual(english: str, chinese: str) -> str:
    from django.utils.translation import get_language

    return chinese if get_language() == "zh-hans" and chinese else english
