"""The application on the applicant's side: the apply page (drafts saved as the member types),
submit, withdraw, attachments; and the list of applications one may see."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from ngo_portal.permissions import object_view, require

from .. import selectors, services
from ..filters import ApplicationFilter
from ..forms import (
    AnswerForm,
    ApplicationForm,
    AttachmentForm,
    BudgetLineFormSet,
    budget_initial,
)
from ..models import ApplicationAttachment, FundingRound
from ..permissions import (
    can_apply_to_round,
    can_edit_application,
    can_view_application,
    can_view_application_list,
    can_view_round,
    is_applicant,
)
from ..rules import cny
from .context import application_page_context


@require(can_view_application_list)
def application_list(request):
    applications = selectors.application_list(user=request.user, filters=request.GET)
    page = selectors.keyset_page(applications, request.GET.get("after"))
    template = (
        "grants/partials/application_rows.html" if request.htmx else "grants/application_list.html"
    )
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        template,
        {"filter": ApplicationFilter(request.GET), "page": page, "query": query.urlencode()},
    )


@object_view(
    lambda: FundingRound.objects.select_related("fund", "center", "cohort"),
    visible=can_view_round,
    allowed=can_apply_to_round,
)
def application_apply(request, funding_round):
    """GET: the draft (or an empty form); POST: save (autosave from htmx, "save draft"), or
    save and submit. Every save keeps what was typed, valid or not."""
    organizations = list(selectors.user_organizations(request.user))
    organization = _chosen_organization(request, organizations)
    if organization is None:
        return render(
            request,
            "grants/application_choose_organization.html",
            {"round": funding_round, "organizations": organizations},
        )
    application = selectors.application_for_organization(
        funding_round=funding_round, organization_id=organization.pk
    )
    if application is not None and not can_edit_application(request.user, application):
        # Submitted or decided meanwhile (another tab, a colleague): an autosave from the stale
        # page sends the whole browser to the application, not the page into the status line.
        if request.htmx:
            return HttpResponseClientRedirect(
                reverse("grants:application_detail", args=[application.pk])
            )
        return redirect("grants:application_detail", application.pk)
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, instance=application)
    budget = BudgetLineFormSet(data, prefix="budget", initial=budget_initial(application))
    open_request = _open_request(application)
    answer = AnswerForm(data, initial={"answer": open_request.answer if open_request else ""})
    if request.method == "POST":
        application, refusals = _save(
            request, funding_round, organization, application, form, budget, answer
        )
        if request.htmx:
            return render(
                request,
                "grants/partials/autosave_status.html",
                {
                    "application": application,
                    "refusals": refusals,
                    "saved_at": timezone.now(),
                    # Shown again beside the budget (an out-of-band swap): the total follows
                    # the lines as they are typed.
                    "budget_total": cny(_budget_total(budget, application)),
                },
            )
        if application is not None and not refusals and "submit" in request.POST:
            answer.is_valid()
            refusals = _submit(request, application, answer.cleaned_data.get("answer", ""))
            if not refusals:
                return redirect("grants:application_detail", application.pk)
        elif application is not None and not refusals:
            messages.success(request, _("Your draft is saved."))
            return redirect(f"{request.path}?organization={organization.pk}")
    else:
        refusals = []
    context = {
        "round": funding_round,
        "organization": organization,
        "application": application,
        "form": form,
        "budget": budget,
        "answer": answer,
        "refusals": refusals,
        "attachment_form": AttachmentForm(prefix="attachment"),
        "budget_total": cny(_budget_total(budget, application)),
        "open_request": open_request,
    }
    return render(request, "grants/application_apply.html", context)


def _chosen_organization(request, organizations):
    if len(organizations) == 1:
        return organizations[0]
    chosen = request.POST.get("organization") or request.GET.get("organization")
    if not chosen:
        return None
    for organization in organizations:
        if str(organization.pk) == chosen:
            return organization
    raise Http404


def _save(request, funding_round, organization, application, form, budget, answer):
    """Save the valid part of what was typed (the draft answer to staff included); return
    (application, refusals as strings)."""
    refusals = []
    form_ok, budget_ok = form.is_valid(), budget.is_valid()
    draft_answer = answer.cleaned_data["answer"] if answer.is_valid() else None
    data = {
        name: value
        for name, value in (form.cleaned_data.items() if hasattr(form, "cleaned_data") else ())
        if name not in form.errors
    }
    if not form_ok:
        refusals.append(_("Some fields need attention; the others are saved."))
    if not budget_ok:
        refusals.append(_("Some budget lines need attention; they are not saved yet."))
    if request.htmx:
        # The autosave replaces only the status line, not the fields with their errors: say
        # which fields they are.
        refusals += _field_errors(form) + _budget_errors(budget)
    try:
        application = services.application_save_draft(
            funding_round=funding_round,
            organization=organization,
            by=request.user,
            data=data,
            budget_lines=budget.lines() if budget_ok else None,
            application=application,
            answer=draft_answer if "answer" in request.POST else None,
        )
    except ValidationError as error:
        refusals.extend(error.messages)
    return application, refusals


def _field_errors(form) -> list[str]:
    return [
        f"{form.fields[name].label}: {message}"
        for name, field_errors in form.errors.items()
        if name in form.fields
        for message in field_errors
    ]


def _budget_errors(budget) -> list[str]:
    errors = [str(message) for message in budget.non_form_errors()]
    for number, line in enumerate(budget.forms, start=1):
        for name, field_errors in line.errors.items():
            label = line.fields[name].label if name in line.fields else ""
            for message in field_errors:
                errors.append(
                    _("Budget line %(number)s, %(field)s: %(message)s")
                    % {"number": number, "field": label, "message": message}
                )
    return errors


def _submit(request, application, answer) -> list[str]:
    try:
        services.application_submit(application=application, by=request.user, answer=answer)
    except ValidationError as error:
        return error.messages
    messages.success(request, _("Your application is submitted."))
    return []


def _budget_total(budget, application):
    if budget.is_bound and budget.is_valid():
        return budget.total()
    return application.requested_total if application is not None else 0


def _open_request(application):
    if application is None:
        return None
    return next((r for r in application.information_requests.all() if r.is_open), None)


@object_view(selectors.application_detail, visible=can_view_application)
def application_detail(request, application):
    return render(
        request,
        "grants/application_detail.html",
        application_page_context(request, application),
    )


@object_view(selectors.application_detail, visible=can_view_application, allowed=is_applicant)
def application_withdraw(request, application):
    """A second click (or a decision taken meanwhile) leaves the application as it is, and the
    page says so."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("grants:application_detail", application.pk)


