"""What the application page shows to whom: the applicant, staff, an assigned reviewer."""

from ..forms import (
    ApproveForm,
    AssignReviewerForm,
    InformationRequestForm,
    RejectForm,
)
from ..permissions import (
    can_decide_application,
    can_edit_application,
    can_manage_application,
    can_withdraw_application,
    is_applicant,
)
from ..rules import cny
from ..selectors import application_assignments, round_committed_total


def application_page_context(request, application, **forms) -> dict:
    user = request.user
    staff = can_manage_application(user, application)
    context = {
        "application": application,
        "round": application.round,
        "requested_total": cny(application.requested_total),
        "is_applicant": is_applicant(user, application),
        "can_edit": can_edit_application(user, application),
        "can_withdraw": can_withdraw_application(user, application),
        "is_staff": staff,
        "can_decide": can_decide_application(user, application),
        "award": getattr(application, "award", None)
        if application.status == application.Status.APPROVED
        else None,
    }
    if staff:
        committed = round_committed_total(application.round)
        context |= {
            "assignments": application_assignments(application),
            "remaining": cny(application.round.budget - committed),
            "information_form": forms.get("information_form") or InformationRequestForm(),
            "assign_form": forms.get("assign_form")
            or AssignReviewerForm(center=application.round.center),
            "approve_form": forms.get("approve_form") or ApproveForm(application=application),
            "reject_form": forms.get("reject_form") or RejectForm(),
        }
    return context
