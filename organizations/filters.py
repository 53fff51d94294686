"""The directory's filters. Their GET names are a contract: bookmarks and the benchmark use them.

q, province, city, county, legal_form, service_area, beneficiary_group, growth_stage, mca_grade,
verified (staff only), area_type, sort. Pagination (`after`) is not a filter: see selectors.py.
"""

import copy
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import Left
from django.http import QueryDict
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ngo_portal.local_cache import remembered
from ngo_portal.models import Community, Region
from ngo_portal.text import normalize_number

from .models import Organization
from .permissions import can_view_all_organizations
from .search import MAX_QUERY_LENGTH, name_search_condition
from .vocabularies import AreaType, BeneficiaryGroup, GrowthStage, LegalForm, McaGrade, ServiceArea

SORT_CHOICES = [
    ("name", _("Name (A–Z)")),
    ("-name", _("Name (Z–A)")),
    ("-created", _("Newest in the directory")),
    ("-registration_date", _("Most recently registered")),
]
DEFAULT_SORT = "name"
REGION_PARAMETERS = ("province", "city", "county")


def _region_code(value) -> str:
    """'32' / '3201' / '320106' → a 6-digit GB/T 2260 code ('320000', '320100', '320106')."""
    value = normalize_number(value)
    if not value.isascii() or not value.isdigit() or len(value) not in (2, 4, 6):
        return ""
    return value.ljust(6, "0")


def _region_rows(province: str) -> list[tuple[str, str, str, str, str | None]]:
    """(code, level, name_zh, name_en, parent code) of every province and of the chosen
    province's cities and counties, kept in the process (ngo_portal/local_cache.py): every
    directory request needs them, and regions change only with `load_regions` or the admin."""
    return remembered(f"region-rows:{province[:2]}", lambda: _region_rows_read(province))


def _region_rows_read(province: str) -> list[tuple[str, str, str, str, str | None]]:
    """The rows of `_region_rows`: one query on the small regions table, no join."""
    condition = Q(level=Region.Level.PROVINCE)
    if province:
        condition |= Q(code__range=(province[:2] + "0000", province[:2] + "9999"))
    rows = list(
        Region.objects.filter(condition)
        .order_by("code")
        .values_list("pk", "code", "level", "name_zh", "name_en", "parent_id")
    )
    codes = {pk: code for pk, code, *_rest in rows}
    return [(code, level, zh, en, codes.get(parent)) for _pk, code, level, zh, en, parent in rows]


def _choices(rows, level: str, parent: str | None) -> list[tuple[str, str]]:
    chinese = get_language() == "zh-hans"
    return [
        (code, name_zh if chinese else name_en)
        for code, row_level, name_zh, name_en, parent_code in rows
        if row_level == level and parent_code == parent
    ]


@dataclass
class RegionCascade:
    """Province → city → county, each narrowing the next; a stale choice is dropped, not refused.

    Counties of a municipality (北京市 → 东城区) and the county-level divisions a province governs
    directly have no city: they are offered once the province is chosen.
    """

    province: str
    city: str
    county: str
    provinces: list
    cities: list
    counties: list

    @classmethod
    def from_data(cls, data) -> "RegionCascade":
        province, city, county = (_region_code(data.get(name)) for name in REGION_PARAMETERS)
        if not province and (city or county):
            province = (city or county)[:2] + "0000"
        if city[:2] != province[:2]:
            city = ""
        if county[:2] != province[:2] or (city and county[:4] != city[:4]):
            county = ""
        rows = _region_rows(province)
        provinces = _choices(rows, Region.Level.PROVINCE, None)
        if province not in dict(provinces):
            return cls("", "", "", provinces, [], [])
        cities = _choices(rows, Region.Level.CITY, province)
        city = city if city in dict(cities) else ""
        counties = _choices(rows, Region.Level.COUNTY, city or province)
        county = county if county in dict(counties) else ""
        return cls(province, city, county, provinces, cities, counties)

    def apply_to(self, data: QueryDict) -> QueryDict:
        data = data.copy()
        for name in REGION_PARAMETERS:
            data[name] = getattr(self, name)
        return data

    def set_choices(self, filters) -> None:
        for name, choices in (
            ("province", self.provinces),
            ("city", self.cities),
            ("county", self.counties),
        ):
            filters[name].extra["choices"] = choices

    @property
    def most_specific(self) -> tuple[str, str] | None:
        """(level, code) of the narrowest region chosen."""
        for level in ("county", "city", "province"):
            if getattr(self, level):
                return level, getattr(self, level)
        return None


class _FilterCopies(dict):
    """The class's filters, as FilterSet.__init__ copies them for an instance: each filter one
    level deep (its own `extra`, field and filter method), sharing the immutable rest. A deep
    copy also copied every lazily translated label for each request, which cost more than all
    the rest of building the filter set."""

    def __deepcopy__(self, memo):
        return {name: _filter_copy(filter_) for name, filter_ in self.items()}


def _filter_copy(base):
    filter_ = copy.copy(base)
    filter_.extra = dict(base.extra)
    filter_.__dict__.pop("_field", None)
    if base.method is not None:
        filter_.method = base.method  # a filter method bound to the copy, not to the class's
    return filter_


