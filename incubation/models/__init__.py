"""The incubation app's models, one module per concern; import from here."""

from .applications import ApplicationScore, CohortApplication
from .assessments import ActionPlanItem, AreaScore, CapacityAssessment, IndicatorScore
from .cohorts import Cohort, CohortQuestion, Enrollment, RubricCriterion
from .framework import LEVELS, CapacityArea, CapacityFramework, CapacityIndicator
from .mentoring import MentorAssignment, MentoringSession, Milestone

__all__ = [
    "LEVELS",
    "ActionPlanItem",
    "ApplicationScore",
    "AreaScore",
    "CapacityArea",
    "CapacityAssessment",
    "CapacityFramework",
    "CapacityIndicator",
    "Cohort",
    "CohortApplication",
    "CohortQuestion",
    "Enrollment",
    "IndicatorScore",
    "MentorAssignment",
    "MentoringSession",
    "Milestone",
    "RubricCriterion",
]
