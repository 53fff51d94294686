"""The directory: visibility, filters, sorted keyset pages and capped counts; the export reads
through `organization_list` too."""

import base64
import binascii
import datetime
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    F,
    Field,
    Func,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, Collate

from ngo_portal.text import is_storable

from ..filters import OrganizationFilter
from ..models import Organization
from ..permissions import can_view_all_organizations, organization_roles

PAGE_SIZE = 25
COUNT_CAP = 1000
# Chinese names sort by pinyin, as readers expect; the database's C.UTF-8 sorts by code point.
CHINESE_COLLATION = "zh-Hans-x-icu"
NO_DATE = datetime.date(1, 1, 1)
# What a list of organizations shows: the region with its city and province, and the community.
LIST_RELATED = ("region__parent__parent", "community")
# What a directory page reads: the regions above each organization's come from the process's
# copy of every region (ngo_portal.selectors.region_path_names), not from three joins.
PAGE_RELATED = ("community",)
PAGE_FIELDS = (
    *("name_zh", "name_en", "legal_form", "growth_stage", "mca_grade", "is_public"),
    *("verified_at", "created_at", "registration_date", "region", "region_code", "community"),
    *("community__name_zh", "community__name_en", "community__area_type"),
)


@dataclass(frozen=True)
class SortOrder:
    expression: Callable[[], object]
    descending: bool
    # The sort value of a row, and back from the cursor's JSON.
    value_of: Callable[[Organization], object]
    encode: Callable[[object], object]
    decode: Callable[[object], object]


def _name():
    return Collate(F("name_zh"), CHINESE_COLLATION)


def _registration_date():
    return Coalesce(F("registration_date"), Value(NO_DATE))


def _same(value):
    return value


def _checked_text(value):
    # A cursor is typed as easily as made: NUL or a lone surrogate would reach PostgreSQL.
    if not isinstance(value, str) or len(value) > 200 or not is_storable(value):
        raise ValueError("not a name")
    return value


def _iso(value):
    return value.isoformat()


def _aware(value):
    parsed = datetime.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("naive timestamp")
    return parsed


# Each order has its index in 0002_search_indexes (the name also per province/city/county).
SORT_ORDERS = {
    "name": SortOrder(_name, False, lambda o: o.name_zh, _same, _checked_text),
    "-name": SortOrder(_name, True, lambda o: o.name_zh, _same, _checked_text),
    "-created": SortOrder(lambda: F("created_at"), True, lambda o: o.created_at, _iso, _aware),
    "-registration_date": SortOrder(
        _registration_date,
        True,
        lambda o: o.registration_date or NO_DATE,
        _iso,
        datetime.date.fromisoformat,
    ),
}


def encode_cursor(sort: str, organization: Organization) -> str:
    order = SORT_ORDERS[sort]
    payload = [sort, order.encode(order.value_of(organization)), organization.pk]
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(sort: str, cursor: str | None):
    """(sort value, id) from an `after` cursor; None for a missing, garbled or other-sort one."""
    if not cursor or len(cursor) > 1000:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, value, pk = json.loads(raw)
        if cursor_sort != sort or not isinstance(pk, int) or not 0 < pk < 2**63:
            return None
        return SORT_ORDERS[sort].decode(value), pk
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None


def _visible(queryset: QuerySet, user) -> QuerySet:
    """Staff see every organization; others the public profiles, and their own."""
    if can_view_all_organizations(user):
        return queryset
    condition = Q(is_public=True)
    own = list(organization_roles(user))
    if own:
        condition |= Q(pk__in=own)
    return queryset.filter(condition)


def _ordered(queryset: QuerySet, sort: str, *, indexed: bool = True) -> QuerySet:
    order = SORT_ORDERS[sort]
    expression = order.expression()
    if not indexed:
        # Same values, but no index matches COALESCE(x, x): the planner collects and sorts.
        expression = Coalesce(expression, order.expression())
    key = F("sort_key").desc() if order.descending else F("sort_key").asc()
    pk = "-pk" if order.descending else "pk"
    return queryset.alias(sort_key=expression).order_by(key, pk)


def _after(queryset: QuerySet, sort: str, cursor) -> QuerySet:
    """Rows strictly after the cursor in (sort key, id) order: a keyset, never OFFSET."""
    value, pk = cursor
    if SORT_ORDERS[sort].descending:
        return queryset.filter(Q(sort_key__lt=value) | Q(sort_key=value, pk__lt=pk)).filter(
            sort_key__lte=value
        )
    return queryset.filter(Q(sort_key__gt=value) | Q(sort_key=value, pk__gt=pk)).filter(
        sort_key__gte=value
    )


