"""Every non-trivial read of the trainings app, one module per concern; import from here."""

from .calendar import (
    PAGE_SIZE,
    CalendarPage,
    calendar_feed,
    calendar_feed_sessions,
    session_calendar_page,
    session_list,
    upcoming_sessions,
)
from .cascade import CascadeNode, CascadeReach, cascade_reach, cascade_reach_many
from .roster import (
    ROSTER_LIMIT,
    check_in_count,
    check_in_search,
    organization_registrations,
    session_action_plans,
    session_roster,
    session_roster_lists,
    session_status_counts,
)
from .statistics import (
    EvaluationSummary,
    ProgramStatistics,
    SessionFigures,
    evaluation_summary,
    follow_up_non_responders,
    follow_up_rows,
    program_statistics,
    session_figures,
)

__all__ = [
    "PAGE_SIZE",
    "ROSTER_LIMIT",
    "CalendarPage",
    "CascadeNode",
    "CascadeReach",
    "EvaluationSummary",
    "ProgramStatistics",
    "SessionFigures",
    "calendar_feed",
    "calendar_feed_sessions",
    "cascade_reach",
    "cascade_reach_many",
    "check_in_count",
    "check_in_search",
    "evaluation_summary",
    "follow_up_non_responders",
    "follow_up_rows",
    "organization_registrations",
    "program_statistics",
    "session_action_plans",
    "session_calendar_page",
    "session_figures",
    "session_list",
    "session_roster",
    "session_roster_lists",
    "session_status_counts",
    "upcoming_sessions",
]
