"""Every non-trivial read of the incubation app, one module per concern; import from here."""

from .applications import (
    application_answers,
    application_list,
    application_rubric,
    application_score_totals,
    application_snapshot,
)
from .assessments import (
    AreaChange,
    AreaRow,
    TimeSeries,
    area_rows,
    assessment_chart,
    assessment_report_context,
    assessment_sheet,
    cohort_area_change,
    organization_time_series,
    previous_assessment,
)
from .cohorts import (
    PAGE_SIZE,
    applying_organizations,
    cohort_list,
    cohort_overview,
    cohort_page,
    my_cohort_places,
    open_calls,
)
from .eligibility import (
    DEFAULT_FRAMEWORK_KEY,
    capacity_area_choices,
    cohort_choices,
    is_enrolled,
)
from .enrollments import enrollment_detail, enrollment_rows, mentor_candidates
from .graduation import GraduationRow, graduation_rows
from .reports import (
    assessment_latest_report,
    assessment_report_file,
    assessment_reports,
    enrollment_certificate,
)

__all__ = [
    "DEFAULT_FRAMEWORK_KEY",
    "PAGE_SIZE",
    "AreaChange",
    "AreaRow",
    "GraduationRow",
    "TimeSeries",
    "application_answers",
    "application_list",
    "application_rubric",
    "application_score_totals",
    "application_snapshot",
    "applying_organizations",
    "area_rows",
    "assessment_chart",
    "assessment_latest_report",
    "assessment_report_file",
    "enrollment_certificate",
    "assessment_reports",
    "assessment_report_context",
    "assessment_sheet",
    "capacity_area_choices",
    "cohort_area_change",
    "cohort_choices",
    "cohort_list",
    "cohort_overview",
    "cohort_page",
    "enrollment_detail",
    "enrollment_rows",
    "graduation_rows",
    "is_enrolled",
    "mentor_candidates",
    "my_cohort_places",
    "open_calls",
    "organization_time_series",
    "previous_assessment",
]
