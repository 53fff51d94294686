"""Synthetic incubation data at the bench sizes of DESIGN.md: 500 enrollments in 5 cohorts of the
portal's host center, 5,000 finalized assessments (10 per enrollment) with their 27 indicator
scores and 9 area scores each, 1,000 applications and 1,500 milestones.

Idempotent: cohorts already there are topped up, never duplicated. Needs the organizations of
`bench_seed` (500 of them are enrolled). Rows go in with bulk_create in batches; the area and
overall scores come from the same rule the services use (incubation/rules.py).
"""

import datetime
import random
import sys
from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from incubation.models import (
    AreaScore,
    CapacityAssessment,
    CapacityFramework,
    CapacityIndicator,
    Cohort,
    CohortApplication,
    Enrollment,
    IndicatorScore,
    Milestone,
)
from incubation.rules import area_score, overall_score
from ngo_portal.models import Center, CenterMembership, User
from organizations.models import Organization

TITLE = "Bench incubation cohort {number}"
COHORTS, PER_COHORT, ASSESSMENTS_PER_ENROLLMENT = 5, 100, 10
KINDS = [
    "baseline",
    "self",
    "midline",
    "self",
    "midline",
    "self",
    "midline",
    "self",
    "endline",
    "self",
]
BATCH = 2000
BENCH_ASSESSOR = "bench-officer@bench.invalid"


