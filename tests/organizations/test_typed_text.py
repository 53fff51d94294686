"""Full-width and traditional input: codes typed in full width, names searched in traditional."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organizations.credit_code import normalize_credit_code, validate_credit_code
from organizations.models import Organization
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, make_credit_code, region_tree
from tests.organizations.test_profile_views import _form

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("organizations:organization_list")
FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHJKLMNPQRTUWXY",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ",
)


def test_a_credit_code_typed_in_full_width_is_accepted_and_stored_plain():
    code = make_credit_code(77)
    typed = code.translate(FULL_WIDTH)
    assert typed.startswith("５１")

    validate_credit_code(typed)
    assert normalize_credit_code(typed) == code
    assert normalize_credit_code(f"{code[:6]} {code[6:12]}-{code[12:]}") == code


def test_a_letter_in_the_division_part_is_refused_in_our_words():
    code = make_credit_code(77)

    with pytest.raises(ValidationError) as raised:
        validate_credit_code(code[:4] + "A" + code[5:])

    assert raised.value.code == "credit_code_format"


def test_the_registration_form_accepts_a_full_width_credit_code(client):
    regions = region_tree()
    client.force_login(UserFactory())
    code = make_credit_code(5000)

    response = client.post(
        reverse("organizations:organization_create"),
        _form(regions, credit_code=code.translate(FULL_WIDTH)),
    )

    assert response.status_code == 302
    assert Organization.objects.get().credit_code == code


def _found(client, query):
    response = client.get(DIRECTORY, {"q": query})
    assert response.status_code == 200
    return {organization.name_zh for organization in response.context["page"].organizations}


def test_searching_traditional_characters_finds_the_simplified_name(client):
    OrganizationFactory(name_zh="爱德基金会", is_public=True)
    OrganizationFactory(name_zh="鼓楼区养老服务中心", is_public=True)

    assert _found(client, "基金會") == {"爱德基金会"}
    assert _found(client, "愛德") == {"爱德基金会"}


def test_a_name_that_opencc_would_fold_is_still_found_as_typed(client):
    OrganizationFactory(name_zh="乾县志愿者协会", is_public=True)

    assert _found(client, "乾县") == {"乾县志愿者协会"}


def test_full_width_letters_and_digits_search_as_half_width(client):
    OrganizationFactory(name_zh="爱德基金会", name_en="Amity Foundation 2024", is_public=True)

    assert _found(client, "ａｍｉｔｙ") == {"爱德基金会"}
    assert _found(client, "ＡＩＤＥ") == {"爱德基金会"}
    assert _found(client, "２０２４") == {"爱德基金会"}


def test_numbers_dates_and_addresses_typed_in_full_width_are_read(client):
    regions = region_tree()
    client.force_login(UserFactory())
    typed = {
        "staff_full_time": "１２",
        "annual_budget_cny": "３５０００．５０",
        "registration_date": "２０１４-０６-２５",
        "founded_year": "２００８",
        "contact_phone": "０２５－８３２６ ００００",
        "contact_email": "ｉｎｆｏ＠ｓｕｎｓｈｉｎｅ．ｅｘａｍｐｌｅ．ｏｒｇ",
        "funding_government_pct": "７０",
    }

    response = client.post(reverse("organizations:organization_create"), _form(regions, **typed))

    assert response.status_code == 302
    organization = Organization.objects.get()
    assert organization.staff_full_time == 12
    assert str(organization.annual_budget_cny) == "35000.50"
    assert organization.registration_date.isoformat() == "2014-06-25"
    assert organization.founded_year == 2008
    assert organization.contact_phone == "025-8326 0000"
    assert organization.contact_email == "info@sunshine.example.org"


def test_a_province_code_typed_in_full_width_filters_the_directory(client):
    regions = region_tree()
    OrganizationFactory(name_zh="南京的协会", region=regions["gulou"], is_public=True)
    OrganizationFactory(name_zh="西宁的协会", region=regions["chengzhong"], is_public=True)

    response = client.get(DIRECTORY, {"province": "３２"})

    names = {organization.name_zh for organization in response.context["page"].organizations}
    assert names == {"南京的协会"}


def test_control_characters_pasted_into_a_name_are_dropped(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("organizations:organization_create"),
        _form(region_tree(), name_zh="鼓楼区\x1b[31m阳光\x07协会", description="第一行\n第二行"),
    )

    assert response.status_code == 302
    organization = Organization.objects.get()
    assert organization.name_zh == "鼓楼区[31m阳光协会"
    assert organization.description == "第一行\n第二行"
