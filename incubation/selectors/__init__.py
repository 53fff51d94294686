"""Every non-trivial read of the incubation app, one module per concern; import from here."""

from .eligibility import (
    DEFAULT_FRAMEWORK_KEY,
    capacity_area_choices,
    cohort_choices,
    is_enrolled,
)

__all__ = [
    "DEFAULT_FRAMEWORK_KEY",
    "capacity_area_choices",
    "cohort_choices",
    "is_enrolled",
]
