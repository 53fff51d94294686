"""The incubation app's job kinds, registered in IncubationConfig.ready().

Each job applies the requester's rights again when it runs: they may have changed since the
request, and the worker trusts nothing the web process decided. PDFs go through the one PDF
service (ngo_portal/pdf.py) with their chart drawn on the server (ngo_portal/charts.py).
"""

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ngo_portal.jobs import JobError, JobOutput
from ngo_portal.models import Report
from ngo_portal.pdf import render_pdf
from ngo_portal.services.notifications import Attachment, notification_schedule

from .models import CapacityAssessment, Cohort, Enrollment
from .notifications import ASSESSMENT_REPORT
from .permissions import can_manage_cohort, can_manage_enrollment, can_view_assessment
from .selectors import assessment_report_context
from .services import (
    CERTIFICATE_KIND,
    COHORT_REPORTS_KIND,
    REPORT_KIND,
    organization_language,
    organization_recipients,
)

REPORT_TEMPLATE = "pdf/incubation_assessment_report.html"
CERTIFICATE_TEMPLATE = "pdf/incubation_certificate.html"
__all__ = ["CERTIFICATE_KIND", "COHORT_REPORTS_KIND", "REPORT_KIND"]


def _assessments():
    return CapacityAssessment.objects.select_related("organization", "center", "framework")


def assessment_report_pdf(assessment: CapacityAssessment, *, language: str) -> bytes:
    """The report's PDF in `language`: organization, date, assessors, area table, radar
    chart, change against the previous assessment, strengths, gaps, action plan."""
    with translation.override(language):
        context = assessment_report_context(assessment=assessment)
    return render_pdf(REPORT_TEMPLATE, context, language=language)


def report_file_name(assessment: CapacityAssessment, language: str) -> str:
    stem = (
        slugify(assessment.organization.name_en or "")
        or f"organization-{assessment.organization_id}"
    )
    return f"capacity-{stem}-{assessment.kind}-{assessment.assessed_on:%Y%m%d}-{language}.pdf"


def assessment_report_job(report: Report, progress) -> JobOutput:
    """parameters: assessment (id), email_owners (bool). Renders the PDF in the job's language;
    with email_owners, the organization's owners and admins receive it by e-mail."""
    assessment = _assessments().filter(pk=report.parameters.get("assessment")).first()
    user = report.requested_by
    if assessment is None or user is None or not can_view_assessment(user, assessment):
        raise JobError(_("This assessment is no longer available to you."))
    if assessment.status != CapacityAssessment.Status.FINALIZED:
        raise JobError(_("Only a finalized assessment has a report."))
    progress.start(1, _("Drawing the report"))
    content = assessment_report_pdf(assessment, language=report.language)
    name = report_file_name(assessment, report.language)
    if report.parameters.get("email_owners"):
        _email_owners(report, assessment, content, name)
    progress.advance(1)
    return JobOutput(file=io.BytesIO(content), file_name=name, result={"pages": 1})


def _email_owners(report: Report, assessment, content: bytes, name: str) -> None:
    stored = default_storage.save(
        f"incubation/reports/{assessment.pk}/{report.pk}-{name}", ContentFile(content)
    )
    attachment = Attachment(storage_name=stored, file_name=name, mime_type="application/pdf")
    for email, user in organization_recipients(assessment.organization):
        notification_schedule(
            kind=ASSESSMENT_REPORT,
            email=email,
            user=user,
            obj=report,
            due_date=timezone.localdate(),
            attachments=[attachment],
        )


def cohort_reports_job(report: Report, progress) -> JobOutput:
    """parameters: cohort (id), report_language ("" = each organization's). A ZIP with the
    report of each enrollment's latest finalized assessment; progress per organization. An
    assessment that fails to render is listed in the result and the others go on."""
    cohort = (
        Cohort.objects.select_related("center").filter(pk=report.parameters.get("cohort")).first()
    )
    user = report.requested_by
    if cohort is None or user is None or not can_manage_cohort(user, cohort):
        raise JobError(_("You may no longer generate this cohort's reports."))
    assessments = _latest_finalized(cohort)
    progress.start(len(assessments), _("Drawing the reports"))
    archive_file = io.BytesIO()
    failures = []
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        for assessment in assessments:
            language = report.parameters.get("report_language") or organization_language(
                assessment.organization
            )
            try:
                content = assessment_report_pdf(assessment, language=language)
            except Exception as error:  # noqa: BLE001 - one report's failure is listed, not fatal
                failures.append(
                    {"assessment": assessment.pk, "error": f"{type(error).__name__}: {error}"}
                )
            else:
                archive.writestr(report_file_name(assessment, language), content)
            progress.advance(1, assessment.organization.display_name)
    if assessments and len(failures) == len(assessments):
        raise JobError(_("No report could be drawn: %(error)s") % {"error": failures[0]["error"]})
    return JobOutput(
        file=archive_file,
        file_name=f"cohort-{cohort.pk}-capacity-reports.zip",
        result={"reports": len(assessments) - len(failures), "failures": failures},
    )


def _latest_finalized(cohort: Cohort) -> list[CapacityAssessment]:
    """Each enrollment's latest finalized assessment by the center (by date, then id): the
    organizations' own self-assessments are theirs, not the cohort's measure."""
    latest = {}
    rows = (
        _assessments()
        .filter(enrollment__cohort=cohort, status=CapacityAssessment.Status.FINALIZED)
        .exclude(kind=CapacityAssessment.Kind.SELF)
        .order_by("enrollment_id", "-assessed_on", "-pk")
        .distinct("enrollment_id")
    )
    for assessment in rows:
        latest[assessment.enrollment_id] = assessment
    return list(latest.values())


def certificate_job(report: Report, progress) -> JobOutput:
    """parameters: enrollment (id). The graduation certificate, in the job's language."""
    enrollment = (
        Enrollment.objects.select_related("organization", "cohort__center")
        .filter(pk=report.parameters.get("enrollment"))
        .first()
    )
    user = report.requested_by
    if enrollment is None or user is None or not can_manage_enrollment(user, enrollment):
        raise JobError(_("You may no longer issue this certificate."))
    if enrollment.status != Enrollment.Status.GRADUATED:
        raise JobError(_("Only a graduated organization receives a certificate."))
    progress.start(1, _("Drawing the certificate"))
    content = render_pdf(
        CERTIFICATE_TEMPLATE,
        {
            "enrollment": enrollment,
            "cohort": enrollment.cohort,
            "center": enrollment.cohort.center,
            "organization": enrollment.organization,
        },
        language=report.language,
    )
    progress.advance(1)
    return JobOutput(
        file=io.BytesIO(content),
        file_name=f"certificate-{enrollment.pk}-{report.language}.pdf",
    )


def assessment_result_url(report: Report) -> str | None:
    """The assessment's page, where the report shows with its chart."""
    from django.urls import reverse

    pk = report.parameters.get("assessment")
    return reverse("incubation:assessment_detail", args=[pk]) if pk else None
