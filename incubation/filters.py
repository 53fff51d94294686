"""Filters of the incubation lists (GET names: status, center on cohorts; status, q on
applications). Pagination (`page`) is not a filter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ngo_portal.models import Center

from .models import Cohort, CohortApplication

SUBMITTED_STATUSES = [choice for choice in CohortApplication.Status.choices if choice[0] != "draft"]


class CohortFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Cohort.Status.choices, empty_label=_("Any status")
    )
    center = django_filters.ModelChoiceFilter(
        label=_("Center"), queryset=Center.objects.order_by("name"), empty_label=_("Any center")
    )

    class Meta:
        model = Cohort
        fields = ["status", "center"]


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=SUBMITTED_STATUSES, empty_label=_("Any status")
    )
    q = django_filters.CharFilter(
        label=_("Organization"), field_name="organization__name_zh", method="name_contains"
    )

    class Meta:
        model = CohortApplication
        fields = ["status"]

    def name_contains(self, queryset, name, value):
        from django.db.models import Q

        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(organization__name_zh__icontains=value) | Q(organization__name_en__icontains=value)
        )
