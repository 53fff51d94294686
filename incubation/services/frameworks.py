"""Versioning of capacity frameworks.

A version that assessments use is never changed under them: editing it makes the next version
(a copy of every area and indicator with the same stable keys), which becomes current; old
assessments keep the version they were made with, and comparisons match areas by key.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from ngo_portal.models import User

from ..default_framework import default_framework_create
from ..models import CapacityArea, CapacityFramework, CapacityIndicator, Cohort
from ..permissions import can_edit_framework

DEFAULT_FRAMEWORK_KEY = "default"
INDICATOR_FIELDS = (
    "text",
    "text_zh",
    "order",
    *(f"level_{level}{suffix}" for level in (1, 2, 3, 4) for suffix in ("", "_zh")),
)
AREA_FIELDS = ("name", "name_zh", "description", "description_zh", "order")


def framework_default_ensure() -> bool:
    """Put the shipped default framework back if it is missing (its data migration made it;
    a database emptied since, such as a test database after a flush, has none). True if made."""
    return default_framework_create(CapacityFramework, CapacityArea, CapacityIndicator)


def framework_current(key: str = DEFAULT_FRAMEWORK_KEY) -> CapacityFramework:
    return CapacityFramework.objects.get(key=key, is_current=True)


def framework_for_cohort(cohort: Cohort) -> CapacityFramework:
    """The version new assessments of the cohort use: the cohort's framework's current version
    (the cohort may name an older one), else the default framework's."""
    key = cohort.framework.key if cohort.framework_id else DEFAULT_FRAMEWORK_KEY
    return framework_current(key)


def framework_in_use(framework: CapacityFramework) -> bool:
    return framework.assessments.exists()


@transaction.atomic
def framework_new_version(*, framework: CapacityFramework) -> CapacityFramework:
    """Copy `framework` (areas, indicators, keys) as the key's next version, made current."""
    latest = CapacityFramework.objects.select_for_update().filter(key=framework.key)
    version = latest.aggregate(top=Max("version"))["top"] + 1
    latest.filter(is_current=True).update(is_current=False)
    copy = CapacityFramework.objects.create(
        key=framework.key,
        version=version,
        name=framework.name,
        name_zh=framework.name_zh,
        is_current=True,
        previous=framework,
    )
    for area in framework.areas.prefetch_related("indicators"):
        area_copy = CapacityArea.objects.create(
            framework=copy, key=area.key, **{name: getattr(area, name) for name in AREA_FIELDS}
        )
        CapacityIndicator.objects.bulk_create(
            CapacityIndicator(
                area=area_copy,
                key=indicator.key,
                **{name: getattr(indicator, name) for name in INDICATOR_FIELDS},
            )
            for indicator in area.indicators.all()
        )
    return copy


def _editable(framework: CapacityFramework) -> CapacityFramework:
    """The version an edit lands on: the key's current version if no assessment uses it, else
    a new current version copied from it. An edit made from an older version (a form opened
    before the last edit) lands on the current one too, so no edit made since is lost."""
    # The key's versions are locked: two edits at once make one new version, not two.
    list(CapacityFramework.objects.select_for_update().filter(key=framework.key))
    current = framework_current(framework.key)
    if not framework_in_use(current):
        return current
    return framework_new_version(framework=current)


@transaction.atomic
def indicator_update(*, indicator: CapacityIndicator, by: User, data: dict) -> CapacityIndicator:
    """Change an indicator's wording or levels; returns the indicator as now current (in a new
    framework version when the old one is in use)."""
    if not can_edit_framework(by):
        raise PermissionDenied
    framework = _editable(indicator.area.framework)
    target = CapacityIndicator.objects.get(
        area__framework=framework, area__key=indicator.area.key, key=indicator.key
    )
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(target, name, data[name])
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def area_update(*, area: CapacityArea, by: User, data: dict) -> CapacityArea:
    if not can_edit_framework(by):
        raise PermissionDenied
    framework = _editable(area.framework)
    target = CapacityArea.objects.get(framework=framework, key=area.key)
    for name in AREA_FIELDS:
        if name in data:
            setattr(target, name, data[name])
    target.full_clean()
    target.save()
    return target
