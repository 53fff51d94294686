"""The home page section "open funding rounds", registered in GrantsConfig.ready()."""

from .. import selectors


def open_rounds_section(request) -> dict | None:
    rounds = selectors.open_rounds(limit=5)
    return {"rounds": rounds} if rounds else None
