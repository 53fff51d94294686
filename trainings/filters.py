"""The calendar's filters. Their GET names are a contract (bookmarks, the benchmark):
region (a province code), month (YYYY-MM), topic (a capacity area key), open (seats left).
Pagination (`after`) is not a filter: see selectors/calendar.py."""

import calendar
import datetime
import unicodedata

import django_filters
from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from incubation.selectors import capacity_area_choices
from ngo_portal.local_cache import remembered
from ngo_portal.models import Region

from .models import TrainingSession


def province_choices() -> list[tuple[str, str]]:
    """(code, name) of every province in the active language, kept in the process."""
    rows = remembered(
        "trainings-provinces",
        lambda: list(
            Region.objects.filter(level=Region.Level.PROVINCE)
            .order_by("code")
            .values_list("code", "name_zh", "name_en")
        ),
    )
    chinese = get_language() == "zh-hans"
    return [(code, zh if chinese else en) for code, zh, en in rows]


def topic_choices() -> list[tuple[str, str]]:
    """(capacity area key, name) in the active language, kept in the process."""
    return remembered(f"trainings-topics:{get_language()}", capacity_area_choices)


def _month(value: str) -> datetime.date | None:
    """The first day of a YYYY-MM month (full-width digits accepted), else None."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    year, _sep, month = text.partition("-")
    if not (len(year) == 4 and year.isdigit() and 1 <= len(month) <= 2 and month.isdigit()):
        return None
    try:
        return datetime.date(int(year), int(month), 1)
    except ValueError:  # month 13, year 0000
        return None


class MonthField(forms.CharField):
    """A month typed as YYYY-MM: cleans to its first day, or a translated error at the field."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        first = _month(value)
        if first is None:
            raise forms.ValidationError(
                _("Enter a month as YYYY-MM, for example 2014-06."), code="invalid"
            )
        return first


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class SessionFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(
        label=_("Province"), choices=province_choices, method="filter_region"
    )
    month = MonthFilter(
        label=_("Month"),
        method="filter_month",
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2014-06"}),
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=topic_choices, method="filter_topic"
    )
    open = django_filters.BooleanFilter(
        label=_("Only sessions with open seats"),
        method="filter_open",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = TrainingSession
        fields = []

    def filter_region(self, queryset, name, value):
        return queryset.filter(region_code__range=(value[:2] + "0000", value[:2] + "9999"))

    def filter_month(self, queryset, name, value):
        # The month's last day from the calendar, not "first + 32 days": December 9999 is valid.
        last = value.replace(day=calendar.monthrange(value.year, value.month)[1])
        return queryset.filter(starts_on__lte=last, ends_on__gte=value)

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topics__contains=[value])

    def filter_open(self, queryset, name, value):
        if not value:
            return queryset
        # Seats a visitor can still ask for: registration not yet closed.
        return queryset.filter(
            status=TrainingSession.Status.PUBLISHED,
            confirmed_count__lt=F("capacity"),
            registration_closes__gt=timezone.now(),
        )
