"""Two staff accept the last seat's applications at the same moment.

The first acceptance holds its transaction open while the second starts. With the cohort row
locked, the second waits, counts the first's enrollment and is refused; the control, the same
steps without the lock, enrolls both and exceeds the capacity.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from incubation import services
from incubation.models import Cohort, CohortApplication, Enrollment
from incubation.services import applications as application_services
from tests.ngo_portal.factories import CenterMembershipFactory
from tests.organizations.factories import OrganizationFactory

from .factories import CohortFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _submitted(cohort, count):
    return [
        CohortApplication.objects.create(
            cohort=cohort,
            organization=OrganizationFactory(),
            status=CohortApplication.Status.SUBMITTED,
        )
        for _ in range(count)
    ]


def _accept_concurrently(first, second, first_staff, second_staff) -> str:
    first_accepted = threading.Event()
    outcome = []

    def run_first():
        try:
            with transaction.atomic():
                services.application_decide(application=first, decision="accepted", by=first_staff)
                first_accepted.set()
                time.sleep(0.5)  # the second acceptance starts while this one is uncommitted
        finally:
            first_accepted.set()
            connection.close()

    def run_second():
        first_accepted.wait(timeout=10)
        try:
            services.application_decide(application=second, decision="accepted", by=second_staff)
            outcome.append("accepted")
        except ValidationError:
            outcome.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return outcome[0]


def _staff(cohort):
    return [CenterMembershipFactory(center=cohort.center, role="officer").user for _ in range(2)]


def test_simultaneous_accepts_never_exceed_the_capacity():
    cohort = CohortFactory(capacity=1)
    first, second = _submitted(cohort, 2)

    assert _accept_concurrently(first, second, *_staff(cohort)) == "full"
    assert Enrollment.objects.filter(cohort=cohort).count() == 1
    second.refresh_from_db()
    assert second.status == CohortApplication.Status.SUBMITTED


def test_control_without_the_lock_both_accepts_go_through(monkeypatch):
    monkeypatch.setattr(
        application_services,
        "_cohort_for_update",
        lambda cohort_id: Cohort.objects.get(pk=cohort_id),
    )
    cohort = CohortFactory(capacity=1)
    first, second = _submitted(cohort, 2)

    assert _accept_concurrently(first, second, *_staff(cohort)) == "accepted"
    assert Enrollment.objects.filter(cohort=cohort).count() == 2  # over the capacity of 1
