"""Reads of incubation data that other apps use (trainings' topics and cohort eligibility,
grants' cohort eligibility)."""

from django.db.models import QuerySet

from ..models import CapacityArea, CapacityFramework, Cohort, Enrollment

DEFAULT_FRAMEWORK_KEY = "default"


def capacity_area_choices(framework_key: str = DEFAULT_FRAMEWORK_KEY) -> list[tuple[str, str]]:
    """[(area key, name in the active language)] of the framework's current version, in order.

    Keys are stable across versions, so a training topic stored as a key keeps its meaning when
    the framework is edited."""
    framework = CapacityFramework.objects.filter(key=framework_key, is_current=True).first()
    if framework is None:
        return []
    return [
        (area.key, area.display_name)
        for area in CapacityArea.objects.filter(framework=framework).order_by("order", "pk")
    ]


def cohort_choices() -> QuerySet[Cohort]:
    """Cohorts another app may name as an eligibility rule, newest first."""
    return Cohort.objects.select_related("center").order_by("-starts_on", "pk")


def is_enrolled(organization_id: int, cohort_id: int) -> bool:
    """Whether the organization has an enrollment in the cohort that has not been withdrawn."""
    return (
        Enrollment.objects.filter(organization_id=organization_id, cohort_id=cohort_id)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .exists()
    )
