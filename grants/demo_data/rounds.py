"""Funds of each source type, an open round and a decided one, with their applications,
reviews and awards."""

import datetime
from decimal import Decimal

from django.utils import timezone

from ngo_portal.models import Center
from organizations.models import Organization
from organizations.vocabularies import LegalForm

from ..models import (
    Award,
    BudgetLine,
    CriterionScore,
    Disbursement,
    Fund,
    FundingRound,
    GrantApplication,
    GrantReport,
    Review,
    ReviewAssignment,
    ReviewCriterion,
)
from ..rules import average_of, weighted_score

ST = Fund.SourceType

FUNDS = [
    (
        ST.INCUBATION,
        "Amity NGO Incubation Fund",
        "爱德社会组织孵化基金",
        "Amity Foundation",
        2_000_000,
    ),
    (
        ST.GOVERNMENT_PROCUREMENT,
        "Community services procurement",
        "社区服务政府购买",
        "Nanjing Civil Affairs Bureau",
        5_000_000,
    ),
    (
        ST.WELFARE_LOTTERY,
        "Welfare-lottery public-welfare fund",
        "福利彩票公益金",
        "Jiangsu Civil Affairs Department",
        3_000_000,
    ),
    (
        ST.FOUNDATION,
        "Six-county economic development",
        "六县经济发展项目",
        "China Foundation for Poverty Alleviation",
        1_500_000,
    ),
    (ST.CORPORATE, "Corporate community partners", "企业社区伙伴计划", "", 800_000),
    (
        ST.CAMPAIGN,
        "September 9th – Charity Festival matching",
        "九九公益日配捐",
        "Jiangxi Charity Federation",
        1_000_000,
    ),
    (
        ST.INTERNATIONAL,
        "Social entrepreneurship exchange",
        "社会创业交流项目",
        "Global Links Initiative",
        300_000,
    ),
]

CRITERIA = [
    ("Need and beneficiaries", "需求与受益人", 3),
    ("Feasibility and plan", "可行性与计划", 2),
    ("Budget and value for money", "预算合理性", 2),
    ("Organizational capacity", "机构能力", 1),
]


FUNDERS_ZH = {
    "Amity Foundation": "爱德基金会",
    "Nanjing Civil Affairs Bureau": "南京市民政局",
    "Jiangsu Civil Affairs Department": "江苏省民政厅",
    "China Foundation for Poverty Alleviation": "中国扶贫基金会",
    "Jiangxi Charity Federation": "江西省慈善总会",
    "Global Links Initiative": "全球联系倡议（GLI）",
}


def _fund(center, source, name, name_zh, funder, budget) -> Fund:
    fund, _created = Fund.objects.update_or_create(
        center=center,
        name=name,
        defaults={
            "name_zh": name_zh,
            "source_type": source,
            "funder": funder,
            "funder_zh": FUNDERS_ZH.get(funder, ""),
            "budget": Decimal(budget),
        },
    )
    return fund


def _round(fund, *, title, **fields) -> FundingRound:
    funding_round, _created = FundingRound.objects.update_or_create(
        fund=fund,
        title=title,
        defaults={**fields, "center_id": fund.center_id, "is_published": True},
    )
    for order, (name, name_zh, weight) in enumerate(CRITERIA):
        ReviewCriterion.objects.update_or_create(
            round=funding_round,
            name=name,
            defaults={"name_zh": name_zh, "weight": weight, "order": order},
        )
    return funding_round


def organization_named(name_zh) -> Organization | None:
    return Organization.objects.filter(name_zh=name_zh).first()


# (organization, title, requested lines [(category, amount, justification)], scores, outcome)
DECIDED = [
    (
        "甘肃兴邦社会工作服务中心",
        "Home visits for empty-nest elders",
        [("staff", 30000, "Two part-time social workers"), ("activities", 20000, "Visits")],
        [5, 4, 4, 4],
        ("approved", Decimal("50000")),
    ),
    (
        "南京市鼓楼区养老服务中心",
        "Neighbourhood meal service",
        [("activities", 40000, "Meals for 60 elders"), ("equipment", 20000, "Kitchen")],
        [4, 4, 3, 4],
        ("approved", Decimal("60000")),
    ),
    (
        "山西太原市小店区儿童之家",
        "After-school reading corner",
        [("equipment", 15000, "Books and shelves")],
        [2, 2, 3, 2],
        ("rejected", "The plan does not yet say who will run the corner after the first term."),
    ),
]

OPEN = [
    (
        "南京市鼓楼区养老服务中心",
        "Day care for elders with dementia",
        [("staff", 60000, "A trained carer"), ("training", 20000, "Family carers' course")],
    ),
    (
        "宁夏银川市兴庆区助老服务中心",
        "Mutual-help groups of elders",
        [("activities", 35000, "Monthly meetings"), ("travel", 5000, "Volunteers' transport")],
    ),
]


