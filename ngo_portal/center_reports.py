"""Scheduled report e-mails: the monthly center report (an HTML e-mail with the PDF attached, to
each center's managers) and the weekly digest of upcoming deadlines (to each organization's
members), and a center's annual report PDF.

The monthly report is one `Report` job per center and period (`CENTER_REPORT_KIND`): asking for
it again while one exists (queued, running or done) returns that one, so a beat run that happens
twice renders once; its e-mails are outbox rows keyed by the job, so a job that runs twice
e-mails once. The PDF is drawn in each manager's language from the same figures and charts as
the dashboard (`dashboard_sections.py`).
"""

import calendar
import datetime
import io
from collections.abc import Callable, Iterable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .dashboard import _resolved
from .dashboard_sections import DashboardScope, dashboard_sections, upcoming_deadlines
from .jobs import JobError, JobOutput
from .jobs.services import report_request
from .models import Center, CenterMembership, Report, User
from .pdf import render_pdf
from .services.notifications import Attachment, notification_schedule

CENTER_REPORT_KIND = "center_report"
ANNUAL_REPORT_KIND = "center_annual_report"
CENTER_REPORT_EMAIL = "center_monthly_report"
DIGEST_EMAIL = "deadline_digest"
DIGEST_DAYS = 14

# Who receives an organization's digest, registered by the app that knows the members:
# fn(organization_ids) -> [(organization, [(email, user or None), ...]), ...]
DIGEST_AUDIENCES: list[Callable] = []


def register_digest_audience(audience: Callable) -> None:
    if audience not in DIGEST_AUDIENCES:
        DIGEST_AUDIENCES.append(audience)


def previous_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month before `today`'s."""
    last = today.replace(day=1) - datetime.timedelta(days=1)
    return last.replace(day=1), last


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def center_managers(center: Center) -> list[User]:
    return list(
        User.objects.filter(
            center_memberships__center=center,
            center_memberships__role=CenterMembership.Role.MANAGER,
            is_active=True,
        ).order_by("email")
    )


