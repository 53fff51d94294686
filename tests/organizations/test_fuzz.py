"""Hostile input against every form and query parameter of the organizations app: nothing a
visitor types or puts in a URL may answer 500, and a form refuses what it cannot store with an
error at the field.

A fixed table of strings people and tools are known to send (NUL, lone surrogates, 10,000
characters, direction marks, emoji, full width, SQL and HTML) runs against each parameter; a
hypothesis test then draws arbitrary text for the parameters most exposed (search, cursor,
names, token).
"""

import base64
import json
import random
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ngo_portal.place_names import PLACE_READINGS
from organizations.filters import OrganizationFilter
from organizations.models import Organization, OrganizationMembership
from tests.ngo_portal.factories import CenterMembershipFactory, UserFactory
from tests.organizations.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
    region_tree,
)
from tests.organizations.test_profile_views import _form

pytestmark = pytest.mark.django_db

HOSTILE = [
    "\x00",
    "养老\x00服务",
    "\ud800",
    "a\udfffb",
    "养" * 10_000,
    "x" * 10_000,
    "\u202eevil\u202c",
    "\u200f\u200e\u2066",
    "👩\u200d👩\u200d👧🏳️\u200d🌈",
    "５２３２０１００ＭＪ　（全角）",
    "基金會",
    "'; DROP TABLE organizations_organization; --",
    "1 OR 1=1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "%_\\",
    "../../etc/passwd",
    "\x1b[31m\x07\x7f",
    "\ufeff",
    "𠀀𪚥𰻞",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    " ",
    "",
]
NUL_VALUES = [value for value in HOSTILE if "\x00" in value]
# Each field of the long forms gets these; the whole table goes into every field at once.
PER_FIELD = [
    *("\x00", "\ud800", "养" * 10_000, "👩\u200d👩\u200d👧", "５２３２", "<script>x</script>"),
    *("'; DROP TABLE organizations_organization; --", "-1", "99999999999999999999999"),
]
DIRECTORY_PARAMETERS = [
    *("q", "province", "city", "county", "legal_form", "service_area", "beneficiary_group"),
    *("growth_stage", "mca_grade", "area_type", "verified", "sort", "after"),
]
# Every field of the registration and edit form a member types into or picks from.
PROFILE_PARAMETERS = [
    *("name_zh", "name_en", "legal_form", "credit_code", "registration_authority"),
    *("supervising_unit", "registration_date", "mca_grade", "mca_grade_expires", "region"),
    *("province", "city", "county"),
    *("community", "area_type", "address", "service_areas", "beneficiary_groups"),
    *("founded_year", "growth_stage", "description", "staff_full_time", "staff_part_time"),
    *("volunteers", "annual_budget_cny", "funding_government_pct", "contact_name"),
    *("contact_phone", "contact_email", "website", "is_public", "confirm_different"),
]
# The place is chosen through the cascade (region_fields.py); `region` (a pk) is still accepted.
PLACE_PARAMETERS = ("region", "province", "city", "county")
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _encoded(value: str) -> str:
    """URL-encoded as a browser or a script would send it; lone surrogates as their bytes."""
    return quote(str(value).encode("utf-8", "surrogatepass"), safe="")


def _query(params: dict) -> str:
    return "&".join(f"{_encoded(key)}={_encoded(value)}" for key, value in params.items())


def _get(client, url, params):
    return client.get(url, QUERY_STRING=_query(params))


