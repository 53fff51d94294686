"""The organizations' part of the staff dashboard: the registry by place, legal form, growth
stage and MCA grade, and community coverage against the MCA targets (10 per urban community,
5 per rural one: `selectors.COVERAGE_TARGETS`).

Organizations are shared by every center, so the center and period filters do not narrow these
figures (they count the registry as it stands); the region does. Each figure links to the
directory (or the coverage page) with the same filters.
"""

from urllib.parse import urlencode

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngo_portal.charts import bar_chart
from ngo_portal.dashboard_sections import DashboardScope, Figure, Section, Table
from ngo_portal.models import Region

from .models import Organization
from .selectors import COVERAGE_TARGETS, community_coverage
from .vocabularies import GrowthStage, LegalForm, McaGrade

TITLE = gettext_lazy("Organizations")
WORST_GAPS = 10


def _region_filters(scope: DashboardScope) -> dict:
    code = scope.region_code
    if not code:
        return {}
    level = {2: "province", 4: "city", 6: "county"}[len(code)]
    return {level: code.ljust(6, "0")}


def _url(name: str, scope: DashboardScope, **filters) -> str:
    query = _region_filters(scope) | {key: value for key, value in filters.items() if value}
    return reverse(name) + ("?" + urlencode(query) if query else "")


# One pass over the organizations for every count of the section (a GROUP BY per count read
# the table five times: about 600 ms at 400,000 organizations against about 150 ms).
GROUPED_COUNTS = """
    SELECT GROUPING(place, legal_form, growth_stage, mca_grade, verified) AS grouping_set,
           place, legal_form, growth_stage, mca_grade, verified, COUNT(*)
    FROM (
        SELECT LEFT(region_code, %s) AS place, legal_form, growth_stage, mca_grade,
               verified_at IS NOT NULL AS verified
        FROM organizations_organization
        WHERE region_code LIKE %s
    ) AS organization
    GROUP BY GROUPING SETS ((place), (legal_form), (growth_stage), (mca_grade), (verified))
"""
# GROUPING() sets a bit for each column left out of the set, the first column highest.
SET_OF = {0b01111: "place", 0b10111: "legal_form", 0b11011: "growth_stage"}
SET_OF |= {0b11101: "mca_grade", 0b11110: "verified"}


def organization_counts(scope: DashboardScope) -> dict[str, dict]:
    """{"place" | "legal_form" | "growth_stage" | "mca_grade" | "verified": {value: count}} for
    the organizations of the scope's region, in one query; places are the region code's next
    level (2 digits for provinces, 4 for cities, 6 for counties)."""
    length = {0: 2, 2: 4, 4: 6, 6: 6}[len(scope.region_code)]
    counts: dict[str, dict] = {name: {} for name in SET_OF.values()}
    with connection.cursor() as cursor:
        cursor.execute(GROUPED_COUNTS, [length, f"{scope.region_code}%"])
        for grouping_set, place, legal_form, stage, grade, verified, n in cursor.fetchall():
            name = SET_OF[grouping_set]
            value = {
                "place": place,
                "legal_form": legal_form,
                "growth_stage": stage,
                "mca_grade": grade,
                "verified": verified,
            }[name]
            counts[name][value] = n
    return counts


def _place_table(scope: DashboardScope, places: dict) -> Table:
    """Provinces, or the cities of the province chosen, or the counties of the city chosen."""
    length = {0: 2, 2: 4, 4: 6, 6: 6}[len(scope.region_code)]
    counts = {code.ljust(6, "0"): n for code, n in places.items() if code}
    names = {region.code: region.display_name for region in Region.objects.filter(code__in=counts)}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    level = {2: "province", 4: "city", 6: "county"}[length]
    rows = [[names.get(code, code), n] for code, n in ordered]
    urls = [reverse("organizations:organization_list") + f"?{level}={code}" for code, _n in ordered]
    caption = {
        "province": _("Organizations by province"),
        "city": _("Organizations by city"),
        "county": _("Organizations by county or district"),
    }[level]
    chart = (
        bar_chart(
            labels=[row[0] for row in rows[:15]],
            series=[(_("Organizations"), [row[1] for row in rows[:15]])],
            title=caption,
        )
        if rows
        else None
    )
    return Table(
        "places",
        caption,
        [_("Place"), _("Organizations")],
        rows,
        urls,
        chart=chart,
        description=_("The places with the most organizations first; the chart shows 15."),
    )