def _application(funding_round, name_zh, title, lines, creator, status, submitted):
    organization = organization_named(name_zh)
    if organization is None:
        return None
    application, _created = GrantApplication.objects.update_or_create(
        round=funding_round,
        organization=organization,
        defaults={
            "title": title,
            "summary": f"{title}.",
            "objectives": title,
            "beneficiaries": "Elderly people and children of the community.",
            "region": organization.region,
            "starts_on": funding_round.closes_on + datetime.timedelta(days=30),
            "ends_on": funding_round.closes_on + datetime.timedelta(days=395),
            "status": status,
            "submitted_at": submitted,
            "created_by": creator,
        },
    )
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, category=c, amount=Decimal(a), justification=j, order=i)
        for i, (c, a, j) in enumerate(lines)
    )
    application.requested_total = sum((Decimal(a) for _c, a, _j in lines), Decimal(0))
    application.save(update_fields=["requested_total"])
    return application


def _review(application, reviewer, officer, values, recommendation):
    assignment, _created = ReviewAssignment.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"status": ReviewAssignment.Status.COMPLETED, "assigned_by": officer},
    )
    criteria = list(application.round.criteria.all())
    score = weighted_score([(v, c.weight) for v, c in zip(values, criteria, strict=True)])
    review, _created = Review.objects.update_or_create(
        assignment=assignment,
        defaults={
            "application": application,
            "recommendation": recommendation,
            "weighted_score": score,
            "comment": "",
        },
    )
    review.scores.all().delete()
    CriterionScore.objects.bulk_create(
        CriterionScore(review=review, criterion=c, score=v)
        for v, c in zip(values, criteria, strict=True)
    )
    application.review_count, application.average_score = 1, average_of([score])
    application.save(update_fields=["review_count", "average_score"])


def _decided_round_applications(funding_round, reviewer, officer, owner, today):
    submitted = timezone.now() - datetime.timedelta(days=125)
    for name_zh, title, lines, scores, (outcome, detail) in DECIDED:
        creator = owner if name_zh == "甘肃兴邦社会工作服务中心" else officer
        application = _application(
            funding_round, name_zh, title, lines, creator, outcome, submitted
        )
        if application is None:
            continue
        _review(application, reviewer, officer, scores, "yes" if outcome == "approved" else "no")
        application.decided_by, application.decided_at = officer, submitted
        application.decision_reason = detail if outcome == "rejected" else ""
        application.save(update_fields=["decided_by", "decided_at", "decision_reason"])
        if outcome == "approved":
            _award(application, detail, today)


def _award(application, amount, today):
    award, _created = Award.objects.update_or_create(
        application=application,
        defaults={
            "round": application.round,
            "amount": amount,
            "agreement_date": today - datetime.timedelta(days=100),
        },
    )
    half = (amount / 2).quantize(Decimal("0.01"))
    award.disbursements.all().delete()
    Disbursement.objects.bulk_create(
        [
            Disbursement(
                award=award,
                amount=half,
                planned_on=today - datetime.timedelta(days=95),
                paid_on=today - datetime.timedelta(days=93),
            ),
            Disbursement(
                award=award, amount=amount - half, planned_on=today + datetime.timedelta(days=60)
            ),
        ]
    )
    # Staff may have required more reports of a kind since: the demo adds its own only once.
    for kind, days in ((GrantReport.Kind.INTERIM, 5), (GrantReport.Kind.FINAL, 270)):
        if not award.reports.filter(kind=kind).exists():
            GrantReport.objects.create(
                award=award, kind=kind, due_on=today + datetime.timedelta(days=days)
            )


def _open_round_applications(funding_round, reviewer, officer, owner, today):
    submitted = timezone.now() - datetime.timedelta(days=3)
    for name_zh, title, lines in OPEN:
        application = _application(
            funding_round, name_zh, title, lines, officer, "submitted", submitted
        )
        if application is not None:
            ReviewAssignment.objects.get_or_create(
                application=application,
                reviewer=reviewer,
                defaults={"status": ReviewAssignment.Status.ASSIGNED, "assigned_by": officer},
            )


# (English name, Chinese name, region code, description)


def seed_funds_and_rounds(*, logins, today) -> int:
    """The funds at the Amity center, the two rounds and their applications; the number of
    funds."""
    center = Center.objects.get(slug="amity-ndc")
    funds = {row[0]: _fund(center, *row) for row in FUNDS}
    open_round = _round(
        funds[ST.GOVERNMENT_PROCUREMENT],
        title="Community elderly and child services 2026",
        title_zh="2026年社区养老与儿童服务项目",
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=30),
        budget=Decimal("600000"),
        min_award=Decimal("20000"),
        max_award=Decimal("150000"),
        eligible_legal_forms=[LegalForm.SOCIAL_SERVICE_ORGANIZATION, LegalForm.SOCIAL_GROUP],
        registered_only=True,
    )
    decided_round = _round(
        funds[ST.INCUBATION],
        title="Incubation grants, spring round",
        title_zh="孵化资助春季轮",
        opens_on=today - datetime.timedelta(days=150),
        closes_on=today - datetime.timedelta(days=120),
        budget=Decimal("300000"),
        min_award=Decimal("10000"),
        max_award=Decimal("100000"),
    )
    reviewer, officer = logins["reviewer@example.org"], logins["officer@example.org"]
    owner = logins["member@example.org"]
    _decided_round_applications(decided_round, reviewer, officer, owner, today)
    _open_round_applications(open_round, reviewer, officer, owner, today)
    return len(funds)
