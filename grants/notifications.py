"""The e-mails of grants, registered with the core outbox in GrantsConfig.ready().

Templates: templates/email/grants/<kind>_subject.txt, <kind>.txt and <kind>.html, rendered in the
recipient's language. Links are absolute (SITE_URL) and carry the language prefix of the moment
they are rendered in.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ngo_portal.notification_kinds import register_notification_kind

APPLICATION_APPROVED = "grant_application_approved"
APPLICATION_REJECTED = "grant_application_rejected"
INFORMATION_REQUESTED = "grant_information_requested"
REVIEW_REQUESTED = "grant_review_requested"
REPORT_DUE_SOON = "grant_report_due_soon"
REPORT_OVERDUE = "grant_report_overdue"
REPORT_SENT_BACK = "grant_report_sent_back"


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def application_context(application) -> dict:
    return {
        "application": application,
        "round": application.round,
        "url": _url("grants:application_detail", application.pk),
    }


def information_request_context(information_request) -> dict:
    application = information_request.application
    return {
        "application": application,
        "question": information_request.question,
        "url": _url("grants:application_apply", application.round_id)
        + f"?organization={application.organization_id}",
    }


def review_request_context(assignment) -> dict:
    if assignment.reviewer_id is None:
        url = _url("grants:review_invitation", assignment.invitation_token)
    else:
        url = _url("grants:review_detail", assignment.pk)
    return {"assignment": assignment, "application": assignment.application, "url": url}


def report_context(report) -> dict:
    return {
        "report": report,
        "application": report.award.application,
        "url": _url("grants:grant_report_detail", report.pk),
    }


def _report_still_sent_back(report) -> bool:
    return report.status == report.Status.SENT_BACK


def _report_still_owed(report) -> bool:
    return report.is_editable


def _assignment_still_open(assignment) -> bool:
    return assignment.status in ("invited", "assigned")


def register_notification_kinds() -> None:
    register_notification_kind(
        APPLICATION_APPROVED,
        label=_("a grant application was approved"),
        template=f"email/grants/{APPLICATION_APPROVED}",
        context=application_context,
    )
    register_notification_kind(
        APPLICATION_REJECTED,
        label=_("a grant application was not approved"),
        template=f"email/grants/{APPLICATION_REJECTED}",
        context=application_context,
    )
    register_notification_kind(
        INFORMATION_REQUESTED,
        label=_("staff asked for more information on a grant application"),
        template=f"email/grants/{INFORMATION_REQUESTED}",
        context=information_request_context,
        wanted=lambda request: request.is_open,
    )
    register_notification_kind(
        REVIEW_REQUESTED,
        label=_("a request to review a grant application"),
        template=f"email/grants/{REVIEW_REQUESTED}",
        context=review_request_context,
        wanted=_assignment_still_open,
    )
    register_notification_kind(
        REPORT_DUE_SOON,
        label=_("a grant report is due soon"),
        template=f"email/grants/{REPORT_DUE_SOON}",
        context=report_context,
        wanted=_report_still_owed,
    )
    register_notification_kind(
        REPORT_SENT_BACK,
        label=_("a grant report was sent back for changes"),
        template=f"email/grants/{REPORT_SENT_BACK}",
        context=report_context,
        wanted=_report_still_sent_back,
    )
    register_notification_kind(
        REPORT_OVERDUE,
        label=_("a grant report is overdue"),
        template=f"email/grants/{REPORT_OVERDUE}",
        context=report_context,
        wanted=_report_still_owed,
    )
