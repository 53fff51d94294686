"""Reads of the job machinery: a user's files, newest first, a page at a time."""

from dataclasses import dataclass

from ..models import Report

PAGE_SIZE = 25


@dataclass
class ReportPage:
    reports: list[Report]
    next_before: int | None


def report_list_page(*, user, before: int | None = None) -> ReportPage:
    """The jobs `user` requested, newest first; `before` (a report id) starts a later page.

    One query whatever the number of jobs: ids grow with time, so the keyset is the id.
    """
    reports = Report.objects.filter(requested_by=user).select_related("center").order_by("-id")
    if before is not None:
        reports = reports.filter(pk__lt=before)
    rows = list(reports[: PAGE_SIZE + 1])
    next_before = rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else None
    return ReportPage(reports=rows[:PAGE_SIZE], next_before=next_before)
