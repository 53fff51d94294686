"""Pieces the grants forms share: the date widget, the region choice, the formset whose rows
replace what is saved."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import capfirst

from ngo_portal.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def region_queryset():
    """Provinces and cities: a project or campaign is placed at city level at most."""
    return Region.objects.filter(level__in=("province", "city")).order_by("code")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region):
        return f"{region.display_name} ({region.code})"


class ReplacingFormSet(forms.BaseFormSet):
    """Rows that replace every saved row on each save (budget lines, a rubric), so a posted row
    is compared with nothing saved: a filled row counts, a blank one is skipped (also one the
    user cleared), whatever the page knew when it was loaded. Comparing the rows with what was
    saved since (an autosave from the same page, the first of a double submit) would take an
    unchanged row for an empty one and drop it."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            kwargs.pop("initial", None)
        super().__init__(data, *args, **kwargs)

    def initial_form_count(self):
        return 0 if self.is_bound else super().initial_form_count()


# Free text (a summary, a question, a narrative) is kept to this many characters: enough for any
# honest answer, and a pasted megabyte is refused at the field instead of stored and e-mailed.
TEXT_MAX_LENGTH = 10_000


class BoundedText:
    """Every text field without a length of its own gets TEXT_MAX_LENGTH (the check and the
    browser's maxlength); forms that add fields later call bound_text() again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bound_text()

    def bound_text(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = TEXT_MAX_LENGTH
                field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
                field.widget.attrs["maxlength"] = str(TEXT_MAX_LENGTH)


class CapitalisedLabels:
    """Labels start with a capital, as a model form's do (the labels given here are the
    model's lower-case terms: "amount awarded (CNY)")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class Form(CapitalisedLabels, BoundedText, forms.Form):
    pass


class ModelForm(CapitalisedLabels, BoundedText, forms.ModelForm):
    pass
