import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from organizations.selectors import DirectoryPage
from organizations.selectors import directory as selectors
from organizations.vocabularies import LegalForm
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("organizations:organization_list")


def names(response) -> list[str]:
    return [organization.name_zh for organization in response.context["page"].organizations]


def public(**kwargs):
    return OrganizationFactory(is_public=True, **kwargs)


# Visibility


def test_anonymous_visitors_see_public_profiles_only(client):
    public(name_zh="公开的协会")
    OrganizationFactory(name_zh="未公开的协会", is_public=False)
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["公开的协会"]
    assert "公开的协会" in response.content.decode()
    assert "未公开的协会" not in response.content.decode()


def test_staff_see_every_organization(staff_client):
    public(name_zh="公开的协会")
    OrganizationFactory(name_zh="未公开的协会", is_public=False)
    assert sorted(names(staff_client.get(URL))) == sorted(["公开的协会", "未公开的协会"])


def test_members_also_see_their_own_private_organization(client):
    public(name_zh="公开的协会")
    own = OrganizationFactory(name_zh="我的协会", is_public=False)
    OrganizationFactory(name_zh="别人的协会", is_public=False)
    membership = OrganizationMembershipFactory(organization=own)
    client.force_login(membership.user)
    assert sorted(names(client.get(URL))) == sorted(["公开的协会", "我的协会"])


def test_a_pending_membership_does_not_reveal_a_private_organization(client):
    private = OrganizationFactory(name_zh="别人的协会", is_public=False)
    membership = OrganizationMembershipFactory(organization=private, state="requested")
    client.force_login(membership.user)
    assert names(client.get(URL)) == []


# Filters: each narrows the list to the matching organizations


def test_name_search(client):
    public(name_zh="南京市鼓楼区养老服务中心")
    public(name_zh="青海省围棋协会")
    assert names(client.get(URL, {"q": "养老"})) == ["南京市鼓楼区养老服务中心"]
    assert names(client.get(URL, {"q": "weiqi"})) == ["青海省围棋协会"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "320000"}, ["鼓楼的协会"]),
        ({"province": "32"}, ["鼓楼的协会"]),
        ({"province": "630000"}, ["城中的协会"]),
        ({"province": "630000", "city": "630100"}, ["城中的协会"]),
        ({"province": "630000", "city": "630100", "county": "630103"}, ["城中的协会"]),
        ({"county": "320106"}, ["鼓楼的协会"]),
    ],
)
def test_region_filters_use_the_code_prefix(client, regions, params, expected):
    public(name_zh="鼓楼的协会", region=regions["gulou"])
    public(name_zh="城中的协会", region=regions["chengzhong"])
    assert names(client.get(URL, params)) == expected


@pytest.mark.parametrize(
    ("params", "field", "included", "excluded"),
    [
        ({"legal_form": "foundation"}, "legal_form", "foundation", "social_group"),
        ({"growth_stage": "mature"}, "growth_stage", "mature", "start_up"),
        ({"mca_grade": "5A"}, "mca_grade", "5A", "3A"),
        ({"area_type": "rural"}, "area_type", "rural", "urban"),
    ],
)
def test_choice_filters(client, params, field, included, excluded):
    public(name_zh="符合的协会", **{field: included})
    public(name_zh="不符合的协会", **{field: excluded})
    assert names(client.get(URL, params)) == ["符合的协会"]


def test_service_area_and_beneficiary_group_filters_match_any_chosen(client):
    public(name_zh="养老协会", service_areas=["elderly_care"], beneficiary_groups=["elderly"])
    public(name_zh="儿童协会", service_areas=["child_welfare"], beneficiary_groups=["youth"])
    public(name_zh="环保协会", service_areas=["environment"], beneficiary_groups=[])
    response = client.get(URL, {"service_area": ["elderly_care", "child_welfare"]})
    assert sorted(names(response)) == sorted(["养老协会", "儿童协会"])
    assert names(client.get(URL, {"beneficiary_group": "youth"})) == ["儿童协会"]


def test_staff_filter_by_verification(staff_client, staff):
    OrganizationFactory(name_zh="已核实的协会", verified_at=timezone.now(), verified_by=staff)
    OrganizationFactory(name_zh="未核实的协会")
    assert names(staff_client.get(URL, {"verified": "yes"})) == ["已核实的协会"]
    assert names(staff_client.get(URL, {"verified": "no"})) == ["未核实的协会"]


def test_the_verification_filter_is_ignored_for_visitors(client):
    public(name_zh="已核实的协会", verified_at=timezone.now())
    public(name_zh="未核实的协会")
    response = client.get(URL, {"verified": "yes"})
    assert sorted(names(response)) == sorted(["已核实的协会", "未核实的协会"])
    assert 'name="verified"' not in response.content.decode()


def test_filters_combine(client, regions):
    public(name_zh="江苏基金会", legal_form=LegalForm.FOUNDATION, region=regions["gulou"])
    public(name_zh="江苏协会", legal_form=LegalForm.SOCIAL_GROUP, region=regions["gulou"])
    public(name_zh="青海基金会", legal_form=LegalForm.FOUNDATION, region=regions["chengzhong"])
    response = client.get(URL, {"province": "320000", "legal_form": "foundation"})
    assert names(response) == ["江苏基金会"]


