"""Where an organization sits, chosen as province → city → county, then the county's community.

The same cascade as the directory's filters (filters.RegionCascade: GB/T 2260 codes under the
same parameter names, a stale choice dropped). One select of every county of China weighed about
150 KB per page; the cascade sends the provinces and the levels chosen so far. With JavaScript,
htmx refreshes the block after each change (`place_fields` view); without, the form's "update"
button re-shows the form with what was typed.

The organization's region is the most specific level chosen, and it must have no subdivisions:
a county, or a city or province without counties, as the regions table defines them.
"""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ngo_portal.models import Region

from .filters import REGION_PARAMETERS, RegionCascade

REFRESH_BUTTON = "refresh_places"


class OrganizationPlace(RegionCascade):
    @property
    def leaf_code(self) -> str:
        """The chosen region's code once the choice is complete, else ''."""
        if self.county:
            return self.county
        if self.city:
            return "" if self.counties else self.city
        if self.province and not self.cities and not self.counties:
            return self.province
        return ""

    @functools.cached_property
    def region(self) -> Region | None:
        code = self.leaf_code
        return Region.objects.filter(code=code).first() if code else None

    def missing_level(self) -> str | None:
        """The select still to choose (None when complete or nothing is chosen)."""
        if not self.province or self.leaf_code:
            return None
        return "county" if self.counties and (self.city or not self.cities) else "city"


def region_codes(region: Region) -> dict[str, str]:
    codes = dict.fromkeys(REGION_PARAMETERS, "")
    node = region
    while node is not None:
        codes[node.level] = node.code
        node = node.parent
    return codes


def _region_by_pk(value) -> Region | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return Region.objects.select_related("parent__parent").filter(pk=pk).first()


def _place_data(form) -> dict:
    """The codes typed, or those of a region given by primary key: the edited organization's,
    or a `region` parameter as clients that predate the cascade post it."""
    source = form.data if form.is_bound else form.initial
    if any(source.get(name) for name in REGION_PARAMETERS):
        return {name: source.get(name) or "" for name in REGION_PARAMETERS}
    region = _region_by_pk(source.get("region"))
    return region_codes(region) if region else {}


def _select(label, empty_label, choices) -> forms.ChoiceField:
    field = forms.ChoiceField(label=label, required=False, choices=[("", empty_label), *choices])
    field.widget.attrs.update(
        {
            "data-hx-get": reverse("organizations:place_fields"),
            "data-hx-trigger": "change",
            "data-hx-target": "#place-fields",
            "data-hx-swap": "outerHTML",
            "data-hx-include": "#place-fields",
        }
    )
    return field


def add_place_fields(form) -> OrganizationPlace:
    """Add the province, city and county selects to `form`, filled for what is chosen."""
    place = OrganizationPlace.from_data(_place_data(form))
    form.fields["province"] = _select(_("Province"), _("Choose a province"), place.provinces)
    form.fields["city"] = _select(
        pgettext_lazy("administrative division", "City"), _("Choose a city"), place.cities
    )
    form.fields["county"] = _select(
        _("County or district"), _("Choose a county or district"), place.counties
    )
    chosen = {name: getattr(place, name) for name in REGION_PARAMETERS}
    if form.is_bound:
        form.data = place.apply_to(form.data)
    else:
        form.initial.update(chosen)
    return place


MISSING_LEVEL_MESSAGES = {
    "city": _("Choose the city too."),
    "county": _("Choose the county or district too."),
}


def clean_place(form, place: OrganizationPlace) -> Region | None:
    """The chosen region; an incomplete choice is an error at the select still to choose."""
    missing = place.missing_level()
    if missing:
        form.add_error(
            missing, ValidationError(MISSING_LEVEL_MESSAGES[missing], code="region_incomplete")
        )
        return None
    return place.region
