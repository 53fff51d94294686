"""The list of cohorts, a cohort's page, opening and editing a call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngo_portal.models import Center, CenterMembership
from ngo_portal.permissions import center_roles, object_view, require

from .. import selectors, services
from ..forms import (
    CohortForm,
    CriterionFormSet,
    QuestionFormSet,
    ReportLanguageForm,
    rows_from_formset,
)
from ..models import Cohort
from ..permissions import (
    can_apply_to_cohort,
    can_create_cohort,
    can_manage_cohort,
    can_view_cohort,
    can_view_cohort_applications,
)
from .paths import with_paths


def cohort_list(request):
    filterset, cohorts = selectors.cohort_list(user=request.user, filters=request.GET)
    page = selectors.cohort_page(cohorts, request.GET.get("page"))
    return render(
        request,
        "incubation/cohort_list.html",
        {"filter": filterset, "page": page, "can_create": can_create_cohort(request.user)},
    )


def _cohorts():
    return Cohort.objects.select_related("center")


@object_view(_cohorts, visible=can_view_cohort, public=True)
def cohort_detail(request, cohort):
    user = request.user
    manage = can_manage_cohort(user, cohort)
    enrollments = []
    if user.is_authenticated:
        enrollments = with_paths(
            selectors.enrollment_rows(cohort=cohort, user=user),
            detail_url="incubation:enrollment_detail",
        )
    change_rows, change_chart = (
        selectors.cohort_area_change(cohort=cohort) if manage else ([], None)
    )
    context = {
        "cohort": cohort,
        "manage": manage,
        "overview": selectors.cohort_overview(cohort=cohort) if manage else None,
        "enrollments": enrollments,
        "change_rows": change_rows,
        "change_chart": change_chart,
        "can_apply": can_apply_to_cohort(user, cohort),
        "can_screen": can_view_cohort_applications(user, cohort),
        "questions": list(cohort.questions.all()),
        "mine": selectors.my_cohort_places(user=user, cohort=cohort),
        "language_form": ReportLanguageForm(),
    }
    return render(request, "incubation/cohort_detail.html", context)


def _staff_centers(user):
    if user.is_superuser:
        return Center.objects.order_by("name")
    ids = [pk for pk, role in center_roles(user).items() if role in CenterMembership.STAFF_ROLES]
    return Center.objects.filter(pk__in=ids).order_by("name")


def _edit(request, cohort: Cohort | None):
    instance = cohort or Cohort()
    post = request.POST if request.method == "POST" else None
    form = CohortForm(post, instance=instance, centers=_staff_centers(request.user))
    initial_q = [
        {"id": q.pk, "text": q.text, "text_zh": q.text_zh, "required": q.required}
        for q in (cohort.questions.all() if cohort else [])
    ]
    initial_r = [
        {
            "id": c.pk,
            "name": c.name,
            "name_zh": c.name_zh,
            "max_score": c.max_score,
            "weight": c.weight,
        }
        for c in (cohort.rubric.all() if cohort else [])
    ]
    questions = QuestionFormSet(post, initial=initial_q, prefix="questions")
    rubric = CriterionFormSet(post, initial=initial_r, prefix="rubric")
    if post is not None and form.is_valid() and questions.is_valid() and rubric.is_valid():
        try:
            saved = services.cohort_save(
                cohort=form.instance,
                by=request.user,
                questions=rows_from_formset(questions),
                rubric=rows_from_formset(rubric),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cohort is saved."))
            return redirect("incubation:cohort_detail", saved.pk)
    context = {"form": form, "questions": questions, "rubric": rubric, "cohort": cohort}
    return render(request, "incubation/cohort_form.html", context)


@require(can_create_cohort)
def cohort_create(request):
    return _edit(request, None)


@object_view(_cohorts, visible=can_view_cohort, allowed=can_manage_cohort)
def cohort_edit(request, cohort):
    return _edit(request, cohort)


@object_view(_cohorts, visible=can_view_cohort, allowed=can_manage_cohort)
@require_POST
def cohort_reports(request, cohort):
    """Generate the reports of the whole cohort: one job, whose page shows the progress."""
    form = ReportLanguageForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else ""
    report = services.cohort_reports_request(cohort=cohort, by=request.user, language=language)
    return redirect("report_detail", pk=report.pk)
