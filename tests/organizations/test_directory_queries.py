import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import Organization
from organizations.selectors import decode_cursor, encode_cursor, organization_directory_page
from organizations.selectors import directory as selectors
from tests.ngo_portal.factories import CenterMembershipFactory
from tests.organizations.factories import (
    CommunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    RegionFactory,
    region_tree,
)

pytestmark = pytest.mark.django_db

URL = reverse("organizations:organization_list")
# Pinyin order of the first characters: a, b, c ... so the expected order is known.
FIRST_CHARACTERS = "爱北陈东鄂福广黄吉凯兰马南欧盘青日沙天万西杨张"


def make_organizations(count: int, start: int = 0, **kwargs) -> list[Organization]:
    regions = region_tree()
    community = CommunityFactory()
    return [
        OrganizationFactory(
            name_zh=f"{FIRST_CHARACTERS[n % len(FIRST_CHARACTERS)]}测试协会{n:03d}",
            is_public=True,
            region=regions["gulou"] if n % 2 else regions["chengzhong"],
            community=community if n % 3 else None,
            registration_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n % 7)
            if n % 5
            else None,
            **kwargs,
        )
        for n in range(start, start + count)
    ]


def page_queries(client, params, url=URL, **headers) -> int:
    client.get(url, params, **headers)  # fills the cache (the host center in the header) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params, **headers)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture(params=["anonymous", "member", "staff"])
def viewer(request, client):
    if request.param == "member":
        client.force_login(OrganizationMembershipFactory().user)
    elif request.param == "staff":
        client.force_login(CenterMembershipFactory(role="manager").user)
    return client


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "测试"}, {"q": "ce shi"}, {"province": "320000", "legal_form": "social_group"}],
    ids=["first-page", "chinese-search", "pinyin-search", "filtered"],
)
def test_query_count_does_not_grow_with_the_rows(viewer, params):
    make_organizations(10)
    small = page_queries(viewer, params)
    make_organizations(190, start=10)
    assert page_queries(viewer, params) == small


@pytest.mark.parametrize(
    "params",
    [{}, {"province": "320000", "service_area": ["elderly_care", "health"], "mca_grade": "3A"}],
    ids=["first-page", "filtered"],
)
def test_query_count_of_the_htmx_results_and_the_chinese_page_does_not_grow(client, params):
    """The results alone (an htmx request) and the page in Chinese, filters written by tags."""
    make_organizations(10)
    partial = page_queries(client, params, HTTP_HX_REQUEST="true")
    chinese = page_queries(client, params, url="/zh-hans" + URL)
    make_organizations(190, start=10)
    assert page_queries(client, params, HTTP_HX_REQUEST="true") == partial
    assert page_queries(client, params, url="/zh-hans" + URL) == chinese


def test_query_count_does_not_grow_with_the_rows_when_matches_pass_the_cap(client, monkeypatch):
    """Beyond the cap the rows come from walking the sort index: same number of queries."""
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    make_organizations(10)
    small = page_queries(client, {"q": "测试"})
    make_organizations(190, start=10)
    assert page_queries(client, {"q": "测试"}) == small


def walk_all_pages(user, filters) -> list[int]:
    seen, after, pages = [], None, 0
    while True:
        page = organization_directory_page(user=user, filters=filters, after=after)
        seen += [organization.pk for organization in page.organizations]
        pages += 1
        assert len(page.organizations) <= selectors.PAGE_SIZE
        if not page.next_cursor:
            return seen
        after = page.next_cursor
        assert pages < 10


def expected_order(sort: str) -> list[int]:
    organizations = Organization.objects.all()
    if sort in ("name", "-name"):
        # FIRST_CHARACTERS is in pinyin order; after it, names differ by their serial.
        def key(o):
            first = o.name_zh[0]
            rank = FIRST_CHARACTERS.index(first) if first in FIRST_CHARACTERS else 99
            return (rank, o.name_zh, o.pk)

        ordered = sorted(organizations, key=key)
        return [o.pk for o in (ordered if sort == "name" else ordered[::-1])]
    if sort == "-created":
        ordered = sorted(organizations, key=lambda o: (o.created_at, o.pk), reverse=True)
    else:
        ordered = sorted(
            organizations,
            key=lambda o: (o.registration_date or datetime.date.min, o.pk),
            reverse=True,
        )
    return [o.pk for o in ordered]


@pytest.mark.parametrize("sort", ["name", "-name", "-created", "-registration_date"])
@pytest.mark.parametrize("cap", [1000, 10], ids=["few-matches", "many-matches"])
def test_keyset_pages_visit_every_row_once_in_order(monkeypatch, sort, cap):
    """60 organizations, 25 a page: three pages, each row once, in the sort order, whichever
    plan the count picks (collect and sort up to the cap, walk the index beyond it)."""
    monkeypatch.setattr(selectors, "COUNT_CAP", cap)
    make_organizations(60)
    staff = CenterMembershipFactory(role="officer").user
    seen = walk_all_pages(staff, {"sort": sort})
    assert len(seen) == 60
    assert seen == expected_order(sort)


@pytest.mark.parametrize("cap", [1000, 10], ids=["few-matches", "many-matches"])
def test_keyset_pages_of_a_search(monkeypatch, cap):
    monkeypatch.setattr(selectors, "COUNT_CAP", cap)
    make_organizations(60)
    other = OrganizationFactory(name_zh="无关的名字", is_public=True)
    seen = walk_all_pages(AnonymousUser(), {"q": "测试"})
    assert other.pk not in seen
    assert seen == [pk for pk in expected_order("name") if pk != other.pk]


def test_a_garbled_or_foreign_cursor_starts_from_the_first_page():
    make_organizations(30)
    organization = Organization.objects.first()
    name_cursor = encode_cursor("name", organization)
    assert decode_cursor("name", name_cursor) == (organization.name_zh, organization.pk)
    assert decode_cursor("-created", name_cursor) is None
    for garbage in ["", "not-base64!", "W10", "WyJuYW1lIiwxLDJd", "x" * 2000]:
        assert decode_cursor("name", garbage) is None
    client_page = organization_directory_page(
        user=CenterMembershipFactory().user, filters={}, after="garbage"
    )
    assert client_page.is_first


def test_next_and_first_page_links(client):
    make_organizations(30)
    first = client.get(URL)
    page = first.content.decode()
    assert "Next page" in page
    assert "First page" not in page
    second = client.get(URL, {"after": first.context["page"].next_cursor})
    assert "First page" in second.content.decode()
    assert "Next page" not in second.content.decode()
    assert len(second.context["page"].organizations) == 5


def test_a_repeated_page_reads_no_regions_and_opens_no_transaction(client, regions):
    params = {"province": "320000"}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, params)
    statements = [query["sql"] for query in queries]
    assert not [sql for sql in statements if 'FROM "ngo_portal_region"' in sql]
    assert "BEGIN" not in statements


def test_a_region_saved_after_a_visit_is_offered_on_the_next_page(client, regions):
    assert "南京市" in client.get("/zh-hans" + URL, {"province": "320000"}).content.decode()
    regions["nanjing"].name_zh = "南京新市"
    regions["nanjing"].save()
    RegionFactory(code="330000", level="province", name_zh="浙江省", name_en="Zhejiang Sheng")

    page = client.get("/zh-hans" + URL, {"province": "320000"}).content.decode()
    assert "南京新市" in page
    assert "浙江省" in page
