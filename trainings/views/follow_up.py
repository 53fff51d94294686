"""Action plans of a session, its follow-up (who reported, chasing the others), and the cascade
trainings its organizations delivered."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ngo_portal.permissions import object_view

from .. import selectors, services
from ..forms import ActionPlanForm, CascadeTrainingForm
from ..models import ActionPlan, FollowUp, TrainingSession
from ..permissions import (
    can_manage_session,
    can_record_action_plan,
    can_record_cascades,
    can_view_cascade_reach,
    can_view_session,
)


@object_view(TrainingSession, visible=can_view_session, allowed=can_record_action_plan)
def action_plans(request, session):
    staff = can_manage_session(request.user, session)
    form = ActionPlanForm(request.POST or None, session=session, user=request.user, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_plan_save(plan=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan is recorded."))
            return redirect("trainings:action_plans", session.pk)
    plans = selectors.session_action_plans(session=session, user=request.user, staff=staff)
    return render(
        request, "trainings/action_plans.html", {"session": session, "plans": plans, "form": form}
    )


def _follow_up_of(session) -> FollowUp:
    follow_up = FollowUp.objects.filter(session=session).first()
    if follow_up is None:
        raise Http404
    return follow_up


@object_view(TrainingSession, allowed=can_manage_session)
def follow_up_status(request, session):
    follow_up = FollowUp.objects.filter(session=session).first()
    rows = selectors.follow_up_rows(follow_up=follow_up) if follow_up else []
    responded = sum(1 for row in rows if row.response)
    plans = ActionPlan.objects.filter(session=session).values_list("status", flat=True)
    context = {
        "session": session,
        "follow_up": follow_up,
        "rows": rows,
        "responded": responded,
        "plan_states": {
            status: list(plans).count(status) for status, _label in ActionPlan.Status.choices
        },
        "plan_labels": dict(ActionPlan.Status.choices),
    }
    return render(request, "trainings/follow_up_status.html", context)


@object_view(TrainingSession, allowed=can_manage_session)
@require_POST
def follow_up_chase(request, session):
    count = services.follow_up_chase(follow_up=_follow_up_of(session), by=request.user)
    messages.success(
        request,
        ngettext(
            "A reminder goes to %(count)s participant who has not reported.",
            "A reminder goes to %(count)s participants who have not reported.",
            count,
        )
        % {"count": count},
    )
    return redirect("trainings:follow_up_status", session.pk)


@object_view(TrainingSession, visible=can_view_cascade_reach, allowed=can_record_cascades)
def cascade_create(request, session):
    form = CascadeTrainingForm(request.POST or None, session=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.cascade_training_record(
                training=form.save(commit=False),
                organizations_reached=form.cleaned_data["reached"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The training is recorded. Thank you for passing it on!"))
            return redirect("trainings:session_detail", session.pk)
    return render(request, "trainings/cascade_form.html", {"session": session, "form": form})
