"""Forms of the incubation pages: they check input and show errors; services do the writes."""

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    LEVELS,
    CapacityArea,
    CapacityAssessment,
    CapacityIndicator,
    Cohort,
    CohortApplication,
    MentoringSession,
    Milestone,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGE_CHOICES = [("", _("The organization's language")), *settings.LANGUAGES]


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [
            "center",
            "title",
            "title_zh",
            "description",
            "description_zh",
            "call_opens",
            "call_closes",
            "starts_on",
            "ends_on",
            "capacity",
            "criteria",
            "criteria_zh",
            "status",
            "graduation_milestones_percent",
            "graduation_min_endline_score",
            "graduation_min_improvement",
            "graduation_requires_registration",
        ]
        widgets = {
            "call_opens": DATE,
            "call_closes": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_zh": forms.Textarea(attrs={"rows": 3}),
            "criteria": forms.Textarea(attrs={"rows": 3}),
            "criteria_zh": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, centers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if centers is not None:
            self.fields["center"].queryset = centers


class QuestionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    text_zh = forms.CharField(label=_("Question (Chinese)"), max_length=500, required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    delete = forms.BooleanField(label=_("Remove"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text") and not data.get("text_zh"):
            data["delete"] = True
        return data


class CriterionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Criterion (English)"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Criterion (Chinese)"), max_length=200, required=False)
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=0, max_digits=4, decimal_places=2, initial=1
    )
    delete = forms.BooleanField(label=_("Remove"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("name_zh"):
            data["delete"] = True
        return data


QuestionFormSet = formset_factory(QuestionForm, extra=2, max_num=30, validate_max=True)
CriterionFormSet = formset_factory(CriterionForm, extra=2, max_num=20, validate_max=True)


def rows_from_formset(formset) -> list[dict]:
    rows = []
    for order, form in enumerate(formset.forms):
        data = dict(form.cleaned_data)
        if not data:
            continue
        if not data.get("id") and data.get("delete"):
            continue
        rows.append({**data, "order": order})
    return rows


class ApplicationForm(forms.Form):
    """One text box per question of the call (named by the question's id)."""

    def __init__(self, *args, application: CohortApplication, **kwargs):
        super().__init__(*args, **kwargs)
        for question in application.cohort.questions.all():
            self.fields[str(question.pk)] = forms.CharField(
                label=question.display_text,
                required=False,
                max_length=5000,
                initial=application.answers.get(str(question.pk), ""),
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Required") if question.required else "",
            )

    def answers(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.fields}


class RubricScoreForm(forms.Form):
    """A score (0 to the criterion's highest, blank: not scored) and a comment per criterion of
    the rubric: fields score_<criterion id> and comment_<criterion id>."""

    def __init__(self, *args, rubric: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for row in rubric:
            criterion, mine = row["criterion"], row["mine"]
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.display_name,
                required=False,
                min_value=0,
                max_value=criterion.max_score,
                initial=mine.score if mine else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=500,
                initial=mine.comment if mine else "",
            )

    def rows(self) -> list[dict]:
        """The rubric rows with their bound score and comment fields, for the template."""
        return [
            {
                **row,
                "score_field": self[f"score_{row['criterion'].pk}"],
                "comment_field": self[f"comment_{row['criterion'].pk}"],
            }
            for row in self.rubric
        ]

    def scores(self) -> dict[int, int]:
        """{criterion id: score} of the criteria given a score."""
        return {
            row["criterion"].pk: self.cleaned_data[f"score_{row['criterion'].pk}"]
            for row in self.rubric
            if self.cleaned_data.get(f"score_{row['criterion'].pk}") is not None
        }

    def comments(self) -> dict[int, str]:
        return {
            row["criterion"].pk: self.cleaned_data.get(f"comment_{row['criterion'].pk}", "")
            for row in self.rubric
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (CohortApplication.Status.ACCEPTED, _("Accept")),
            (CohortApplication.Status.WAITLISTED, _("Waitlist")),
            (CohortApplication.Status.REJECTED, _("Reject")),
        ],
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MentorForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = candidates


def _not_after_today(value):
    """A date that records what happened (a session held, an assessment made): not ahead."""
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    return value


class MentoringSessionForm(forms.ModelForm):
    def clean_held_on(self):
        return _not_after_today(self.cleaned_data.get("held_on"))

    class Meta:
        model = MentoringSession
        fields = ["held_on", "topic", "notes", "next_steps"]
        widgets = {
            "held_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "description", "due_on"]
        widgets = {"due_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class MilestoneUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)
    evidence = forms.FileField(label=_("Evidence (PDF, image, Word or Excel)"), required=False)


class AssessmentStartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CapacityAssessment.Kind.choices)
    assessed_on = forms.DateField(label=_("Date"), widget=DATE, required=False)

    def clean_assessed_on(self):
        return _not_after_today(self.cleaned_data.get("assessed_on"))


LEVEL_CHOICES = [("", _("not scored yet")), *[(str(n), str(n)) for n in LEVELS], ("na", _("N/A"))]


class AssessmentSheetForm(forms.Form):
    """A level (1-4, N/A) and evidence per indicator: fields level_<id> and evidence_<id>."""

    def __init__(self, *args, sheet, editable: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        for entry in sheet:
            for row in entry.rows:
                level = "na" if row.not_applicable else (str(row.level) if row.level else "")
                self.fields[f"level_{row.indicator_id}"] = forms.ChoiceField(
                    label=row.indicator.display_text,
                    choices=LEVEL_CHOICES,
                    required=False,
                    initial=level,
                    widget=forms.RadioSelect,
                    disabled=not editable,
                )
                self.fields[f"evidence_{row.indicator_id}"] = forms.CharField(
                    label=_("Evidence"),
                    required=False,
                    max_length=5000,
                    initial=row.evidence,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    disabled=not editable,
                )

    def sections(self) -> list[tuple]:
        """[(area entry, [(score row, level field, evidence field)])] for the template."""
        return [
            (
                entry,
                [
                    (row, self[f"level_{row.indicator_id}"], self[f"evidence_{row.indicator_id}"])
                    for row in entry.rows
                ],
            )
            for entry in self.sheet
        ]

    def scores(self) -> dict[int, dict]:
        return {
            row.indicator_id: {
                "level": self.cleaned_data.get(f"level_{row.indicator_id}", ""),
                "evidence": self.cleaned_data.get(f"evidence_{row.indicator_id}", ""),
            }
            for entry in self.sheet
            for row in entry.rows
        }


class ActionItemForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    text = forms.CharField(
        label=_("Action"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = forms.DateField(label=_("Due date"), widget=DATE, required=False)

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = CapacityArea.objects.filter(framework=framework)


class ReportLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the report"), choices=LANGUAGE_CHOICES, required=False
    )


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("Extend until"), widget=DATE)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = CapacityIndicator
        fields = [
            "text",
            "text_zh",
            "level_1",
            "level_1_zh",
            "level_2",
            "level_2_zh",
            "level_3",
            "level_3_zh",
            "level_4",
            "level_4_zh",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "level_1",
                "level_1_zh",
                "level_2",
                "level_2_zh",
                "level_3",
                "level_3_zh",
                "level_4",
                "level_4_zh",
            )
        }
