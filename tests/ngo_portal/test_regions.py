from io import StringIO

import pytest
from django.core.management import call_command

from ngo_portal.models import Region
from ngo_portal.regions import english_name

pytestmark = pytest.mark.django_db


def load_regions() -> str:
    out = StringIO()
    call_command("load_regions", stdout=out)
    return out.getvalue()


def region(code):
    return Region.objects.select_related("parent").get(code=code)


def test_loads_every_level_with_the_right_parents():
    output = load_regions()

    assert Region.objects.filter(level="province").count() >= 34
    assert Region.objects.filter(level="city").count() >= 300
    assert Region.objects.filter(level="county").count() >= 2800
    assert "created" in output
    nanjing, gulou = region("320100"), region("320106")
    assert (nanjing.name_zh, nanjing.name_en, nanjing.parent.code) == (
        "南京市",
        "Nanjing Shi",
        "320000",
    )
    assert (gulou.name_zh, gulou.name_en, gulou.parent.code) == ("鼓楼区", "Gulou Qu", "320100")
    assert region("320000").name_en == "Jiangsu"
    assert region("320000").parent is None


def test_divisions_without_a_city_row_hang_from_the_province():
    load_regions()

    # Beijing's districts, Chongqing's counties, a county-level city governed by Henan directly.
    for code, province in [("110101", "110000"), ("500230", "500000"), ("419001", "410000")]:
        assert region(code).parent.code == province
        assert region(code).level == "county"
    assert region("110101").name_zh == "东城区"
    # A prefecture-level city without districts is a city with no children.
    assert region("441900").level == "city"
    assert not Region.objects.filter(parent__code="441900").exists()


def test_second_run_changes_nothing():
    load_regions()
    before = list(Region.objects.order_by("code").values_list("pk", "code", "parent_id", "name_en"))

    output = load_regions()

    assert (
        list(Region.objects.order_by("code").values_list("pk", "code", "parent_id", "name_en"))
        == before
    )
    assert "0 created, 0 updated" in output


def test_second_run_repairs_a_changed_row():
    load_regions()
    Region.objects.filter(code="320106").update(name_en="wrong", parent=None)

    output = load_regions()

    assert "1 updated" in output
    assert region("320106").name_en == "Gulou Qu"
    assert region("320106").parent.code == "320100"


def test_english_names_of_provinces_and_autonomous_counties():
    assert english_name("广西壮族自治区", "province") == "Guangxi"
    assert english_name("陕西省", "province") == "Shaanxi"
    assert english_name("山西省", "province") == "Shanxi"
    assert english_name("北京市", "province") == "Beijing"
    assert english_name("围场满族蒙古族自治县", "county") == "Weichangmanzu Mengguzu Zizhixian"
