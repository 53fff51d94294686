"""Pieces the grants forms share: the date widget and the region choice."""

from django import forms

from ngo_portal.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def region_queryset():
    """Provinces and cities: a project or campaign is placed at city level at most."""
    return Region.objects.filter(level__in=("province", "city")).order_by("code")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region):
        return f"{region.display_name} ({region.code})"
