"""Seats under concurrent load, with real threads on their own database connections.

200 registrations arrive at once for 35 seats: exactly 35 are confirmed and the rest wait in
the order they obtained the session's lock. A control runs the same load through the unguarded
path (count, then insert, no lock) and oversells, which shows the race the lock prevents.
"""

import contextlib
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory
from trainings import services
from trainings.models import Registration, TrainingSession

from .factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status
THREADS = 25  # each with its own connection: the server's connection limit is shared
PER_THREAD = 8  # 25 x 8 = 200 registrations
SEATS = 35


def run_at_once(jobs) -> list[BaseException]:
    """Run each job in its own thread, released together; returns the errors raised."""
    start = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            start.wait()
            job()
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def members(count):
    memberships = [
        OrganizationMembershipFactory(organization=OrganizationFactory()) for _ in range(count)
    ]
    return [(m.organization, m.user) for m in memberships]


def test_200_simultaneous_registrations_for_35_seats_never_oversell():
    session = TrainingSessionFactory(capacity=SEATS)

    def registrant(index, organization, user):
        def job():
            for n in range(PER_THREAD):
                participant = services.Participant(
                    name=f"P{index}-{n}", email=f"p{index}-{n}@example.org", language="en"
                )
                services.registrations_create(
                    session=session, organization=organization, participants=[participant], by=user
                )

        return job

    errors = run_at_once([registrant(i, *pair) for i, pair in enumerate(members(THREADS))])

    assert errors == []
    rows = list(Registration.objects.filter(session=session).order_by("pk"))
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    waiting = [r for r in rows if r.status == Status.WAITLISTED]
    assert len(rows) == THREADS * PER_THREAD
    assert len(confirmed) == SEATS
    assert TrainingSession.objects.get(pk=session.pk).confirmed_count == SEATS
    # Arrival order: the first 35 to obtain the lock got seats, the others waited in turn.
    assert max(r.pk for r in confirmed) < min(r.pk for r in waiting)
    assert [r.waitlist_position for r in waiting] == list(range(1, len(waiting) + 1))


def _unguarded_register(session, organization, name, *, read_together):
    """The race the services prevent: count the seats taken, then insert, with no lock.

    Every thread counts before any of them inserts (`read_together`, a barrier), as happens
    whenever requests arrive together: the outcome does not depend on the machine's load."""
    with transaction.atomic():
        taken = Registration.objects.filter(session=session, status=Status.CONFIRMED).count()
        read_together.wait()
        status = Status.CONFIRMED if taken < session.capacity else Status.WAITLISTED
        Registration.objects.create(
            session=session,
            organization=organization,
            name=name,
            email=f"{name}@example.org",
            status=status,
            waitlist_position=None if status == Status.CONFIRMED else taken + 1,
            confirmed_at=timezone.now(),
        )


def test_control_the_unguarded_path_oversells():
    session = TrainingSessionFactory(capacity=SEATS)
    pairs = members(THREADS)
    read_together = threading.Barrier(THREADS)

    def registrant(index, organization):
        def job():
            for n in range(PER_THREAD):
                # A duplicate waitlist number is refused by its constraint: the race's doing too.
                with contextlib.suppress(IntegrityError):
                    _unguarded_register(
                        session, organization, f"u{index}-{n}", read_together=read_together
                    )

        return job

    run_at_once([registrant(i, organization) for i, (organization, _user) in enumerate(pairs)])

    confirmed = Registration.objects.filter(session=session, status=Status.CONFIRMED).count()
    assert confirmed > SEATS


@pytest.mark.parametrize("attempt", range(5))
def test_promotion_racing_a_new_registration_keeps_one_seat_and_the_order(attempt):
    session = TrainingSessionFactory(capacity=1)
    (org_a, user_a), (org_b, user_b), (org_c, user_c) = members(3)

    def one(organization, user, name):
        return services.registrations_create(
            session=session,
            organization=organization,
            participants=[services.Participant(name=name, email=f"{name}@example.org")],
            by=user,
        )[0]

    ann, bo = one(org_a, user_a, "ann"), one(org_b, user_b, "bo")
    assert bo.status == Status.WAITLISTED
    errors = run_at_once(
        [
            lambda: services.registration_cancel(registration=ann, by=user_a),
            lambda: one(org_c, user_c, "chen"),
        ]
    )

    assert errors == []
    statuses = dict(Registration.objects.filter(session=session).values_list("name", "status"))
    # Bo was waiting first: the freed seat is Bo's whichever request won the lock.
    assert statuses == {"ann": Status.CANCELLED, "bo": Status.CONFIRMED, "chen": Status.WAITLISTED}
    assert TrainingSession.objects.get(pk=session.pk).confirmed_count == 1
