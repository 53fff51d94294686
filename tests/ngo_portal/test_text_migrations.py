"""The data migrations that rewrite what earlier code derived: region English names, and the
search column of organization names that hold a place read otherwise."""

import importlib

import pytest
from django.apps import apps

from ngo_portal.models import Region
from organizations.models import Organization
from tests.organizations.factories import OrganizationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def _migration(app, name):
    return importlib.import_module(f"{app}.migrations.{name}")


def test_region_names_written_by_the_earlier_romanisation_are_corrected():
    RegionFactory(code="110105", level="county", name_zh="朝阳区", name_en="Zhaoyang Qu")
    RegionFactory(code="320106", level="county", name_zh="鼓楼区", name_en="Gulou Qu")

    _migration("ngo_portal", "0007_romanise_region_names").romanise_again(apps, None)

    names = dict(Region.objects.values_list("code", "name_en"))
    assert names["110105"] == "Chaoyang Qu"
    assert names["320106"] == "Gulou Qu"


def test_names_holding_a_place_get_both_readings_in_their_search_column():
    shan = OrganizationFactory(name_zh="单县阳光协会")
    other = OrganizationFactory(name_zh="鼓楼区阳光协会")
    # As the earlier code left them (the factory derives the pinyin the current way).
    Organization.objects.filter(pk=shan.pk).update(name_pinyin="dan xian yang guang xie hui")
    Organization.objects.filter(pk=other.pk).update(name_pinyin="unchanged")

    module = _migration("organizations", "0004_name_pinyin_place_readings")
    module.index_place_readings(apps, None)

    assert "shanxian" in Organization.objects.get(pk=shan.pk).name_pinyin
    assert "danxian" in Organization.objects.get(pk=shan.pk).name_pinyin
    assert Organization.objects.get(pk=other.pk).name_pinyin == "unchanged"
