"""Demo organizations drawn from the seed documents, plus community groups for the coverage view.

Names and places come from the sources (the Xining regional training of June 2014, Amity's NGO
Development Center in Nanjing, the Jiangxi civil-affairs figures); credit codes are generated with
a valid check character because the sources do not publish them.
"""

from ngo_portal.models import Community, Region

from .credit_code import check_character
from .models import Organization, OrganizationMembership
from .rules import organization_derive_fields, organization_validate
from .vocabularies import LegalForm

SG, SSO, FDN, CG = (
    LegalForm.SOCIAL_GROUP,
    LegalForm.SOCIAL_SERVICE_ORGANIZATION,
    LegalForm.FOUNDATION,
    LegalForm.COMMUNITY_GROUP,
)

# (county code, Chinese name, pinyin name, urban/rural)
COMMUNITIES = [
    ("320106", "宁海路社区", "Ninghai Lu Shequ", "urban"),
    ("320106", "凤凰街社区", "Fenghuang Jie Shequ", "urban"),
    ("320106", "湖南路社区", "Hunan Lu Shequ", "urban"),
    ("320106", "挹江门社区", "Yijiangmen Shequ", "urban"),
    ("630103", "南大街社区", "Nan Dajie Shequ", "urban"),
    ("630103", "饮马街社区", "Yinma Jie Shequ", "urban"),
    ("360121", "莲塘村", "Liantang Cun", "rural"),
    ("360121", "向塘村", "Xiangtang Cun", "rural"),
    ("630121", "桥头村", "Qiaotou Cun", "rural"),
]

# (Chinese name, English name, legal form, county code, community or None, service areas,
#  beneficiary groups, growth stage, public, founded, full-time staff, volunteers)
ORGANIZATIONS = [
    (
        "青海省社会工作协会",
        "Qinghai Association of Social Works",
        SG,
        "630103",
        None,
        ["capacity_building", "community_services"],
        ["ngos", "community_residents"],
        "mature",
        True,
        2009,
        12,
        80,
    ),
    (
        "甘肃兴邦社会工作服务中心",
        "Gansu XingBang Social Work Serving Center",
        SSO,
        "620102",
        None,
        ["community_services", "elderly_care"],
        ["elderly", "low_income"],
        "growing",
        True,
        2012,
        9,
        60,
    ),
    (
        "巴迪基金会",
        "Badi Foundation",
        FDN,
        "820000",
        None,
        ["capacity_building", "education"],
        ["ngos", "youth"],
        "mature",
        True,
        1990,
        30,
        100,
    ),
    (
        "爱德基金会",
        "Amity Foundation",
        FDN,
        "320102",
        None,
        ["capacity_building", "poverty_alleviation", "disaster_relief"],
        ["ngos", "low_income"],
        "mature",
        True,
        1985,
        120,
        500,
    ),
    (
        "中国国际民间组织合作促进会",
        "China Association for NGO Cooperation",
        SG,
        "110101",
        None,
        ["capacity_building"],
        ["ngos"],
        "mature",
        True,
        1992,
        40,
        50,
    ),
    (
        "江西省慈善总会",
        "Jiangxi Charity Federation",
        SG,
        "360102",
        None,
        ["poverty_alleviation", "disaster_relief"],
        ["low_income", "dire_poverty"],
        "mature",
        True,
        1995,
        25,
        300,
    ),
    (
        "中国扶贫基金会",
        "China Foundation for Poverty Alleviation",
        FDN,
        "110102",
        None,
        ["poverty_alleviation", "rural_revitalization"],
        ["dire_poverty", "left_behind"],
        "mature",
        True,
        1989,
        200,
        1000,
    ),
    (
        "南昌市鄱阳商会",
        "Nanchang Poyang Chamber of Commerce",
        SG,
        "360102",
        None,
        ["rural_revitalization", "poverty_alleviation"],
        ["low_income"],
        "growing",
        True,
        2015,
        6,
        20,
    ),
    (
        "宁夏银川市兴庆区助老服务中心",
        "Xingqing Elderly Support Center",
        SSO,
        "640104",
        None,
        ["elderly_care"],
        ["elderly", "empty_nesters"],
        "start_up",
        False,
        2018,
        4,
        30,
    ),
    (
        "山西太原市小店区儿童之家",
        "Xiaodian Children's Home",
        SSO,
        "140105",
        None,
        ["child_welfare"],
        ["children_in_difficulty", "left_behind"],
        "start_up",
        True,
        2019,
        3,
        25,
    ),
    (
        "南京市鼓楼区养老服务中心",
        "Gulou Elderly Care Service Center",
        SSO,
        "320106",
        "宁海路社区",
        ["elderly_care", "community_services"],
        ["elderly", "empty_nesters"],
        "growing",
        True,
        2016,
        8,
        40,
    ),
    (
        "赣州市章贡区百团助困志愿者协会",
        "Zhanggong Hundred Groups Volunteer Association",
        SG,
        "360702",
        None,
        ["volunteering", "poverty_alleviation"],
        ["low_income"],
        "growing",
        True,
        2020,
        2,
        150,
    ),
    (
        "吉安市吉州区乡村振兴促进会",
        "Jizhou Rural Revitalization Association",
        SG,
        "360802",
        None,
        ["rural_revitalization"],
        ["left_behind", "low_income"],
        "start_up",
        False,
        2021,
        3,
        35,
    ),
    (
        "萍乡市安源区快乐儿童小屋服务社",
        "Anyuan Happy Children's Cabin",
        SSO,
        "360302",
        None,
        ["child_welfare", "education"],
        ["children_in_difficulty"],
        "start_up",
        True,
        2021,
        2,
        18,
    ),
]

