"""Two officers approving at the same moment must not commit more than the round's budget.

Real threads, each with its own database connection and transaction. The committed total is read
slowly on purpose (a pause after reading it), so both approvals are inside the window between
reading the total and writing the award. With the round row locked the second approval waits and
sees the first award; the control takes the lock away and shows the oversell it prevents.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from grants import selectors, services
from grants.models import Award, FundingRound, GrantApplication
from grants.services import decisions

from .factories import FundingRoundFactory, GrantApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PAUSE = 0.3


@pytest.fixture
def slow_total_read(monkeypatch):
    read = decisions._committed_total

    def slowly(round_id):
        total = read(round_id)
        time.sleep(PAUSE)
        return total

    monkeypatch.setattr(decisions, "_committed_total", slowly)


def approve_at_once(applications, officer, amount) -> list[object]:
    """Each application approved in its own thread, all released together; the outcomes."""
    start = threading.Barrier(len(applications))
    outcomes = [None] * len(applications)

    def approve(index, application):
        try:
            start.wait()
            outcomes[index] = services.application_approve(
                application=application, by=officer, amount=amount
            )
        except ValidationError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(index, application))
        for index, application in enumerate(applications)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def two_applications(center):
    funding_round = FundingRoundFactory(
        fund__center=center, budget=Decimal("100000"), max_award=Decimal("60000")
    )
    return funding_round, [
        GrantApplicationFactory(round=funding_round, status=GrantApplication.Status.SUBMITTED)
        for _ in range(2)
    ]


def test_simultaneous_approvals_never_exceed_the_budget(two_applications, officer, slow_total_read):
    funding_round, applications = two_applications
    outcomes = approve_at_once(applications, officer, Decimal("60000"))
    awards = [outcome for outcome in outcomes if isinstance(outcome, Award)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(awards) == 1 and len(refused) == 1
    assert "exceed the round's budget" in str(refused[0])
    assert selectors.round_committed_total(funding_round) == Decimal("60000")


def test_control_without_the_round_lock_both_approvals_oversell(
    two_applications, officer, slow_total_read, monkeypatch
):
    monkeypatch.setattr(
        decisions, "_lock_round", lambda round_id: FundingRound.objects.get(pk=round_id)
    )
    funding_round, applications = two_applications
    outcomes = approve_at_once(applications, officer, Decimal("60000"))
    assert all(isinstance(outcome, Award) for outcome in outcomes)
    assert selectors.round_committed_total(funding_round) == Decimal("120000")
    assert selectors.round_committed_total(funding_round) > funding_round.budget
