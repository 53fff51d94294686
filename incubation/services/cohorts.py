"""Opening and editing a cohort's call: its fields, questions and rubric."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ngo_portal.models import User

from ..models import Cohort, CohortQuestion, Enrollment, RubricCriterion
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
    for a new one) and "delete". Raises PermissionDenied unless `by` is staff of its center,
    ValidationError {"capacity": ...} when the capacity is below the enrollments it has.
    """
    allowed = (
        can_create_cohort(by) and is_staff_of(by, cohort.center)
        if cohort.pk is None
        else can_manage_cohort(by, Cohort.objects.select_for_update().get(pk=cohort.pk))
    )
    if not allowed:
        raise PermissionDenied
    cohort.full_clean()
    if cohort.pk is not None:
        # The row is locked above, as accepting an application locks it: no enrollment can
        # be added between this count and the save.
        enrolled = cohort.enrollments.exclude(status=Enrollment.Status.WITHDRAWN).count()
        if cohort.capacity < enrolled:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)s organizations are enrolled: the capacity cannot be lower."
                    )
                    % {"count": enrolled}
                }
            )
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
