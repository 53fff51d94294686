"""What a spreadsheet may call each column, and the words it may use for each coded value.

A column is recognised by the Organization field name ("credit_code") or by the Chinese header a
center's spreadsheet uses ("统一社会信用代码"). Coded values (legal form, growth stage...) are
accepted as the stored code, the English label, the Chinese label of our catalogue, or the terms
registration records use (民办非企业单位 is the older name of a 社会服务机构).
"""

import re
import unicodedata
from collections.abc import Iterator

from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst

from ..vocabularies import (
    AreaType,
    BeneficiaryGroup,
    GrowthStage,
    LegalForm,
    McaGrade,
    ServiceArea,
)

FUNDING_COLUMNS = {
    "funding_international_pct": ["境外资助", "国际资助", "境外资金"],
    "funding_government_pct": ["政府购买", "政府购买服务"],
    "funding_lottery_pct": ["福彩公益金", "彩票公益金"],
    "funding_foundations_pct": ["基金会资助"],
    "funding_corporate_pct": ["企业捐赠"],
    "funding_public_donations_pct": ["公众捐赠", "个人捐赠"],
    "funding_earned_income_pct": ["服务收费", "经营收入"],
}

# Field (or the input column "region_code" / "community") -> Chinese headers.
HEADERS = {
    "name_zh": ["社会组织名称", "组织名称", "机构名称", "中文名称", "名称"],
    "name_en": ["英文名称"],
    "credit_code": ["统一社会信用代码", "信用代码"],
    "legal_form": ["组织类型", "组织形式", "登记类型", "社会组织类型"],
    "registration_authority": ["登记管理机关", "登记机关"],
    "supervising_unit": ["业务主管单位"],
    "registration_date": ["成立登记日期", "登记日期", "成立日期"],
    "mca_grade": ["评估等级"],
    "mca_grade_expires": ["评估等级有效期", "评估有效期至", "等级有效期至"],
    "region_code": ["行政区划代码", "区划代码"],
    "community": ["所在社区", "社区"],
    "area_type": ["城乡", "城乡类型", "城市或农村"],
    "address": ["地址", "住所", "办公地址"],
    "service_areas": ["服务领域"],
    "beneficiary_groups": ["服务对象"],
    "founded_year": ["成立年份"],
    "staff_full_time": ["专职人员", "专职人数", "专职人员数"],
    "staff_part_time": ["兼职人员", "兼职人数", "兼职人员数"],
    "volunteers": ["志愿者", "志愿者人数"],
    "annual_budget_cny": ["年度预算", "年度预算元"],
    **FUNDING_COLUMNS,
    "growth_stage": ["发展阶段"],
    "contact_name": ["联系人"],
    "contact_phone": ["联系电话", "电话"],
    "contact_email": ["电子邮箱", "邮箱", "电子邮件"],
    "website": ["网站", "网址"],
    "description": ["简介", "机构简介", "组织简介"],
    "is_public": ["公开", "是否公开", "公开展示"],
}

