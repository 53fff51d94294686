"""The calendar's filters. Their GET names are a contract (bookmarks, the benchmark):
region (a province code), month (YYYY-MM), topic (a capacity area key), open (seats left).
Pagination (`after`) is not a filter: see selectors/calendar.py."""

import datetime

import django_filters
from django import forms
from django.db.models import F
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
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except (TypeError, ValueError):
        return None


class SessionFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(
        label=_("Province"), choices=province_choices, method="filter_region"
    )
    month = django_filters.CharFilter(
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
        first = _month(value)
        if first is None:
            return queryset
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return queryset.filter(starts_on__lt=following, ends_on__gte=first)

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topics__contains=[value])

    def filter_open(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            status=TrainingSession.Status.PUBLISHED, confirmed_count__lt=F("capacity")
        )
