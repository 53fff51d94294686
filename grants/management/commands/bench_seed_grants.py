"""Synthetic grants at the issue's bench size: 20,000 applications and 60,000 reviews.

Ten rounds of 2,000 applications in the bench center, each application reviewed by three of 30
reviewers on a two-criterion rubric, with its weighted average computed by the same rule the
review service applies; plus a round of 50 submitted applications for the simultaneous-approval
measurement. Organizations come from `bench_seed` (run it first). Bench rows are found by the
center's short name, so a second run does nothing and --reset removes them. bulk_create in
batches, with progress bars.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from grants.models import (
    Award,
    BudgetLine,
    CriterionScore,
    Fund,
    FundingRound,
    GrantApplication,
    Review,
    ReviewAssignment,
    ReviewCriterion,
)
from grants.rules import average_of, weighted_score
from ngo_portal.models import Center, CenterMembership, User
from organizations.models import Organization

BATCH = 5000
ROUNDS, PER_ROUND, REVIEWS_EACH, REVIEWERS = 10, 2000, 3, 30
APPROVAL_ROUND, APPROVAL_APPLICATIONS = "Bench approvals", 50
APPROVAL_BUDGET, APPROVAL_REQUEST = Decimal("1000000"), Decimal("30000")
REVIEWER_EMAIL = "bench-reviewer-{}@bench.invalid"
CRITERIA = [("Need", 3), ("Feasibility", 1)]


def bench_center() -> Center:
    """The bench's host center: the officer `bench/run.py` signs in with is staff there."""
    center, _created = Center.objects.get_or_create(
        slug=settings.PORTAL_HOST_CENTER, defaults={"name": "Benchmark Center"}
    )
    return center


