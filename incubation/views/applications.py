"""Applying to a cohort (drafts kept as the applicant types), screening, scoring, deciding."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import object_view
from organizations.models import Organization

from .. import selectors, services
from ..forms import ApplicationForm, DecisionForm, RubricScoreForm
from ..models import Cohort, CohortApplication
from ..permissions import (
    can_apply_to_cohort,
    can_decide_application,
    can_edit_application,
    can_score_application,
    can_view_application,
    can_view_cohort,
    can_view_cohort_applications,
    can_view_enrollment,
)


def _cohorts():
    return Cohort.objects.select_related("center")


def _applications():
    return CohortApplication.objects.select_related("cohort__center", "organization")


@object_view(_cohorts, visible=can_view_cohort, allowed=can_apply_to_cohort)
def cohort_apply(request, cohort):
    """Choose the organization to apply for; starting (POST) opens its draft."""
    if request.method == "POST":
        posted = request.POST.get("organization", "")
        organization = (
            Organization.objects.filter(pk=int(posted)).first() if posted.isdecimal() else None
        )
        if organization is None:
            raise Http404
        application = services.application_start(
            cohort=cohort, organization=organization, by=request.user
        )
        return redirect("incubation:application_detail", application.pk)
    choices = selectors.applying_organizations(user=request.user, cohort=cohort)
    organizations = Organization.objects.in_bulk([pk for pk, _app in choices])
    rows = [(organizations[pk], app) for pk, app in choices if pk in organizations]
    return render(request, "incubation/cohort_apply.html", {"cohort": cohort, "rows": rows})


@object_view(_applications, visible=can_view_application)
def application_detail(request, application):
    user = request.user
    if can_edit_application(user, application):
        return _application_edit(request, application)
    if request.method == "POST":
        raise PermissionDenied
    return _application_view(request, application)


def _application_view(request, application, *, score_form=None, decision_form=None, status=200):
    """The application as staff and reviewers read it, with the scoring and decision forms
    (bound ones, with their errors, after a failed post)."""
    user = request.user
    if score_form is None and can_score_application(user, application):
        score_form = RubricScoreForm(
            rubric=selectors.application_rubric(application=application, scorer=user)
        )
    if decision_form is None and can_decide_application(user, application):
        decision_form = DecisionForm()
    context = {
        "application": application,
        "answers": selectors.application_answers(application=application),
        "snapshot": selectors.application_snapshot(application=application),
        "rubric": score_form.rows() if score_form is not None else None,
        "score_form": score_form,
        "decision_form": decision_form,
        "can_screen": can_view_cohort_applications(user, application.cohort),
        # Reviewers read and score applications but never open an enrollment.
        "can_open_enrollment": bool(application.enrollment_id)
        and can_view_enrollment(user, application.enrollment),
    }
    return render(request, "incubation/application_detail.html", context, status=status)


def _application_edit(request, application):
    post = request.POST if request.method == "POST" else None
    form = ApplicationForm(post, application=application)
    if post is not None and form.is_valid():
        if "submit" in post:
            try:
                services.application_submit(
                    application=application, answers=form.answers(), by=request.user
                )
            except ValidationError as error:
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                messages.success(
                    request,
                    _("Your application is submitted. We will write to you with the decision."),
                )
                return redirect("incubation:application_detail", application.pk)
        else:
            services.application_autosave(
                application=application, answers=form.answers(), by=request.user
            )
            messages.success(request, _("Your draft is saved."))
            return redirect("incubation:application_detail", application.pk)
    return render(
        request, "incubation/application_form.html", {"application": application, "form": form}
    )


@object_view(_applications, visible=can_view_application, allowed=can_edit_application)
@require_POST
def application_autosave(request, application):
    """htmx: keeps the draft as the applicant types; answers with the time it was saved."""
    form = ApplicationForm(request.POST, application=application)
    form.is_valid()
    answers = {
        name: request.POST.get(name, "")[:5000] for name in form.fields if name in request.POST
    }
    services.application_autosave(application=application, answers=answers, by=request.user)
    return render(
        request,
        "incubation/partials/autosave_status.html",
        {"saved_at": timezone.localtime()},
    )


@object_view(_applications, visible=can_view_application, allowed=can_score_application)
@require_POST
def application_score(request, application):
    form = RubricScoreForm(
        request.POST,
        rubric=selectors.application_rubric(application=application, scorer=request.user),
    )
    if form.is_valid():
        try:
            services.application_score(
                application=application,
                scores=form.scores(),
                comments=form.comments(),
                by=request.user,
            )
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                field = f"score_{name}"
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("incubation:application_detail", application.pk)
    return _application_view(request, application, score_form=form, status=400)


@object_view(_applications, visible=can_view_application, allowed=can_decide_application)
@require_POST
def application_decide(request, application):
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.application_decide(
                application=application,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(
                request, _("The decision is recorded and the organization is told by e-mail.")
            )
        return redirect("incubation:application_detail", application.pk)
    return _application_view(request, application, decision_form=form, status=400)


@object_view(_cohorts, visible=can_view_cohort, allowed=can_view_cohort_applications)
def application_list(request, cohort):
    filterset, applications = selectors.application_list(cohort=cohort, filters=request.GET)
    page = selectors.cohort_page(applications, request.GET.get("page"))
    page.object_list = selectors.application_score_totals(list(page.object_list))
    return render(
        request,
        "incubation/application_list.html",
        {"cohort": cohort, "filter": filterset, "page": page},
    )
