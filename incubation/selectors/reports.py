"""The report jobs of an assessment (Report rows whose subject is the assessment)."""

from django.contrib.contenttypes.models import ContentType

from ngo_portal.models import Report

from ..models import CapacityAssessment, Enrollment

REPORT_KIND = "incubation.assessment_report"
CERTIFICATE_KIND = "incubation.certificate"


def assessment_reports(*, assessment: CapacityAssessment):
    content_type = ContentType.objects.get_for_model(CapacityAssessment)
    return Report.objects.filter(
        kind=REPORT_KIND, content_type=content_type, object_id=assessment.pk
    ).order_by("-pk")


def assessment_latest_report(*, assessment: CapacityAssessment) -> Report | None:
    return assessment_reports(assessment=assessment).first()


def assessment_report_file(*, assessment: CapacityAssessment, language: str = "") -> Report | None:
    """The newest finished report with its file (in `language`, when given)."""
    done = (
        assessment_reports(assessment=assessment).filter(status=Report.Status.DONE).exclude(file="")
    )
    if language:
        done = done.filter(language=language)
    return done.first()


def enrollment_certificate(*, enrollment: Enrollment) -> Report | None:
    """The newest finished graduation certificate of the enrollment, with its file."""
    return (
        Report.objects.filter(
            kind=CERTIFICATE_KIND,
            content_type=ContentType.objects.get_for_model(Enrollment),
            object_id=enrollment.pk,
            status=Report.Status.DONE,
        )
        .exclude(file="")
        .order_by("-pk")
        .first()
    )