def _post(client, url, data: dict):
    body = "&".join(
        f"{_encoded(key)}={_encoded(item)}"
        for key, value in data.items()
        for item in (value if isinstance(value, list) else [value])
    )
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def _cursor(value) -> str:
    raw = json.dumps(["name", value, 1], ensure_ascii=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.fixture
def regions():
    return region_tree()


@pytest.fixture
def staff(client):
    user = CenterMembershipFactory(role="officer").user
    client.force_login(user)
    return user


@pytest.fixture
def owner(client, regions):
    membership = OrganizationMembershipFactory(
        organization=OrganizationFactory(region=regions["gulou"], is_public=True),
        role=OrganizationMembership.Role.OWNER,
    )
    client.force_login(membership.user)
    return membership


# Query parameters


@pytest.mark.parametrize("parameter", DIRECTORY_PARAMETERS)
def test_directory_parameters(client, staff, parameter):
    OrganizationFactory(is_public=True)
    for value in HOSTILE:
        assert (
            _get(client, reverse("organizations:organization_list"), {parameter: value}).status_code
            == 200
        )


@pytest.mark.parametrize("value", HOSTILE)
def test_directory_cursor_carrying_hostile_values(client, value):
    OrganizationFactory(is_public=True)
    url = reverse("organizations:organization_list")
    for cursor in (_cursor(value), _cursor([value]), _cursor({"a": value}), _cursor(10**40)):
        response = _get(client, url, {"after": cursor})
        assert response.status_code == 200
    for sort in ("-created", "-registration_date"):
        raw = json.dumps([sort, value, 10**40]).encode()
        cursor = base64.urlsafe_b64encode(raw).decode()
        assert _get(client, url, {"sort": sort, "after": cursor}).status_code == 200


@pytest.mark.parametrize("export", ["organization_export_csv", "organization_export_xlsx"])
def test_export_query_string(client, staff, export):
    OrganizationFactory()
    for parameter in DIRECTORY_PARAMETERS:
        for value in NUL_VALUES + ["\ud800", "养" * 10_000, "<script>", "基金會"]:
            response = _get(client, reverse(f"organizations:{export}"), {parameter: value})
            assert response.status_code < 500, (parameter, value)


def test_coverage_parameters(client, staff):
    for parameter in ("province", "city", "county", "page"):
        for value in HOSTILE:
            response = _get(client, reverse("organizations:coverage"), {parameter: value})
            assert response.status_code == 200, (parameter, value)


@pytest.mark.parametrize("name", ["province", "city", "county", "community"])
def test_place_fields_parameters(client, owner, name):
    for value in HOSTILE:
        response = _get(client, reverse("organizations:place_fields"), {name: value})
        assert response.status_code == 200, value


@pytest.mark.parametrize("token", [*HOSTILE[:4], "a" * 65, "%00", "..%2F..%2F", "x\x00" * 40])
def test_invitation_token_in_the_url(client, token):
    client.force_login(UserFactory())
    url = reverse("organizations:invitation_respond", args=["TOKEN"])
    url = url.replace("TOKEN", _encoded(token) or "%20")

    assert client.get(url).status_code == 404
    assert _post(client, url, {"decision": "accept"}).status_code == 404


# Forms


def _assert_refused_at(response, field):
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get(field), (field, form.errors)
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize("field", PROFILE_PARAMETERS)
def test_registration_form_fields(client, regions, field):
    client.force_login(UserFactory())
    url = reverse("organizations:organization_create")
    for value in PER_FIELD:
        response = _post(client, url, _form(regions, **{field: value}))
        assert response.status_code < 500, (field, value)
        # A place code that names no region is dropped by the cascade, as a stale choice is.
        if value in NUL_VALUES and field not in (
            "is_public",
            "confirm_different",
            *PLACE_PARAMETERS,
        ):
            _assert_refused_at(response, field)
    names = Organization.objects.values_list("name_zh", "name_en", "address")
    assert not any("\x00" in text for row in names for text in row)


@pytest.mark.parametrize("value", HOSTILE)
def test_registration_form_with_every_field_hostile(client, regions, value):
    client.force_login(UserFactory())
    data = _form(regions, **dict.fromkeys(PROFILE_PARAMETERS, value))

    response = _post(client, reverse("organizations:organization_create"), data)

    assert response.status_code < 500
    if value in NUL_VALUES:
        for field in ("name_zh", "name_en", "credit_code", "address", "description"):
            assert response.context["form"].errors.get(field), field


@pytest.mark.parametrize("field", ["name_zh", "name_en", "credit_code", "address", "website"])
def test_edit_form_fields(client, regions, owner, field):
    url = reverse("organizations:organization_edit", args=[owner.organization.pk])
    for value in HOSTILE:
        response = _post(client, url, _form(regions, **{field: value}))
        assert response.status_code < 500, (field, value)
        if value in NUL_VALUES:
            _assert_refused_at(response, field)


def test_a_long_chinese_name_within_the_field_limit_registers(client, regions):
    """97 characters (the field allows 200): its pinyin is over 1,000 characters."""
    client.force_login(UserFactory())
    name = (
        "南京市鼓楼区阳光助老志愿者服务队与社区居家养老互助促进会"
        + "阳光助老志愿者服务队与社区居家养老互助促进会" * 3
        + "联合会"
    )

    response = _post(
        client, reverse("organizations:organization_create"), _form(regions, name_zh=name)
    )

    assert response.status_code == 302
    assert Organization.objects.get(name_zh=name).name_pinyin.startswith("nan jing shi")


def test_the_longest_name_of_rare_characters_registers(client, regions):
    """200 characters of the supplementary planes and a 300-character English name: every
    derived column and index takes them."""
    client.force_login(UserFactory())
    name_zh = "".join(chr(0x20000 + 7919 * i % 40000) for i in range(100)) + "龘鱻" * 50
    name_en = "".join(chr(0x1F300 + i % 700) for i in range(300))

    response = _post(
        client,
        reverse("organizations:organization_create"),
        _form(regions, name_zh=name_zh, name_en=name_en),
    )

    assert response.status_code == 302
    assert Organization.objects.filter(name_zh=name_zh).exists()


@pytest.mark.parametrize("field", ["email", "role"])
def test_invite_form_fields(client, owner, field):
    url = reverse("organizations:membership_list", args=[owner.organization.pk])
    data = {"email": "colleague@example.org", "role": "member"}
    for value in [*HOSTILE, "a" * 250 + "@example.org", "x@" + "a" * 300 + ".org"]:
        response = _post(client, url, {**data, field: value})
        assert response.status_code < 500, (field, value)
        if value in NUL_VALUES:
            _assert_refused_at(response, field)


def test_role_and_join_and_leave_forms(client, owner):
    organization = owner.organization
    member = OrganizationMembershipFactory(organization=organization)
    role_url = reverse("organizations:membership_change_role", args=[organization.pk, member.pk])
    join_url = reverse("organizations:membership_request", args=[organization.pk])
    for value in HOSTILE:
        assert _post(client, role_url, {f"m{member.pk}-role": value}).status_code < 500
        assert _post(client, join_url, {"message": value}).status_code < 500
    member.refresh_from_db()
    assert member.role == OrganizationMembership.Role.MEMBER


@pytest.mark.parametrize("field", ["kind", "title"])
def test_document_form_fields(client, owner, settings, tmp_path, field):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("organizations:document_list", args=[owner.organization.pk])
    for value in HOSTILE:
        data = {"kind": "charter", "title": "章程", field: value}
        upload = SimpleUploadedFile("章程.pdf", MINIMAL_PDF, "application/pdf")
        response = client.post(url, {**_storable(data), "file": upload})
        assert response.status_code < 500, (field, value)
        if value in NUL_VALUES:
            _assert_refused_at(response, field)


def _storable(data: dict) -> dict:
    # The test client cannot encode lone surrogates into multipart; browsers cannot either.
    return {key: value.encode("utf-8", "replace").decode() for key, value in data.items()}


@pytest.mark.parametrize("value", HOSTILE)
def test_document_file_names(client, owner, settings, tmp_path, value):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("organizations:document_list", args=[owner.organization.pk])
    name = value.encode("utf-8", "replace").decode() + ".pdf"
    upload = SimpleUploadedFile(name, MINIMAL_PDF, "application/pdf")

    response = client.post(url, {"kind": "charter", "title": "章程", "file": upload})

    assert response.status_code < 500


# Arbitrary text


hostile_text = st.text(
    st.characters(codec=None, blacklist_categories=()), max_size=300
) | st.sampled_from(HOSTILE)
fuzzing = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fuzzing
@given(query=hostile_text, after=hostile_text, county=hostile_text)
def test_directory_with_arbitrary_text(client, query, after, county):
    response = _get(
        client,
        reverse("organizations:organization_list"),
        {"q": query, "after": after, "county": county},
    )
    assert response.status_code == 200
    assert OrganizationFilter({"q": query}, user=AnonymousUser()).qs is not None


@fuzzing
@given(name_zh=hostile_text, name_en=hostile_text, phone=hostile_text)
def test_registration_with_arbitrary_text(client, regions, name_zh, name_en, phone):
    client.force_login(UserFactory())
    data = _form(regions, name_zh=name_zh, name_en=name_en, contact_phone=phone)

    response = _post(client, reverse("organizations:organization_create"), data)

    assert response.status_code in (200, 302)


@fuzzing
@given(token=hostile_text)
def test_invitation_token_with_arbitrary_text(client, token):
    client.force_login(UserFactory())
    url = reverse("organizations:invitation_respond", args=["TOKEN"])

    response = client.get(url.replace("TOKEN", _encoded(token) or "%20"))

    assert response.status_code == 404


def test_a_name_too_long_for_the_sort_index_is_refused_at_the_field(client, regions):
    """200 characters of place names (each indexed in two readings) and 300 emoji as the
    English name: whether the database takes it depends on how well it compresses; either it
    is saved or the name field says why not."""
    client.force_login(UserFactory())
    rng = random.Random(2)
    name_zh = ""
    while len(name_zh) < 200:
        name_zh += rng.choice(list(PLACE_READINGS))
    name_en = "".join(chr(rng.randrange(0x1F300, 0x1F9FF)) for _ in range(300))
    url = reverse("organizations:organization_create")

    response = _post(client, url, _form(regions, name_zh=name_zh[:200], name_en=name_en))

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors["name_zh"]
        assert "too long to be stored" in response.content.decode()


@pytest.mark.parametrize(
    "admin_list",
    ["organization", "organizationmembership", "organizationdocument"],
)
def test_admin_lists_with_nul_in_search_and_filters(client, admin_list):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/organizations/{admin_list}/"
    for parameter in ("q", "legal_form__exact", "role__exact", "kind__exact", "o", "p"):
        for value in ("\x00", "a\x00b", "\ud800"):
            assert _get(client, url, {parameter: value}).status_code < 500, (parameter, value)
