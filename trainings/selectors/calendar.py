"""Reads of the calendar: the filtered list (keyset pages), the feed, the home page section."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from ngo_portal.models import CenterMembership
from ngo_portal.permissions import center_roles

from ..filters import SessionFilter
from ..ical import sessions_calendar
from ..models import TrainingSession

PAGE_SIZE = 25


def _visible(user) -> Q:
    """Listed sessions, plus drafts of the centers the user is staff of."""
    listed = ~Q(status=TrainingSession.Status.DRAFT)
    if not user.is_authenticated:
        return listed
    if user.is_superuser:
        return Q()
    centers = [c for c, role in center_roles(user).items() if role in CenterMembership.STAFF_ROLES]
    return listed | Q(center_id__in=centers) if centers else listed


def session_list(*, user, filters: SessionFilter) -> QuerySet[TrainingSession]:
    """The filtered sessions the user may see, in date order, with what a calendar row shows."""
    queryset = (
        TrainingSession.objects.filter(_visible(user))
        .select_related("region", "program")
        .defer("description", "description_zh", "program__description", "program__description_zh")
    )
    # An invalid value (a stale province, a malformed month) drops that filter, not the page.
    filters.form.is_valid()
    return filters.filter_queryset(queryset).order_by("starts_on", "pk")


@dataclass
class CalendarPage:
    sessions: list[TrainingSession]
    next_cursor: str | None


def encode_cursor(session: TrainingSession) -> str:
    return f"{session.starts_on.isoformat()}_{session.pk}"


def decode_cursor(value: str | None) -> tuple[datetime.date, int] | None:
    try:
        day, pk = (value or "").split("_")
        return datetime.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def session_calendar_page(*, user, filters: SessionFilter, after: str | None) -> CalendarPage:
    """One page of the calendar, after the cursor (keyset: first day, then id). Without any
    filter, the calendar starts at today's sessions; a month filter shows that month whole."""
    sessions = session_list(user=user, filters=filters)
    if not (filters.form.is_valid() and filters.form.cleaned_data.get("month")):
        sessions = sessions.upcoming()
    cursor = decode_cursor(after)
    if cursor is not None:
        day, pk = cursor
        sessions = sessions.filter(Q(starts_on__gt=day) | Q(starts_on=day, pk__gt=pk))
    rows = list(sessions[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return CalendarPage(rows, encode_cursor(rows[-1]) if more else None)


def calendar_feed_sessions(*, year: int | None = None) -> QuerySet[TrainingSession]:
    """Listed sessions of one year (default: from a year ago to a year ahead), for the feed."""
    sessions = TrainingSession.objects.listed().select_related("region")
    if year is not None:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    else:
        today = timezone.localdate()
        first, last = today - datetime.timedelta(days=365), today + datetime.timedelta(days=365)
    return sessions.filter(starts_on__lte=last, ends_on__gte=first).order_by("starts_on", "pk")


FEED_CACHE_SECONDS = 24 * 3600


def calendar_feed(*, year: int | None, name: str) -> bytes:
    """The feed's iCalendar text, kept in the cache until a session of its range changes: the
    key holds the range's count and latest change, read with one aggregate query."""
    sessions = calendar_feed_sessions(year=year)
    version = sessions.order_by().aggregate(count=Count("pk"), changed=Max("updated_at"))
    changed = version["changed"].timestamp() if version["changed"] else 0
    key = f"trainings-feed:{year}:{get_language()}:{version['count']}:{changed}"
    body = cache.get(key)
    if body is None:
        body = sessions_calendar(sessions, name=name)
        cache.set(key, body, FEED_CACHE_SECONDS)
    return body


def upcoming_sessions(*, limit: int = 5) -> list[TrainingSession]:
    return list(
        TrainingSession.objects.filter(status=TrainingSession.Status.PUBLISHED)
        .upcoming()
        .select_related("region")
        .order_by("starts_on", "pk")[:limit]
    )
