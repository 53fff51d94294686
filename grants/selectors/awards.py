from django.db.models import QuerySet

from ..models import Award, GrantReport


def award_detail() -> QuerySet[Award]:
    return Award.objects.select_related(
        "application__organization", "round__center", "round__fund"
    ).prefetch_related("disbursements", "reports", "application__budget_lines")


def grant_report_detail() -> QuerySet[GrantReport]:
    return GrantReport.objects.select_related(
        "award__application__organization", "award__round__center"
    ).prefetch_related("spending", "award__application__budget_lines")


def reports_due_for_reminder(*, today, days_before: int) -> QuerySet[GrantReport]:
    """Reports still owed (due or sent back) whose due date is within `days_before` days or
    already past, with what the reminder needs."""
    import datetime

    return GrantReport.objects.filter(
        status__in=GrantReport.EDITABLE,
        due_on__lte=today + datetime.timedelta(days=days_before),
        award__status=Award.Status.ACTIVE,
    ).select_related("award__application__organization")