class Command(BaseCommand):
    help = "Seed 20,000 grant applications and 60,000 reviews for make bench."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="remove the bench grants")
        parser.add_argument("--rounds", type=int, default=ROUNDS)
        parser.add_argument("--per-round", type=int, default=PER_ROUND)

    def handle(self, *args, **options):
        center = bench_center()
        fund = Fund.objects.filter(center=center, name="Bench fund").first()
        if options["reset"]:
            self._reset(fund)
            return
        rounds, per_round = options["rounds"], options["per_round"]
        if fund is not None and fund.rounds.count() == rounds + 1:
            self.stdout.write("Bench grants already seeded.")
            return
        organizations = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
        if len(organizations) < max(per_round, APPROVAL_APPLICATIONS):
            raise CommandError("Seed organizations first: manage.py bench_seed.")
        self._reset(fund)
        with transaction.atomic():
            self._seed(center, organizations, rounds, per_round)
        # Fresh statistics: without them the planner takes a few thousand new rows for a
        # few dozen and sorts whole tables where an index scan stops after one page.
        with connection.cursor() as cursor:
            for model in (GrantApplication, ReviewAssignment, Review, CriterionScore, BudgetLine):
                cursor.execute(f"ANALYZE {model._meta.db_table}")

    def _reset(self, fund) -> None:
        if fund is None:
            return
        rounds = FundingRound.objects.filter(fund=fund)
        Award.objects.filter(round__in=rounds).delete()
        GrantApplication.objects.filter(round__in=rounds).delete()
        rounds.delete()
        fund.delete()
        self.stdout.write("Bench grants removed.")

    def _seed(self, center, organizations, round_count, per_round) -> None:
        rng = random.Random(2026)
        fund = Fund.objects.create(
            center=center,
            name="Bench fund",
            source_type=Fund.SourceType.GOVERNMENT_PROCUREMENT,
            budget=Decimal("100000000"),
        )
        reviewers = self._reviewers(center)
        rounds = [self._round(fund, f"Bench round {n + 1}") for n in range(round_count)]
        applications = []
        for funding_round in tqdm(rounds, desc="applications", unit="round"):
            chosen = rng.sample(organizations, per_round)
            applications += self._applications(funding_round, chosen, rng, "submitted")
        self._lines(applications)
        self._reviews(applications, reviewers, rng)
        approvals = self._round(
            fund,
            APPROVAL_ROUND,
            budget=APPROVAL_BUDGET,
            max_award=APPROVAL_REQUEST,
        )
        self._lines(
            self._applications(
                approvals, organizations[:APPROVAL_APPLICATIONS], rng, "submitted", scored=False
            )
        )
        self.stdout.write(
            f"{GrantApplication.objects.filter(round__fund=fund).count():,} applications, "
            f"{Review.objects.filter(application__round__fund=fund).count():,} reviews."
        )

    def _reviewers(self, center) -> list[User]:
        reviewers = []
        for n in range(REVIEWERS):
            user, _created = User.objects.get_or_create(email=REVIEWER_EMAIL.format(n))
            CenterMembership.objects.get_or_create(
                user=user, center=center, defaults={"role": CenterMembership.Role.REVIEWER}
            )
            reviewers.append(user)
        return reviewers

    def _round(self, fund, title, budget=Decimal("5000000"), max_award=Decimal("200000")):
        today = timezone.localdate()
        funding_round = FundingRound.objects.create(
            fund=fund,
            center_id=fund.center_id,
            title=title,
            opens_on=today - datetime.timedelta(days=60),
            closes_on=today - datetime.timedelta(days=1),
            budget=budget,
            min_award=Decimal("1000"),
            max_award=max_award,
            is_published=True,
        )
        ReviewCriterion.objects.bulk_create(
            ReviewCriterion(round=funding_round, name=name, weight=weight, order=order)
            for order, (name, weight) in enumerate(CRITERIA)
        )
        return funding_round

    def _applications(self, funding_round, organizations, rng, status, scored=True):
        now = timezone.now()
        rows = [
            GrantApplication(
                round=funding_round,
                organization_id=organization,
                status=status,
                title=f"社区服务项目 {funding_round.pk}-{n}",
                summary="Synthetic application for the benchmark.",
                objectives="Objectives.",
                beneficiaries="Community residents.",
                starts_on=funding_round.closes_on + datetime.timedelta(days=30),
                ends_on=funding_round.closes_on + datetime.timedelta(days=395),
                requested_total=APPROVAL_REQUEST
                if not scored
                else Decimal(rng.randrange(10, 200) * 1000),
                submitted_at=now,
            )
            for n, organization in enumerate(organizations)
        ]
        return GrantApplication.objects.bulk_create(rows, batch_size=BATCH)

    def _lines(self, applications) -> None:
        BudgetLine.objects.bulk_create(
            (
                BudgetLine(
                    application=application,
                    category=BudgetLine.Category.ACTIVITIES,
                    amount=application.requested_total,
                )
                for application in applications
            ),
            batch_size=BATCH,
        )

    def _reviews(self, applications, reviewers, rng) -> None:
        criteria = {}
        for criterion in ReviewCriterion.objects.filter(
            round_id__in={a.round_id for a in applications}
        ).order_by("order"):
            criteria.setdefault(criterion.round_id, []).append(criterion)
        assignments, plans = [], []
        for index, application in enumerate(tqdm(applications, desc="assignments")):
            for k in range(REVIEWS_EACH):
                reviewer = reviewers[(index + k * 7) % len(reviewers)]
                assignments.append(
                    ReviewAssignment(
                        application=application,
                        reviewer=reviewer,
                        status=ReviewAssignment.Status.COMPLETED,
                    )
                )
                plans.append([rng.randint(0, 5) for _ in criteria[application.round_id]])
        assignments = ReviewAssignment.objects.bulk_create(assignments, batch_size=BATCH)
        reviews = []
        for assignment, values in zip(assignments, plans, strict=True):
            rubric = criteria[assignment.application.round_id]
            reviews.append(
                Review(
                    assignment=assignment,
                    application=assignment.application,
                    recommendation=rng.choice(["yes", "maybe", "no"]),
                    weighted_score=weighted_score(
                        [(v, c.weight) for v, c in zip(values, rubric, strict=True)]
                    ),
                )
            )
        reviews = Review.objects.bulk_create(tqdm(reviews, desc="reviews"), batch_size=BATCH)
        scores = (
            CriterionScore(review=review, criterion=criterion, score=value)
            for review, values in zip(reviews, plans, strict=True)
            for criterion, value in zip(criteria[review.application.round_id], values, strict=True)
        )
        CriterionScore.objects.bulk_create(scores, batch_size=BATCH)
        self._averages(applications, reviews)

    def _averages(self, applications, reviews) -> None:
        by_application = {}
        for review in reviews:
            by_application.setdefault(review.application_id, []).append(review.weighted_score)
        for application in applications:
            scores = by_application.get(application.pk, [])
            application.review_count = len(scores)
            application.average_score = average_of(scores)
        GrantApplication.objects.bulk_update(
            applications, ["review_count", "average_score"], batch_size=BATCH
        )
