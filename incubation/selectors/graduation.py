"""Who in a cohort meets its graduation criteria (rules.graduation_check)."""

from dataclasses import dataclass

from ..models import Cohort
from ..rules import GraduationCheck, graduation_check, is_registered
from .enrollments import EnrollmentRow, enrollment_row, enrollment_rows


@dataclass
class GraduationRow:
    enrollment: EnrollmentRow
    check: GraduationCheck


def _check(cohort: Cohort, enrollment: EnrollmentRow) -> GraduationCheck:
    return graduation_check(
        cohort,
        milestones_done=enrollment.milestones_done,
        milestones_total=enrollment.milestones_total,
        baseline=enrollment.baseline_score,
        endline=enrollment.endline_score,
        registered=is_registered(enrollment),
    )


def graduation_rows(*, cohort: Cohort, user) -> list[GraduationRow]:
    """Every enrollment the user may see, with its check: the queries of enrollment_rows."""
    return [
        GraduationRow(enrollment=enrollment, check=_check(cohort, enrollment))
        for enrollment in enrollment_rows(cohort=cohort, user=user)
    ]


def enrollment_graduation_check(*, enrollment) -> GraduationCheck:
    """The cohort's criteria against one enrollment's current figures (one query)."""
    return _check(enrollment.cohort, enrollment_row(enrollment_id=enrollment.pk))
