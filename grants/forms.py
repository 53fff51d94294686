"""Forms of grants: they check input and show errors at the field; services do the writes."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ngo_portal.models import Region
from organizations.vocabularies import LegalForm

from .models import (
    BudgetLine,
    Campaign,
    CampaignParticipation,
    Fund,
    FundingRound,
    GrantApplication,
    GrantReport,
    Review,
)
from .rules import MAX_SCORE
from .selectors import center_reviewers, staff_centers

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _region_queryset():
    return Region.objects.filter(level__in=("province", "city")).order_by("code")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region):
        return f"{region.display_name} ({region.code})"


class FundForm(forms.ModelForm):
    class Meta:
        model = Fund
        fields = ["center", "name", "name_zh", "source_type", "funder", "budget", "description"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = staff_centers(user)


class RoundForm(forms.ModelForm):
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


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("criterion (English)"), max_length=200)
    name_zh = forms.CharField(label=_("criterion (Chinese)"), max_length=200, required=False)
    guidance = forms.CharField(label=_("guidance for reviewers"), required=False)
    weight = forms.IntegerField(label=_("weight"), min_value=1, max_value=100, initial=1)


class BaseCriterionFormSet(forms.BaseFormSet):
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


class ApplicationForm(forms.ModelForm):
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
        self.fields["region"].queryset = _region_queryset()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return data


class BudgetLineForm(forms.Form):
    """A plain form, not a model form: every save replaces the lines, so rows carry no ids."""

    category = forms.ChoiceField(
        label=_("category"), choices=[("", "---------"), *BudgetLine.Category.choices]
    )
    amount = forms.DecimalField(
        label=_("amount (CNY)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )
    justification = forms.CharField(label=_("justification"), max_length=500, required=False)


class BaseBudgetLineFormSet(forms.BaseFormSet):
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


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    file = forms.FileField(label=_("file"))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer to the question from staff"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class InformationRequestForm(forms.Form):
    question = forms.CharField(
        label=_("What do you need to know?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer of the center"), queryset=None, required=False
    )
    email = forms.EmailField(label=_("or invite someone from outside by e-mail"), required=False)

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = center_reviewers(center)

    def clean(self):
        data = super().clean()
        if not data.get("reviewer") and not data.get("email"):
            raise forms.ValidationError(_("Choose a reviewer or give an e-mail address."))
        return data


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("What is the conflict of interest?"), widget=forms.Textarea(attrs={"rows": 2})
    )


SCORE_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(MAX_SCORE + 1)]


class ReviewForm(forms.Form):
    """One score (0-5) and comment per criterion of the round, a recommendation, a comment."""

    recommendation = forms.ChoiceField(
        label=_("recommendation"),
        choices=Review.Recommendation.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if review is not None:
            initial.update(recommendation=review.recommendation, comment=review.comment)
            for score in review.scores.all():
                initial[f"score_{score.criterion_id}"] = str(score.score)
                initial[f"comment_{score.criterion_id}"] = score.comment
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Score for “%(criterion)s” (weight %(weight)s)")
                % {"criterion": criterion.display_name, "weight": criterion.weight},
                choices=SCORE_CHOICES,
                coerce=int,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.display_name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def criterion_rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }


class ApproveForm(forms.Form):
    amount = forms.DecimalField(
        label=_("amount awarded (CNY)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    agreement_date = forms.DateField(label=_("agreement date"), widget=DATE)

    def __init__(self, *args, application, **kwargs):
        kwargs.setdefault(
            "initial",
            {"amount": application.requested_total, "agreement_date": timezone.localdate()},
        )
        super().__init__(*args, **kwargs)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DisbursementForm(forms.Form):
    amount = forms.DecimalField(
        label=_("amount (CNY)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    planned_on = forms.DateField(label=_("planned for"), widget=DATE)


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("paid on"), widget=DATE)


class ReportRequireForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=GrantReport.Kind.choices)
    due_on = forms.DateField(label=_("due date"), widget=DATE)


class GrantReportForm(forms.Form):
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
            self.fields[f"spent_{line.pk}"] = forms.DecimalField(
                label=_("Spent on “%(line)s” (budget %(amount)s CNY)")
                % {
                    "line": line.justification or line.get_category_display(),
                    "amount": line.amount,
                },
                max_digits=14,
                decimal_places=2,
                min_value=0,
                initial=spent.get(line.pk, Decimal(0)),
            )

    def spending(self) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data[f"spent_{line.pk}"] for line in self.lines}

    def spending_fields(self):
        return [self[f"spent_{line.pk}"] for line in self.lines]


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the organization change?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CampaignForm(forms.ModelForm):
    region = RegionChoiceField(queryset=Region.objects.none(), required=False, label=_("region"))

    class Meta:
        model = Campaign
        fields = [
            *("center", "fund", "name", "name_zh", "description", "region", "starts_on"),
            *("ends_on", "source"),
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = staff_centers(user)
        self.fields["fund"].queryset = Fund.objects.filter(center__in=staff_centers(user))
        self.fields["region"].queryset = _region_queryset()


class ParticipationForm(forms.ModelForm):
    region = RegionChoiceField(queryset=Region.objects.none(), required=False, label=_("region"))

    class Meta:
        model = CampaignParticipation
        fields = [
            *("organization", "organization_count", "region", "funds_raised", "donors"),
            *("projects", "note"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _region_queryset()
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
        return data
