"""Requests for the session's generated files, each a job of the core (`Report`): the sign-in
sheet, the roster export and one job per certificate. jobs.py holds the work they run."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q

from ngo_portal.jobs.services import report_request
from ngo_portal.models import Report

from ..models import Registration, TrainingSession
from ..permissions import can_manage_session

SIGN_IN_SHEET_KIND = "trainings.sign_in_sheet"
ROSTER_KIND = "trainings.roster"
CERTIFICATE_KIND = "trainings.certificate"


def _session_job(kind: str, *, session: TrainingSession, by, language: str) -> Report:
    if not can_manage_session(by, session):
        raise PermissionDenied
    return report_request(
        kind=kind,
        requested_by=by,
        parameters={"session": session.pk},
        language=language,
        center=session.center,
        subject=session,
    )


def sign_in_sheet_request(*, session: TrainingSession, by, language: str) -> Report:
    """A printable sign-in sheet PDF (a job). Raises PermissionDenied for anyone but staff."""
    return _session_job(SIGN_IN_SHEET_KIND, session=session, by=by, language=language)


def roster_export_request(*, session: TrainingSession, by, language: str) -> Report:
    """The roster and waiting list as CSV (a job). Raises PermissionDenied for anyone but staff."""
    return _session_job(ROSTER_KIND, session=session, by=by, language=language)


def certificate_candidates(session: TrainingSession):
    """Confirmed participants who attended enough days and have no certificate file yet."""
    return (
        session.registrations.filter(status=Registration.Status.CONFIRMED)
        .annotate(days=Count("attendances"))
        .filter(days__gte=session.days_for_certificate)
        .filter(Q(certificate__isnull=True) | Q(certificate__file=""))
        .order_by("pk")
    )


@transaction.atomic
def certificates_request(*, session: TrainingSession, by, language: str) -> list[Report]:
    """One certificate job per participant who earned one and has none yet; each job renders the
    PDF in the participant's language and e-mails it. Raises PermissionDenied for non-staff."""
    if not can_manage_session(by, session):
        raise PermissionDenied
    return [
        report_request(
            kind=CERTIFICATE_KIND,
            requested_by=by,
            parameters={"registration": registration.pk},
            language=language,
            center=session.center,
            subject=registration,
        )
        for registration in certificate_candidates(session)
    ]
