"""Figures of a session and of a program: participants, organizations, provinces, attendance,
evaluations, follow-up completion, cascade reach. A fixed number of queries whatever the rows."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import Left

from ..models import (
    Attendance,
    CascadeTraining,
    Evaluation,
    FollowUp,
    FollowUpResponse,
    Registration,
    TrainingProgram,
    TrainingSession,
)
from .cascade import CascadeReach, cascade_reach, cascade_reach_with_total

CONFIRMED = Q(status=Registration.Status.CONFIRMED)
# An organization without a region counts towards no province.
PLACED = CONFIRMED & ~Q(organization__region_code="")


@dataclass
class SessionFigures:
    participants: int = 0
    organizations: int = 0
    provinces: int = 0
    waitlisted: int = 0
    pending: int = 0
    women: int = 0
    attendance_days: int = 0
    possible_days: int = 0
    follow_up_responses: int = 0
    has_follow_up: bool = False
    evaluations: int = 0
    reach: CascadeReach | None = field(default=None)

    @property
    def attendance_rate(self) -> int | None:
        if not self.possible_days:
            return None
        return round(100 * self.attendance_days / self.possible_days)

    @property
    def follow_up_rate(self) -> int | None:
        if not self.has_follow_up or not self.participants:
            return None
        return round(100 * self.follow_up_responses / self.participants)


def _registration_figures(registrations: QuerySet) -> dict:
    return registrations.aggregate(
        participants=Count("pk", filter=CONFIRMED),
        organizations=Count("organization_id", filter=CONFIRMED, distinct=True),
        provinces=Count(Left("organization__region_code", 2), filter=PLACED, distinct=True),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        pending=Count("pk", filter=Q(status=Registration.Status.PENDING)),
        women=Count("pk", filter=CONFIRMED & Q(gender=Registration.Gender.FEMALE)),
    )


def session_figures(*, session: TrainingSession) -> SessionFigures:
    """The session's figures in six queries."""
    figures = SessionFigures(**_registration_figures(session.registrations.all()))
    figures.attendance_days = Attendance.objects.filter(
        registration__session=session, registration__status=Registration.Status.CONFIRMED
    ).count()
    figures.possible_days = figures.participants * len(session.days)
    follow_up = FollowUp.objects.filter(session=session).first()
    figures.has_follow_up = follow_up is not None
    if follow_up is not None:
        figures.follow_up_responses = follow_up.responses.count()
    figures.evaluations = Evaluation.objects.filter(registration__session=session).count()
    figures.reach = cascade_reach(session=session)
    return figures


@dataclass
class ProgramStatistics:
    program: TrainingProgram
    rows: list[tuple[TrainingSession, SessionFigures]]
    total: SessionFigures


def _grouped(queryset, key: str) -> dict[int, int]:
    return dict(queryset.values_list(key).annotate(n=Count("pk")).values_list(key, "n"))


def program_statistics(*, program: TrainingProgram) -> ProgramStatistics:
    """One row per session and the program's totals (organizations and provinces counted once
    across sessions), in a fixed number of queries."""
    sessions = list(program.sessions.select_related("region").order_by("number", "starts_on"))
    registrations = Registration.objects.filter(session__program=program)
    per_session = {
        row["session_id"]: row
        for row in registrations.values("session_id").annotate(
            participants=Count("pk", filter=CONFIRMED),
            organizations=Count("organization_id", filter=CONFIRMED, distinct=True),
            provinces=Count(Left("organization__region_code", 2), filter=PLACED, distinct=True),
            waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
            pending=Count("pk", filter=Q(status=Registration.Status.PENDING)),
            women=Count("pk", filter=CONFIRMED & Q(gender=Registration.Gender.FEMALE)),
        )
    }
    attended = _grouped(
        Attendance.objects.filter(
            registration__session__program=program, registration__status="confirmed"
        ),
        "registration__session_id",
    )
    responses = _grouped(
        FollowUpResponse.objects.filter(follow_up__session__program=program),
        "follow_up__session_id",
    )
    follow_ups = set(
        FollowUp.objects.filter(session__program=program).values_list("session_id", flat=True)
    )
    evaluations = _grouped(
        Evaluation.objects.filter(registration__session__program=program),
        "registration__session_id",
    )
    reaches, reach_together = cascade_reach_with_total(sessions=sessions)
    rows = []
    for session in sessions:
        base = {k: v for k, v in per_session.get(session.pk, {}).items() if k != "session_id"}
        figures = SessionFigures(**base)
        figures.attendance_days = attended.get(session.pk, 0)
        figures.possible_days = figures.participants * len(session.days)
        figures.has_follow_up = session.pk in follow_ups
        figures.follow_up_responses = responses.get(session.pk, 0)
        figures.evaluations = evaluations.get(session.pk, 0)
        figures.reach = reaches[session.pk]
        rows.append((session, figures))
    total = SessionFigures(**_registration_figures(registrations))
    total.attendance_days = sum(attended.values())
    total.possible_days = sum(f.possible_days for _s, f in rows)
    total.has_follow_up = bool(follow_ups)
    total.follow_up_responses = sum(responses.values())
    total.evaluations = sum(evaluations.values())
    total.reach = reach_together
    return ProgramStatistics(program, rows, total)


@dataclass
class EvaluationSummary:
    count: int
    averages: dict[str, float | None]
    comments: list[tuple[str, str]]


def evaluation_summary(*, session: TrainingSession, comments: int = 50) -> EvaluationSummary:
    """Average ratings (1-5) and the latest written comments, in two queries."""
    evaluations = Evaluation.objects.filter(registration__session=session)
    figures = evaluations.aggregate(
        count=Count("pk"), overall=Avg("overall"), content=Avg("content"), trainer=Avg("trainer")
    )
    count = figures.pop("count")
    text = evaluations.exclude(most_useful="", suggestions="").order_by("-submitted_at")
    return EvaluationSummary(
        count,
        {name: round(value, 1) if value is not None else None for name, value in figures.items()},
        list(text.values_list("most_useful", "suggestions")[:comments]),
    )


def follow_up_non_responders(*, follow_up: FollowUp) -> QuerySet[Registration]:
    """Confirmed participants who have not reported at the follow-up yet."""
    return (
        follow_up.session.registrations.filter(status=Registration.Status.CONFIRMED)
        .exclude(follow_up_responses__follow_up=follow_up)
        .order_by("name", "pk")
    )


def follow_up_rows(*, follow_up: FollowUp) -> list[Registration]:
    """Every confirmed participant with `response` set (or None), in two queries."""
    rows = list(
        follow_up.session.registrations.filter(status=Registration.Status.CONFIRMED)
        .select_related("organization")
        .order_by("name", "pk")
    )
    responses = {r.registration_id: r for r in follow_up.responses.all()}
    for row in rows:
        row.response = responses.get(row.pk)
    return rows


def cascade_count(*, session: TrainingSession) -> int:
    return CascadeTraining.objects.filter(session=session).count()
