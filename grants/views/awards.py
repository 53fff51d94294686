"""Awards after approval: tranches, required reports, and the grantee's reports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ngo_portal.permissions import object_view

from .. import selectors, services
from ..forms import DisbursementForm, GrantReportForm, PaidForm, ReportRequireForm, SendBackForm
from ..models import Disbursement
from ..permissions import (
    can_manage_award,
    can_review_grant_report,
    can_submit_grant_report,
    can_view_award,
    can_view_grant_report,
)
from ..rules import cny


def _award_page(request, award, **forms):
    disbursements = list(award.disbursements.all())
    context = {
        "award": award,
        "application": award.application,
        "amount": cny(award.amount),
        "disbursements": disbursements,
        "paid": cny(sum(d.amount for d in disbursements if d.is_paid)),
        "reports": list(award.reports.all()),
        "can_manage": can_manage_award(request.user, award),
        "disbursement_form": forms.get("disbursement_form") or DisbursementForm(),
        "report_form": forms.get("report_form") or ReportRequireForm(),
        "paid_form": PaidForm(),
    }
    return render(request, "grants/award_detail.html", context)


@object_view(selectors.award_detail, visible=can_view_award)
def award_detail(request, award):
    return _award_page(request, award)


@object_view(selectors.award_detail, visible=can_view_award, allowed=can_manage_award)
def disbursement_add(request, award):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DisbursementForm(request.POST)
    if form.is_valid():
        try:
            services.disbursement_plan(award=award, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The tranche is planned."))
            return redirect("grants:award_detail", award.pk)
    return _award_page(request, award, disbursement_form=form)


def _disbursement_visible(user, disbursement):
    return can_view_award(user, disbursement.award)


def _disbursement_manageable(user, disbursement):
    return can_manage_award(user, disbursement.award)


@object_view(
    lambda: Disbursement.objects.select_related("award__application__organization", "award__round"),
    visible=_disbursement_visible,
    allowed=_disbursement_manageable,
)
def disbursement_paid(request, disbursement):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PaidForm(request.POST)
    if form.is_valid():
        try:
            services.disbursement_mark_paid(
                disbursement=disbursement, by=request.user, paid_on=form.cleaned_data["paid_on"]
            )
        except ValidationError as error:
            messages.warning(request, error.messages[0])
        else:
            messages.success(request, _("The tranche is recorded as paid."))
    else:
        messages.error(request, _("Please give the date of payment."))
    return redirect("grants:award_detail", disbursement.award_id)


@object_view(selectors.award_detail, visible=can_view_award, allowed=can_manage_award)
def grant_report_require(request, award):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReportRequireForm(request.POST)
    if form.is_valid():
        try:
            services.grant_report_require(award=award, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report is required from the organization."))
            return redirect("grants:award_detail", award.pk)
    return _award_page(request, award, report_form=form)


@object_view(selectors.grant_report_detail, visible=can_view_grant_report)
def grant_report_detail(request, report):
    form = None
    if can_submit_grant_report(request.user, report):
        form = GrantReportForm(request.POST or None, report=report)
        if request.method == "POST" and form.is_valid():
            try:
                services.grant_report_submit(
                    report=report,
                    by=request.user,
                    narrative=form.cleaned_data["narrative"],
                    beneficiaries_reached=form.cleaned_data["beneficiaries_reached"],
                    spending=form.spending(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your report is submitted."))
                return redirect("grants:grant_report_detail", report.pk)
    spent = {row.budget_line_id: row.amount for row in report.spending.all()}
    lines = [(line, spent.get(line.pk)) for line in report.award.application.budget_lines.all()]
    return render(
        request,
        "grants/grant_report_detail.html",
        {
            "report": report,
            "award": report.award,
            "form": form,
            "lines": lines,
            "can_review": can_review_grant_report(request.user, report),
            "send_back_form": SendBackForm(),
        },
    )


def _report_staff(user, report) -> bool:
    return can_manage_award(user, report.award)


@object_view(selectors.grant_report_detail, visible=can_view_grant_report, allowed=_report_staff)
def grant_report_accept(request, report):
    """A report already accepted or sent back (a double click, a colleague) is left as it is,
    and the page says so."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.grant_report_accept(report=report, by=request.user)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
        return redirect("grants:grant_report_detail", report.pk)
    messages.success(request, _("The report is accepted."))
    return redirect("grants:award_detail", report.award_id)


@object_view(selectors.grant_report_detail, visible=can_view_grant_report, allowed=_report_staff)
def grant_report_send_back(request, report):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            services.grant_report_send_back(
                report=report, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            messages.warning(request, error.messages[0])
        else:
            messages.success(request, _("The report is sent back to the organization."))
    else:
        messages.error(request, _("Please say what to change."))
    return redirect("grants:grant_report_detail", report.pk)
