import datetime

import factory
from django.db.models import F
from django.utils import timezone

from tests.ngo_portal.factories import CenterFactory
from tests.organizations.factories import OrganizationFactory, region_tree
from trainings.models import (
    Attendance,
    Registration,
    Trainer,
    TrainingProgram,
    TrainingSession,
)
from trainings.rules import session_derive_fields


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class TrainingProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProgram

    center = factory.SubFactory(CenterFactory)
    title = factory.Sequence(lambda n: f"Program {n}")
    title_zh = factory.Sequence(lambda n: f"项目{n}")
    planned_sessions = 9


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Sequence(lambda n: f"Trainer {n}")


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """A published session in three weeks (three days), open for registration now."""

    class Meta:
        model = TrainingSession

    center = factory.SubFactory(CenterFactory)
    title = factory.Sequence(lambda n: f"Regional training {n}")
    title_zh = factory.Sequence(lambda n: f"区域培训{n}")
    region = factory.LazyFunction(lambda: region_tree()["xining"])
    venue = "Xining"
    starts_on = factory.LazyFunction(lambda: in_days(21))
    ends_on = factory.LazyAttribute(lambda s: s.starts_on + datetime.timedelta(days=2))
    capacity = 35
    registration_opens = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    registration_closes = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    status = TrainingSession.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        session = model_class(*args, **kwargs)
        session_derive_fields(session)
        session.save()
        return session


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed participant; the session's seat count is the test's business (or use the
    services, which keep it)."""

    class Meta:
        model = Registration

    session = factory.SubFactory(TrainingSessionFactory)
    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    language = "en"
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        registration = super()._create(model_class, *args, **kwargs)
        if registration.status == Registration.Status.CONFIRMED:
            TrainingSession.objects.filter(pk=registration.session_id).update(
                confirmed_count=F("confirmed_count") + 1
            )
            registration.session.refresh_from_db()
        return registration


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    day = factory.LazyAttribute(lambda a: a.registration.session.starts_on)


def attend_every_day(registration) -> None:
    for day in registration.session.days:
        Attendance.objects.get_or_create(registration=registration, day=day)
