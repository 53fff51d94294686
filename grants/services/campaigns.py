"""Campaigns and who took part in them, kept by the staff of the campaign's center."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..models import Campaign, CampaignParticipation
from ..permissions import can_edit_campaign, can_manage_campaigns


@transaction.atomic
def campaign_save(*, campaign: Campaign | None = None, by, data: dict) -> Campaign:
    if campaign is not None and not can_edit_campaign(by, campaign):
        raise PermissionDenied
    campaign = campaign or Campaign()
    if not can_manage_campaigns(by):
        raise PermissionDenied
    for name, value in data.items():
        setattr(campaign, name, value)
    if not can_edit_campaign(by, campaign):
        raise PermissionDenied
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def participation_save(
    *, campaign: Campaign, by, data: dict, participation: CampaignParticipation | None = None
) -> CampaignParticipation:
    """Record one organization's figures, or a group's (organization empty, a count instead).
    Raises PermissionDenied, ValidationError (the organization already listed)."""
    if not can_edit_campaign(by, campaign):
        raise PermissionDenied
    participation = participation or CampaignParticipation(campaign=campaign)
    for name, value in data.items():
        setattr(participation, name, value)
    participation.full_clean()
    participation.save()
    return participation


@transaction.atomic
def participation_delete(*, participation: CampaignParticipation, by) -> None:
    if not can_edit_campaign(by, participation.campaign):
        raise PermissionDenied
    participation.delete()
