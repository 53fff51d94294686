"""Funds, rounds and their rubric, kept by staff."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ngo_portal.models import Region
from organizations.vocabularies import LegalForm

from ..models import (
    Fund,
    FundingRound,
)
from ..selectors import staff_centers
from .fields import DATE, Form, ModelForm, MoneyField, ReplacingFormSet


class FundForm(ModelForm):
    class Meta:
        model = Fund
        fields = [
            *("center", "name", "name_zh", "source_type", "funder", "funder_zh", "budget"),
            "description",
        ]
        field_classes = {"budget": MoneyField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = staff_centers(user)


class RoundForm(ModelForm):
    eligible_legal_forms = forms.MultipleChoiceField(
        label=_("eligible legal forms"),
        choices=LegalForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to accept every legal form."),
    )
    eligible_province_codes = forms.MultipleChoiceField(
        label=_("eligible provinces"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to accept organizations from every province."),
    )

    class Meta:
        model = FundingRound
        fields = [
            *("fund", "title", "title_zh", "description", "opens_on", "closes_on"),
            *("budget", "min_award", "max_award", "eligible_legal_forms"),
            *("eligible_province_codes", "registered_only", "min_mca_grade", "cohort"),
            "is_published",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE}
        field_classes = {"budget": MoneyField, "min_award": MoneyField, "max_award": MoneyField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = Fund.objects.filter(center__in=staff_centers(user))
        self.fields["eligible_province_codes"].choices = [
            (region.code, region.display_name)
            for region in Region.objects.filter(level="province").order_by("code")
        ]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The round cannot close before it opens."))
        low, high, budget = data.get("min_award"), data.get("max_award"), data.get("budget")
        if low is not None and high is not None and high < low:
            self.add_error("max_award", _("The maximum award is below the minimum."))
        if high is not None and budget is not None and budget < high:
            self.add_error("budget", _("The budget must cover at least the maximum award."))
        return data


class CriterionForm(Form):
    name = forms.CharField(label=_("criterion (English)"), max_length=200)
    name_zh = forms.CharField(label=_("criterion (Chinese)"), max_length=200, required=False)
    guidance = forms.CharField(label=_("guidance for reviewers"), required=False)
    weight = forms.IntegerField(label=_("weight"), min_value=1, max_value=100, initial=1)


class BaseCriterionFormSet(ReplacingFormSet):
    def criteria(self) -> list[dict]:
        return [
            {name: form.cleaned_data[name] for name in ("name", "name_zh", "guidance", "weight")}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriterionFormSet, extra=2, can_delete=True, max_num=30
)


def criteria_initial(funding_round) -> list[dict]:
    if funding_round is None:
        return []
    return [
        {"name": c.name, "name_zh": c.name_zh, "guidance": c.guidance, "weight": c.weight}
        for c in funding_round.criteria.all()
    ]
