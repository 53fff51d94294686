"""Synthetic organizations at national scale (400,000 by default) for `make bench`.

Names look like the registry's: place + brand + service + form (鼓楼区阳光养老服务中心), over every
county-level region and a few thousand synthetic communities. Synthetic rows are marked by their
contact e-mail (org<n>@bench.invalid), so a second run tops up to the requested count and
--reset removes them. Rows go in with COPY; no history rows: this is load, not an audit subject.
"""

import datetime
import random
import sys

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from ngo_portal.models import Community, Region
from ngo_portal.regions import regions_load
from organizations.credit_code import ALPHABET, check_character
from organizations.importing.loading import OrganizationLoader
from organizations.models import Organization
from organizations.rules import FUNDING_FIELDS, organization_derive_fields, organization_rule_errors
from organizations.vocabularies import LegalForm, McaGrade

MARK_DOMAIN = "bench.invalid"
BATCH = 10_000

# (Chinese, English, service area, beneficiary group)
SERVICES = [
    ("养老", "Elderly Care", "elderly_care", "elderly"),
    ("为老", "Senior Citizens", "elderly_care", "empty_nesters"),
    ("社区", "Community", "community_services", "community_residents"),
    ("助残", "Disability Support", "disability_services", "people_with_disabilities"),
    ("儿童", "Children's", "child_welfare", "children_in_difficulty"),
    ("环保", "Environmental", "environment", "community_residents"),
    ("青少年", "Youth", "education", "youth"),
    ("围棋", "Weiqi", "culture_sports", "youth"),
    ("志愿者", "Volunteers", "volunteering", "community_residents"),
    ("社会工作", "Social Work", "community_services", "low_income"),
    ("心理健康", "Mental Health", "mental_health", "community_residents"),
    ("公益", "Philanthropy", "capacity_building", "ngos"),
    ("乡村发展", "Rural Development", "rural_revitalization", "left_behind"),
    ("妇女儿童", "Women and Children", "child_welfare", "women"),
]
# (Chinese, English, legal form, weight)
FORMS = [
    ("服务中心", "Service Center", LegalForm.SOCIAL_SERVICE_ORGANIZATION, 30),
    ("协会", "Association", LegalForm.SOCIAL_GROUP, 25),
    ("社会工作服务社", "Social Work Agency", LegalForm.SOCIAL_SERVICE_ORGANIZATION, 12),
    ("发展中心", "Development Center", LegalForm.SOCIAL_SERVICE_ORGANIZATION, 10),
    ("促进会", "Promotion Society", LegalForm.SOCIAL_GROUP, 8),
    ("基金会", "Foundation", LegalForm.FOUNDATION, 3),
    ("服务队", "Service Team", LegalForm.COMMUNITY_GROUP, 6),
    ("互助会", "Mutual Aid Group", LegalForm.COMMUNITY_GROUP, 4),
    ("服务有限公司", "Services Co., Ltd.", LegalForm.BUSINESS_REGISTERED, 2),
]
FORM_WEIGHTS = [weight for *_form, weight in FORMS]
BRANDS = [
    ("", ""),
    ("阳光", "Sunshine"),
    ("爱心", "Caring Heart"),
    ("同心", "One Heart"),
    ("春晖", "Spring Glow"),
    ("彩虹", "Rainbow"),
    ("启明", "Morning Star"),
    ("善行", "Good Deeds"),
    ("友邻", "Good Neighbours"),
    ("和美", "Harmony"),
    ("乐龄", "Happy Age"),
    ("晨曦", "Dawn"),
    ("新希望", "New Hope"),
    ("益众", "Benefit All"),
    ("红枫", "Red Maple"),
    ("长青", "Evergreen"),
]
# Credit-code type digit per legal form (GB 32100-2015: authority 5 = civil affairs, 9 = market).
CODE_PREFIX = {
    LegalForm.SOCIAL_GROUP: "51",
    LegalForm.SOCIAL_SERVICE_ORGANIZATION: "52",
    LegalForm.FOUNDATION: "53",
    LegalForm.BUSINESS_REGISTERED: "91",
}
COMMUNITY_STEMS = [
    "幸福",
    "和平",
    "建设",
    "新华",
    "东风",
    "红星",
    "光明",
    "团结",
    "胜利",
    "人民",
    "文化",
    "友谊",
    "向阳",
    "长安",
    "解放",
    "民主",
    "前进",
    "永安",
    "桃园",
    "柳营",
    "杏花",
    "青石",
    "丰收",
    "双桥",
    "南湖",
    "北苑",
    "东门",
    "西关",
    "龙泉",
    "金山",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def credit_code(prefix: str, division: str, serial: int) -> str:
    """A valid code whose organization part starts with B: synthetic serials stay apart."""
    body = "".join(ALPHABET[(serial // 31**i) % 31] for i in range(8))
    first17 = f"{prefix}{division}B{body}"
    return first17 + check_character(first17)


def funding_mix(rng) -> dict:
    if rng.random() < 0.5:
        return {}
    sources = rng.sample(FUNDING_FIELDS, rng.randint(1, 3))
    cuts = sorted(rng.sample(range(1, 100), len(sources) - 1))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    return dict(zip(sources, shares, strict=True))


class Synthesizer:
    """Deterministic rows for serials n: the same n always gives the same organization."""

    def __init__(self, counties, communities):
        self.counties = counties
        self.communities = communities
        self.today = timezone.localdate()

    def record(self, n: int) -> dict:
        rng = random.Random(n)
        county = rng.choice(self.counties)
        service_zh, service_en, area, group = rng.choice(SERVICES)
        form_zh, form_en, legal_form, _weight = rng.choices(FORMS, FORM_WEIGHTS)[0]
        brand_zh, brand_en = rng.choice(BRANDS)
        place_zh, place_en = county["name_zh"], county["name_en"]
        if county["city_zh"] and rng.random() < 0.3:
            place_zh, place_en = county["city_zh"] + place_zh, f"{county['city_en']} {place_en}"
        name_zh = f"{place_zh}{brand_zh}{service_zh}{form_zh}"
        communities = rng.random() < 0.4 and self.communities.get(county["id"])
        community = rng.choice(communities) if communities else None
        registered = self.today - datetime.timedelta(days=rng.randint(200, 9000))
        graded = legal_form != LegalForm.COMMUNITY_GROUP and rng.random() < 0.15
        record = {
            "name_zh": name_zh,
            "name_en": " ".join(p for p in (place_en, brand_en, service_en, form_en) if p),
            "credit_code": credit_code(CODE_PREFIX[legal_form], county["code"], n)
            if legal_form in CODE_PREFIX
            else None,
            "legal_form": legal_form,
            "registration_authority": f"{county['city_zh'] or county['name_zh']}民政局",
            "registration_date": registered,
            "mca_grade": rng.choice(McaGrade.values) if graded else "",
            "mca_grade_expires": registered + datetime.timedelta(days=1825) if graded else None,
            "region": county["region"],
            "community": community,
            # A community's organizations take its urban/rural (organization_derive_fields).
            "area_type": "" if community else rng.choice(["urban", "urban", "rural", ""]),
            "address": f"{place_zh}{rng.choice(COMMUNITY_STEMS)}路{rng.randint(1, 300)}号",
            "service_areas": [area],
            "beneficiary_groups": [group],
            "founded_year": registered.year - rng.randint(0, 3),
            "staff_full_time": int(rng.expovariate(0.15)),
            "staff_part_time": rng.randint(0, 10),
            "volunteers": int(rng.expovariate(0.02)),
            "annual_budget_cny": rng.choice([None, 50_000, 200_000, 800_000, 3_000_000]),
            **funding_mix(rng),
            "growth_stage": rng.choice(["start_up", "growing", "mature", ""]),
            "contact_name": f"{rng.choice(SURNAMES)}{rng.choice(['老师', '女士', '先生'])}",
            "contact_phone": f"1{rng.randint(30, 99)}{rng.randint(0, 99_999_999):08d}",
            "contact_email": f"org{n}@{MARK_DOMAIN}",
            "description": f"{name_zh}立足{place_zh}，开展{service_zh}服务。",
            "is_public": rng.random() < 0.7,
            "verified_at": timezone.now() if rng.random() < 0.4 else None,
        }
        return _checked(record)


def _checked(record: dict) -> dict:
    """The record with its derived fields, as COPY takes it; a record that breaks a rule is a
    defect of this synthesizer. The pinyin is the loader's, many names at once."""
    organization_derive_fields(record, pinyin=False)
    errors = organization_rule_errors(record, taken_codes=frozenset())
    if errors:
        raise ValueError(f"Synthetic organization {record['name_zh']} breaks a rule: {errors}")
    record["region_id"] = record["region"].pk
    record["community_id"] = record["community"].pk if record["community"] else None
    return record


def counties_for_bench() -> list[dict]:
    if not Region.objects.filter(level=Region.Level.COUNTY).exists():
        regions_load()
    rows = Region.objects.filter(level=Region.Level.COUNTY).values(
        "id", "code", "name_zh", "name_en", "parent__level", "parent__name_zh", "parent__name_en"
    )
    return [
        {
            **{key: row[key] for key in ("id", "code", "name_zh", "name_en")},
            # Unsaved, carrying what the rules read (organizations/rules.py).
            "region": Region(pk=row["id"], code=row["code"]),
            "city_zh": row["parent__name_zh"] if row["parent__level"] == "city" else "",
            "city_en": row["parent__name_en"] if row["parent__level"] == "city" else "",
        }
        for row in rows.order_by("code")
    ]


def communities_for_bench(counties, total: int) -> dict[int, list[Community]]:
    """About `total` communities, an urban 社区 and a rural 村 at a time, in the first counties."""
    rng = random.Random(0)
    chosen = rng.sample(counties, min(len(counties), max(total // 2, 1))) if total else []
    Community.objects.bulk_create(
        [
            Community(
                region_id=county["id"],
                name_zh=f"{stem}{suffix}",
                name_en=f"{stem} {suffix}",
                area_type=area_type,
            )
            for county in chosen
            for stem, suffix, area_type in [
                (rng.choice(COMMUNITY_STEMS), "社区", "urban"),
                (rng.choice(COMMUNITY_STEMS), "村", "rural"),
            ]
        ],
        ignore_conflicts=True,
    )
    by_county: dict[int, list[Community]] = {}
    for community in Community.objects.filter(
        region_id__in=[county["id"] for county in chosen]
    ).only("pk", "region_id", "area_type"):
        by_county.setdefault(community.region_id, []).append(community)
    return by_county


def tidy_after_bulk_change() -> None:
    """Fresh planner statistics, and dead rows (a --reset, a rolled-back import) cleared away:
    a bloated table would make every later measurement slower. VACUUM cannot run inside a
    transaction, so a caller's transaction (a test's) gets statistics only."""
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in (Organization, Organization.history.model):
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


def synthetic_organizations():
    return Organization.objects.filter(contact_email__endswith=f"@{MARK_DOMAIN}")


class Command(BaseCommand):
    help = (
        "Create synthetic organizations for benchmarks (loads regions first if needed). "
        "Tops up to --organizations; --reset deletes the synthetic rows first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=400_000)
        parser.add_argument("--communities", type=int, default=4000)
        parser.add_argument("--reset", action="store_true")

    def handle(self, *args, organizations, communities, reset, **options):
        with transaction.atomic():
            if reset:
                deleted = self._delete_synthetic()
                self.stdout.write(f"Deleted {deleted} synthetic organizations.")
            counties = counties_for_bench()
            synthesizer = Synthesizer(counties, communities_for_bench(counties, communities))
            start = self._next_serial()
            missing = max(organizations - synthetic_organizations().count(), 0)
            self._copy(synthesizer, range(start, start + missing))
        tidy_after_bulk_change()
        self.stdout.write(
            f"Created {missing} synthetic organizations; "
            f"{synthetic_organizations().count()} in all."
        )

    def _delete_synthetic(self) -> int:
        # Raw SQL: the ORM would load every row to send simple_history's delete signals.
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {Organization._meta.db_table} WHERE contact_email LIKE %s",  # noqa: S608
                [f"%@{MARK_DOMAIN}"],
            )
            return cursor.rowcount

    def _next_serial(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT max(substring(contact_email FROM '^org([0-9]+)@')::bigint) "  # noqa: S608
                f"FROM {Organization._meta.db_table} WHERE contact_email LIKE %s",
                [f"%@{MARK_DOMAIN}"],
            )
            last = cursor.fetchone()[0]
        return 0 if last is None else last + 1

    def _copy(self, synthesizer, serials):
        with OrganizationLoader(expected=len(serials), history=False) as loader:
            for n in tqdm(serials, file=sys.stderr, unit=" rows", disable=None, mininterval=1):
                loader.add(synthesizer.record(n))
            loader.finish()