# Terms of registration records and center spreadsheets, beside our catalogue's labels.
TERMS = {
    LegalForm: {
        "社会团体": LegalForm.SOCIAL_GROUP,
        "社团": LegalForm.SOCIAL_GROUP,
        "社会服务机构": LegalForm.SOCIAL_SERVICE_ORGANIZATION,
        "民办非企业单位": LegalForm.SOCIAL_SERVICE_ORGANIZATION,
        "民非": LegalForm.SOCIAL_SERVICE_ORGANIZATION,
        "基金会": LegalForm.FOUNDATION,
        "未登记社区社会组织": LegalForm.COMMUNITY_GROUP,
        "社区社会组织": LegalForm.COMMUNITY_GROUP,
        "工商登记": LegalForm.BUSINESS_REGISTERED,
        "工商注册": LegalForm.BUSINESS_REGISTERED,
    },
    GrowthStage: {
        "初创": GrowthStage.START_UP,
        "初创期": GrowthStage.START_UP,
        "成长": GrowthStage.GROWING,
        "成长期": GrowthStage.GROWING,
        "成熟": GrowthStage.MATURE,
        "成熟期": GrowthStage.MATURE,
    },
    AreaType: {
        "城市": AreaType.URBAN,
        "城镇": AreaType.URBAN,
        "城": AreaType.URBAN,
        "农村": AreaType.RURAL,
        "乡村": AreaType.RURAL,
        "乡": AreaType.RURAL,
    },
    McaGrade: {
        **{"A" * n: f"{n}A" for n in range(1, 6)},
        **{f"{'A' * n}级": f"{n}A" for n in range(1, 6)},
        **{f"{n}A级": f"{n}A" for n in range(1, 6)},
    },
    ServiceArea: {
        "社区服务": ServiceArea.COMMUNITY_SERVICES,
        "养老": ServiceArea.ELDERLY_CARE,
        "养老服务": ServiceArea.ELDERLY_CARE,
        "为老服务": ServiceArea.ELDERLY_CARE,
        "儿童": ServiceArea.CHILD_WELFARE,
        "儿童福利": ServiceArea.CHILD_WELFARE,
        "助残": ServiceArea.DISABILITY_SERVICES,
        "助残服务": ServiceArea.DISABILITY_SERVICES,
        "乡村振兴": ServiceArea.RURAL_REVITALIZATION,
        "扶贫": ServiceArea.POVERTY_ALLEVIATION,
        "扶贫济困": ServiceArea.POVERTY_ALLEVIATION,
        "医疗卫生": ServiceArea.HEALTH,
        "健康": ServiceArea.HEALTH,
        "心理健康": ServiceArea.MENTAL_HEALTH,
        "心理咨询": ServiceArea.MENTAL_HEALTH,
        "教育": ServiceArea.EDUCATION,
        "环保": ServiceArea.ENVIRONMENT,
        "环境保护": ServiceArea.ENVIRONMENT,
        "防灾减灾": ServiceArea.DISASTER_RELIEF,
        "救灾": ServiceArea.DISASTER_RELIEF,
        "文体": ServiceArea.CULTURE_SPORTS,
        "文化体育": ServiceArea.CULTURE_SPORTS,
        "法律援助": ServiceArea.LEGAL_AID,
        "志愿服务": ServiceArea.VOLUNTEERING,
        "能力建设": ServiceArea.CAPACITY_BUILDING,
        "社会组织能力建设": ServiceArea.CAPACITY_BUILDING,
    },
    BeneficiaryGroup: {
        "老年人": BeneficiaryGroup.ELDERLY,
        "空巢老人": BeneficiaryGroup.EMPTY_NESTERS,
        "困境儿童": BeneficiaryGroup.CHILDREN_IN_DIFFICULTY,
        "残疾人": BeneficiaryGroup.PEOPLE_WITH_DISABILITIES,
        "留守人员": BeneficiaryGroup.LEFT_BEHIND,
        "留守儿童": BeneficiaryGroup.LEFT_BEHIND,
        "低收入家庭": BeneficiaryGroup.LOW_INCOME,
        "特困人员": BeneficiaryGroup.DIRE_POVERTY,
        "妇女": BeneficiaryGroup.WOMEN,
        "青少年": BeneficiaryGroup.YOUTH,
        "外来务工人员": BeneficiaryGroup.MIGRANT_WORKERS,
        "农民工": BeneficiaryGroup.MIGRANT_WORKERS,
        "患者及家属": BeneficiaryGroup.PATIENTS,
        "社区居民": BeneficiaryGroup.COMMUNITY_RESIDENTS,
        "社会组织": BeneficiaryGroup.NGOS,
    },
}

# Headers in English, beside the field names and the export's own headers (the fields' verbose
# names in both languages, added by header_lookup).
ENGLISH_HEADERS = {
    "name_zh": ["organization name", "name", "chinese name", "name in chinese"],
    "name_en": ["english name", "name in english"],
    "credit_code": ["credit code", "unified social credit code", "uscc"],
    "legal_form": ["legal form", "organization type"],
    "registration_date": ["registration date", "date of registration", "registered on"],
    "mca_grade": ["mca grade", "evaluation grade", "grade"],
    "mca_grade_expires": ["grade expires", "grade valid until"],
    "region_code": ["region code", "division code", "administrative division code"],
    "area_type": ["urban or rural", "area type"],
    "founded_year": ["year founded", "founded"],
    "annual_budget_cny": ["annual budget", "budget"],
    "contact_name": ["contact person", "contact"],
    "contact_phone": ["contact phone", "phone", "telephone"],
    "contact_email": ["contact e-mail", "e-mail", "email", "contact email"],
    "is_public": ["public profile", "public"],
}
# Columns the export writes beside the region code: names of the code's province, city and
# county, read when a row has no code.
REGION_NAME_HEADERS = {
    "province": ["省", "省份", "省（自治区、直辖市）", "province"],
    "city": ["市", "地市", "地级市", "city"],
    "county": ["区县", "县区", "县（市、区）", "county or district", "county", "district"],
}
# "统一社会信用代码*", " 联系电话 ", "Name_ZH" name their column without the decoration.
_DECORATION = re.compile(r"[\s*:\ufeff\u200b\u200c\u200d\u2060]")
_PARENTHESES = re.compile(r"\([^)]*\)")
_INSIDE_PARENTHESES = re.compile(r"\(([^)]*)\)")
# Characters of Chinese text, with the full-width punctuation that goes with it.
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef%]+")
_PART_SEPARATORS = re.compile(r"[\n/|｜]+")


