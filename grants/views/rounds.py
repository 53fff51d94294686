"""Funding rounds: the public list and page; funds and rounds kept by staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ngo_portal.models import Region
from ngo_portal.permissions import object_view, require
from organizations.vocabularies import LegalForm

from .. import selectors, services
from ..filters import RoundFilter
from ..forms import CriterionFormSet, FundForm, RoundForm, criteria_initial
from ..models import Fund, FundingRound
from ..permissions import (
    can_apply_to_round,
    can_edit_fund,
    can_edit_round,
    can_export_round,
    can_manage_funds,
    can_view_round,
    can_view_round_applications,
)
from ..rules import cny


def round_list(request):
    rounds = selectors.round_list(user=request.user, filters=request.GET)
    page = selectors.keyset_page(rounds.order_by(), request.GET.get("after"))
    return render(
        request,
        "grants/round_list.html",
        {
            "filter": RoundFilter(request.GET),
            "page": page,
            "can_manage": can_manage_funds(request.user),
        },
    )


@object_view(
    lambda: FundingRound.objects.select_related("fund", "center", "cohort"),
    visible=can_view_round,
    public=True,
)
def round_detail(request, funding_round):
    committed = selectors.round_committed_total(funding_round)
    return render(
        request,
        "grants/round_detail.html",
        {
            "round": funding_round,
            "criteria": list(funding_round.criteria.all()),
            "legal_forms": [str(LegalForm(f).label) for f in funding_round.eligible_legal_forms],
            "provinces": [
                region.display_name
                for region in Region.objects.filter(
                    code__in=funding_round.eligible_province_codes
                ).order_by("code")
            ],
            "committed": cny(committed),
            "remaining": cny(funding_round.budget - committed),
            "is_open": funding_round.is_open_on(timezone.localdate()),
            # A visitor is sent to sign in by the Apply link; someone signed in without an
            # organization is told to register or join one instead of meeting a 403.
            "can_apply": not request.user.is_authenticated
            or can_apply_to_round(request.user, funding_round),
            "can_edit": can_edit_round(request.user, funding_round),
            "can_view_applications": can_view_round_applications(request.user, funding_round),
            "can_export": can_export_round(request.user, funding_round),
        },
    )


@require(can_manage_funds)
def round_create(request):
    return _round_form(request, None)


@object_view(FundingRound, allowed=can_edit_round)
def round_edit(request, funding_round):
    return _round_form(request, funding_round)


def _round_form(request, funding_round):
    form = RoundForm(request.POST or None, instance=funding_round, user=request.user)
    criteria = CriterionFormSet(
        request.POST or None, prefix="criteria", initial=criteria_initial(funding_round)
    )
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        try:
            saved = services.round_save(
                funding_round=funding_round,
                by=request.user,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
                criteria=criteria.criteria(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("grants:round_detail", saved.pk)
    return render(
        request,
        "grants/round_form.html",
        {"form": form, "criteria": criteria, "round": funding_round},
    )


@require(can_manage_funds)
def fund_list(request):
    return render(
        request, "grants/fund_list.html", {"funds": selectors.fund_list(user=request.user)}
    )


@require(can_manage_funds)
def fund_create(request):
    return _fund_form(request, None)


@object_view(Fund, allowed=can_edit_fund)
def fund_edit(request, fund):
    return _fund_form(request, fund)


def _fund_form(request, fund):
    form = FundForm(request.POST or None, instance=fund, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.fund_save(
                fund=fund,
                by=request.user,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The fund is saved."))
            return redirect("grants:fund_list")
    return render(request, "grants/fund_form.html", {"form": form, "fund": fund})
