"""The reviewer's side: their assignments, the review page, a conflict of interest, and the
e-mailed invitation an outside reviewer accepts."""

import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ngo_portal.permissions import object_view, require

from .. import selectors, services
from ..filters import AssignmentFilter
from ..forms import ConflictForm, ReviewForm
from ..models import Review, ReviewAssignment
from ..permissions import can_review, can_score_review, can_view_my_reviews


@require(can_view_my_reviews)
def review_list(request):
    assignments = selectors.reviewer_assignment_list(user=request.user, filters=request.GET)
    page = selectors.keyset_page(assignments, request.GET.get("after"))
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "grants/review_list.html",
        {"filter": AssignmentFilter(request.GET), "page": page, "query": query.urlencode()},
    )


@object_view(selectors.assignment_detail, visible=can_review)
def review_detail(request, assignment):
    application = assignment.application
    criteria = list(application.round.criteria.all())
    review = Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
    form = ReviewForm(request.POST or None, criteria=criteria, review=review)
    if request.method == "POST":
        if not can_score_review(request.user, assignment):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.review_submit(
                    assignment=assignment,
                    by=request.user,
                    recommendation=form.cleaned_data["recommendation"],
                    comment=form.cleaned_data["comment"],
                    scores=form.scores(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your review is saved."))
                return redirect("grants:review_list")
    return render(
        request,
        "grants/review_detail.html",
        {
            "assignment": assignment,
            "application": application,
            "budget_lines": list(application.budget_lines.all()),
            "form": form,
            "conflict_form": ConflictForm(),
            "can_score": can_score_review(request.user, assignment),
        },
    )


@object_view(selectors.assignment_detail, visible=can_review)
def review_conflict(request, assignment):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ConflictForm(request.POST)
    if form.is_valid():
        services.assignment_declare_conflict(
            assignment=assignment, by=request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            request, _("Your conflict of interest is recorded; you are no longer assigned.")
        )
        return redirect("grants:review_list")
    messages.error(request, _("Please say what the conflict of interest is."))
    return redirect("grants:review_detail", assignment.pk)


# What secrets.token_urlsafe(32) gives (models.reviews.new_token); anything else is no link of
# ours, and a NUL in it would reach the database as an error.
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def review_invitation(request, token):
    """An outside reviewer's link: sign in (or sign up) first, then accept."""
    if not TOKEN.fullmatch(token):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    assignment = (
        ReviewAssignment.objects.select_related("application__round")
        .filter(invitation_token=token)
        .first()
    )
    if assignment is None:
        raise Http404
    if assignment.reviewer_id == request.user.pk:
        return redirect("grants:review_detail", assignment.pk)
    if assignment.status != ReviewAssignment.Status.INVITED:
        raise Http404
    if request.method == "POST":
        try:
            services.review_invitation_accept(assignment=assignment, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("You are now a reviewer of this application."))
            return redirect("grants:review_detail", assignment.pk)
    # The link assigns whoever accepts it (it may have been forwarded to a colleague); someone
    # signed in under another address is told whom it was sent to before accepting.
    other_address = assignment.invited_email.lower() != request.user.email.lower()
    return render(
        request,
        "grants/review_invitation.html",
        {"assignment": assignment, "other_address": other_address},
    )
