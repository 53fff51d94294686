"""bench_seed_grants at a small size: rounds, three reviews per application with the averages the
review rule gives, the approval round, and a second run that changes nothing."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Avg

from grants.models import FundingRound, GrantApplication, Review
from grants.rules import average_of
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_bench_seed_small(settings):
    OrganizationFactory.create_batch(50)
    call_command("bench_seed_grants", rounds=2, per_round=10, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert FundingRound.objects.count() == 3
    scored = GrantApplication.objects.exclude(round__title="Bench approvals")
    assert scored.count() == 20 and Review.objects.count() == 60
    application = scored.first()
    expected = average_of(
        Review.objects.filter(application=application).values_list("weighted_score", flat=True)
    )
    assert application.review_count == 3 and application.average_score == expected
    approvals = GrantApplication.objects.filter(round__title="Bench approvals")
    assert approvals.count() == 50
    assert approvals.aggregate(avg=Avg("requested_total"))["avg"] == Decimal("30000")
    call_command("bench_seed_grants", rounds=2, per_round=10, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert GrantApplication.objects.count() == 70
    call_command("bench_seed_grants", reset=True, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert not GrantApplication.objects.exists()
