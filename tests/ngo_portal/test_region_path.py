"""The one way a region path is written: largest division first, in both languages."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from ngo_portal.models import Community, Region


def _gulou():
    jiangsu = Region(code="320000", level="province", name_zh="江苏省", name_en="Jiangsu Sheng")
    nanjing = Region(
        code="320100", level="city", name_zh="南京市", name_en="Nanjing Shi", parent=jiangsu
    )
    return Region(
        code="320106", level="county", name_zh="鼓楼区", name_en="Gulou Qu", parent=nanjing
    )


def _render(**context):
    return render_to_string("components/region_path.html", context).strip()


def test_province_city_county_then_community_in_english_and_chinese():
    community = Community(name_zh="宁海路社区", name_en="Ninghai Lu Shequ", area_type="urban")

    english = _render(region=_gulou(), community=community)
    with translation.override("zh-hans"):
        chinese = _render(region=_gulou(), community=community)

    assert "Jiangsu Sheng · Nanjing Shi · Gulou Qu · Ninghai Lu Shequ" in english
    assert "江苏省 · 南京市 · 鼓楼区 · 宁海路社区" in chinese


def test_a_province_level_region_is_its_own_path():
    macao = Region(code="820000", level="province", name_zh="澳门特别行政区", name_en="Aomen")

    assert ">Aomen</span>" in _render(region=macao)
    assert _render(region=None) == ""


def test_no_other_template_writes_a_region_path_of_its_own():
    templates = Path(settings.BASE_DIR) / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if path.name != "region_path.html" and ".parent.display_name" in path.read_text()
    ]

    assert offenders == []
