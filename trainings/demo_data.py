"""Demo trainings drawn from the CANGO seed (seeds/001): the "Promoting NGO Development" project's
nine regional sessions, and its first one as it happened.

The Xining session (25-27 June 2014) was hosted by the Qinghai Association of Social Works;
Zhou Peng of the Badi Foundation trained; Lai Yingcai (the Association's chairman) and Ma
Yusheng (director of Gansu XingBang) gave case studies; 35 trainees came from 32 NGOs of four
provinces. The seed names them "Qinghai, Gansu, Ningxia, Shanxi": in a north-west regional
training the fourth is most likely Shaanxi (陕西, code 61), the north-west province next to Gansu
and Ningxia, which English texts often spell "Shanxi" like its eastern neighbour 山西; the demo
uses Shaanxi. The organizations other than the three the seed names, the trainees' names and
the plans are made up; the later sessions' dates follow the seed's schedule (north-west, then
south-west, then central China) and are illustrative.

History is recorded as it happened: the registrations, attendance and follow-up of 2014 are
written directly (the services refuse registering after the window closed), and the session's
seat count is then taken from its rows.
"""

import datetime

from django.utils import timezone

from ngo_portal.models import Center, Region
from organizations.credit_code import check_character
from organizations.models import Organization
from organizations.rules import organization_derive_fields, organization_validate
from organizations.vocabularies import LegalForm

from .filters import topic_choices
from .models import (
    ActionPlan,
    Attendance,
    CascadeTraining,
    Evaluation,
    FollowUp,
    FollowUpResponse,
    Registration,
    Trainer,
    TrainingProgram,
    TrainingSession,
)
from .services.registration import sessions_recount

PROGRAM = {
    "title": (
        "Promoting NGO Development – Enhance Policy Advocacy and Improve NGO Professionalism"
    ),
    "title_zh": "促进社会组织发展——加强政策倡导，提升专业化水平",
    "description": (
        "Nine regional trainings in three regions. Core organizations are trained first and pass "
        "the knowledge on to local NGOs through trainings of their own, building regional "
        "capacity-building networks. Each session has a follow-up about six months later."
    ),
    "description_zh": (
        "在三个区域开展九期区域培训。先培训区域骨干组织，再由其自行组织培训，把知识传递给本地社会组织，"
        "逐步建立区域能力建设网络。每期培训约六个月后开展一次跟进活动。"
    ),
    "planned_sessions": 9,
}
XINING = {
    "title": "Regional training on NGO professionalism for North West China",
    "title_zh": "西北地区社会组织专业化区域培训",
    "description": (
        "The main subject is NGO internal management. Capacity improving is the core objective: "
        "knowledge's generation, application and expansion; building a conceptual framework; "
        "identifying and developing human resources; a modest learning attitude. Participatory "
        "methods: group discussion, case analysis and role-play."
    ),
    "description_zh": (
        "培训主题为社会组织内部管理，核心目标是能力提升：知识的产生、应用与拓展；建立概念框架；"
        "人力资源的识别与发展；谦虚的学习态度。全程采用参与式方法：小组讨论、案例分析和角色扮演。"
    ),
    "venue": "",
}
# (number, English title, Chinese title, city code, first day, days)
LATER_SESSIONS = [
    (2, "North West China: Lanzhou", "西北地区：兰州", "620100", datetime.date(2014, 10, 15), 3),
    (3, "North West China: Yinchuan", "西北地区：银川", "640100", datetime.date(2015, 4, 22), 3),
    (4, "South West China: Kunming", "西南地区：昆明", "530100", datetime.date(2015, 6, 10), 3),
    (5, "South West China: Chengdu", "西南地区：成都", "510100", datetime.date(2015, 9, 16), 3),
    (6, "South West China: Guiyang", "西南地区：贵阳", "520100", datetime.date(2015, 11, 18), 3),
    (7, "Central China: Wuhan", "华中地区：武汉", "420100", datetime.date(2016, 3, 23), 3),
    (8, "Central China: Changsha", "华中地区：长沙", "430100", datetime.date(2016, 5, 18), 3),
    (9, "Central China: Zhengzhou", "华中地区：郑州", "410100", datetime.date(2016, 9, 21), 3),
]

