"""The FilterSets of the grants lists: rounds, applications, a reviewer's assignments."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import FundingRound, GrantApplication, ReviewAssignment


class RoundFilter(django_filters.FilterSet):
    source_type = django_filters.ChoiceFilter(
        field_name="fund__source_type",
        label=_("source type"),
        choices=FundingRound._meta.get_field("fund").related_model.SourceType.choices,
        empty_label=_("any source"),
    )

    class Meta:
        model = FundingRound
        fields = ["source_type"]


class ApplicationFilter(django_filters.FilterSet):
    round = django_filters.NumberFilter(field_name="round_id", label=_("round"))
    status = django_filters.ChoiceFilter(
        choices=GrantApplication.Status.choices, label=_("status"), empty_label=_("any status")
    )

    class Meta:
        model = GrantApplication
        fields = ["round", "status"]


class AssignmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[
            (value, label)
            for value, label in ReviewAssignment.Status.choices
            if value in ReviewAssignment.ACTIVE
        ],
        label=_("status"),
        empty_label=_("any status"),
    )

    class Meta:
        model = ReviewAssignment
        fields = ["status"]