class Command(BaseCommand):
    help = "Create synthetic cohorts, enrollments and assessments for the incubation bench."

    def handle(self, *args, **options):
        framework = CapacityFramework.objects.filter(key="default", is_current=True).first()
        if framework is None:
            raise CommandError("Migrate first: the default capacity framework is missing.")
        indicators = list(
            CapacityIndicator.objects.filter(area__framework=framework).select_related("area")
        )
        center, assessor = self._center_and_assessor()
        rng = random.Random(2026)
        with transaction.atomic():
            cohorts = [self._cohort(center, number) for number in range(1, COHORTS + 1)]
            enrollments = self._enrollments(cohorts)
            self._applications(cohorts, enrollments)
            self._milestones(enrollments)
        created = self._assessments(enrollments, framework, indicators, assessor, rng)
        self._analyze()
        self.stdout.write(
            f"{Enrollment.objects.filter(cohort__in=cohorts).count()} enrollments, "
            f"{CapacityAssessment.objects.filter(enrollment__cohort__in=cohorts).count()} "
            f"assessments ({created} new)."
        )

    def _analyze(self) -> None:
        """Fresh planner statistics: after a bulk load the planner still expects empty tables
        and picks nested loops where it should sort or hash."""
        models = (Enrollment, CohortApplication, Milestone, CapacityAssessment, AreaScore)
        with connection.cursor() as cursor:
            for model in (*models, IndicatorScore):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def _center_and_assessor(self):
        center, _created = Center.objects.get_or_create(
            slug=settings.PORTAL_HOST_CENTER, defaults={"name": "Benchmark Center"}
        )
        user, _created = User.objects.get_or_create(
            email=BENCH_ASSESSOR, defaults={"is_active": True}
        )
        CenterMembership.objects.get_or_create(
            user=user, center=center, defaults={"role": CenterMembership.Role.OFFICER}
        )
        return center, user

    def _cohort(self, center, number: int) -> Cohort:
        year = 2020 + number
        cohort, _created = Cohort.objects.get_or_create(
            center=center,
            title=TITLE.format(number=number),
            defaults={
                "title_zh": f"基准测试孵化批次{number}",
                "call_opens": datetime.date(year - 1, 10, 1),
                "call_closes": datetime.date(year - 1, 11, 30),
                "starts_on": datetime.date(year, 1, 1),
                "ends_on": datetime.date(year, 12, 31),
                "capacity": PER_COHORT,
                "status": Cohort.Status.RUNNING,
                "graduation_milestones_percent": 60,
                "graduation_min_improvement": "0.50",
            },
        )
        return cohort

    def _enrollments(self, cohorts) -> list[Enrollment]:
        taken = set(Enrollment.objects.values_list("organization_id", flat=True))
        free = (
            Organization.objects.exclude(pk__in=taken)
            .exclude(legal_form="community_group")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        missing = {cohort.pk: PER_COHORT - cohort.enrollments.count() for cohort in cohorts}
        pool = iter(free[: sum(missing.values())])
        rows = [
            Enrollment(cohort=cohort, organization_id=next(pool), enrolled_on=cohort.starts_on)
            for cohort in cohorts
            for _ in range(missing[cohort.pk])
        ]
        Enrollment.objects.bulk_create(rows, batch_size=BATCH)
        return list(
            Enrollment.objects.filter(cohort__in=cohorts).select_related("cohort").order_by("pk")
        )

    def _applications(self, cohorts, enrollments) -> None:
        have = set(
            CohortApplication.objects.filter(cohort__in=cohorts).values_list(
                "cohort_id", "organization_id"
            )
        )
        now = timezone.now()
        rows = [
            CohortApplication(
                cohort_id=e.cohort_id,
                organization_id=e.organization_id,
                status="accepted",
                enrollment=e,
                submitted_at=now,
                decided_at=now,
            )
            for e in enrollments
            if (e.cohort_id, e.organization_id) not in have
        ]
        CohortApplication.objects.bulk_create(rows, batch_size=BATCH)
        # As many applications turned down or waiting as were accepted.
        taken = set(Enrollment.objects.values_list("organization_id", flat=True))
        applied = set(CohortApplication.objects.values_list("organization_id", flat=True))
        for cohort in cohorts:
            extra = PER_COHORT - cohort.applications.exclude(status="accepted").count()
            if extra <= 0:
                continue
            others = (
                Organization.objects.exclude(pk__in=taken | applied)
                .order_by("-pk")
                .values_list("pk", flat=True)[:extra]
            )
            statuses = ["submitted", "waitlisted", "rejected"]
            CohortApplication.objects.bulk_create(
                [
                    CohortApplication(
                        cohort=cohort, organization_id=pk, status=statuses[n % 3], submitted_at=now
                    )
                    for n, pk in enumerate(others)
                ],
                batch_size=BATCH,
            )
            applied |= set(others)

    def _milestones(self, enrollments) -> None:
        have = set(
            Milestone.objects.filter(enrollment__in=enrollments).values_list(
                "enrollment_id", flat=True
            )
        )
        rows = []
        for e in enrollments:
            if e.pk in have:
                continue
            for n in range(3):
                due = e.enrolled_on + datetime.timedelta(days=90 * (n + 1))
                done = (e.pk + n) % 3 != 0
                rows.append(
                    Milestone(
                        enrollment=e,
                        title=f"Milestone {n + 1}",
                        due_on=due,
                        status="completed" if done else "in_progress",
                        completed_on=due if done else None,
                    )
                )
        Milestone.objects.bulk_create(rows, batch_size=BATCH)

    def _assessments(self, enrollments, framework, indicators, assessor, rng) -> int:
        counts = defaultdict(int)
        for enrollment_id in CapacityAssessment.objects.filter(
            enrollment__in=enrollments
        ).values_list("enrollment_id", flat=True):
            counts[enrollment_id] += 1
        todo = [
            (e, n) for e in enrollments for n in range(counts[e.pk], ASSESSMENTS_PER_ENROLLMENT)
        ]
        for start in tqdm(
            range(0, len(todo), 500), file=sys.stderr, unit=" ×500 assessments", disable=None
        ):
            with transaction.atomic():
                self._assessment_batch(
                    todo[start : start + 500], framework, indicators, assessor, rng
                )
        return len(todo)

    def _assessment_batch(self, batch, framework, indicators, assessor, rng) -> None:
        now = timezone.now()
        assessments, levels = [], []
        for enrollment, n in batch:
            start = enrollment.organization_id % 7 / 4 + 1.2
            assessments.append(
                CapacityAssessment(
                    organization_id=enrollment.organization_id,
                    enrollment=enrollment,
                    center_id=enrollment.cohort.center_id,
                    framework=framework,
                    kind=KINDS[n],
                    assessed_on=enrollment.enrolled_on + datetime.timedelta(days=36 * n),
                    status="finalized",
                    created_by=assessor,
                    submitted_at=now,
                    finalized_at=now,
                )
            )
            levels.append(
                [
                    (
                        max(1, min(4, round(start + n * 0.15 + rng.uniform(-0.7, 0.7)))),
                        rng.random() < 0.03,
                    )
                    for _ in indicators
                ]
            )
        CapacityAssessment.objects.bulk_create(assessments, batch_size=BATCH)
        scores, areas = [], []
        for assessment, row in zip(assessments, levels, strict=True):
            by_area = defaultdict(list)
            for indicator, (level, na) in zip(indicators, row, strict=True):
                scores.append(
                    IndicatorScore(
                        assessment=assessment,
                        indicator=indicator,
                        level=None if na else level,
                        not_applicable=na,
                        evidence="",
                    )
                )
                by_area[indicator.area].append((None if na else level, na))
            results = []
            for area, area_levels in by_area.items():
                result = area_score(area_levels)
                results.append(result.score)
                areas.append(
                    AreaScore(
                        assessment=assessment,
                        area=area,
                        area_key=area.key,
                        score=result.score,
                        scored=result.scored,
                        not_applicable=result.not_applicable,
                    )
                )
            assessment.overall_score = overall_score(results)
        IndicatorScore.objects.bulk_create(scores, batch_size=BATCH)
        AreaScore.objects.bulk_create(areas, batch_size=BATCH)
        CapacityAssessment.objects.bulk_update(assessments, ["overall_score"], batch_size=BATCH)
        Through = CapacityAssessment.assessors.through
        Through.objects.bulk_create(
            [Through(capacityassessment_id=a.pk, user_id=assessor.pk) for a in assessments],
            batch_size=BATCH,
        )
