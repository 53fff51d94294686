"""Staff actions on an application and the reviewer's scores."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    Review,
)
from ..rules import MAX_SCORE
from ..selectors import center_reviewers
from .fields import DATE, Form, MoneyField


class InformationRequestForm(Form):
    question = forms.CharField(
        label=_("What do you need to know?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignReviewerForm(Form):
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


class ConflictForm(Form):
    note = forms.CharField(
        label=_("What is the conflict of interest?"), widget=forms.Textarea(attrs={"rows": 2})
    )


SCORE_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(MAX_SCORE + 1)]


class ReviewForm(Form):
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
        self.bound_text()

    def criterion_rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }


class ApproveForm(Form):
    amount = MoneyField(label=_("amount awarded (CNY)"), min_value=Decimal("0.01"))
    agreement_date = forms.DateField(label=_("agreement date"), widget=DATE)

    def __init__(self, *args, application, **kwargs):
        kwargs.setdefault(
            "initial",
            {"amount": application.requested_total, "agreement_date": timezone.localdate()},
        )
        super().__init__(*args, **kwargs)


class RejectForm(Form):
    reason = forms.CharField(
        label=_("reason for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )
