"""The e-mails of the incubation app, registered with the core outbox in AppConfig.ready().

Templates: templates/email/incubation/<name>_subject.txt, <name>.txt and <name>.html. Each
decision has a kind of its own: the outbox sends one message per kind, object, address and due
date, and a waitlisted application accepted the same day must still hear of it.
"""

from django.utils.translation import gettext_lazy as _

from ngo_portal.notification_kinds import register_notification_kind

APPLICATION_SUBMITTED = "incubation_application_submitted"
APPLICATION_ACCEPTED = "incubation_application_accepted"
APPLICATION_WAITLISTED = "incubation_application_waitlisted"
APPLICATION_REJECTED = "incubation_application_rejected"
DECISION_KINDS = {
    "accepted": APPLICATION_ACCEPTED,
    "waitlisted": APPLICATION_WAITLISTED,
    "rejected": APPLICATION_REJECTED,
}
MILESTONE_DUE_SOON = "incubation_milestone_due_soon"
MILESTONE_OVERDUE = "incubation_milestone_overdue"
ASSESSMENT_REPORT = "incubation_assessment_report"


def _decision_context(decision: str):
    def context(application) -> dict:
        return {"application": application, "decision": decision, "cohort": application.cohort}

    return context


def _decision_still_holds(decision: str):
    def wanted(application) -> bool:
        return application.status == decision

    return wanted


def _milestone_context(milestone) -> dict:
    return {"milestone": milestone, "enrollment": milestone.enrollment}


def _milestone_is_open(milestone) -> bool:
    return milestone.is_open


def _report_context(report) -> dict:
    from .models import CapacityAssessment

    assessment = (
        CapacityAssessment.objects.select_related("organization")
        .filter(pk=report.parameters.get("assessment"))
        .first()
    )
    return {"report": report, "assessment": assessment}


def register_notification_kinds() -> None:
    register_notification_kind(
        APPLICATION_SUBMITTED,
        label=_("an application to a cohort was received"),
        template="email/incubation/application_submitted",
    )
    labels = {
        "accepted": _("an application to a cohort was accepted"),
        "waitlisted": _("an application to a cohort was waitlisted"),
        "rejected": _("an application to a cohort was not accepted"),
    }
    for decision, kind in DECISION_KINDS.items():
        register_notification_kind(
            kind,
            label=labels[decision],
            template="email/incubation/application_decision",
            context=_decision_context(decision),
            wanted=_decision_still_holds(decision),
        )
    for kind, label in (
        (MILESTONE_DUE_SOON, _("a milestone is due soon")),
        (MILESTONE_OVERDUE, _("a milestone is overdue")),
    ):
        register_notification_kind(
            kind,
            label=label,
            template="email/incubation/milestone_reminder",
            context=_milestone_context,
            wanted=_milestone_is_open,
        )
    register_notification_kind(
        ASSESSMENT_REPORT,
        label=_("a capacity assessment report"),
        template="email/incubation/assessment_report",
        context=_report_context,
    )
