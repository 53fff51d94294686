"""The Jiangxi civil-affairs figures of the seed document as campaigns and their participations."""

from decimal import Decimal

from ngo_portal.models import Center, Region

from ..models import Campaign, CampaignParticipation
from .rounds import organization_named

SEED_JIANGXI = "Jiangxi Civil Affairs Department, “Local NGOs benefit from three measures”"
SEED_JIANGXI_ZH = "江西省民政厅：《三项举措惠及本地社会组织》"

CAMPAIGNS = [
    (
        "September 9th – Charity Festival",
        "九九公益日",
        "360000",
        "Jiangxi's online giving days: the province raised 9.89 million yuan from more than "
        "210,000 donors.",
        "江西省的网络公益日：全省21万余名捐赠人共捐款989万元。",
    ),
    (
        "Rural revitalisation in Jiangxi",
        "江西乡村振兴",
        "360000",
        "NGOs mobilised by the cities of Jiangxi to take part in rural revitalisation and poverty "
        "alleviation projects.",
        "江西各市动员社会组织参与乡村振兴和扶贫项目。",
    ),
    (
        "One Hundred Groups for One Thousand Difficulties",
        "百团千难",
        "360700",
        "NGOs in the countryside solving people's daily difficulties during epidemic prevention.",
        "农村社会组织在疫情防控期间帮助群众解决日常困难。",
    ),
    (
        "Happy Children's Cabin",
        "快乐儿童小屋",
        "360000",
        "Cabins for children in difficulty.",
        "为困境儿童建设的小屋。",
    ),
]

# (campaign, region code, organization name or None, organizations, projects, CNY, donors,
#  (note, note in Chinese))
PARTICIPATIONS = [
    (
        "September 9th – Charity Festival",
        "360000",
        None,
        None,
        None,
        9_890_000,
        210_000,
        ("Jiangxi Province", "江西省"),
    ),
    (
        "Rural revitalisation in Jiangxi",
        "360100",
        None,
        121,
        139,
        27_540_000,
        None,
        ("Nanchang", "南昌市"),
    ),
    (
        "Rural revitalisation in Jiangxi",
        "360300",
        None,
        350,
        401,
        45_000_000,
        None,
        ("Pingxiang", "萍乡市"),
    ),
    ("Rural revitalisation in Jiangxi", "360800", None, 116, None, None, None, ("Ji'an", "吉安市")),
    (
        "One Hundred Groups for One Thousand Difficulties",
        "360702",
        "赣州市章贡区百团助困志愿者协会",
        None,
        None,
        None,
        None,
        ("", ""),
    ),
    (
        "Happy Children's Cabin",
        "360302",
        "萍乡市安源区快乐儿童小屋服务社",
        None,
        None,
        None,
        None,
        ("", ""),
    ),
]


def seed_campaigns() -> int:
    center = Center.objects.get(slug="cango")
    regions = Region.objects.in_bulk(
        {row[2] for row in CAMPAIGNS} | {row[1] for row in PARTICIPATIONS}, field_name="code"
    )
    campaigns = {}
    for name, name_zh, code, description, description_zh in CAMPAIGNS:
        campaigns[name], _created = Campaign.objects.update_or_create(
            name=name,
            center=center,
            defaults={
                "name_zh": name_zh,
                "region": regions.get(code),
                "description": description,
                "description_zh": description_zh,
                "source": SEED_JIANGXI,
                "source_zh": SEED_JIANGXI_ZH,
            },
        )
    for name, code, organization, count, projects, raised, donors, notes in PARTICIPATIONS:
        lookup = {"campaign": campaigns[name]}
        if organization:
            lookup["organization"] = organization_named(organization)
            if lookup["organization"] is None:
                continue
        else:
            lookup |= {"organization": None, "region": regions.get(code)}
        CampaignParticipation.objects.update_or_create(
            **lookup,
            defaults={
                "region": regions.get(code),
                "organization_count": count,
                "projects": projects,
                "funds_raised": Decimal(raised) if raised is not None else None,
                "donors": donors,
                "note": notes[0],
                "note_zh": notes[1],
            },
        )
    return len(campaigns)
