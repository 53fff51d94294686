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


def round_data(funding_round, budget):
    return {
        "fund": funding_round.fund,
        "title": "Another",
        "opens_on": funding_round.opens_on,
        "closes_on": funding_round.closes_on,
        "budget": Decimal(budget),
        "min_award": Decimal("10"),
        "max_award": Decimal("100"),
    }


def test_a_round_cannot_take_more_than_its_fund_has_left(funding_round, officer):
    fund = funding_round.fund  # 1,000,000, of which this round holds 100,000
    with pytest.raises(ValidationError) as caught:
        services.round_save(
            by=officer, data=round_data(funding_round, "900000.01"), criteria=RUBRIC
        )
    assert "at most ¥900,000.00" in str(caught.value)
    services.round_save(by=officer, data=round_data(funding_round, "900000"), criteria=RUBRIC)
    assert fund.rounds.count() == 2


def test_a_round_keeps_at_least_what_it_has_awarded(funding_round, officer):
    from .factories import AwardFactory

    AwardFactory(application__round=funding_round, round=funding_round, amount=Decimal("60000"))
    data = round_data(funding_round, "50000") | {"title": funding_round.title}
    with pytest.raises(ValidationError) as caught:
        services.round_save(funding_round=funding_round, by=officer, data=data, criteria=RUBRIC)
    assert "¥60,000.00 is already awarded" in str(caught.value)


def test_a_fund_s_budget_covers_its_rounds(funding_round, officer):
    fund = funding_round.fund
    with pytest.raises(ValidationError) as caught:
        services.fund_save(fund=fund, by=officer, data={"budget": Decimal("99999.99")})
    assert "already hold ¥100,000.00" in str(caught.value)
    services.fund_save(fund=fund, by=officer, data={"budget": Decimal("100000")})
