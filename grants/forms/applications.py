"""The application, its budget lines and attachments, and the answer to staff."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ngo_portal.models import Region

from ..models import (
    BudgetLine,
    GrantApplication,
)
from .fields import (
    DATE,
    Form,
    ModelForm,
    MoneyField,
    RegionChoiceField,
    ReplacingFormSet,
    region_queryset,
)


class ApplicationForm(ModelForm):
    """The draft: nothing is required until submission (grants.rules.completeness_refusals)."""

    region = RegionChoiceField(
        queryset=Region.objects.none(), required=False, label=_("project region")
    )

    class Meta:
        model = GrantApplication
        fields = [
            *("title", "summary", "objectives", "beneficiaries", "region", "starts_on"),
            "ends_on",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "beneficiaries": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = region_queryset()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return data


class BudgetLineForm(Form):
    """A plain form, not a model form: every save replaces the lines, so rows carry no ids."""

    category = forms.ChoiceField(
        label=_("category"), choices=[("", "---------"), *BudgetLine.Category.choices]
    )
    amount = MoneyField(label=_("amount (CNY)"))
    justification = forms.CharField(label=_("justification"), max_length=500, required=False)


class BaseBudgetLineFormSet(ReplacingFormSet):
    def lines(self) -> list[dict]:
        """[{category, amount, justification}] of the filled, not deleted rows."""
        return [
            {name: form.cleaned_data[name] for name in ("category", "amount", "justification")}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def total(self) -> Decimal:
        return sum((line["amount"] for line in self.lines()), Decimal(0))


BudgetLineFormSet = forms.formset_factory(
    BudgetLineForm, formset=BaseBudgetLineFormSet, extra=2, can_delete=True, max_num=50
)


def budget_initial(application) -> list[dict]:
    if application is None:
        return []
    return [
        {"category": line.category, "amount": line.amount, "justification": line.justification}
        for line in application.budget_lines.all()
    ]


class AttachmentForm(Form):
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    file = forms.FileField(label=_("file"))


class AnswerForm(Form):
    answer = forms.CharField(
        label=_("Your answer to the question from staff"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
