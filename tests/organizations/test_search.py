import pytest
from django.db import connection

from organizations.models import Organization
from organizations.rules import organization_derive_fields
from organizations.search import escape_like, name_search_condition, search_terms
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

NAMES = [
    ("南京市鼓楼区养老服务中心", "Gulou Elderly Care Service Center"),
    ("西宁市城中区社区发展协会", "Chengzhong Community Development Association"),
    ("青海省围棋协会", ""),
    ("爱德基金会", "Amity Foundation"),
    ("50%公益_联盟", "100% Volunteers"),
]


@pytest.fixture
def organizations():
    return {
        name_zh: OrganizationFactory(name_zh=name_zh, name_en=name_en) for name_zh, name_en in NAMES
    }


def found(query, *, indexed=True):
    condition = name_search_condition(query, indexed=indexed)
    return set(Organization.objects.filter(condition).values_list("name_zh", flat=True))


# Both forms of the condition must find the same organizations: the count uses one, the page
# the other once matches are many.
both_forms = pytest.mark.parametrize("indexed", [True, False], ids=["indexed", "walk"])


@both_forms
def test_two_character_chinese_term_finds_the_name_containing_it(organizations, indexed):
    assert found("养老", indexed=indexed) == {"南京市鼓楼区养老服务中心"}
    assert found("协会", indexed=indexed) == {"西宁市城中区社区发展协会", "青海省围棋协会"}


@both_forms
def test_four_character_chinese_term(organizations, indexed):
    assert found("养老服务", indexed=indexed) == {"南京市鼓楼区养老服务中心"}
    assert found("养老协会", indexed=indexed) == set()


@both_forms
def test_one_character_chinese_term(organizations, indexed):
    assert found("棋", indexed=indexed) == {"青海省围棋协会"}
    assert found("会", indexed=indexed) == {
        "西宁市城中区社区发展协会",
        "青海省围棋协会",
        "爱德基金会",
    }


@both_forms
def test_english_names_are_found_whatever_the_case(organizations, indexed):
    assert found("amity", indexed=indexed) == {"爱德基金会"}
    assert found("ELDERLY care", indexed=indexed) == {"南京市鼓楼区养老服务中心"}


@both_forms
def test_pinyin_joined_spaced_and_initials(organizations, indexed):
    assert found("yanglao", indexed=indexed) == {"南京市鼓楼区养老服务中心"}
    assert found("yang lao", indexed=indexed) == {"南京市鼓楼区养老服务中心"}
    assert found("Weiqi", indexed=indexed) == {"青海省围棋协会"}
    assert found("adjjh", indexed=indexed) == {"爱德基金会"}


@both_forms
def test_every_term_must_match(organizations, indexed):
    assert found("南京 yanglao", indexed=indexed) == {"南京市鼓楼区养老服务中心"}
    assert found("南京 weiqi", indexed=indexed) == set()


@both_forms
def test_like_wildcards_match_only_themselves(organizations, indexed):
    # Unescaped, "%" and "_" would match every name.
    assert found("%", indexed=indexed) == {"50%公益_联盟"}  # in "100% Volunteers"
    assert found("_", indexed=indexed) == set()
    assert found("\\", indexed=indexed) == set()
    assert found("50%公益", indexed=indexed) == {"50%公益_联盟"}
    assert found("50_公益", indexed=indexed) == set()
    assert found("公益_联", indexed=indexed) == {"50%公益_联盟"}
    assert found("公益%联", indexed=indexed) == set()


def test_blank_query_is_no_condition():
    assert name_search_condition("   ") is None


def test_terms_split_chinese_words_and_keep_latin_phrases_together():
    terms = search_terms("养老  yang lao 南京")
    assert [(term.text, term.chinese) for term in terms] == [
        ("养老", True),
        ("yang lao", False),
        ("南京", True),
    ]


def test_escape_like():
    assert escape_like("50%_a\\b") == "50\\%\\_a\\\\b"


def _plan(query: str) -> str:
    queryset = Organization.objects.filter(name_search_condition(query)).values("pk")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


GIN_INDEXES = [
    "org_name_zh_bigrams_idx",
    "org_name_zh_trgm_idx",
    "org_name_pinyin_trgm_idx",
    "org_name_en_trgm_idx",
]


@pytest.fixture
def many_organizations(organizations):
    """Enough other names that a full scan of an unrelated index costs more than the search."""
    region = organizations["爱德基金会"].region
    others = [
        Organization(
            name_zh=f"第{n}号测试中心",
            name_en=f"Test {n}",
            legal_form="social_group",
            region=region,
        )
        for n in range(2000)
    ]
    for organization in others:
        organization_derive_fields(organization)
    Organization.objects.bulk_create(others)
    with connection.cursor() as cursor:
        # New rows wait in the GIN indexes' pending lists (merged by VACUUM, which cannot run
        # in the test's transaction); the planner prices a long pending list out.
        for index in GIN_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE organizations_organization")


@pytest.mark.parametrize(
    ("query", "index"),
    list(zip(["养老", "养老服务", "yanglao", "amity"], GIN_INDEXES, strict=True)),
)
def test_each_kind_of_term_can_use_its_index(many_organizations, query, index):
    """The indexes are built on the very expressions the search writes."""
    assert f"Bitmap Index Scan on {index}" in _plan(query)


def test_bigrams_function_returns_the_two_character_pieces():
    with connection.cursor() as cursor:
        cursor.execute("SELECT organization_name_bigrams(%s)", ["养老服务"])
        assert cursor.fetchone()[0] == ["养老", "老服", "服务"]


def test_latin_letters_in_a_chinese_name_are_searchable_in_pinyin():
    from organizations.names import pinyin_of

    assert "ngo" in pinyin_of("新NGO发展中心").split()