class _NewFields(dict):
    """A form's fields when they are built anew for each filter set: the form uses them as
    they are instead of deep-copying them again."""

    def __deepcopy__(self, memo):
        return dict(self)


def _region_filter(label, empty_label):
    return django_filters.ChoiceFilter(
        label=label, empty_label=empty_label, choices=[], method="filter_region"
    )


class RegionFilterSet(django_filters.FilterSet):
    province = _region_filter(_("Province"), _("All provinces"))
    city = _region_filter(pgettext_lazy("administrative division", "City"), _("All cities"))
    county = _region_filter(_("County or district"), _("All counties and districts"))

    def __init__(self, data=None, *args, **kwargs):
        self.regions = RegionCascade.from_data(data or {})
        if data is not None:
            data = self.regions.apply_to(data if isinstance(data, QueryDict) else _query(data))
        self.base_filters = _FilterCopies(type(self).base_filters)
        super().__init__(data, *args, **kwargs)
        self.regions.set_choices(self.filters)

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = _NewFields(form_class.base_fields)
        return form_class

    def filter_region(self, queryset, name, value):
        # Only the narrowest region filters: the cascade guarantees the others contain it.
        if self.regions.most_specific != (name, value):
            return queryset
        return self.filter_region_code(queryset, name, value)

    def filter_region_code(self, queryset, level, code):
        raise NotImplementedError


def _query(data) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list | tuple):
            query.setlist(key, [str(item) for item in value])
        else:
            query[key] = value
    return query


class OrganizationFilter(RegionFilterSet):
    q = django_filters.CharFilter(
        label=_("Name"),
        method="filter_name",
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Chinese, English or pinyin: 养老, elderly, yanglao."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Legal form"), choices=LegalForm.choices, empty_label=_("All legal forms")
    )
    service_area = django_filters.MultipleChoiceFilter(
        label=_("Service areas"),
        choices=ServiceArea.choices,
        method="filter_service_area",
        widget=forms.CheckboxSelectMultiple,
    )
    beneficiary_group = django_filters.MultipleChoiceFilter(
        label=_("Beneficiary groups"),
        choices=BeneficiaryGroup.choices,
        method="filter_beneficiary_group",
        widget=forms.CheckboxSelectMultiple,
    )
    growth_stage = django_filters.ChoiceFilter(
        label=_("Growth stage"), choices=GrowthStage.choices, empty_label=_("All stages")
    )
    mca_grade = django_filters.ChoiceFilter(
        label=_("MCA evaluation grade"), choices=McaGrade.choices, empty_label=_("All grades")
    )
    area_type = django_filters.ChoiceFilter(
        label=_("Urban or rural"), choices=AreaType.choices, empty_label=_("Urban and rural")
    )
    verified = django_filters.ChoiceFilter(
        label=_("Verification"),
        choices=[("yes", _("Verified by staff")), ("no", _("Not verified yet"))],
        empty_label=_("Verified or not"),
        method="filter_verified",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, empty_label=None, method="keep_order"
    )

    class Meta:
        model = Organization
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.search_indexed = True
        if not can_view_all_organizations(user):
            del self.filters["verified"]

    def _cleaned(self, name: str):
        """A field's clean value; an invalid value elsewhere does not discard it (the filters
        apply the valid fields and the form shows the error)."""
        if not self.is_bound:
            return None
        self.form.is_valid()
        return self.form.cleaned_data.get(name)

    @property
    def sort_order(self) -> str:
        return self._cleaned("sort") or DEFAULT_SORT

    @property
    def searches_names(self) -> bool:
        return bool((self._cleaned("q") or "").strip())

    def filtered(self, *, search_indexed: bool = True):
        """The filtered queryset, its name search written for GIN indexes or for a walk along
        the sort index (see search.py); `qs` is the first form."""
        if search_indexed or not self.is_bound:
            return self.qs
        self.search_indexed = False
        self.form.is_valid()
        try:
            return self.filter_queryset(self.queryset.all())
        finally:
            self.search_indexed = True

    def filter_name(self, queryset, name, value):
        condition = name_search_condition(value, indexed=self.search_indexed)
        return queryset if condition is None else queryset.filter(condition)

    def filter_region_code(self, queryset, level, code):
        # Prefixes of the organization's own code, each with an index ordered by name.
        if level == "county":
            return queryset.filter(region_code=code)
        length = 2 if level == "province" else 4
        return queryset.alias(**{f"region_prefix_{length}": Left("region_code", length)}).filter(
            **{f"region_prefix_{length}": code[:length]}
        )

    def filter_service_area(self, queryset, name, value):
        return queryset.filter(service_areas__overlap=value) if value else queryset

    def filter_beneficiary_group(self, queryset, name, value):
        return queryset.filter(beneficiary_groups__overlap=value) if value else queryset

    def filter_verified(self, queryset, name, value):
        return queryset.filter(verified_at__isnull=value != "yes")

    def keep_order(self, queryset, name, value):
        return queryset  # the selector orders: the sort expression depends on the page plan


class CoverageFilter(RegionFilterSet):
    """Communities of a province, city or county (through their county's code)."""

    class Meta:
        model = Community
        fields = []

    def filter_region_code(self, queryset, level, code):
        length = {"province": 2, "city": 4, "county": 6}[level]
        return queryset.filter(region__code__startswith=code[:length])
