"""Rules of incubation that forms, services, demo data, bench seeds and factories all apply:
area scores, the action plan's threshold, graduation criteria, registration.

Scores follow the 1-4 grids of USAID's OCA and McKinsey's OCAT: an area's score is the mean level
of its indicators that apply (not applicable and unscored indicators are left out), rounded to
two decimals; an assessment's overall score is the mean of its area scores.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")
# Areas scoring below this propose action-plan items (between "developing" and "established").
LOW_AREA_SCORE = Decimal("2.50")
# At most this many indicators per low area become proposed items (the weakest first).
PROPOSALS_PER_AREA = 2
# Areas at or above this are the report's strengths.
STRENGTH_SCORE = Decimal("3.00")


def mean(values: Iterable) -> Decimal | None:
    """The mean as a Decimal with two places (half up), None for no values."""
    items = [Decimal(value) for value in values]
    if not items:
        return None
    return (sum(items) / len(items)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class AreaResult:
    score: Decimal | None
    scored: int
    not_applicable: int


def area_score(levels: Iterable[tuple[int | None, bool]]) -> AreaResult:
    """(level, not applicable) per indicator → the area's score; N/A and unscored left out."""
    levels = list(levels)
    applicable = [level for level, na in levels if not na and level is not None]
    return AreaResult(
        score=mean(applicable),
        scored=len(applicable),
        not_applicable=sum(1 for _level, na in levels if na),
    )


def overall_score(area_scores: Iterable[Decimal | None]) -> Decimal | None:
    return mean(score for score in area_scores if score is not None)


def change(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    """after - before at two places (half up); None when either is missing."""
    if before is None or after is None:
        return None
    return (Decimal(after) - Decimal(before)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def unrounded_mean(score: Decimal | None, scored: int) -> Decimal | None:
    """The exact mean behind an area score kept at two places: its `scored` levels are whole
    numbers, so score × scored rounds back to their sum (exact below 100 indicators). A change
    is taken between exact means (7/3 - 5/3 = +0.67), not between the rounded 2.33 and 1.67."""
    if score is None or not scored:
        return None
    total = (Decimal(score) * scored).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return total / scored


def unrounded_overall(areas: Iterable[tuple[Decimal | None, int]]) -> Decimal | None:
    """The exact overall score: the mean of the areas' exact means ((score, scored) each)."""
    means = [unrounded_mean(score, scored) for score, scored in areas]
    means = [m for m in means if m is not None]
    return sum(means) / len(means) if means else None


def is_low_area(score: Decimal | None) -> bool:
    return score is not None and score < LOW_AREA_SCORE


def is_strength(score: Decimal | None) -> bool:
    return score is not None and score >= STRENGTH_SCORE


def is_registered(organization) -> bool:
    """Registered with the civil-affairs authorities: it has a unified social credit code.
    `organization`: anything with a `credit_code` (an Organization, a table row)."""
    return bool(organization.credit_code)


@dataclass(frozen=True)
class GraduationCheck:
    milestones_done: int
    milestones_total: int
    milestones_met: bool
    baseline: Decimal | None
    endline: Decimal | None
    score_met: bool
    registered: bool
    registration_met: bool

    @property
    def meets(self) -> bool:
        return self.milestones_met and self.score_met and self.registration_met

    @property
    def improvement(self) -> Decimal | None:
        return change(self.baseline, self.endline)


def graduation_check(
    cohort, *, milestones_done: int, milestones_total: int, baseline, endline, registered: bool
) -> GraduationCheck:
    """The cohort's criteria against one enrollment's figures.

    - milestones: done / total ≥ the cohort's percentage (no milestones counts as met);
    - score: when a minimum endline score or a minimum improvement is set, a finalized endline
      must reach either one; with neither set, no score is required;
    - registration: when required, the organization has a unified social credit code.
    """
    share_needed = Decimal(cohort.graduation_milestones_percent) / 100
    milestones_met = milestones_total == 0 or Decimal(milestones_done) >= share_needed * Decimal(
        milestones_total
    )
    minimum, rise = cohort.graduation_min_endline_score, cohort.graduation_min_improvement
    if minimum is None and rise is None:
        score_met = True
    else:
        improvement = change(baseline, endline)
        score_met = (minimum is not None and endline is not None and endline >= minimum) or (
            rise is not None and improvement is not None and improvement >= rise
        )
    return GraduationCheck(
        milestones_done=milestones_done,
        milestones_total=milestones_total,
        milestones_met=milestones_met,
        baseline=baseline,
        endline=endline,
        score_met=score_met,
        registered=registered,
        registration_met=registered or not cohort.graduation_requires_registration,
    )
