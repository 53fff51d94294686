"""Reads of registrations: the roster, the waiting list, check-in search, an organization's own."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from ngo_portal.text import normalize_search
from organizations.permissions import organization_roles

from ..models import ActionPlan, Attendance, Registration, TrainingSession

Status = Registration.Status
ROSTER_LIMIT = 500
SEARCH_LIMIT = 100
# What a roster line shows: organizations are wide rows, and a list needs only their names.
ROSTER_FIELDS = (
    *("session_id", "organization_id", "name", "position", "email", "phone", "gender"),
    *("language", "status", "waitlist_position", "created_at", "token"),
    *("organization__name_zh", "organization__name_en"),
)


def session_roster(*, session: TrainingSession, status: str = Status.CONFIRMED) -> QuerySet:
    """Registrations of one status (confirmed by default), by name, with their organization and
    the days they attended (one query for the rows, one for the days). Bounded at ROSTER_LIMIT:
    no session seats more, and a larger waiting list is shown in arrival order up to it."""
    rows = (
        session.registrations.filter(status=status)
        .select_related("organization")
        .only(*ROSTER_FIELDS)
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.only("registration_id", "day"))
        )
    )
    order = ("waitlist_position",) if status == Status.WAITLISTED else ("name", "pk")
    return rows.order_by(*order)[:ROSTER_LIMIT]


@dataclass
class Roster:
    confirmed: list[Registration]
    waitlisted: list[Registration]
    pending: list[Registration]


def session_roster_lists(*, session: TrainingSession) -> Roster:
    """The roster page's three lists (confirmed by name, the waiting list in arrival order,
    those awaiting approval by arrival) in one query, each row with `days_attended`."""
    rows = (
        session.registrations.filter(status__in=Registration.ACTIVE)
        .select_related("organization")
        .only(*ROSTER_FIELDS)
        .annotate(days_attended=Count("attendances"))
        .order_by("status", "name", "pk")[: 3 * ROSTER_LIMIT]
    )
    lists = {status: [] for status in Registration.ACTIVE}
    for row in rows:
        lists[row.status].append(row)
    lists[Status.WAITLISTED].sort(key=lambda row: row.waitlist_position)
    lists[Status.PENDING].sort(key=lambda row: row.pk)
    return Roster(lists[Status.CONFIRMED], lists[Status.WAITLISTED], lists[Status.PENDING])


def session_status_counts(*, session: TrainingSession) -> dict[str, int]:
    counts = dict(
        session.registrations.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Status.values}


SEARCH_QUERY_MAX = 100


def check_in_search(*, session: TrainingSession, query: str, day) -> list[Registration]:
    """Confirmed participants whose name, organization or phone contains `query` (all of them
    when empty), each marked `present` for `day`. Two queries, at most SEARCH_LIMIT rows (more
    than a session seats: the list is whole unless the session is larger)."""
    rows = (
        session.registrations.filter(status=Status.CONFIRMED)
        .select_related("organization")
        .only(*ROSTER_FIELDS)
    )
    # Half-width, without NUL or control characters: "１３８" finds 138, "\x00" finds no error.
    query = normalize_search(query).strip()[:SEARCH_QUERY_MAX]
    if query:
        rows = rows.filter(
            Q(name__icontains=query)
            | Q(organization__name_zh__icontains=query)
            | Q(organization__name_en__icontains=query)
            | Q(phone__contains=query)
        )
    rows = list(rows.order_by("name", "pk")[:SEARCH_LIMIT])
    present = set(
        Attendance.objects.filter(registration__in=rows, day=day).values_list(
            "registration_id", flat=True
        )
    )
    for row in rows:
        row.present = row.pk in present
    return rows


def organization_registrations(*, user) -> QuerySet[Registration]:
    """The registrations of the user's organizations, newest sessions first, with certificates."""
    return (
        Registration.objects.filter(organization_id__in=list(organization_roles(user)))
        .select_related("session", "organization", "certificate")
        .order_by("-session__starts_on", "session_id", "name")[:ROSTER_LIMIT]
    )


def session_action_plans(*, session: TrainingSession, user, staff: bool) -> QuerySet[ActionPlan]:
    """All plans for staff; a member's own organizations' plans otherwise."""
    plans = session.action_plans.select_related("organization", "registration")
    if not staff:
        plans = plans.filter(organization_id__in=list(organization_roles(user)))
    return plans.order_by("organization__name_zh", "kind", "pk")


def check_in_count(*, session: TrainingSession, day) -> tuple[int, int]:
    """(checked in on `day`, confirmed participants): the check-in desk's running figure. One
    query; the confirmed number is the session's kept count."""
    present = Attendance.objects.filter(
        registration__session=session, registration__status=Status.CONFIRMED, day=day
    ).count()
    return present, session.confirmed_count
