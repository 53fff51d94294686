"""Pieces the grants forms share: the date widget, the region choice, the formset whose rows
replace what is saved."""

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import capfirst

from ngo_portal.models import Region
from ngo_portal.text import normalize_number

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


# What people type around an amount: "¥12,000", "12 000 元", "１２，０００．５０".
MONEY_NOISE = re.compile(r"[,\s¥￥]|元$|CNY$", re.IGNORECASE)


class MoneyField(forms.DecimalField):
    """An amount in CNY as people type it: full-width digits, thousands separators, a yuan sign
    or "元" are accepted and dropped; two decimal places, never negative. A text input (with the
    numeric keyboard on phones), since a number input drops "12,000" without a word."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = MONEY_NOISE.sub("", normalize_number(value))
        return super().to_python(value)

    def widget_attrs(self, widget):
        # DecimalField would add step/min for a number input; a text input takes neither.
        return forms.Field.widget_attrs(self, widget)
