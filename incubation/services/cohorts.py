"""Opening and editing a cohort's call: its fields, questions and rubric."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ngo_portal.models import User

from ..models import Cohort, CohortQuestion, RubricCriterion
from ..permissions import can_create_cohort, can_manage_cohort, is_staff_of


@transaction.atomic
def cohort_save(
    *,
    cohort: Cohort,
    by: User,
    questions: list[dict] = (),
    rubric: list[dict] = (),
) -> Cohort:
    """Save a new or edited cohort (already bound to its fields) with its questions and rubric.

    `questions` / `rubric`: dicts of the model's fields plus "id" (an existing row, or None
    for a new one) and "delete". Raises PermissionDenied unless `by` is staff of its center.
    """
    allowed = (
        can_create_cohort(by) and is_staff_of(by, cohort.center)
        if cohort.pk is None
        else can_manage_cohort(by, Cohort.objects.get(pk=cohort.pk))
    )
    if not allowed:
        raise PermissionDenied
    cohort.full_clean()
    cohort.save()
    _save_rows(cohort, CohortQuestion, questions, ("text", "text_zh", "required", "order"))
    _save_rows(cohort, RubricCriterion, rubric, ("name", "name_zh", "max_score", "weight", "order"))
    return cohort


def _save_rows(cohort: Cohort, model, rows, fields) -> None:
    existing = {row.pk: row for row in model.objects.filter(cohort=cohort)}
    for data in rows:
        row = existing.get(data.get("id"))
        if data.get("delete"):
            if row is not None:
                row.delete()
            continue
        row = row or model(cohort=cohort)
        for name in fields:
            if name in data:
                setattr(row, name, data[name])
        row.full_clean()
        row.save()
