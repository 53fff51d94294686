"""Tranches, required reports and the grantee's report."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import (
    GrantReport,
)
from ..rules import cny
from .fields import DATE, Form, MoneyField


class DisbursementForm(Form):
    amount = MoneyField(label=_("amount (CNY)"), min_value=Decimal("0.01"))
    planned_on = forms.DateField(label=_("planned for"), widget=DATE)


class PaidForm(Form):
    paid_on = forms.DateField(label=_("paid on"), widget=DATE)


class ReportRequireForm(Form):
    kind = forms.ChoiceField(label=_("kind"), choices=GrantReport.Kind.choices)
    due_on = forms.DateField(label=pgettext_lazy("grant report", "due date"), widget=DATE)


class GrantReportForm(Form):
    narrative = forms.CharField(label=_("narrative"), widget=forms.Textarea(attrs={"rows": 6}))
    beneficiaries_reached = forms.IntegerField(label=_("beneficiaries reached"), min_value=0)

    def __init__(self, *args, report, **kwargs):
        spent = {row.budget_line_id: row.amount for row in report.spending.all()}
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("narrative", report.narrative)
        initial.setdefault("beneficiaries_reached", report.beneficiaries_reached)
        super().__init__(*args, **kwargs)
        self.lines = list(report.award.application.budget_lines.all())
        for line in self.lines:
            self.fields[f"spent_{line.pk}"] = MoneyField(
                label=_("Spent on “%(line)s” (budget %(amount)s)")
                % {
                    "line": line.justification or line.get_category_display(),
                    "amount": cny(line.amount),
                },
                initial=spent.get(line.pk, Decimal(0)),
            )

    def spending(self) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data[f"spent_{line.pk}"] for line in self.lines}

    def spending_fields(self):
        return [self[f"spent_{line.pk}"] for line in self.lines]


class SendBackForm(Form):
    comment = forms.CharField(
        label=_("What should the organization change?"), widget=forms.Textarea(attrs={"rows": 3})
    )