def _one_of(ids: list[int]) -> Func:
    """`id = ANY(array)`: the same plan as `id IN (...)`, but the ids travel as one array
    parameter instead of up to a thousand, each prepared by the ORM on its own."""
    # A plain Field leaves the list as it is for psycopg, which sends it as one array.
    array = Value(ids, output_field=Field())
    return Func(
        F("pk"),
        array,
        template="%(expressions)s)",
        arg_joiner=" = ANY(",
        output_field=BooleanField(),
    )


def _filterset(user, filters) -> OrganizationFilter:
    if isinstance(filters, OrganizationFilter):
        return filters
    return OrganizationFilter(filters if filters is not None else {}, user=user)


def organization_list(
    *, user, filters: Mapping | OrganizationFilter | None = None
) -> QuerySet[Organization]:
    """The organizations `user` may see that match `filters` (the directory's GET parameters,
    or an OrganizationFilter bound to them), in the chosen order, with what a list shows."""
    filterset = _filterset(user, filters)
    queryset = _ordered(_visible(filterset.qs, user), filterset.sort_order)
    return queryset.select_related(*LIST_RELATED)


def organization_count_capped(queryset: QuerySet, cap: int = COUNT_CAP) -> int:
    """How many rows match, counting no further than cap + 1 ("1,000+"): an exact count of a
    broad match costs 10-40 ms at 400,000 organizations, and planner estimates are far off."""
    return queryset.order_by().values("pk")[: cap + 1].count()


@dataclass
class DirectoryPage:
    organizations: list[Organization]
    count: int
    cap: int
    next_cursor: str | None
    is_first: bool

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.cap


def organization_directory_page(
    *, user, filters: Mapping | OrganizationFilter, after: str | None = None
) -> DirectoryPage:
    """One page of the directory: at most 1,001 counted, 25 rows, and the next page's cursor.

    Two queries whatever the data (plus the filter form's regions). The capped count, which the
    page shows anyway, also picks the plan for the rows, because the planner cannot: names start
    with their place (南京市鼓楼区...), so matches cluster in name order, while it assumes they
    spread evenly. Up to 1,000 matches are sorted by themselves; beyond that they are dense
    enough to find by walking the sort index.
    """
    # Parallel workers, which cost more than they save on a page, are off for the portal's
    # connections (DATABASE_MAX_PARALLEL_WORKERS_PER_GATHER in the settings).
    return _directory_page(_filterset(user, filters), user, after)


def _first_ids(queryset: QuerySet, limit: int) -> list[int]:
    """The ids of the first `limit` rows, fetched by the driver in one go: through the ORM's
    iterators each of up to 1,001 ids cost a handful of Python calls."""
    sql, params = queryset.order_by().values_list("pk")[:limit].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


def _directory_page(filterset: OrganizationFilter, user, after: str | None) -> DirectoryPage:
    sort = filterset.sort_order
    cursor = decode_cursor(sort, after)
    matching = _visible(filterset.qs, user)
    # Counting no further than 1,001 rows: their ids cost no more than counting them.
    ids = _first_ids(matching, COUNT_CAP + 1)
    if len(ids) > COUNT_CAP:
        # Many matches: walk the sort index from the cursor and stop at the first 26, reading
        # the index alone when it holds every filtered column.
        if filterset.searches_names:
            matching = _visible(filterset.filtered(search_indexed=False), user)
        page_ids = _ordered(matching, sort)
    else:
        # Few: sort those rows alone. The unindexed form of the sort expression keeps the
        # planner from walking the whole sort index in search of them.
        page_ids = _ordered(Organization.objects.filter(_one_of(ids)), sort, indexed=False)
    if cursor:
        page_ids = _after(page_ids, sort, cursor)
    # The 26 ids first, then their rows with their community: the join sees 26 rows.
    page = Organization.objects.filter(pk__in=page_ids.values("pk")[: PAGE_SIZE + 1])
    rows = list(_ordered(page, sort).select_related(*PAGE_RELATED).only(*PAGE_FIELDS))
    next_cursor = encode_cursor(sort, rows[PAGE_SIZE - 1]) if len(rows) > PAGE_SIZE else None
    return DirectoryPage(rows[:PAGE_SIZE], len(ids), COUNT_CAP, next_cursor, cursor is None)
