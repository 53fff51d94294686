"""Keyset pages over a queryset ordered by descending id: the cost of page 500 is page 1's."""

from dataclasses import dataclass

PAGE_SIZE = 25


@dataclass
class KeysetPage:
    rows: list
    next_after: int | None


def keyset_page(queryset, after, size: int = PAGE_SIZE) -> KeysetPage:
    """`size` rows with id below `after` (a string from the query, ignored when malformed), and
    the id to continue from when more follow."""
    try:
        after = int(after) if after else None
    except (TypeError, ValueError):
        after = None
    if after is not None:
        queryset = queryset.filter(pk__lt=after)
    rows = list(queryset.order_by("-pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return KeysetPage(rows=rows, next_after=rows[-1].pk if more and rows else None)
