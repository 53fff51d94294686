"""Staff send a center's report now; managers publish the center's impact page and ask for its
annual report; visitors read published impact pages."""

import datetime

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..center_reports import (
    ANNUAL_REPORT_KIND,
    center_report_request,
    public_sections,
)
from ..dashboard import sections_for
from ..dashboard_sections import DashboardScope
from ..jobs.services import report_request
from ..models import Center, CenterImpactPage
from ..permissions import can_manage_center, can_view_dashboard, is_center_staff, require


@require_POST
@require(can_view_dashboard)
def center_report_send(request, slug: str):
    """The center's figures from the first of this month to today, as the monthly report's job,
    e-mailed to the center's managers (once a day at most); its page shows the progress."""
    center = get_object_or_404(Center, slug=slug)
    if not is_center_staff(request.user, center):
        raise Http404
    today = timezone.localdate()
    report = center_report_request(
        center=center,
        starts_on=today.replace(day=1),
        ends_on=today,
        requested_by=request.user,
        language=get_language(),
    )
    messages.success(
        request, _("The report is being drawn and will be e-mailed to the center's managers.")
    )
    return redirect("report_detail", pk=report.pk)


def _figure_choices() -> list[tuple[str, str]]:
    """Every publishable figure, by key: from the sections of an empty scope (no center), kept
    in the cache like the dashboard's."""
    sections = sections_for(DashboardScope(center_ids=()))
    return [
        (figure.key, f"{section.title}: {figure.label}")
        for section in sections
        for figure in section.figures
        if figure.public
    ]


class ImpactPageForm(forms.Form):
    is_published = forms.BooleanField(label=gettext_lazy("Publish the impact page"), required=False)
    figures = forms.MultipleChoiceField(
        label=gettext_lazy("Figures shown"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["figures"].choices = _figure_choices()


def _manager_center(request, slug):
    center = get_object_or_404(Center, slug=slug)
    if not is_center_staff(request.user, center):
        raise Http404
    if not can_manage_center(request.user, center):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return center


@require(can_view_dashboard)
def impact_page_settings(request, slug: str):
    center = _manager_center(request, slug)
    page, _created = CenterImpactPage.objects.get_or_create(center=center)
    if request.method == "POST":
        form = ImpactPageForm(request.POST)
        if form.is_valid():
            page.is_published = form.cleaned_data["is_published"]
            page.figures = form.cleaned_data["figures"]
            page.full_clean()
            page.save()
            messages.success(request, _("The impact page is saved."))
            return redirect("impact_page_settings", slug=center.slug)
    else:
        form = ImpactPageForm(initial={"is_published": page.is_published, "figures": page.figures})
    return render(
        request,
        "ngo_portal/impact_page_settings.html",
        {"center": center, "page": page, "form": form, "year": timezone.localdate().year - 1},
    )


@require_POST
@require(can_view_dashboard)
def annual_report_request(request, slug: str):
    center = _manager_center(request, slug)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = timezone.localdate().year - 1
    year = min(max(year, 2000), timezone.localdate().year)
    report = report_request(
        kind=ANNUAL_REPORT_KIND,
        requested_by=request.user,
        parameters={"year": year},
        language=get_language(),
        center=center,
        subject=center,
    )
    return redirect("report_detail", pk=report.pk)


def impact_page(request, slug: str):
    """Public: the figures a center chose to publish, for the current year so far and the
    previous year; 404 until the center publishes its page."""
    page = (
        CenterImpactPage.objects.select_related("center")
        .filter(center__slug=slug, is_published=True)
        .first()
    )
    if page is None:
        raise Http404
    today = timezone.localdate()
    periods = []
    for starts_on, ends_on in (
        (today.replace(month=1, day=1), today),
        (datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)),
    ):
        scope = DashboardScope(center_ids=(page.center_id,), starts_on=starts_on, ends_on=ends_on)
        sections = sections_for(scope)  # kept in the cache like the dashboard's
        periods.append((starts_on, ends_on, public_sections(sections, page.figures)))
    return render(
        request, "ngo_portal/impact_page.html", {"center": page.center, "periods": periods}
    )
