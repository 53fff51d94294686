"""Campaigns and who took part."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ngo_portal.models import Region

from ..models import (
    Campaign,
    CampaignParticipation,
    Fund,
)
from ..selectors import staff_centers
from .fields import DATE, ModelForm, MoneyField, RegionChoiceField, region_queryset


class CampaignForm(ModelForm):
    region = RegionChoiceField(queryset=Region.objects.none(), required=False, label=_("region"))

    class Meta:
        model = Campaign
        fields = [
            *("center", "fund", "name", "name_zh", "description", "description_zh"),
            *("region", "starts_on", "ends_on", "source", "source_zh"),
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = staff_centers(user)
        self.fields["fund"].queryset = Fund.objects.filter(center__in=staff_centers(user))
        self.fields["region"].queryset = region_queryset()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        return data


class ParticipationForm(ModelForm):
    region = RegionChoiceField(queryset=Region.objects.none(), required=False, label=_("region"))

    class Meta:
        model = CampaignParticipation
        fields = [
            *("organization", "organization_count", "region", "funds_raised", "donors"),
            *("projects", "note", "note_zh"),
        ]
        field_classes = {"funds_raised": MoneyField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = region_queryset()
        # Typed as an ID: a select of every organization in the country is not a form.
        self.fields["organization"].widget = forms.NumberInput()
        self.fields["organization"].help_text = _("The organization's number in the directory.")

    def clean(self):
        data = super().clean()
        if data.get("organization") and data.get("organization_count"):
            self.add_error(
                "organization_count",
                _("Give either one organization or the number of organizations, not both."),
            )
        elif not (
            data.get("organization")
            or data.get("organization_count") is not None
            or data.get("note")
            or data.get("note_zh")
        ):
            raise forms.ValidationError(
                _(
                    "Say who took part: the organization's number, or for a group the number "
                    "of organizations or its name."
                )
            )
        return data
