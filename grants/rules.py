"""The grants rules across fields, each in one place: eligibility for a round, completeness of
an application, budget totals within the award limits, weighted review scores, a round's budget.

Forms, services, demo data, bench seeds and factories all call these; each refusal carries its
own translated reason, so the applicant learns exactly which rule refused them.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from incubation.selectors import is_enrolled
from ngo_portal.models import Region
from organizations.vocabularies import LegalForm, McaGrade

SCORE_PLACES = Decimal("0.001")
MAX_SCORE = 5
GRADE_ORDER = [grade for grade, _label in McaGrade.choices]


def cny(amount) -> str:
    """¥1,234.50: grouped by thousands in both languages (the Chinese locale format of Django
    groups nothing, while Chinese financial writing groups by thousands with commas)."""
    return f"¥{Decimal(amount or 0):,.2f}"


@dataclass(frozen=True)
class Refusal:
    """Why a submission is refused: `rule` is a stable key (tests, logs), `reason` the text."""

    rule: str
    reason: str


def eligibility_refusals(funding_round, organization) -> list[Refusal]:
    """Each eligibility rule of the round the organization fails, with its reason.

    Rules (grants issue; DESIGN.md): legal forms, provinces, registered only, a minimum MCA
    evaluation grade still valid on the round's closing date (government procurement commonly
    asks 3A or better), and enrollment in a cohort (incubation.selectors.is_enrolled).
    """
    refusals = []
    forms = funding_round.eligible_legal_forms
    if forms and organization.legal_form not in forms:
        names = ", ".join(str(LegalForm(form).label) for form in forms)
        refusals.append(
            Refusal(
                "legal_form",
                _("This round is open to these legal forms only: %(forms)s.") % {"forms": names},
            )
        )
    refusals += _province_refusals(funding_round, organization)
    if funding_round.registered_only and (
        organization.legal_form == LegalForm.COMMUNITY_GROUP or not organization.credit_code
    ):
        refusals.append(
            Refusal(
                "registered_only",
                _(
                    "This round is open to registered organizations only (with a unified "
                    "social credit code)."
                ),
            )
        )
    refusals += _grade_refusals(funding_round, organization)
    if funding_round.cohort_id and not is_enrolled(organization.pk, funding_round.cohort_id):
        refusals.append(
            Refusal(
                "cohort",
                _("This round is open to organizations enrolled in the cohort “%(cohort)s” only.")
                % {"cohort": funding_round.cohort},
            )
        )
    return refusals


def _province_refusals(funding_round, organization) -> list[Refusal]:
    codes = funding_round.eligible_province_codes
    if not codes:
        return []
    province = (organization.region_code or "")[:2]
    if province and any(code[:2] == province for code in codes):
        return []
    names = ", ".join(
        region.display_name for region in Region.objects.filter(code__in=codes).order_by("code")
    )
    if not province:
        reason = _(
            "This round is open to organizations from %(provinces)s only, and your "
            "organization's profile names no region."
        )
    else:
        reason = _("This round is open to organizations from %(provinces)s only.")
    return [Refusal("province", reason % {"provinces": names})]


def _grade_refusals(funding_round, organization) -> list[Refusal]:
    required = funding_round.min_mca_grade
    if not required:
        return []
    grade = organization.mca_grade
    if not grade or GRADE_ORDER.index(grade) < GRADE_ORDER.index(required):
        return [
            Refusal(
                "mca_grade",
                _("This round asks for an MCA evaluation grade of %(grade)s or better.")
                % {"grade": required},
            )
        ]
    expires = organization.mca_grade_expires
    if expires is None or expires < funding_round.closes_on:
        return [
            Refusal(
                "mca_grade_expired",
                _(
                    "Your organization's MCA evaluation grade must still be valid on the "
                    "closing date, %(closes)s; it is recorded as valid until %(expires)s."
                )
                % {
                    "closes": funding_round.closes_on.isoformat(),
                    "expires": expires.isoformat() if expires else _("an unknown date"),
                },
            )
        ]
    return []


REQUIRED_FIELDS = ("title", "summary", "objectives", "beneficiaries", "region", "starts_on")


def completeness_refusals(application, budget_total: Decimal, line_count: int) -> list[Refusal]:
    """What the application still lacks before it can be submitted, and whether the budget total
    lies within the round's award limits."""
    refusals = []
    for name in (*REQUIRED_FIELDS, "ends_on"):
        if getattr(application, name) in (None, ""):
            label = application._meta.get_field(name).verbose_name
            refusals.append(
                Refusal(f"missing_{name}", _("Please fill in “%(field)s”.") % {"field": label})
            )
    if line_count == 0:
        refusals.append(Refusal("no_budget", _("Add at least one budget line.")))
    else:
        refusals += budget_total_refusals(application.round, budget_total)
    return refusals


def budget_total_refusals(funding_round, total: Decimal) -> list[Refusal]:
    """The budget total must lie within the round's minimum and maximum award."""
    if funding_round.min_award <= total <= funding_round.max_award:
        return []
    return [
        Refusal(
            "budget_total",
            _("The budget adds up to %(total)s; this round awards between %(min)s and %(max)s.")
            % {
                "total": cny(total),
                "min": cny(funding_round.min_award),
                "max": cny(funding_round.max_award),
            },
        )
    ]


def weighted_score(scores: list[tuple[int, int]]) -> Decimal:
    """Σ(score × weight) / Σ(weight) over (score 0-5, weight ≥ 1) pairs, to 3 places."""
    total_weight = sum(weight for _score, weight in scores)
    if not total_weight:
        return Decimal(0)
    value = Decimal(sum(score * weight for score, weight in scores)) / Decimal(total_weight)
    return value.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def average_of(values) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def approval_refusal(funding_round, committed: Decimal, amount: Decimal) -> str | None:
    """An approval may not commit more than the round's budget (the sum of its awards), nor
    give less than the round's minimum award or more than its maximum."""
    if amount <= 0:
        return _("The amount must be more than zero.")
    if amount < funding_round.min_award:
        return _("This round awards at least %(min)s.") % {"min": cny(funding_round.min_award)}
    if amount > funding_round.max_award:
        return _("This round awards at most %(max)s.") % {"max": cny(funding_round.max_award)}
    remaining = funding_round.budget - committed
    if amount > remaining:
        return _(
            "Approving %(amount)s would exceed the round's budget: %(remaining)s of %(budget)s "
            "remain uncommitted."
        ) % {
            "amount": cny(amount),
            "remaining": cny(remaining),
            "budget": cny(funding_round.budget),
        }
    return None