@transaction.atomic
def center_report_request(
    *,
    center: Center,
    starts_on: datetime.date,
    ends_on: datetime.date,
    requested_by: User | None = None,
    language: str = "en",
) -> Report:
    """The center's report for the period, as a job that e-mails its managers; an existing one
    (not failed) for the same center and period is returned instead of a second.

    The center row is locked, so two beat runs at once make one job."""
    Center.objects.select_for_update().get(pk=center.pk)
    parameters = {"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()}
    existing = (
        Report.objects.filter(kind=CENTER_REPORT_KIND, center=center, parameters=parameters)
        .exclude(status=Report.Status.FAILED)
        .first()
    )
    if existing is not None:
        return existing
    return report_request(
        kind=CENTER_REPORT_KIND,
        requested_by=requested_by,
        parameters=parameters,
        language=language,
        center=center,
        subject=center,
    )


def monthly_center_reports(*, today: datetime.date | None = None) -> list[Report]:
    """Beat's monthly run: last month's report of every center that has a manager."""
    starts_on, ends_on = previous_month(today or timezone.localdate())
    centers = Center.objects.filter(memberships__role=CenterMembership.Role.MANAGER).distinct()
    return [
        center_report_request(center=center, starts_on=starts_on, ends_on=ends_on)
        for center in centers.order_by("pk")
    ]


def center_figures(center: Center, starts_on, ends_on, language: str) -> list:
    """The dashboard's sections for one center and period, rendered in `language`."""
    scope = DashboardScope(center_ids=(center.pk,), starts_on=starts_on, ends_on=ends_on)
    with translation.override(language):
        return [_resolved(section) for section in dashboard_sections(scope)]


def center_report_pdf(
    center: Center, starts_on, ends_on, *, language: str, title: str = ""
) -> bytes:
    sections = center_figures(center, starts_on, ends_on, language)
    with translation.override(language):
        title = title or _("Center report")
    return render_pdf(
        "pdf/center_report.html",
        {
            "center": center,
            "sections": sections,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "title": title,
        },
        language=language,
    )


def _headline(sections) -> list[tuple[str, str]]:
    return [
        [figure.key, figure.label, "" if figure.value is None else str(figure.value)]
        for section in sections
        for figure in section.figures
    ]


def center_report_job(report: Report, progress) -> JobOutput:
    """parameters: starts_on, ends_on (ISO dates). The PDF in the job's language for its page,
    and in each manager's language attached to their e-mail (one per manager and job)."""
    center = report.center
    if center is None:
        raise JobError(_("This center no longer exists."))
    starts_on = datetime.date.fromisoformat(report.parameters["starts_on"])
    ends_on = datetime.date.fromisoformat(report.parameters["ends_on"])
    managers = center_managers(center)
    languages = sorted({report.language} | {m.preferred_language for m in managers})
    progress.start(len(languages), _("Drawing the report"))
    stored, contents, headline = {}, {}, []
    for language in languages:
        contents[language] = center_report_pdf(center, starts_on, ends_on, language=language)
        name = f"center-report-{center.slug}-{starts_on:%Y%m%d}-{ends_on:%Y%m%d}-{language}.pdf"
        stored[language] = (
            default_storage.save(
                f"center_reports/{report.pk}/{name}", ContentFile(contents[language])
            ),
            name,
        )
        progress.advance(1)
    with translation.override(report.language):
        headline = _headline(center_figures(center, starts_on, ends_on, report.language))
    # The e-mail shows the figures: kept on the row before the e-mails are queued.
    result = {"figures": headline, "managers": len(managers)}
    Report.objects.filter(pk=report.pk).update(result=result)
    for manager in managers:
        storage_name, file_name = stored[manager.preferred_language]
        notification_schedule(
            kind=CENTER_REPORT_EMAIL,
            email=manager.email,
            user=manager,
            obj=report,
            due_date=ends_on,
            attachments=[Attachment(storage_name, file_name, "application/pdf")],
        )
    name = stored[report.language][1]
    return JobOutput(file=io.BytesIO(contents[report.language]), file_name=name, result=result)


def center_report_email_context(report: Report) -> dict:
    """The e-mail's figures, in the recipient's language (the labels are drawn again)."""
    starts_on = datetime.date.fromisoformat(report.parameters["starts_on"])
    ends_on = datetime.date.fromisoformat(report.parameters["ends_on"])
    sections = center_figures(report.center, starts_on, ends_on, translation.get_language())
    return {
        "center": report.center,
        "sections": sections,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


def annual_report_job(report: Report, progress) -> JobOutput:
    """parameters: year. The public figures of a center's year as a PDF (its impact page's)."""
    from .models import CenterImpactPage

    center = report.center
    if center is None:
        raise JobError(_("This center no longer exists."))
    year = int(report.parameters["year"])
    page = CenterImpactPage.objects.filter(center=center).first()
    chosen = set(page.figures) if page else set()
    progress.start(1, _("Drawing the report"))
    starts_on, ends_on = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    sections = center_figures(center, starts_on, ends_on, report.language)
    sections = public_sections(sections, chosen)
    with translation.override(report.language):
        title = _("Annual report %(year)s") % {"year": year}
    content = render_pdf(
        "pdf/center_report.html",
        {
            "center": center,
            "sections": sections,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "title": title,
            "public": True,
        },
        language=report.language,
    )
    progress.advance(1)
    return JobOutput(
        file=io.BytesIO(content),
        file_name=f"annual-report-{center.slug}-{year}-{report.language}.pdf",
    )


def public_sections(sections, chosen: Iterable[str]):
    """Only the chosen figures that may be published, no tables (rows can name one organization)."""
    from dataclasses import replace

    chosen = set(chosen)
    kept = []
    for section in sections:
        figures = [f for f in section.figures if f.public and f.key in chosen]
        if figures:
            kept.append(replace(section, figures=figures, tables=[]))
    return kept


# --- the weekly digest -----------------------------------------------------------------------


def _digest_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today, today + datetime.timedelta(days=DIGEST_DAYS - 1)


def weekly_digests(*, today: datetime.date | None = None) -> int:
    """Beat's weekly run: each member of an organization with deadlines in the next
    DIGEST_DAYS days gets one digest (once per organization, address and day). Returns how
    many were scheduled."""
    today = today or timezone.localdate()
    starts_on, ends_on = _digest_window(today)
    scheduled = 0
    owing = sorted({d.organization_id for d in upcoming_deadlines(None, starts_on, ends_on)})
    for audience in DIGEST_AUDIENCES:
        for organization, recipients in audience(owing):
            for email, user in recipients:
                notification_schedule(
                    kind=DIGEST_EMAIL, email=email, user=user, obj=organization, due_date=today
                )
                scheduled += 1
    return scheduled


def digest_email_context(organization) -> dict:
    starts_on, ends_on = _digest_window(timezone.localdate())
    return {
        "organization": organization,
        "deadlines": upcoming_deadlines([organization.pk], starts_on, ends_on),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


def digest_wanted(organization) -> bool:
    starts_on, ends_on = _digest_window(timezone.localdate())
    return bool(upcoming_deadlines([organization.pk], starts_on, ends_on))
