"""Campaigns: the public list with totals, a campaign's participations; kept by staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ngo_portal.permissions import object_view, require

from .. import selectors, services
from ..forms import CampaignForm, ParticipationForm
from ..models import Campaign, CampaignParticipation
from ..permissions import can_edit_campaign, can_manage_campaigns


def campaign_list(request):
    return render(
        request,
        "grants/campaign_list.html",
        {
            "campaigns": selectors.campaign_list(),
            "can_manage": can_manage_campaigns(request.user),
        },
    )


@object_view(lambda: Campaign.objects.select_related("region", "center", "fund"), public=True)
def campaign_detail(request, campaign):
    return render(
        request,
        "grants/campaign_detail.html",
        {
            "campaign": campaign,
            "totals": selectors.campaign_totals(campaign),
            "participations": selectors.campaign_participations(campaign),
            "can_edit": can_edit_campaign(request.user, campaign),
        },
    )


@require(can_manage_campaigns)
def campaign_create(request):
    return _campaign_form(request, None)


@object_view(Campaign, allowed=can_edit_campaign)
def campaign_edit(request, campaign):
    return _campaign_form(request, campaign)


def _campaign_form(request, campaign):
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.campaign_save(
                campaign=campaign,
                by=request.user,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect("grants:campaign_detail", saved.pk)
    return render(request, "grants/campaign_form.html", {"form": form, "campaign": campaign})


@object_view(Campaign, allowed=can_edit_campaign)
def participation_create(request, campaign):
    return _participation_form(request, campaign, None)


def _participation_editable(user, participation):
    return can_edit_campaign(user, participation.campaign)


@object_view(
    lambda: CampaignParticipation.objects.select_related("campaign"),
    allowed=_participation_editable,
)
def participation_edit(request, participation):
    return _participation_form(request, participation.campaign, participation)


@object_view(
    lambda: CampaignParticipation.objects.select_related("campaign"),
    allowed=_participation_editable,
)
def participation_delete(request, participation):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.participation_delete(participation=participation, by=request.user)
    messages.success(request, _("The participation is removed."))
    return redirect("grants:campaign_detail", participation.campaign_id)


def _participation_form(request, campaign, participation):
    form = ParticipationForm(request.POST or None, instance=participation)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_save(
                campaign=campaign,
                by=request.user,
                participation=participation,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The participation is saved."))
            return redirect("grants:campaign_detail", campaign.pk)
    return render(
        request,
        "grants/participation_form.html",
        {"form": form, "campaign": campaign, "participation": participation},
    )