def _vocabulary_table(scope, counts, key, field, choices, caption) -> Table:
    rows, urls = [], []
    for value, label in [*choices, ("", _("not given"))]:
        n = counts.get(value, 0)
        if value == "" and not n:
            continue
        rows.append([str(label), n])
        urls.append(
            _url("organizations:organization_list", scope, **{field: value}) if value else ""
        )
    chart = bar_chart(
        labels=[row[0] for row in rows],
        series=[(_("Organizations"), [row[1] for row in rows])],
        title=caption,
    )
    return Table(key, caption, [caption, _("Organizations")], rows, urls, chart=chart)


def organizations_section(scope: DashboardScope) -> Section:
    """Figures: organizations, verified organizations, communities meeting the target (and their
    share); tables: by place, legal form, growth stage, MCA grade, coverage by area type and the
    communities furthest below target."""
    counts = organization_counts(scope)
    total = sum(counts["verified"].values())
    verified = counts["verified"].get(True, 0)
    coverage = community_coverage(filters=_region_filters(scope))
    summary = coverage.summary
    coverage_url = _url("organizations:coverage", scope)
    figures = [
        Figure(
            "organizations",
            _("Organizations"),
            total,
            _url("organizations:organization_list", scope),
        ),
        Figure(
            "organizations_verified",
            _("Verified organizations"),
            verified,
            _url("organizations:organization_list", scope, verified="yes"),
        ),
        Figure("communities", _("Communities"), summary["communities"], coverage_url),
        Figure(
            "communities_meeting_target",
            _("Communities meeting the target"),
            summary["meeting"],
            coverage_url,
        ),
        Figure(
            "communities_meeting_target_percent",
            _("Share of communities meeting the target"),
            coverage.percent_meeting,
            coverage_url,
            percent=True,
        ),
    ]
    area_rows = [
        [
            str(area.label),
            target,
            summary[area],
            summary[f"{area}_meeting"],
            summary[area] - summary[f"{area}_meeting"],
        ]
        for area, target in COVERAGE_TARGETS.items()
    ]
    gaps = list(coverage.page.object_list[:WORST_GAPS])
    tables = [
        _place_table(scope, counts["place"]),
        _vocabulary_table(
            scope,
            counts["legal_form"],
            "legal_form",
            "legal_form",
            LegalForm.choices,
            _("Legal form"),
        ),
        _vocabulary_table(
            scope,
            counts["growth_stage"],
            "growth_stage",
            "growth_stage",
            GrowthStage.choices,
            _("Growth stage"),
        ),
        _vocabulary_table(
            scope,
            counts["mca_grade"],
            "mca_grade",
            "mca_grade",
            McaGrade.choices,
            _("MCA evaluation grade"),
        ),
        Table(
            "coverage",
            _("Community coverage against the targets"),
            [
                _("Area type"),
                _("Target (organizations per community)"),
                _("Communities"),
                _("Meeting the target"),
                _("Below the target"),
            ],
            area_rows,
            [coverage_url] * len(area_rows),
        ),
        Table(
            "coverage_gaps",
            _("Communities furthest below the target"),
            [_("Community"), _("Region"), _("Organizations"), _("Target"), _("Missing")],
            [
                [
                    community.name_zh,
                    community.region.display_name,
                    community.organization_count,
                    community.target,
                    community.shortfall,
                ]
                for community in gaps
            ],
            [coverage_url] * len(gaps),
        ),
    ]
    return Section("organizations", TITLE, figures, tables)


def digest_audience(organization_ids) -> list[tuple[Organization, list[tuple[str, object]]]]:
    """The organizations among `organization_ids` with their active members' (address, user),
    for the weekly deadline digest; two queries."""
    from .models import OrganizationMembership

    memberships = (
        OrganizationMembership.objects.filter(
            organization_id__in=organization_ids,
            state=OrganizationMembership.State.ACTIVE,
            user__isnull=False,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("organization_id", "user__email")
    )
    recipients: dict[int, list] = {}
    for membership in memberships:
        recipients.setdefault(membership.organization_id, []).append(
            (membership.user.email, membership.user)
        )
    organizations = Organization.objects.filter(pk__in=recipients).order_by("pk")
    return [(organization, recipients[organization.pk]) for organization in organizations]
