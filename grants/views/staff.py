"""Staff actions on an application: ask for more information, assign reviewers, decide; and a
round's applications ranked by their weighted average score."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ngo_portal.permissions import object_view

from .. import selectors, services
from ..forms import ApproveForm, AssignReviewerForm, InformationRequestForm, RejectForm
from ..models import FundingRound
from ..permissions import (
    can_manage_application,
    can_view_application,
    can_view_ranking,
)
from .context import application_page_context

RANKING_PAGE_SIZE = 50
RANKING_MAX_PAGES = 200


def _staff_action(allowed=can_manage_application):
    def decorator(view):
        wrapped = object_view(
            selectors.application_detail, visible=can_view_application, allowed=allowed
        )

        def post_only(request, application):
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, application)

        return wrapped(post_only)

    return decorator


def _done_or_page(request, application, form, name, action):
    """Run `action()` when the form is valid; on a refusal show the page with the form's errors
    (what was typed stays). An application decided meanwhile (a double click, a colleague) has
    no decision form any more: the page says so instead."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            if getattr(error, "code", None) in ("decided", "done"):
                messages.warning(request, error.messages[0])
                return redirect("grants:application_detail", application.pk)
            form.add_error(None, error)
        else:
            return redirect("grants:application_detail", application.pk)
    context = application_page_context(request, application, **{name: form})
    return render(request, "grants/application_detail.html", context)


@_staff_action()
def information_request(request, application):
    def action(data):
        services.information_request(
            application=application, by=request.user, question=data["question"]
        )
        messages.success(request, _("Your question is sent; the application is open for changes."))

    form = InformationRequestForm(request.POST)
    return _done_or_page(request, application, form, "information_form", action)


@_staff_action()
def reviewer_assign(request, application):
    def action(data):
        services.reviewer_assign(
            application=application,
            by=request.user,
            reviewer=data.get("reviewer"),
            email=data.get("email") or "",
        )
        messages.success(request, _("The reviewer is assigned and informed by e-mail."))

    form = AssignReviewerForm(request.POST, center=application.round.center)
    return _done_or_page(request, application, form, "assign_form", action)


@_staff_action()
def application_approve(request, application):
    def action(data):
        services.application_approve(
            application=application,
            by=request.user,
            amount=data["amount"],
            agreement_date=data["agreement_date"],
        )
        messages.success(request, _("The application is approved and the award recorded."))

    form = ApproveForm(request.POST, application=application)
    return _done_or_page(request, application, form, "approve_form", action)


@_staff_action()
def application_reject(request, application):
    def action(data):
        services.application_reject(application=application, by=request.user, reason=data["reason"])
        messages.success(request, _("The application is rejected; the organization is informed."))

    form = RejectForm(request.POST)
    return _done_or_page(request, application, form, "reject_form", action)


@object_view(FundingRound, allowed=can_view_ranking)
def round_ranking(request, funding_round):
    """Pages by number without a count: a round holds a few thousand applications at most, so the
    offset stays small, and counting them all would cost more than the page."""
    number = _page_number(request.GET.get("page"))
    offset = (number - 1) * RANKING_PAGE_SIZE
    ranking = selectors.application_ranking(funding_round=funding_round)
    rows = list(ranking[offset : offset + RANKING_PAGE_SIZE + 1])
    return render(
        request,
        "grants/round_ranking.html",
        {
            "round": funding_round,
            "rows": rows[:RANKING_PAGE_SIZE],
            "offset": offset,
            "number": number,
            "has_next": len(rows) > RANKING_PAGE_SIZE,
        },
    )


def _page_number(value) -> int:
    try:
        return min(max(int(value), 1), RANKING_MAX_PAGES)
    except (TypeError, ValueError):
        return 1
