"""Funds and rounds kept by their center's staff; the rubric is fixed once reviews are in."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grants import services
from grants.models import GrantApplication

from .factories import GrantApplicationFactory, ReviewAssignmentFactory

pytestmark = pytest.mark.django_db

RUBRIC = [
    {"name": "Need", "name_zh": "需求", "guidance": "", "weight": 3},
    {"name": "Feasibility", "name_zh": "", "guidance": "", "weight": 1},
]


def test_staff_of_another_center_cannot_change_a_round(funding_round, staff):
    with pytest.raises(PermissionDenied):
        services.round_save(
            funding_round=funding_round, by=staff, data={"title": "Mine"}, criteria=RUBRIC
        )


def test_a_round_takes_its_fund_s_center(funding_round, officer):
    saved = services.round_save(
        by=officer,
        data={
            "fund": funding_round.fund,
            "title": "New",
            "opens_on": funding_round.opens_on,
            "closes_on": funding_round.closes_on,
            "budget": Decimal("1000"),
            "min_award": Decimal("10"),
            "max_award": Decimal("100"),
        },
        criteria=RUBRIC,
    )
    assert saved.center_id == funding_round.center_id
    assert [c.name for c in saved.criteria.all()] == ["Need", "Feasibility"]


def test_the_rubric_is_fixed_once_reviews_are_in(funding_round, officer, reviewer):
    application = GrantApplicationFactory(
        round=funding_round, status=GrantApplication.Status.SUBMITTED
    )
    assignment = ReviewAssignmentFactory(application=application, reviewer=reviewer)
    services.review_submit(
        assignment=assignment,
        by=reviewer,
        recommendation="yes",
        comment="",
        scores={c.pk: (3, "") for c in funding_round.criteria.all()},
    )
    with pytest.raises(ValidationError):
        services.round_save(
            funding_round=funding_round,
            by=officer,
            data={},
            criteria=[{**RUBRIC[0], "weight": 5}, RUBRIC[1]],
        )
    # Translations may still change.
    services.round_save(
        funding_round=funding_round,
        by=officer,
        data={},
        criteria=[{**RUBRIC[0], "name_zh": "需求程度"}, RUBRIC[1]],
    )
    assert funding_round.criteria.get(name="Need").name_zh == "需求程度"
