from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from ngo_portal.models import Region
from ngo_portal.regions import english_name
from tests.organizations.factories import OrganizationFactory, RegionFactory

# (name, level, the spelling people write): well-known districts, counties and cities whose
# characters read otherwise in a place name, or whose English name is not its pinyin.
WELL_KNOWN = [
    ("朝阳区", "county", "Chaoyang Qu"),
    ("朝阳市", "city", "Chaoyang Shi"),
    ("长安区", "county", "Chang'an Qu"),
    ("长治市", "city", "Changzhi Shi"),
    ("长子县", "county", "Zhangzi Xian"),
    ("重庆市", "province", "Chongqing"),
    ("厦门市", "city", "Xiamen Shi"),
    ("西安市", "city", "Xi'an Shi"),
    ("六安市", "city", "Lu'an Shi"),
    ("六合区", "county", "Luhe Qu"),
    ("单县", "county", "Shan Xian"),
    ("浚县", "county", "Xun Xian"),
    ("丰都县", "county", "Fengdu Xian"),
    ("蚌埠市", "city", "Bengbu Shi"),
    ("铅山县", "county", "Yanshan Xian"),
    ("番禺区", "county", "Panyu Qu"),
    ("乐亭县", "county", "Laoting Xian"),
    ("大城县", "county", "Dacheng Xian"),
    ("洪洞县", "county", "Hongtong Xian"),
    ("漯河市", "city", "Luohe Shi"),
    ("东阿县", "county", "Dong'e Xian"),
    ("绿春县", "county", "Lüchun Xian"),
    ("神农架林区", "county", "Shennongjia Linqu"),
    ("浦东新区", "county", "Pudong Xinqu"),
    ("万柏林区", "county", "Wanbailin Qu"),
    ("碑林区", "county", "Beilin Qu"),
    ("清新区", "county", "Qingxin Qu"),
    ("陕西省", "province", "Shaanxi"),
    ("山西省", "province", "Shanxi"),
    ("内蒙古自治区", "province", "Inner Mongolia"),
    ("西藏自治区", "province", "Xizang"),
    ("呼和浩特市", "city", "Hohhot Shi"),
    ("乌鲁木齐市", "city", "Urumqi Shi"),
    ("哈尔滨市", "city", "Harbin Shi"),
    ("阿勒泰地区", "city", "Altay Diqu"),
]


@pytest.mark.parametrize(("name_zh", "level", "spelling"), WELL_KNOWN)
def test_well_known_places_are_spelled_as_people_write_them(name_zh, level, spelling):
    assert english_name(name_zh, level) == spelling


@pytest.mark.django_db
def test_loading_regions_again_corrects_an_earlier_romanisation():
    call_command("load_regions", stdout=StringIO())
    Region.objects.filter(code="110105").update(name_en="Zhaoyang Qu")

    call_command("load_regions", stdout=StringIO())

    assert Region.objects.get(code="110105").name_en == "Chaoyang Qu"
    assert Region.objects.get(code="371722").name_en == "Shan Xian"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["shanxian", "shan xian", "danxian", "sxyg"])
def test_the_directory_finds_a_county_by_its_place_reading_and_its_everyday_one(client, query):
    shan = RegionFactory(code="371722", level="county", name_zh="单县", name_en="Shan Xian")
    OrganizationFactory(name_zh="单县阳光志愿者协会", region=shan, is_public=True)
    OrganizationFactory(name_zh="鼓楼区阳光志愿者协会", is_public=True)

    response = client.get(reverse("organizations:organization_list"), {"q": query})

    found = [organization.name_zh for organization in response.context["page"].organizations]
    assert found == ["单县阳光志愿者协会"]


@pytest.mark.django_db
def test_the_english_directory_filter_shows_the_corrected_name(client):
    call_command("load_regions", stdout=StringIO())

    response = client.get(reverse("organizations:organization_list"), {"province": "110000"})

    assert "Chaoyang Qu" in response.content.decode()
    assert "Zhaoyang" not in response.content.decode()
