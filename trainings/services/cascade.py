"""Cascade trainings: core organizations pass on what they learned to local organizations, which
may pass it on again (the seed's regional capacity-building networks)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import CascadeTraining, Registration, TrainingSession
from ..permissions import can_record_cascade


@transaction.atomic
def cascade_training_record(
    *, training: CascadeTraining, organizations_reached, by
) -> CascadeTraining:
    """Record a training the organization delivered.

    Without `parent`, the organization must have had a confirmed participant at the session;
    with one, it must be among the organizations that training reached (and the session is the
    parent's). An organization does not train itself. Raises PermissionDenied unless `by` is a
    member of the delivering organization, ValidationError otherwise.
    """
    if not can_record_cascade(by, training.organization):
        raise PermissionDenied
    parent = training.parent
    if parent is not None:
        training.session_id, training.level = parent.session_id, parent.level + 1
        if not parent.organizations_reached.filter(pk=training.organization_id).exists():
            raise ValidationError(
                {"parent": _("Your organization was not trained at that cascade training.")}
            )
    else:
        training.level = 1
        attended = Registration.objects.filter(
            session_id=training.session_id,
            organization_id=training.organization_id,
            status=Registration.Status.CONFIRMED,
        ).exists()
        if not attended:
            raise ValidationError(
                {"session": _("Your organization had no participant at that session.")}
            )
    _check_date(training, parent)
    reached = list(organizations_reached)
    if any(organization.pk == training.organization_id for organization in reached):
        raise ValidationError(
            {"organizations_reached": _("An organization cannot list itself as trained.")}
        )
    training.recorded_by = by
    training.full_clean()  # with the constraint: a form sent twice is refused, not counted twice
    try:
        with transaction.atomic():
            training.save()
    except IntegrityError:  # the same form sent twice at the same moment
        raise ValidationError(_("Your organization has already recorded this training.")) from None
    training.organizations_reached.set(reached)
    return training


def _check_date(training: CascadeTraining, parent: CascadeTraining | None) -> None:
    if training.held_on is None:
        return  # full_clean reports the missing date
    if parent is not None and training.held_on < parent.held_on:
        raise ValidationError(
            {"held_on": _("It cannot come before the cascade training that trained you.")}
        )
    first_day = TrainingSession.objects.values_list("starts_on", flat=True).get(
        pk=training.session_id
    )
    if training.held_on < first_day:
        raise ValidationError({"held_on": _("It cannot come before the session itself.")})
