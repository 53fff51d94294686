"""iCalendar documents of sessions (the public feed and the confirmation's attachment), made with
the `icalendar` library: all-day events from the first to the last day, Asia/Shanghai dates."""

import datetime

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

PRODUCT_ID = "-//NGO Portal//Trainings//EN"


def _event(session, stamp: datetime.datetime, *, withdrawn: bool = False) -> Event:
    event = Event()
    event.add("uid", f"training-session-{session.pk}@ngo-portal")
    event.add("dtstamp", stamp)
    event.add("summary", session.display_title)
    event.add("dtstart", session.starts_on)
    # DTEND of an all-day event is exclusive: the day after the last day.
    event.add("dtend", session.ends_on + datetime.timedelta(days=1))
    location = ", ".join(part for part in (session.venue, session.region.display_name) if part)
    if location:
        event.add("location", location)
    event.add("url", settings.SITE_URL + reverse("trainings:session_detail", args=[session.pk]))
    # Raised on every change participants are told of: calendars replace the event they hold.
    # A participant's own withdrawal is one step past the session's current version.
    event.add("sequence", session.ical_sequence + (1 if withdrawn else 0))
    if withdrawn or session.status == session.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def sessions_calendar(sessions, *, name: str, withdrawn: bool = False) -> bytes:
    """One VCALENDAR with a VEVENT per session; `withdrawn`: marked cancelled for a participant
    whose place is cancelled (the session itself goes on)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for session in sessions:
        calendar.add_component(_event(session, stamp, withdrawn=withdrawn))
    return calendar.to_ical()