@object_view(
    selectors.application_detail, visible=can_view_application, allowed=can_edit_application
)
def attachment_add(request, application):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
    if form.is_valid():
        try:
            services.attachment_add(
                application=application,
                by=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The attachment is added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    url = f"{_apply_url(application)}#attachments"
    return redirect(url)


def _apply_url(application):
    path = reverse("grants:application_apply", args=[application.round_id])
    return f"{path}?organization={application.organization_id}"


def _attachment_visible(user, attachment) -> bool:
    return can_view_application(user, attachment.application)


def _attachment_editable(user, attachment) -> bool:
    return can_edit_application(user, attachment.application)


@object_view(
    lambda: ApplicationAttachment.objects.select_related(
        "application__round", "application__organization"
    ),
    visible=_attachment_visible,
)
def attachment_download(request, attachment):
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name or attachment.title,
        content_type=attachment.content_type,
    )


@object_view(
    lambda: ApplicationAttachment.objects.select_related(
        "application__round", "application__organization"
    ),
    visible=_attachment_visible,
    allowed=_attachment_editable,
)
def attachment_delete(request, attachment):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    application = attachment.application
    services.attachment_delete(attachment=attachment, by=request.user)
    messages.success(request, _("The attachment is removed."))
    return redirect(f"{_apply_url(application)}#attachments")
