"""A cascade training form sent twice at the same moment (a double tap on a phone): real threads
on their own connections. The unique constraint records it once; each thread's check alone
(full_clean before save) would let both through, as the control shows."""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory
from trainings import services
from trainings.models import CascadeTraining

from .factories import RegistrationFactory, TrainingSessionFactory
from .test_registration_concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

COPIES = 6


def training(session, organization):
    return CascadeTraining(
        organization=organization,
        session=session,
        held_on=session.starts_on + datetime.timedelta(days=30),
        place="Xining",
        people_trained=20,
    )


def test_the_same_cascade_training_sent_at_once_is_recorded_once():
    session = TrainingSessionFactory()
    core = OrganizationFactory()
    RegistrationFactory(session=session, organization=core)
    member = OrganizationMembershipFactory(organization=core).user

    def send():
        services.cascade_training_record(
            training=training(session, core), organizations_reached=[], by=member
        )

    errors = run_at_once([send] * COPIES)

    assert CascadeTraining.objects.count() == 1
    assert len(errors) == COPIES - 1
    assert all(isinstance(error, ValidationError) for error in errors)


def test_control_without_the_constraint_records_duplicates():
    """The unguarded path: each thread finds no twin, then saves. With the constraint dropped
    for this control (and put back after), the copies land."""

    session = TrainingSessionFactory()
    core = OrganizationFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE trainings_cascadetraining DROP CONSTRAINT unique_cascade_training"
        )
    try:

        def send():
            row = training(session, core)
            if not CascadeTraining.objects.filter(
                organization=core, session=session, held_on=row.held_on, place=row.place
            ).exists():
                time.sleep(0.05)  # the gap between check and insert that a busy server has
                row.level = 1
                row.save()

        run_at_once([send] * COPIES)
        assert CascadeTraining.objects.count() > 1
    finally:
        CascadeTraining.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE trainings_cascadetraining ADD CONSTRAINT unique_cascade_training "
                "UNIQUE NULLS NOT DISTINCT (organization_id, session_id, parent_id, held_on, place)"
            )
