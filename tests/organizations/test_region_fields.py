"""The registration form's place: province → city → county, as in the directory's filters."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from organizations.models import Organization
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import (
    CommunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    RegionFactory,
    make_credit_code,
    region_tree,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("organizations:organization_create")
PLACES = reverse("organizations:place_fields")


@pytest.fixture
def regions():
    tree = region_tree()
    # A city without counties (东莞) and a county-level city the province governs directly (仙桃).
    guangdong = RegionFactory(
        code="440000", level="province", name_zh="广东省", name_en="Guangdong"
    )
    tree["dongguan"] = RegionFactory(
        code="441900", level="city", name_zh="东莞市", name_en="Dongguan", parent=guangdong
    )
    hubei = RegionFactory(code="420000", level="province", name_zh="湖北省", name_en="Hubei")
    RegionFactory(code="420100", level="city", name_zh="武汉市", name_en="Wuhan", parent=hubei)
    tree["xiantao"] = RegionFactory(
        code="429004", level="county", name_zh="仙桃市", name_en="Xiantao", parent=hubei
    )
    return tree


@pytest.fixture
def user(client):
    user = UserFactory()
    client.force_login(user)
    return user


def _form(**place):
    return {
        "name_zh": "鼓楼区阳光助老服务中心",
        "name_en": "Gulou Sunshine Elderly Care Center",
        "legal_form": "social_service_org",
        "credit_code": make_credit_code(7000),
        "staff_full_time": "6",
        "funding_government_pct": "100",
        **dict.fromkeys(
            (
                "funding_public_donations_pct",
                "funding_international_pct",
                "funding_lottery_pct",
                "funding_foundations_pct",
                "funding_corporate_pct",
                "funding_earned_income_pct",
            ),
            "0",
        ),
        **place,
    }


def test_the_registration_page_is_small_with_every_region_of_china_loaded(client, user):
    call_command("load_regions", verbosity=0)

    empty = client.get(CREATE)
    chosen = client.post(
        CREATE, _form(province="320000", city="320100", county="320106", name_zh="")
    )

    assert empty.status_code == chosen.status_code == 200
    assert "鼓楼区" not in empty.content.decode() and "Gulou" not in empty.content.decode()
    assert len(empty.content) < 30_000
    assert len(chosen.content) < 30_000
    assert '<option value="320106" selected>Gulou Qu</option>' in chosen.content.decode()


def test_each_level_offers_the_next(client, user, regions):
    province = client.get(PLACES, {"province": "320000"})
    city = client.get(PLACES, {"province": "320000", "city": "320100"})

    assert '<option value="320100">Nanjing Shi</option>' in province.text
    assert 'name="county"' not in province.text
    assert '<option value="320106">Gulou Qu</option>' in city.text
    assert 'name="city"' in city.text and 'id="place-fields"' in city.text


def test_a_registration_through_the_cascade(client, user, regions):
    community = CommunityFactory(region=regions["gulou"], name_en="Ninghailu")
    places = client.get(PLACES, {"province": "320000", "city": "320100", "county": "320106"})
    assert f'<option value="{community.pk}">Ninghailu</option>' in places.text

    response = client.post(
        CREATE, _form(province="320000", city="320100", county="320106", community=community.pk)
    )

    organization = Organization.objects.get()
    assert response.status_code == 302
    assert organization.region == regions["gulou"]
    assert organization.region_code == "320106"
    assert organization.community == community


def test_without_javascript_the_button_refreshes_the_next_level_and_keeps_what_was_typed(
    client, user, regions
):
    response = client.post(CREATE, _form(province="320000", refresh_places="1"))

    assert response.status_code == 200
    assert '<option value="320100">Nanjing Shi</option>' in response.text
    assert 'value="鼓楼区阳光助老服务中心"' in response.text
    assert "Please correct" not in response.text
    assert not Organization.objects.exists()


def test_an_unfinished_choice_is_an_error_at_the_next_select_and_keeps_the_rest(
    client, user, regions
):
    response = client.post(CREATE, _form(province="320000", city="320100"))

    assert response.status_code == 200
    assert 'id="id_county_error"' in response.text
    assert "Choose the county or district too." in response.text
    assert '<option value="320100" selected>Nanjing Shi</option>' in response.text
    assert 'value="Gulou Sunshine Elderly Care Center"' in response.text
    assert not Organization.objects.exists()


def test_a_county_left_from_another_province_is_dropped(client, user, regions):
    response = client.post(CREATE, _form(province="630000", city="320100", county="320106"))

    assert response.status_code == 200
    assert 'id="id_city_error"' in response.text
    assert 'value="320106" selected' not in response.text
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    ("place", "region"),
    [
        ({"province": "440000", "city": "441900"}, "dongguan"),  # a city without counties
        ({"province": "420000", "county": "429004"}, "xiantao"),  # governed by the province
    ],
)
def test_regions_without_a_full_chain_can_be_chosen(client, user, regions, place, region):
    response = client.post(CREATE, _form(**place))

    assert response.status_code == 302
    assert Organization.objects.get().region == regions[region]


def test_nothing_chosen_leaves_the_region_empty(client, user, regions):
    response = client.post(CREATE, _form())

    assert response.status_code == 302
    assert Organization.objects.get().region is None


def test_the_edit_form_shows_the_organization_s_place(client, regions):
    organization = OrganizationFactory(region=regions["chengzhong"], region_code="630103")
    owner = OrganizationMembershipFactory(organization=organization, role="owner").user
    client.force_login(owner)

    response = client.get(reverse("organizations:organization_edit", args=[organization.pk]))

    assert '<option value="630000" selected>Qinghai Sheng</option>' in response.text
    assert '<option value="630100" selected>Xining Shi</option>' in response.text
    assert '<option value="630103" selected>Chengzhong Qu</option>' in response.text
