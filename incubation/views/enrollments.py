"""An enrollment's page: mentors, mentoring sessions, milestones with evidence, assessments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.models import User
from ngo_portal.permissions import object_view

from .. import selectors, services
from ..forms import (
    AssessmentStartForm,
    ExtendForm,
    MentorForm,
    MentoringSessionForm,
    MilestoneForm,
    MilestoneUpdateForm,
)
from ..models import CapacityAssessment, Enrollment, Milestone
from ..permissions import (
    can_log_mentoring,
    can_manage_enrollment,
    can_start_assessment,
    can_start_center_assessment,
    can_update_milestone,
    can_view_enrollment,
)


def _enrollments():
    return Enrollment.objects.select_related("cohort__center", "organization")


def _milestones():
    return Milestone.objects.select_related("enrollment__cohort__center")


def _forms(request, enrollment, **bound):
    user = request.user
    candidates = selectors.mentor_candidates(center=enrollment.cohort.center)
    kinds = CapacityAssessment.Kind.choices
    if not can_start_center_assessment(user, enrollment):
        kinds = [(CapacityAssessment.Kind.SELF, CapacityAssessment.Kind.SELF.label)]
    start = AssessmentStartForm()
    start.fields["kind"].choices = kinds
    forms = {
        "mentor_form": MentorForm(candidates=candidates),
        "session_form": MentoringSessionForm(),
        "milestone_form": MilestoneForm(),
        "start_form": start,
        "extend_form": ExtendForm(),
    }
    forms.update(bound)
    return forms


def _render(request, enrollment, status=200, **bound):
    user = request.user
    context = {
        "enrollment": enrollment,
        **selectors.enrollment_detail(enrollment=enrollment),
        **_forms(request, enrollment, **bound),
        "manage": can_manage_enrollment(user, enrollment),
        "can_log": can_log_mentoring(user, enrollment),
        "can_assess": can_start_assessment(user, enrollment),
        "update_form": MilestoneUpdateForm(),
    }
    return render(request, "incubation/enrollment_detail.html", context, status=status)


@object_view(_enrollments, visible=can_view_enrollment)
def enrollment_detail(request, enrollment):
    return _render(request, enrollment)


@object_view(_enrollments, visible=can_view_enrollment, allowed=can_manage_enrollment)
@require_POST
def mentor_add(request, enrollment):
    form = MentorForm(
        request.POST, candidates=selectors.mentor_candidates(center=enrollment.cohort.center)
    )
    if not form.is_valid():
        return _render(request, enrollment, status=400, mentor_form=form)
    try:
        services.mentor_assign(
            enrollment=enrollment, mentor=form.cleaned_data["mentor"], by=request.user
        )
    except ValidationError as error:
        form.add_error("mentor", error.messages)
        return _render(request, enrollment, status=400, mentor_form=form)
    messages.success(request, _("The mentor is assigned."))
    return redirect("incubation:enrollment_detail", enrollment.pk)


@object_view(_enrollments, visible=can_view_enrollment, allowed=can_manage_enrollment)
@require_POST
def mentor_remove(request, enrollment, user_pk):
    if not User.objects.filter(pk=user_pk).exists():
        raise Http404
    services.mentor_unassign(enrollment=enrollment, mentor_id=user_pk, by=request.user)
    messages.success(request, _("The mentor is no longer assigned."))
    return redirect("incubation:enrollment_detail", enrollment.pk)


@object_view(_enrollments, visible=can_view_enrollment, allowed=can_log_mentoring)
@require_POST
def session_add(request, enrollment):
    form = MentoringSessionForm(request.POST)
    if not form.is_valid():
        return _render(request, enrollment, status=400, session_form=form)
    services.mentoring_session_log(enrollment=enrollment, by=request.user, data=form.cleaned_data)
    messages.success(request, _("The mentoring session is logged."))
    return redirect("incubation:enrollment_detail", enrollment.pk)


@object_view(_enrollments, visible=can_view_enrollment, allowed=can_log_mentoring)
@require_POST
def milestone_add(request, enrollment):
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return _render(request, enrollment, status=400, milestone_form=form)
    try:
        services.milestone_create(enrollment=enrollment, by=request.user, data=form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _render(request, enrollment, status=400, milestone_form=form)
    messages.success(request, _("The milestone is added."))
    return redirect("incubation:enrollment_detail", enrollment.pk)


@object_view(
    _milestones,
    visible=lambda user, m: can_view_enrollment(user, m.enrollment),
    allowed=can_update_milestone,
)
@require_POST
def milestone_update(request, milestone):
    form = MilestoneUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.milestone_update(
                milestone=milestone,
                by=request.user,
                status=form.cleaned_data["status"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, _("The milestone is updated."))
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
    return redirect("incubation:enrollment_detail", milestone.enrollment_id)


@object_view(_milestones, visible=lambda user, m: can_view_enrollment(user, m.enrollment))
def milestone_evidence(request, milestone):
    if not milestone.evidence:
        raise Http404
    return FileResponse(
        milestone.evidence.open("rb"), as_attachment=True, filename=milestone.evidence_name or None
    )


@object_view(_enrollments, visible=can_view_enrollment, allowed=can_start_assessment)
@require_POST
def assessment_create(request, enrollment):
    form = AssessmentStartForm(request.POST)
    if not form.is_valid():
        return _render(request, enrollment, status=400, start_form=form)
    try:
        assessment = services.assessment_start(
            enrollment=enrollment,
            kind=form.cleaned_data["kind"],
            assessed_on=form.cleaned_data["assessed_on"],
            by=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _render(request, enrollment, status=400, start_form=form)
    return redirect("incubation:assessment_detail", assessment.pk)


@object_view(_enrollments, visible=can_view_enrollment, allowed=can_manage_enrollment)
@require_POST
def enrollment_graduate(request, enrollment):
    try:
        report = services.enrollment_graduate(
            enrollment=enrollment,
            by=request.user,
            language="",  # the organization's: the certificate is theirs
            despite_criteria=request.POST.get("despite_criteria") == "on",
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        return redirect("incubation:graduation", enrollment.cohort_id)
    messages.success(request, _("The organization has graduated; its certificate is being made."))
    return redirect("report_detail", pk=report.pk)


@object_view(_enrollments, visible=can_view_enrollment, allowed=can_manage_enrollment)
@require_POST
def enrollment_extend(request, enrollment):
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.enrollment_extend(
                enrollment=enrollment, until=form.cleaned_data["until"], by=request.user
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, _("The incubation is extended."))
    else:
        messages.error(request, _("Enter the date to extend the incubation until."))
    return redirect("incubation:graduation", enrollment.cohort_id)


@object_view(_enrollments, visible=can_view_enrollment, allowed=can_manage_enrollment)
@require_POST
def enrollment_withdraw(request, enrollment):
    if request.POST.get("confirm") != "on":
        messages.error(request, _("Confirm that the organization leaves the cohort."))
        return redirect("incubation:enrollment_detail", enrollment.pk)
    try:
        services.enrollment_withdraw(enrollment=enrollment, by=request.user)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request, _("The enrollment is withdrawn: its seat is free for another organization.")
        )
    return redirect("incubation:enrollment_detail", enrollment.pk)


@object_view(_enrollments, visible=can_view_enrollment)
def enrollment_certificate(request, enrollment):
    """The graduation certificate for whoever sees the enrollment (its members among them);
    404 until one is made."""
    report = selectors.enrollment_certificate(enrollment=enrollment)
    if report is None:
        raise Http404
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file_name)