def normalize_header(header) -> str:
    """Full-width forms folded (NFKC), decoration and case dropped; parentheses kept."""
    return _DECORATION.sub("", unicodedata.normalize("NFKC", str(header or ""))).lower()


def header_candidates(header) -> Iterator[str]:
    """The forms a header may name its column by, most specific first: the whole header, the
    header without its parenthesised note, each of its lines or "/"-separated parts, then its
    Chinese and its English part ("名称 Name", "名称（Name）", "社会组织名称\nOrganization name")."""
    folded = unicodedata.normalize("NFKC", str(header or "")).strip()
    parts = [folded, *_PART_SEPARATORS.split(folded)]
    for part in parts:
        yield normalize_header(part)
        yield normalize_header(_PARENTHESES.sub("", part))
    for part in parts:
        chinese = "".join(_CHINESE.findall(part))
        yield normalize_header(_PARENTHESES.sub("", chinese))
        yield normalize_header(_PARENTHESES.sub("", _CHINESE.sub(" ", part)))
        for inside in _INSIDE_PARENTHESES.findall(part):
            yield normalize_header(inside)


def match_header(header, lookup: dict[str, str]) -> str | None:
    for candidate in header_candidates(header):
        if candidate and candidate in lookup:
            return lookup[candidate]
    return None


def header_lookup(region_names: bool = True) -> dict[str, str]:
    """Normalized header -> input column: field names, the Chinese and English names spreadsheets
    use, and the export's headers (verbose names) in English and Chinese."""
    from ..models import Organization  # the vocabularies this module serves are models' too

    named = {**HEADERS, "verified_at": []}
    lookup: dict[str, str] = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for field in named:
                verbose = Organization._meta.get_field(field).verbose_name
                lookup.setdefault(normalize_header(verbose), field)
            if region_names:
                for column, label in _region_labels().items():
                    lookup.setdefault(normalize_header(label), column)
    for field, names in [*ENGLISH_HEADERS.items(), *HEADERS.items()]:
        lookup.update({normalize_header(name): field for name in names})
    if region_names:
        for column, names in REGION_NAME_HEADERS.items():
            lookup.update({normalize_header(name): column for name in names})
    lookup.update({normalize_header(field): field for field in named})
    return lookup


def column_title(column: str) -> str | None:
    """The header the export writes for an input column, in the active language ("Legal form",
    "组织类型"): what a message names a column the file does not have by. None for a name that
    is no column."""
    from ..models import Organization

    labels = _region_labels()
    if column in labels:
        return capfirst(labels[column])
    try:
        return capfirst(str(Organization._meta.get_field(column).verbose_name))
    except FieldDoesNotExist:
        return None


def _region_labels() -> dict[str, str]:
    """The export's headers of the region name columns, in the active language."""
    from django.utils.translation import gettext, pgettext

    return {
        "province": gettext("province"),
        "city": pgettext("administrative division", "city"),
        "county": gettext("county or district"),
    }


_TERM_NOISE = re.compile(r"[\s_\-\u200b\u200c\u200d\u2060\ufeff]")


def normalize_term(value: str) -> str:
    return _TERM_NOISE.sub("", value).lower()


def fold_term(value: str) -> str:
    """normalize_term after folding full-width forms (ＡＡＡＡ, ４Ａ): the slow second try."""
    return normalize_term(unicodedata.normalize("NFKC", value))


def choice_lookup(choices) -> dict[str, str]:
    """Normalized code, English label, Chinese label or record term -> stored code."""
    lookup = {}
    for code, label in choices.choices:
        lookup[normalize_term(code)] = code
        for language in ("en", "zh-hans"):
            with translation.override(language):
                lookup[normalize_term(str(label))] = code
    lookup.update({normalize_term(term): code for term, code in TERMS.get(choices, {}).items()})
    return lookup
