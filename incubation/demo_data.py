"""Demo incubation data: Amity's incubation cohort in Nanjing, with baseline and endline
assessments whose scores are plausible and varied (each organization its own profile, most areas
rising by half a level to a level and a half, a few flat, one falling), so the charts and
reports show real change; and an open call for the home page.

Idempotent: a second run finds the cohorts and leaves them as they are.
"""

import datetime
import random

from django.utils import timezone

from ngo_portal.models import Center
from organizations.demo_data import ORGANIZATIONS as ORGANIZATION_ROWS
from organizations.models import Organization

from .models import (
    CapacityAssessment,
    Cohort,
    CohortApplication,
    CohortQuestion,
    Enrollment,
    IndicatorScore,
    MentorAssignment,
    MentoringSession,
    Milestone,
    RubricCriterion,
)
from .services import (
    action_plan_propose,
    area_scores_compute,
    assessment_start,
    framework_default_ensure,
    profile_snapshot,
)

CENTER = "amity-ndc"
GROWING = ("start_up", "growing")
COHORT_TITLE = "Amity NGO Incubation Program 2026 · Nanjing"
OPEN_CALL_TITLE = "Amity NGO Incubation Program 2027 · Nanjing"
QUESTIONS = [
    (
        "What social need does your organization answer, and for whom?",
        "贵机构回应什么社会需求？服务对象是谁？",
    ),
    (
        "What do you most want to strengthen during incubation?",
        "在孵化期间，贵机构最希望提升哪方面的能力？",
    ),
]
RUBRIC = [
    ("Responds to a real social need", "切实回应社会需求", 5),
    ("Growth potential of the team", "团队成长潜力", 5),
    ("Fit with the incubation program", "与孵化项目的契合度", 5),
]
MILESTONES = [
    ("Board adopts a three-year strategic plan", 60),
    ("Financial policies written and approved", 120),
    ("First online fundraising campaign", 200),
]
# How each area tends to move between baseline and endline (added to the level).
GROWTH = {
    "governance": 1.2,
    "human_resources": 0.8,
    "service_delivery": 0.6,
    "monitoring_evaluation": 1.1,
    "financial_management": 1.3,
    "resource_development": 0.9,
    "communication": 0.7,
    "community_partnerships": 0.4,
    "philanthropic_values": 0.2,
}


def seed_incubation(*, officer, mentor, member) -> str:
    center = Center.objects.get(slug=CENTER)
    framework_default_ensure()
    if Cohort.objects.filter(center=center, title=COHORT_TITLE).exists():
        return "Incubation demo data already there."
    # The organizations' own demo data (the seed documents' NGOs) in their growing phase, as
    # Amity selects them: not the foundations and networks, nor whatever else is there.
    names = [row[0] for row in ORGANIZATION_ROWS if row[7] in GROWING]
    organizations = list(Organization.objects.filter(name_zh__in=names).order_by("pk")[:8])
    cohort = _cohort(
        center,
        COHORT_TITLE,
        "爱德社会组织孵化项目 2026 · 南京",
        year=2026,
        status=Cohort.Status.RUNNING,
    )
    _open_call(center)
    for number, organization in enumerate(organizations):
        enrollment = _enroll(cohort, organization, officer)
        MentorAssignment.objects.get_or_create(
            enrollment=enrollment, mentor=mentor, defaults={"assigned_by": officer}
        )
        _milestones(enrollment, number)
        MentoringSession.objects.create(
            enrollment=enrollment,
            mentor=mentor,
            held_on=cohort.starts_on + datetime.timedelta(days=30),
            topic="Board and strategy / 理事会与战略",
            notes="Reviewed the charter and the board's role; drafted the plan's goals.",
            next_steps="Board meeting to adopt the plan; share minutes with the mentor.",
        )
        _assessments(enrollment, officer, mentor, seed=organization.name_zh)
    return (
        f"Incubation: cohort {cohort.pk} with {len(organizations)} organizations, and an open call."
    )


