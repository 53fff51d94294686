import datetime

import factory

from incubation.models import (
    CapacityFramework,
    Cohort,
    CohortQuestion,
    Enrollment,
    Milestone,
    RubricCriterion,
)
from tests.ngo_portal.factories import CenterFactory
from tests.organizations.factories import OrganizationFactory


def default_framework() -> CapacityFramework:
    """The current version of the framework the data migration ships."""
    return CapacityFramework.objects.get(key="default", is_current=True)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    center = factory.SubFactory(CenterFactory)
    title = factory.Sequence(lambda n: f"Incubation cohort {n}")
    title_zh = factory.Sequence(lambda n: f"孵化营第{n}期")
    call_opens = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=5))
    call_closes = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=20))
    starts_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=365))
    capacity = 10
    status = Cohort.Status.OPEN


class CohortQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortQuestion

    cohort = factory.SubFactory(CohortFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    text_zh = factory.Sequence(lambda n: f"问题{n}？")


class RubricCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RubricCriterion

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    max_score = 5


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    cohort = factory.SubFactory(CohortFactory)
    organization = factory.SubFactory(OrganizationFactory)
    enrolled_on = factory.LazyFunction(datetime.date.today)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    enrollment = factory.SubFactory(EnrollmentFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
