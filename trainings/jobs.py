"""The trainings app's job kinds, registered in TrainingsConfig.ready().

Each job applies the requester's rights again when it runs: they may have changed since the
request, and the worker trusts nothing the web process decided.
"""

import io
import tempfile

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ngo_portal.jobs import JobError, JobOutput
from ngo_portal.models import Report
from ngo_portal.pdf import render_pdf
from organizations.exporting import write_csv

from .models import Registration, TrainingSession
from .permissions import can_manage_session
from .selectors import session_roster
from .services import certificate_render
from .services.reports import CERTIFICATE_KIND, ROSTER_KIND, SIGN_IN_SHEET_KIND

__all__ = ["CERTIFICATE_KIND", "ROSTER_KIND", "SIGN_IN_SHEET_KIND"]


def _session_for(report: Report) -> TrainingSession:
    session = (
        TrainingSession.objects.select_related("center", "region", "host_organization")
        .filter(pk=report.parameters.get("session"))
        .first()
    )
    if session is None:
        raise JobError(_("This session no longer exists."))
    if report.requested_by is None or not can_manage_session(report.requested_by, session):
        raise JobError(_("You may no longer manage this session."))
    return session


def sign_in_sheet_job(report: Report, progress) -> JobOutput:
    """parameters: session. A PDF with one line per confirmed participant and a box per day."""
    session = _session_for(report)
    rows = list(session_roster(session=session))
    progress.start(len(rows), _("Writing the sign-in sheet"))
    pdf = render_pdf(
        "pdf/trainings_sign_in_sheet.html",
        {"session": session, "rows": rows, "days": session.days, "center": session.center},
        language=report.language,
    )
    progress.advance(len(rows))
    return JobOutput(file=io.BytesIO(pdf), file_name=f"sign-in-sheet-{session.pk}.pdf")


def roster_header() -> list[str]:
    return [
        _("Status"),
        _("Waiting list number"),
        pgettext("person", "Name"),
        _("Position"),
        _("Organization"),
        _("E-mail"),
        _("Phone"),
        _("Gender"),
        _("Days attended"),
    ]


def roster_job(report: Report, progress) -> JobOutput:
    """parameters: session. CSV (UTF-8 with a byte-order mark, for Excel) of the confirmed
    participants, the waiting list and those awaiting approval; cells that a spreadsheet would
    run as formulas are neutralised by the organizations app's CSV writer."""
    session = _session_for(report)
    progress.start(session.confirmed_count, _("Writing the roster"))
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - the job runner stores and closes it
    write_csv(spool, roster_header(), _roster_rows(session, progress))
    stamp = timezone.localdate().isoformat()
    return JobOutput(file=spool, file_name=f"roster-{session.pk}-{stamp}.csv")


def _roster_rows(session, progress):
    statuses = (
        Registration.Status.CONFIRMED,
        Registration.Status.WAITLISTED,
        Registration.Status.PENDING,
    )
    for status in statuses:
        for row in session_roster(session=session, status=status):
            yield [
                row.get_status_display(),
                row.waitlist_position or "",
                row.name,
                row.position,
                row.organization.name_zh,
                row.email,
                row.phone,
                row.get_gender_display(),
                len(row.attendances.all()),
            ]
            progress.advance(1)


def certificate_job(report: Report, progress) -> JobOutput:
    """parameters: registration. The participant's certificate, made once and e-mailed."""
    registration = (
        Registration.objects.select_related("session__center", "session__region", "organization")
        .filter(pk=report.parameters.get("registration"))
        .first()
    )
    if registration is None:
        raise JobError(_("This registration no longer exists."))
    if report.requested_by is None or not can_manage_session(
        report.requested_by, registration.session
    ):
        raise JobError(_("You may no longer manage this session."))
    progress.start(1, _("Writing the certificate"))
    try:
        _certificate, pdf = certificate_render(registration=registration)
    except ValidationError as error:
        raise JobError(" ".join(error.messages)) from None
    progress.advance(1)
    return JobOutput(file=io.BytesIO(pdf), file_name=f"certificate-{registration.pk}.pdf")
