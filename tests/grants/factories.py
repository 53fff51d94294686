import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from grants.models import (
    Award,
    BudgetLine,
    Campaign,
    CampaignParticipation,
    Fund,
    FundingRound,
    GrantApplication,
    GrantReport,
    ReviewAssignment,
    ReviewCriterion,
)
from tests.ngo_portal.factories import CenterFactory
from tests.organizations.factories import OrganizationFactory, region_tree


def today():
    return timezone.localdate()


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    center = factory.SubFactory(CenterFactory)
    name = factory.Sequence(lambda n: f"Fund {n}")
    name_zh = factory.Sequence(lambda n: f"基金{n}")
    source_type = Fund.SourceType.GOVERNMENT_PROCUREMENT
    budget = Decimal("1000000")


class FundingRoundFactory(factory.django.DjangoModelFactory):
    """An open, published round with no eligibility rule and a two-criterion rubric
    (weights 3 and 1)."""

    class Meta:
        model = FundingRound
        skip_postgeneration_save = True

    fund = factory.SubFactory(FundFactory)
    center = factory.SelfAttribute("fund.center")
    title = factory.Sequence(lambda n: f"Round {n}")
    opens_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=20))
    budget = Decimal("100000")
    min_award = Decimal("10000")
    max_award = Decimal("60000")
    is_published = True

    @factory.post_generation
    def criteria(funding_round, create, extracted, **kwargs):
        if not create:
            return
        for order, (name, weight) in enumerate(extracted or [("Need", 3), ("Feasibility", 1)]):
            ReviewCriterion.objects.create(
                round=funding_round, name=name, weight=weight, order=order
            )


class GrantApplicationFactory(factory.django.DjangoModelFactory):
    """A complete application (every field filled, one budget line of 20,000 CNY)."""

    class Meta:
        model = GrantApplication
        skip_postgeneration_save = True

    round = factory.SubFactory(FundingRoundFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = GrantApplication.Status.DRAFT
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "A summary."
    objectives = "Objectives."
    beneficiaries = "Elders of the community."
    region = factory.LazyFunction(lambda: region_tree()["nanjing"])
    starts_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=40))
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=400))

    @factory.post_generation
    def budget(application, create, extracted, **kwargs):
        if not create:
            return
        amounts = [Decimal("20000")] if extracted is None else extracted
        for order, amount in enumerate(amounts):
            BudgetLine.objects.create(
                application=application,
                category=BudgetLine.Category.ACTIVITIES,
                amount=amount,
                order=order,
            )
        application.requested_total = sum(amounts, Decimal(0))
        application.save()


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    application = factory.SubFactory(
        GrantApplicationFactory, status=GrantApplication.Status.SUBMITTED
    )
    reviewer = None
    status = ReviewAssignment.Status.ASSIGNED


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    application = factory.SubFactory(
        GrantApplicationFactory, status=GrantApplication.Status.APPROVED
    )
    round = factory.SelfAttribute("application.round")
    amount = Decimal("20000")
    agreement_date = factory.LazyFunction(today)


class GrantReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantReport

    award = factory.SubFactory(AwardFactory)
    kind = GrantReport.Kind.INTERIM
    due_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    center = factory.SubFactory(CenterFactory)
    name = factory.Sequence(lambda n: f"Campaign {n}")


class CampaignParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignParticipation

    campaign = factory.SubFactory(CampaignFactory)
    organization = factory.SubFactory(OrganizationFactory)
