"""Trainings: programs of numbered sessions, registrations with a waiting list, attendance,
certificates, evaluations, action plans, follow-ups and the cascade trainings that pass it on.

Rules across fields (eligibility, deadlines, the cascade's reach) live in rules.py; every write
goes through services/.
"""

from .base import new_token
from .follow_up import ActionPlan, CascadeTraining, Evaluation, FollowUp, FollowUpResponse
from .registrations import Attendance, Certificate, Registration
from .sessions import (
    DEFAULT_FOLLOW_UP_MONTHS,
    Trainer,
    TrainingProgram,
    TrainingSession,
    TrainingSessionQuerySet,
)

__all__ = [
    "DEFAULT_FOLLOW_UP_MONTHS",
    "ActionPlan",
    "Attendance",
    "CascadeTraining",
    "Certificate",
    "Evaluation",
    "FollowUp",
    "FollowUpResponse",
    "Registration",
    "Trainer",
    "TrainingProgram",
    "TrainingSession",
    "TrainingSessionQuerySet",
    "new_token",
]