SG, SSO, FDN = LegalForm.SOCIAL_GROUP, LegalForm.SOCIAL_SERVICE_ORGANIZATION, LegalForm.FOUNDATION
# The three the seed names already exist (organizations' demo data); the Shaanxi ones and the
# rest are made up. (Chinese name, English name, legal form, county code, participants)
HOST = "青海省社会工作协会"
NAMED = [(HOST, 2), ("甘肃兴邦社会工作服务中心", 2), ("宁夏银川市兴庆区助老服务中心", 1)]
PARTICIPANT_ORGANIZATIONS = [
    ("西宁市城东区社区发展服务中心", "Chengdong Community Development Center", SSO, "630102", 1),
    ("西宁市城西区青少年社会工作服务中心", "Chengxi Youth Social Work Center", SSO, "630104", 1),
    ("西宁市城北区助残服务中心", "Chengbei Disability Services Center", SSO, "630105", 1),
    ("青海省青年志愿者协会", "Qinghai Youth Volunteers Association", SG, "630103", 1),
    ("大通县农村妇女发展协会", "Datong Rural Women's Development Association", SG, "630121", 1),
    ("格尔木市环境保护志愿者协会", "Golmud Environmental Volunteers Association", SG, "632801", 1),
    ("青海省三江源生态保护协会", "Qinghai Sanjiangyuan Ecology Association", SG, "630103", 1),
    ("西宁市城中区养老服务中心", "Chengzhong Elderly Care Center", SSO, "630103", 1),
    ("青海省扶贫开发协会", "Qinghai Poverty Alleviation Association", SG, "630102", 1),
    ("西宁市儿童福利服务中心", "Xining Child Welfare Service Center", SSO, "630104", 1),
    ("青海省慈善基金会", "Qinghai Charity Foundation", FDN, "630103", 1),
    ("兰州市城关区社区服务中心", "Chengguan Community Service Center", SSO, "620102", 1),
    ("兰州市七里河区青少年发展中心", "Qilihe Youth Development Center", SSO, "620103", 1),
    ("兰州市西固区环保志愿者协会", "Xigu Environmental Volunteers Association", SG, "620104", 1),
    ("兰州市安宁区助老服务社", "Anning Elderly Support Service", SSO, "620105", 1),
    ("白银市白银区妇女儿童发展中心", "Baiyin Women and Children Center", SSO, "620402", 1),
    ("天水市秦州区农村发展协会", "Qinzhou Rural Development Association", SG, "620502", 2),
    ("甘肃省社会工作协会", "Gansu Association of Social Work", SG, "620102", 1),
    ("甘肃省扶贫基金会", "Gansu Poverty Alleviation Foundation", FDN, "620102", 1),
    ("银川市西夏区社区服务中心", "Xixia Community Service Center", SSO, "640105", 1),
    ("银川市金凤区青少年社会工作中心", "Jinfeng Youth Social Work Center", SSO, "640106", 1),
    ("吴忠市利通区农村妇女协会", "Litong Rural Women's Association", SG, "640302", 1),
    ("固原市原州区扶贫互助协会", "Yuanzhou Mutual Aid Association", SG, "640402", 1),
    ("宁夏社会工作协会", "Ningxia Association of Social Work", SG, "640104", 1),
    ("宁夏回族自治区慈善基金会", "Ningxia Charity Foundation", FDN, "640104", 1),
    ("西安市新城区社区发展中心", "Xincheng Community Development Center", SSO, "610102", 1),
    ("西安市碑林区助残服务中心", "Beilin Disability Services Center", SSO, "610103", 1),
    ("西安市雁塔区公益发展中心", "Yanta Philanthropy Development Center", SSO, "610113", 1),
    ("榆林市榆阳区环保协会", "Yuyang Environmental Association", SG, "610802", 1),
]
# Local organizations the core ones trained in turn (the cascade), all made up.
LOCAL_ORGANIZATIONS = [
    ("大通县桥头镇互助养老服务队", "Qiaotou Mutual Elderly Care Team", SSO, "630121"),
    ("西宁市城中区南大街社区志愿服务队", "Nandajie Community Volunteers", SSO, "630103"),
    ("湟中县农村发展服务社", "Huangzhong Rural Development Service", SSO, "630121"),
    ("兰州市城关区社区互助会", "Chengguan Mutual Help Association", SG, "620102"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
GIVEN = ["明", "静", "丽", "强", "芳", "伟", "娟", "勇", "艳", "杰", "敏", "军", "霞", "涛", "秀英"]
POSITIONS = ["主任", "项目官员", "秘书长", "社工", "项目主管", "副主任"]


def _credit_code(division: str, serial: int, legal_form: str) -> str:
    first17 = f"{'52' if legal_form != SG else '51'}{division}{7000 + serial:09d}"
    return first17 + check_character(first17)


def _organization(name_zh, name_en, legal_form, code, serial, regions) -> Organization:
    """Create or refresh one organization through the rules every other path applies."""
    organization = Organization.objects.filter(name_zh=name_zh).first()
    if organization is not None:
        return organization
    organization = Organization(
        name_zh=name_zh,
        name_en=name_en,
        legal_form=legal_form,
        region=regions.get(code),
        credit_code=_credit_code(code, serial, legal_form),
        is_public=True,
    )
    organization_derive_fields(organization)
    organization_validate(organization)
    organization.save()
    return organization


def _trainers() -> tuple[list[Trainer], list[Trainer]]:
    badi = Organization.objects.filter(name_zh="巴迪基金会").first()
    host = Organization.objects.filter(name_zh=HOST).first()
    xingbang = Organization.objects.filter(name_zh="甘肃兴邦社会工作服务中心").first()
    rows = [
        ("Zhou Peng", "Senior project officer", "巴迪基金会高级项目官员", badi, "Badi Foundation"),
        ("Lai Yingcai", "Chairman", "会长", host, "Qinghai Association of Social Works"),
        ("Ma Yusheng", "Director", "主任", xingbang, "Gansu XingBang Social Work Serving Center"),
    ]
    people = []
    for name, position, position_zh, organization, affiliation in rows:
        trainer, _created = Trainer.objects.update_or_create(
            name=name,
            defaults={
                "name_en": name,
                "position": position,
                "position_zh": position_zh,
                "organization": organization,
                "affiliation": "" if organization else affiliation,
            },
        )
        people.append(trainer)
    return people[:1], people[1:]


def _topics() -> list[str]:
    """Internal management's areas, where the capacity framework has them."""
    wanted = ("governance", "human_resources", "project_management", "monitoring_evaluation")
    known = {key for key, _name in topic_choices()}
    return [key for key in wanted if key in known]


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _session(program, center, number, values, region, starts, days, status) -> TrainingSession:
    ends = starts + datetime.timedelta(days=days - 1)
    defaults = {
        **values,
        "center": center,
        "region": region,
        "region_code": region.code,
        "starts_on": starts,
        "ends_on": ends,
        "capacity": 35,
        "per_organization_cap": 2,
        "registration_opens": _aware(starts - datetime.timedelta(days=45)),
        "registration_closes": _aware(starts - datetime.timedelta(days=5), 18),
        "status": status,
        "topics": _topics(),
    }
    session, _created = TrainingSession.objects.update_or_create(
        program=program, number=number, defaults=defaults
    )
    return session


def _participants(session, organizations) -> list[Registration]:
    registrations = []
    serial = 0
    for organization, count in organizations:
        for _n in range(count):
            name = SURNAMES[serial % len(SURNAMES)] + GIVEN[(serial * 7) % len(GIVEN)]
            registration, _created = Registration.objects.update_or_create(
                session=session,
                email=f"xining2014.{serial + 1:02d}@example.org",
                defaults={
                    "organization": organization,
                    "name": name,
                    "position": POSITIONS[serial % len(POSITIONS)],
                    "gender": "female" if serial % 2 else "male",
                    "language": "zh-hans",
                    "status": Registration.Status.CONFIRMED,
                    "confirmed_at": session.registration_closes,
                },
            )
            registrations.append(registration)
            serial += 1
    return registrations


def _attendance(session, registrations) -> None:
    for index, registration in enumerate(registrations):
        # Two trainees missed the last day (illustrative).
        days = session.days[:-1] if index in (7, 21) else session.days
        for day in days:
            Attendance.objects.get_or_create(registration=registration, day=day)


def _plans_and_follow_up(session, registrations) -> None:
    first, second = registrations[0], registrations[2]
    plans = [
        (first, ActionPlan.Kind.INDIVIDUAL, "建立机构志愿者管理制度", "done"),
        (second, ActionPlan.Kind.INDIVIDUAL, "完成一次项目监测与评估", "in_progress"),
        (first, ActionPlan.Kind.GROUP, "在青海组织一次本地社会组织培训，传递区域培训内容", "done"),
    ]
    for registration, kind, goal, status in plans:
        ActionPlan.objects.update_or_create(
            session=session,
            organization=registration.organization,
            goal=goal,
            defaults={
                "registration": registration if kind == ActionPlan.Kind.INDIVIDUAL else None,
                "kind": kind,
                "owner": registration.name,
                "due_on": datetime.date(2014, 12, 15),
                "status": status,
            },
        )
    follow_up, _created = FollowUp.objects.update_or_create(
        session=session,
        defaults={"due_on": datetime.date(2014, 12, 27), "notes": "经验分享与评估"},
    )
    for index, registration in enumerate(registrations):
        Evaluation.objects.get_or_create(
            registration=registration,
            defaults={"overall": 5 - index % 2, "content": 4 + index % 2, "trainer": 5},
        )
        if index < 24:
            FollowUpResponse.objects.get_or_create(
                follow_up=follow_up,
                registration=registration,
                defaults={
                    "progress": "在机构内部分享了培训内容，修订了人力资源管理制度。",
                    "shared_with": 8,
                },
            )


def _cascade(session, regions) -> None:
    host = Organization.objects.get(name_zh=HOST)
    local = [
        _organization(name_zh, name_en, form, code, 100 + n, regions)
        for n, (name_zh, name_en, form, code) in enumerate(LOCAL_ORGANIZATIONS)
    ]
    first, _created = CascadeTraining.objects.update_or_create(
        session=session,
        organization=host,
        parent=None,
        defaults={
            "held_on": datetime.date(2014, 9, 20),
            "place": "西宁",
            "people_trained": 28,
            "level": 1,
        },
    )
    first.organizations_reached.set(local[:3])
    second, _created = CascadeTraining.objects.update_or_create(
        session=session,
        organization=local[0],
        parent=first,
        defaults={
            "held_on": datetime.date(2014, 11, 8),
            "place": "大通县",
            "people_trained": 15,
            "level": 2,
        },
    )
    # Reached again (already reached by the first): counted once in the totals.
    second.organizations_reached.set([local[2], local[3]])


def _upcoming(region) -> TrainingSession:
    """A session open for registration a month from now, so the calendar and the home page
    have something to offer (not from the seeds)."""
    starts = timezone.localdate() + datetime.timedelta(days=30)
    session = TrainingSession.objects.filter(
        center__slug="amity-ndc", title="Financial management for growing NGOs"
    ).first() or TrainingSession(center=Center.objects.get(slug="amity-ndc"))
    values = {
        "title": "Financial management for growing NGOs",
        "title_zh": "成长期社会组织财务管理培训",
        "region": region,
        "region_code": region.code,
        "venue": "Amity NGO Development Center, Nanjing",
        "starts_on": starts,
        "ends_on": starts + datetime.timedelta(days=1),
        "capacity": 30,
        "per_organization_cap": 3,
        "registration_opens": timezone.now() - datetime.timedelta(days=1),
        "registration_closes": _aware(starts - datetime.timedelta(days=3), 18),
        "status": TrainingSession.Status.PUBLISHED,
    }
    for field, value in values.items():
        setattr(session, field, value)
    session.save()
    return session


def seed_trainings(*, logins) -> str:
    """Create or refresh the demo program, its sessions and the Xining session's people."""
    cango = Center.objects.get(slug="cango")
    codes = {row[3] for row in PARTICIPANT_ORGANIZATIONS + LOCAL_ORGANIZATIONS}
    codes |= {"630100", "320100"} | {row[3] for row in LATER_SESSIONS}
    regions = Region.objects.in_bulk(codes, field_name="code")
    cities = {"630100", "320100"} | {row[3] for row in LATER_SESSIONS}
    if not cities <= set(regions):
        return "Demo trainings skipped: load the regions first (manage.py load_regions)."
    program, _created = TrainingProgram.objects.update_or_create(
        center=cango, title=PROGRAM["title"], defaults=PROGRAM
    )
    xining = _session(
        program, cango, 1, XINING, regions["630100"], datetime.date(2014, 6, 25), 3, "completed"
    )
    xining.host_organization = Organization.objects.filter(name_zh=HOST).first()
    xining.save(update_fields=["host_organization"])
    trainers, speakers = _trainers()
    xining.trainers.set(trainers)
    xining.speakers.set(speakers)
    for number, title, title_zh, code, starts, days in LATER_SESSIONS:
        values = {"title": title, "title_zh": title_zh, "venue": ""}
        _session(program, cango, number, values, regions[code], starts, days, "completed")
    named = [(Organization.objects.get(name_zh=name), count) for name, count in NAMED]
    made = [
        (_organization(name_zh, name_en, form, code, n, regions), count)
        for n, (name_zh, name_en, form, code, count) in enumerate(PARTICIPANT_ORGANIZATIONS)
    ]
    registrations = _participants(xining, named + made)
    _attendance(xining, registrations)
    _plans_and_follow_up(xining, registrations)
    _cascade(xining, regions)
    _upcoming(regions["320100"])
    sessions_recount()
    return (
        f"Training program with {program.sessions.count()} sessions; Xining 2014: "
        f"{len(registrations)} participants from {len(named) + len(made)} organizations."
    )
