"""An assessment: the scoring sheet while a draft, then its report (area table, radar chart,
change, strengths, gaps, action plan) with the PDF made by the worker."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.permissions import can_retry_report, object_view
from ngo_portal.views.reports import HTMX_STOP_POLLING
from organizations.models import Organization
from organizations.permissions import can_view_organization

from .. import selectors, services
from ..forms import ActionItemForm, AssessmentSheetForm, ReportLanguageForm
from ..models import ActionPlanItem, CapacityAssessment
from ..permissions import (
    can_edit_assessment,
    can_finalize_assessment,
    can_plan_actions,
    can_reopen_assessment,
    can_request_assessment_report,
    can_view_assessment,
    can_view_capacity_history,
)


def _assessments():
    return CapacityAssessment.objects.select_related(
        "organization", "center", "framework", "enrollment__cohort"
    ).prefetch_related("assessors")


@object_view(_assessments, visible=can_view_assessment)
def assessment_detail(request, assessment):
    user = request.user
    editable = can_edit_assessment(user, assessment)
    latest_report = selectors.assessment_latest_report(assessment=assessment)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = None
    if editable:  # the sheet; a read-only assessment shows its report instead
        form = AssessmentSheetForm(
            request.POST or None,
            sheet=selectors.assessment_sheet(assessment=assessment),
            editable=True,
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_scores_save(assessment=assessment, by=user, scores=form.scores())
            if "submit" in request.POST:
                services.assessment_submit(assessment=assessment, by=user)
                messages.success(request, _("The assessment is submitted."))
            else:
                messages.success(request, _("The scores are saved."))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("incubation:assessment_detail", assessment.pk)
    return _detail(
        request,
        assessment,
        form=form,
        editable=editable,
        latest_report=latest_report,
        status=400 if request.method == "POST" else 200,
    )


def _detail(request, assessment, *, form, editable, latest_report, action_form=None, status=200):
    user = request.user
    if action_form is None and (can_finalize_assessment(user, assessment) or editable):
        action_form = ActionItemForm(framework=assessment.framework)
    context = {
        "assessment": assessment,
        "editable": editable,
        "form": form,
        "can_finalize": can_finalize_assessment(user, assessment),
        "can_reopen": can_reopen_assessment(user, assessment),
        "can_report": can_request_assessment_report(user, assessment),
        "latest_report": latest_report,
        "can_retry": latest_report is not None and can_retry_report(user, latest_report),
        "language_form": ReportLanguageForm(),
        "action_form": action_form,
    }
    if not editable:
        context.update(selectors.assessment_report_context(assessment=assessment))
    return render(request, "incubation/assessment_detail.html", context, status=status)


def _act(request, assessment, action, done: str):
    try:
        action(assessment=assessment, by=request.user)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, done)
    return redirect("incubation:assessment_detail", assessment.pk)


@object_view(_assessments, visible=can_view_assessment, allowed=can_reopen_assessment)
@require_POST
def assessment_reopen(request, assessment):
    return _act(
        request,
        assessment,
        services.assessment_reopen,
        _("The assessment is open for changes again."),
    )


@object_view(_assessments, visible=can_view_assessment, allowed=can_finalize_assessment)
@require_POST
def assessment_finalize(request, assessment):
    return _act(
        request,
        assessment,
        services.assessment_finalize,
        _(
            "The assessment is finalized. Its report is being made and will be e-mailed to the organization."
        ),
    )


@object_view(_assessments, visible=can_view_assessment, allowed=can_request_assessment_report)
@require_POST
def assessment_report(request, assessment):
    form = ReportLanguageForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else ""
    services.assessment_report_request(assessment=assessment, by=request.user, language=language)
    messages.success(request, _("The report is being made: this page shows when it is ready."))
    return redirect("incubation:assessment_detail", assessment.pk)


@object_view(_assessments, visible=can_view_assessment)
def assessment_report_status(request, assessment):
    """htmx: the latest report job's progress; stops the polling once it has finished."""
    report = selectors.assessment_latest_report(assessment=assessment)
    response = render(
        request,
        "incubation/partials/assessment_report_status.html",
        {
            "assessment": assessment,
            "latest_report": report,
            "can_retry": report is not None and can_retry_report(request.user, report),
        },
    )
    if report is None or report.is_finished:
        response.status_code = HTMX_STOP_POLLING
    return response


@object_view(_assessments, visible=can_view_assessment)
def assessment_report_pdf(request, assessment):
    """The newest finished report (in ?language= when given); 404 until one exists."""
    language = request.GET.get("language", "")
    if language and language not in dict(settings.LANGUAGES):
        raise Http404
    report = selectors.assessment_report_file(assessment=assessment, language=language)
    if report is None:
        raise Http404
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file_name)


@object_view(_assessments, visible=can_view_assessment, allowed=can_plan_actions)
@require_POST
def action_item_add(request, assessment):
    form = ActionItemForm(request.POST, framework=assessment.framework)
    if form.is_valid():
        try:
            services.action_item_add(assessment=assessment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action is added to the plan."))
            return redirect("incubation:assessment_detail", assessment.pk)
    # The errors at their fields, and what was typed kept.
    editable = can_edit_assessment(request.user, assessment)
    sheet = None
    if editable:
        sheet = AssessmentSheetForm(
            sheet=selectors.assessment_sheet(assessment=assessment), editable=True
        )
    return _detail(
        request,
        assessment,
        form=sheet,
        editable=editable,
        latest_report=selectors.assessment_latest_report(assessment=assessment),
        action_form=form,
        status=400,
    )


def _items():
    return ActionPlanItem.objects.select_related("assessment__center", "assessment__enrollment")


@object_view(
    _items,
    visible=lambda user, item: can_view_assessment(user, item.assessment),
    allowed=lambda user, item: can_plan_actions(user, item.assessment),
)
@require_POST
def action_item_delete(request, item):
    assessment_pk = item.assessment_id
    services.action_item_delete(item=item, by=request.user)
    messages.success(request, _("The action is removed from the plan."))
    return redirect("incubation:assessment_detail", assessment_pk)


@object_view(Organization, visible=can_view_capacity_history)
def organization_capacity(request, organization):
    series = selectors.organization_time_series(organization=organization, user=request.user)
    table = [
        (name, [series.scores.get(a.pk, {}).get(key) for a in series.assessments])
        for key, name in series.areas
    ]
    return render(
        request,
        "incubation/organization_capacity.html",
        {
            "organization": organization,
            "series": series,
            "table": table,
            # A mentor reads the capacity of an organization whose profile may not be public.
            "can_open_profile": can_view_organization(request.user, organization),
        },
    )