def _cohort(center, title, title_zh, *, year: int, status) -> Cohort:
    cohort = Cohort.objects.create(
        center=center,
        title=title,
        title_zh=title_zh,
        description=(
            "Twelve months of incubation for growing social organizations: trainings in "
            "organizational management, team building, professional service, resource "
            "development and philanthropic spirit, a mentor for each organization, and "
            "capacity assessments at the start and the end."
        ),
        description_zh="为期十二个月的社会组织孵化：组织管理、团队建设、专业服务、资源开发和公益精神培训，每家机构配备导师，并在开始和结束时进行能力评估。",
        call_opens=datetime.date(year - 1, 11, 1),
        call_closes=datetime.date(year - 1, 12, 15),
        starts_on=datetime.date(year, 1, 5),
        ends_on=datetime.date(year, 12, 20),
        capacity=10,
        criteria="Registered in Jiangsu, at least two full-time staff, a service running for a year.",
        criteria_zh="在江苏登记注册，至少两名全职人员，服务已开展一年以上。",
        status=status,
        graduation_milestones_percent=60,
        graduation_min_endline_score="2.80",
        graduation_min_improvement="0.80",
    )
    for order, (text, text_zh) in enumerate(QUESTIONS):
        CohortQuestion.objects.create(cohort=cohort, text=text, text_zh=text_zh, order=order)
    for order, (name, name_zh, top) in enumerate(RUBRIC):
        RubricCriterion.objects.create(
            cohort=cohort, name=name, name_zh=name_zh, max_score=top, order=order
        )
    return cohort


def _open_call(center) -> Cohort:
    today = timezone.localdate()
    cohort = _cohort(
        center,
        OPEN_CALL_TITLE,
        "爱德社会组织孵化项目 2027 · 南京",
        year=today.year + 1,
        status=Cohort.Status.OPEN,
    )
    cohort.call_opens, cohort.call_closes = (
        today - datetime.timedelta(days=10),
        today + datetime.timedelta(days=45),
    )
    cohort.save(update_fields=["call_opens", "call_closes"])
    return cohort


def _enroll(cohort, organization, officer) -> Enrollment:
    enrollment = Enrollment.objects.create(
        cohort=cohort, organization=organization, enrolled_on=cohort.starts_on
    )
    CohortApplication.objects.create(
        cohort=cohort,
        organization=organization,
        status=CohortApplication.Status.ACCEPTED,
        profile_snapshot=profile_snapshot(organization),
        answers={},
        submitted_at=timezone.now(),
        decided_by=officer,
        decided_at=timezone.now(),
        enrollment=enrollment,
    )
    return enrollment


def _milestones(enrollment, number: int) -> None:
    for index, (title, days) in enumerate(MILESTONES):
        due = enrollment.cohort.starts_on + datetime.timedelta(days=days)
        done = index < 2 or number % 2 == 0
        Milestone.objects.create(
            enrollment=enrollment,
            title=title,
            due_on=due,
            status=Milestone.Status.COMPLETED if done else Milestone.Status.IN_PROGRESS,
            completed_on=due - datetime.timedelta(days=3) if done else None,
        )


def _assessments(enrollment, officer, mentor, *, seed: str) -> None:
    rng = random.Random(seed)
    start = enrollment.cohort.starts_on + datetime.timedelta(days=10)
    end = enrollment.cohort.ends_on - datetime.timedelta(days=20)
    strength = rng.uniform(1.2, 2.4)  # where this organization starts
    falling = rng.choice(list(GROWTH))  # one area that slips back (a key person left...)
    baseline = _assessment(enrollment, officer, mentor, CapacityAssessment.Kind.BASELINE, start)
    endline = _assessment(enrollment, officer, mentor, CapacityAssessment.Kind.ENDLINE, end)
    base_rows = list(baseline.scores.select_related("indicator__area"))
    end_rows = {row.indicator_id: row for row in endline.scores.all()}
    for row in base_rows:
        area = row.indicator.area.key
        level = _level(strength + rng.uniform(-0.9, 0.9))
        row.level = level
        later = end_rows[row.indicator_id]
        rise = -0.8 if area == falling else GROWTH.get(area, 0.6) + rng.uniform(-0.6, 0.6)
        later.level = _level(level + rise + rng.uniform(-0.3, 0.3))
        if area == "philanthropic_values" and rng.random() < 0.15:
            row.level, row.not_applicable = None, True
            later.level, later.not_applicable = None, True
        row.evidence = "Interview with the director; documents reviewed."
        later.evidence = "Board minutes, financial reports and project records reviewed."
    IndicatorScore.objects.bulk_update(
        base_rows + list(end_rows.values()), ["level", "not_applicable", "evidence"]
    )
    for assessment in (baseline, endline):
        area_scores_compute(assessment=assessment)
        action_plan_propose(assessment=assessment)
        assessment.status = CapacityAssessment.Status.FINALIZED
        assessment.submitted_at = assessment.finalized_at = timezone.now()
        assessment.save(update_fields=["status", "submitted_at", "finalized_at"])


def _assessment(enrollment, officer, mentor, kind, date) -> CapacityAssessment:
    return assessment_start(
        enrollment=enrollment, kind=kind, by=officer, assessed_on=date, assessors=[mentor]
    )


def _level(value: float) -> int:
    return max(1, min(4, round(value)))
