"""Funds and rounds, written by the staff of their center."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from ..models import Award, Fund, FundingRound, Review, ReviewCriterion
from ..permissions import can_edit_fund, can_edit_round, can_manage_funds
from ..rules import cny


@transaction.atomic
def fund_save(*, fund: Fund | None = None, by, data: dict) -> Fund:
    """Create a fund (fund=None) or change one. Raises PermissionDenied, ValidationError."""
    if fund is None:
        fund = Fund()
        if not can_manage_funds(by):
            raise PermissionDenied
    elif not can_edit_fund(by, fund):
        raise PermissionDenied
    if fund.pk:
        fund = Fund.objects.select_for_update().get(pk=fund.pk)
    for name, value in data.items():
        setattr(fund, name, value)
    if not can_edit_fund(by, fund):  # the center chosen must be one of the user's
        raise PermissionDenied
    if fund.pk:
        in_rounds = _total(fund.rounds.all())
        if fund.budget is not None and fund.budget < in_rounds:
            raise ValidationError(
                {
                    "budget": _(
                        "The fund's rounds already hold %(total)s: its budget cannot be less."
                    )
                    % {"total": cny(in_rounds)}
                }
            )
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
    were given against them. The round's budget stays within what its fund has left and above
    what it has awarded. Raises PermissionDenied, ValidationError."""
    funding_round = funding_round or FundingRound()
    if funding_round.pk and not can_edit_round(by, funding_round):
        raise PermissionDenied
    for name, value in data.items():
        setattr(funding_round, name, value)
    funding_round.center_id = funding_round.fund.center_id
    if not can_edit_round(by, funding_round):
        raise PermissionDenied
    _refuse_budget_beyond_fund(funding_round)
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


def _refuse_budget_beyond_fund(funding_round) -> None:
    """A round's budget comes out of its fund's: the fund's rounds together stay within it (the
    fund's row locked, so two rounds saved at once cannot both take the rest), and a round keeps
    at least what it has already awarded."""
    fund = Fund.objects.select_for_update().get(pk=funding_round.fund_id)
    budget = funding_round.budget
    if budget is None:
        return
    others = _total(fund.rounds.exclude(pk=funding_round.pk))
    if others + budget > fund.budget:
        raise ValidationError(
            {
                "budget": _(
                    "The fund's budget is %(fund)s and its other rounds hold %(others)s: this "
                    "round's budget can be at most %(left)s."
                )
                % {
                    "fund": cny(fund.budget),
                    "others": cny(others),
                    "left": cny(max(fund.budget - others, Decimal(0))),
                }
            }
        )
    if funding_round.pk:
        awarded = _total(Award.objects.filter(round=funding_round), "amount")
        if budget < awarded:
            raise ValidationError(
                {
                    "budget": _(
                        "%(awarded)s is already awarded in this round: the budget cannot be less."
                    )
                    % {"awarded": cny(awarded)}
                }
            )


def _total(queryset, field="budget") -> Decimal:
    return queryset.aggregate(total=Sum(field))["total"] or Decimal(0)


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
