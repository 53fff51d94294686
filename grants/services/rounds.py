"""Funds and rounds, written by the staff of their center."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Fund, FundingRound, Review, ReviewCriterion
from ..permissions import can_edit_fund, can_edit_round, can_manage_funds


@transaction.atomic
def fund_save(*, fund: Fund | None = None, by, data: dict) -> Fund:
    """Create a fund (fund=None) or change one. Raises PermissionDenied, ValidationError."""
    if fund is None:
        fund = Fund()
        if not can_manage_funds(by):
            raise PermissionDenied
    elif not can_edit_fund(by, fund):
        raise PermissionDenied
    for name, value in data.items():
        setattr(fund, name, value)
    if not can_edit_fund(by, fund):  # the center chosen must be one of the user's
        raise PermissionDenied
    fund.full_clean()
    fund.save()
    return fund


@transaction.atomic
def round_save(
    *, funding_round: FundingRound | None = None, by, data: dict, criteria: list[dict]
) -> FundingRound:
    """Create or change a round and replace its rubric with `criteria` ([{name, name_zh,
    guidance, weight}], in order); criteria keep their ids where the names match. Once reviews
    are in, names and weights are fixed (translations and guidance may still change): scores
    were given against them. Raises PermissionDenied, ValidationError."""
    funding_round = funding_round or FundingRound()
    if funding_round.pk and not can_edit_round(by, funding_round):
        raise PermissionDenied
    for name, value in data.items():
        setattr(funding_round, name, value)
    funding_round.center_id = funding_round.fund.center_id
    if not can_edit_round(by, funding_round):
        raise PermissionDenied
    if not criteria:
        raise ValidationError(_("Add at least one review criterion."))
    if (
        funding_round.pk
        and _rubric_changed(funding_round, criteria)
        and _has_reviews(funding_round)
    ):
        raise ValidationError(
            _("The review criteria cannot change once reviews are in: their scores use them.")
        )
    funding_round.full_clean()
    funding_round.save()
    _criteria_replace(funding_round, criteria)
    return funding_round


def _rubric_changed(funding_round, criteria: list[dict]) -> bool:
    current = list(funding_round.criteria.values_list("name", "weight"))
    return current != [(data["name"], data["weight"]) for data in criteria]


def _has_reviews(funding_round) -> bool:
    return Review.objects.filter(application__round=funding_round).exists()


def _criteria_replace(funding_round, criteria: list[dict]) -> None:
    existing = {criterion.name: criterion for criterion in funding_round.criteria.all()}
    kept = []
    for order, data in enumerate(criteria):
        criterion = existing.get(data["name"]) or ReviewCriterion(round=funding_round)
        for name, value in data.items():
            setattr(criterion, name, value)
        criterion.order = order
        criterion.full_clean()
        criterion.save()
        kept.append(criterion.pk)
    funding_round.criteria.exclude(pk__in=kept).delete()
