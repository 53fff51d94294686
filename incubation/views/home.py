"""The home page's "open calls" section."""

from ..selectors import open_calls


def open_calls_section(request) -> dict | None:
    """Cohorts taking applications now; the section is left out when there are none."""
    calls = open_calls()
    return {"cohorts": calls} if calls else None