# Community groups that make the coverage view meaningful:
# (community, count, service words, group word).
COMMUNITY_GROUPS = [
    (
        "宁海路社区",
        10,
        ["助老", "读书", "邻里互助", "手工", "合唱", "调解", "环保", "健身", "书法", "亲子"],
        "队",
    ),
    ("凤凰街社区", 6, ["助老", "邻里互助", "太极", "环保", "四点半课堂", "志愿者"], "队"),
    ("湖南路社区", 3, ["助老", "读书", "环保"], "会"),
    ("南大街社区", 4, ["助老", "邻里互助", "合唱", "助残"], "队"),
    ("莲塘村", 5, ["互助养老", "留守儿童关爱", "乡贤", "文艺", "农技"], "会"),
    ("向塘村", 2, ["互助养老", "文艺"], "会"),
    ("桥头村", 1, ["互助养老"], "会"),
]


def _credit_code(division: str, serial: int, authority_type: str) -> str:
    first17 = f"{authority_type}{division}{serial:09d}"
    return first17 + check_character(first17)


def _authority_type(legal_form: str) -> str:
    # First two characters of GB 32100: 5 = civil affairs; 1 social group, 2 foundation, 9 other.
    return {SG: "51", FDN: "52", SSO: "52"}.get(legal_form, "59")


def seed_communities() -> dict[str, Community]:
    regions = Region.objects.in_bulk([code for code, *_ in COMMUNITIES], field_name="code")
    communities = {}
    for code, name_zh, name_en, area_type in COMMUNITIES:
        communities[name_zh], _ = Community.objects.update_or_create(
            region=regions[code],
            name_zh=name_zh,
            defaults={"name_en": name_en, "area_type": area_type},
        )
    return communities


def _save(data: dict, *, lookup: dict) -> Organization:
    """Create or refresh one organization through the rules every other path applies."""
    organization = Organization.objects.filter(**lookup).first() or Organization(**lookup)
    for field, value in data.items():
        setattr(organization, field, value)
    organization_derive_fields(organization)
    organization_validate(organization)
    organization.save()
    return organization


def seed_organizations(*, owner) -> int:
    """Create or refresh the demo organizations; `owner` owns Gansu XingBang (Ma Yusheng's)."""
    communities = seed_communities()
    codes = {row[3] for row in ORGANIZATIONS}
    regions = Region.objects.in_bulk(codes, field_name="code")
    for serial, row in enumerate(ORGANIZATIONS, start=1):
        (
            name_zh,
            name_en,
            form,
            code,
            community,
            areas,
            groups,
            stage,
            public,
            founded,
            staff,
            vols,
        ) = row
        organization = _save(
            {
                "name_zh": name_zh,
                "name_en": name_en,
                "legal_form": form,
                "region": regions[code],
                "community": communities.get(community),
                "service_areas": areas,
                "beneficiary_groups": groups,
                "growth_stage": stage,
                "is_public": public,
                "founded_year": founded,
                "staff_full_time": staff,
                "volunteers": vols,
                "area_type": "urban",
                "credit_code": _credit_code(code, serial, _authority_type(form)),
            },
            lookup={"name_zh": name_zh},
        )
        if name_en.startswith("Gansu XingBang"):
            OrganizationMembership.objects.update_or_create(
                organization=organization,
                user=owner,
                defaults={
                    "role": OrganizationMembership.Role.OWNER,
                    "state": OrganizationMembership.State.ACTIVE,
                },
            )
    return len(ORGANIZATIONS) + _seed_community_groups(communities)


def _seed_community_groups(communities) -> int:
    count = 0
    for community_name, number, words, suffix in COMMUNITY_GROUPS:
        community = communities[community_name]
        for word in words[:number]:
            _save(
                {
                    "legal_form": CG,
                    "region": community.region,
                    "community": community,
                    "growth_stage": "start_up",
                    "service_areas": ["community_services"],
                    "beneficiary_groups": ["community_residents"],
                    "name_zh": f"{community_name}{word}志愿服务{suffix}",
                },
                lookup={"name_zh": f"{community_name}{word}志愿服务{suffix}"},
            )
            count += 1
    return count