# The region cascade


def test_choosing_a_province_offers_its_cities_only(client, regions):
    page = client.get(URL, {"province": "320000"}).content.decode()
    assert 'value="320100"' in page  # Nanjing
    assert 'value="630100"' not in page  # Xining
    assert 'name="city"' not in client.get(URL).content.decode()


def test_a_city_outside_the_chosen_province_is_dropped(client, regions):
    public(name_zh="城中的协会", region=regions["chengzhong"])
    response = client.get(URL, {"province": "630000", "city": "320100"})
    assert names(response) == ["城中的协会"]
    assert response.context["filterset"].regions.city == ""


def test_a_city_alone_implies_its_province(client, regions):
    public(name_zh="鼓楼的协会", region=regions["gulou"])
    public(name_zh="城中的协会", region=regions["chengzhong"])
    response = client.get(URL, {"city": "320100"})
    assert names(response) == ["鼓楼的协会"]
    assert 'value="320000" selected' in response.content.decode()


# The page


def test_results_table_shows_what_the_directory_promises(client, regions):
    public(
        name_zh="南京市鼓楼区养老服务中心",
        name_en="Gulou Elderly Care Center",
        legal_form=LegalForm.FOUNDATION,
        growth_stage="growing",
        mca_grade="4A",
        verified_at=timezone.now(),
        region=regions["gulou"],
    )
    page = client.get(URL).content.decode()
    for text in ("南京市鼓楼区养老服务中心", "Gulou Elderly Care Center", "foundation"):
        assert text in page
    for text in ("Jiangsu Sheng · Nanjing Shi · Gulou Qu", "growing", "4A", "Verified"):
        assert text in page


def test_empty_state(client):
    response = client.get(URL, {"q": "没有这个名字"})
    assert "No organizations match these filters." in response.content.decode()
    assert "0 organizations" in response.content.decode()


def test_count_beyond_the_cap_is_shown_as_more_than(client, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    for _n in range(5):
        public()
    response = client.get(URL)
    assert response.context["page"].count == 4  # counted no further than cap + 1
    assert "3+ organizations" in response.content.decode()


def test_htmx_requests_get_the_results_with_the_dependent_fields_out_of_band(client, regions):
    public(name_zh="鼓楼的协会", region=regions["gulou"])
    response = client.get(URL, {"province": "320000"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "鼓楼的协会" in page
    assert "<form" not in page
    assert 'id="directory-region-fields" data-hx-swap-oob="true"' in page
    assert 'id="directory-count" data-hx-swap-oob="innerHTML">1 organization' in page
    assert 'value="320100"' in page
    assert "HX-Request" in response["Vary"]


def test_without_javascript_the_whole_page_comes_back(client):
    page = client.get(URL).content.decode()
    assert 'id="directory-filters"' in page
    assert "hx-swap-oob" not in page
    assert '<button type="submit">Apply filters</button>' in page


def test_staff_see_export_and_coverage_links_with_the_query(staff_client):
    page = staff_client.get(URL, {"legal_form": "foundation"}).content.decode()
    assert f"{reverse('organizations:organization_export_csv')}?legal_form=foundation" in page
    assert f"{reverse('organizations:organization_export_xlsx')}?legal_form=foundation" in page
    assert reverse("organizations:coverage") in page


def test_visitors_and_members_see_no_export_links(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(URL).content.decode()
    assert "export.csv" not in page
    assert reverse("organizations:coverage") not in page


# Sorting


def test_sort_orders(client):
    public(name_zh="北京协会", registration_date=datetime.date(2010, 1, 1))  # bei
    public(name_zh="爱心协会", registration_date=datetime.date(2020, 1, 1))  # ai
    public(name_zh="中华协会", registration_date=None)  # zhong
    assert names(client.get(URL)) == ["爱心协会", "北京协会", "中华协会"]
    assert names(client.get(URL, {"sort": "-name"})) == ["中华协会", "北京协会", "爱心协会"]
    assert names(client.get(URL, {"sort": "-created"})) == ["中华协会", "爱心协会", "北京协会"]
    assert names(client.get(URL, {"sort": "-registration_date"})) == [
        "爱心协会",
        "北京协会",
        "中华协会",
    ]


def test_an_unknown_sort_falls_back_to_the_name(client):
    public(name_zh="北京协会")
    public(name_zh="爱心协会")
    response = client.get(URL, {"sort": "; DROP TABLE"})
    assert response.status_code == 200
    assert names(response) == ["爱心协会", "北京协会"]


def test_an_invalid_value_is_reported_and_the_other_filters_still_apply(client):
    public(name_zh="北京养老协会")
    public(name_zh="爱心养老协会")
    public(name_zh="中华围棋协会")
    response = client.get(URL, {"legal_form": "bogus", "q": "养老", "sort": "-name"})
    assert names(response) == ["北京养老协会", "爱心养老协会"]
    assert "Select a valid choice" in response.content.decode()


def test_the_cap_is_shown_with_a_thousands_separator():
    page = DirectoryPage([], count=1001, cap=1000, next_cursor=None, is_first=True)
    html = render_to_string("organizations/partials/directory_count.html", {"page": page})
    assert html.strip() == "1,000+ organizations"
