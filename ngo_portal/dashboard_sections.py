"""The figures that apps contribute to the staff dashboard, the monthly center report, the public
impact page and the weekly deadline digest, without the core importing them.

An app registers, in its AppConfig.ready():

    register_dashboard_section("trainings", title=_("Trainings"), build=trainings_section, order=20)
    register_deadline_source("trainings", upcoming_training_deadlines)

`build(scope)` takes a `DashboardScope` (the centers, period and region asked for) and returns a
`Section`: figures (a number, a label and the list behind it), tables (with an optional chart of
the same numbers). A figure's `key` is unique across sections: the public impact page and the
monthly report name the figures they show by it. `public=True` marks a figure that says nothing
about a single person or organization, so a center may publish it.

`deadlines(organization_ids, starts_on, ends_on)` returns the `Deadline`s of those organizations
(None: of every organization) falling in the window (inclusive), for the weekly digest.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .charts import Chart


@dataclass(frozen=True)
class DashboardScope:
    """What the dashboard is asked for.

    center_ids: the centers whose programs count (never empty: staff see their own centers);
    starts_on / ends_on: the period, inclusive, None for open; region_code: a GB/T 2260 code
    prefix (2 digits: a province, 4: a city, 6: a county) or "" for everywhere.
    """

    center_ids: tuple[int, ...]
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    region_code: str = ""

    def query_string(self) -> str:
        """The list pages' query string for the region (province or city filters)."""
        code = self.region_code
        if not code:
            return ""
        level = {2: "province", 4: "city", 6: "county"}[len(code)]
        return f"{level}={code.ljust(6, '0')}"

    def period_filter(self, field_name: str) -> dict:
        """ORM keyword filters putting `field_name` (a date or datetime) inside the period."""
        lookups = {}
        if self.starts_on:
            lookups[f"{field_name}__gte"] = self.starts_on
        if self.ends_on:
            lookups[f"{field_name}__lte"] = self.ends_on
        return lookups

    def cache_key(self) -> str:
        return "|".join(
            [
                ",".join(map(str, sorted(self.center_ids))),
                self.starts_on.isoformat() if self.starts_on else "",
                self.ends_on.isoformat() if self.ends_on else "",
                self.region_code,
            ]
        )


@dataclass(frozen=True)
class Figure:
    """One number: `value` is an int, a Decimal (CNY when `money`), a float (a mean or a
    percentage when `percent`) or None (not known); `url` opens the list behind it."""

    key: str
    label: Any
    value: int | Decimal | float | None
    url: str = ""
    money: bool = False
    percent: bool = False
    public: bool = True


# A page shows this many rows of a table; its CSV and XLSX hold every row.
SHOWN_ROWS = 25


@dataclass(frozen=True)
class Table:
    """Rows of cells under `columns`; `row_urls[i]` (or "") links row i's first cell to its list.
    `chart`, when set, draws the same numbers."""

    key: str
    caption: Any
    columns: Sequence[Any]
    rows: Sequence[Sequence[Any]]
    row_urls: Sequence[str] = ()
    chart: Chart | None = None
    description: Any = ""

    def linked_rows(self) -> list[tuple[str, Sequence[Any]]]:
        """(url, row) of the rows a page shows: the first SHOWN_ROWS (the files hold all)."""
        rows = self.rows[:SHOWN_ROWS]
        urls = list(self.row_urls[:SHOWN_ROWS]) + [""] * (len(rows) - len(self.row_urls))
        return list(zip(urls, rows, strict=False))

    @property
    def rows_not_shown(self) -> int:
        return max(len(self.rows) - SHOWN_ROWS, 0)


@dataclass
class Section:
    key: str
    title: Any
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


@dataclass(frozen=True)
class SectionSource:
    name: str
    title: Any
    build: Callable[[DashboardScope], Section]
    order: int = 100
    # The parts of the scope the section reads (a section that counts the shared registry does
    # not depend on the center or the period): sections are cached and rebuilt per these only.
    depends_on: tuple[str, ...] = ("center_ids", "starts_on", "ends_on", "region_code")

    def scope_for(self, scope: DashboardScope) -> DashboardScope:
        """The scope with what the section does not read cleared, as its cache key."""
        cleared = {
            "center_ids": (),
            "starts_on": None,
            "ends_on": None,
            "region_code": "",
        }
        return replace(
            scope, **{name: value for name, value in cleared.items() if name not in self.depends_on}
        )


@dataclass(frozen=True)
class Deadline:
    """Something an organization owes or attends by a day: `label` is a lazy or plain string
    rendered in the recipient's language, `url` an absolute path on the portal."""

    organization_id: int
    due_on: datetime.date
    label: Any
    url: str = ""


DASHBOARD_SECTIONS: dict[str, SectionSource] = {}
DEADLINE_SOURCES: dict[str, Callable] = {}


def register_dashboard_section(
    name: str,
    *,
    title,
    build: Callable[[DashboardScope], Section],
    order: int = 100,
    depends_on: tuple[str, ...] = ("center_ids", "starts_on", "ends_on", "region_code"),
) -> SectionSource:
    source = SectionSource(name, title, build, order, tuple(depends_on))
    if DASHBOARD_SECTIONS.get(name, source) != source:
        raise ImproperlyConfigured(f"The dashboard section {name!r} is registered twice.")
    DASHBOARD_SECTIONS[name] = source
    return source


def register_deadline_source(name: str, deadlines: Callable) -> None:
    if DEADLINE_SOURCES.get(name, deadlines) != deadlines:
        raise ImproperlyConfigured(f"The deadline source {name!r} is registered twice.")
    DEADLINE_SOURCES[name] = deadlines


def section_sources() -> list[SectionSource]:
    return sorted(DASHBOARD_SECTIONS.values(), key=lambda s: (s.order, s.name))


def dashboard_sections(scope: DashboardScope) -> list[Section]:
    """Every registered section built for `scope`, in order."""
    return [source.build(scope) for source in section_sources()]


def dashboard_section(name: str, scope: DashboardScope) -> Section:
    """One section built for `scope`; LookupError for an unknown name."""
    try:
        source = DASHBOARD_SECTIONS[name]
    except KeyError:
        raise LookupError(f"No dashboard section {name!r}.") from None
    return source.build(scope)


def upcoming_deadlines(
    organization_ids: Sequence[int] | None, starts_on: datetime.date, ends_on: datetime.date
) -> list[Deadline]:
    """Every source's deadlines for these organizations (None: every organization) in the
    window, by day."""
    found = []
    ids = None if organization_ids is None else list(organization_ids)
    for source in DEADLINE_SOURCES.values():
        found.extend(source(ids, starts_on, ends_on))
    return sorted(found, key=lambda d: (d.due_on, str(d.label)))
