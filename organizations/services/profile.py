"""Registering an organization and keeping its profile."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngo_portal.models import User
from ngo_portal.permissions import forget_roles

from ..models import Organization, OrganizationMembership
from ..permissions import can_edit_organization, can_register_organization
from ..rules import FUNDING_FIELDS, organization_derive_fields, organization_validate

# The same words as the rule's own message (rules.credit_code_errors), for the race it cannot see.
CREDIT_CODE_TAKEN = gettext_lazy(
    "An organization with this credit code is already registered. Ask someone "
    "who manages it to invite you, or ask to join from its profile."
)
NOT_SAVED = gettext_lazy(
    "The organization could not be saved as entered: please check the values and try again."
)

# What a member may type; derived and staff-only fields (pinyin, region code, verification)
# are never taken from input.
PROFILE_FIELDS = (
    "name_zh",
    "name_en",
    "credit_code",
    "legal_form",
    "registration_authority",
    "supervising_unit",
    "registration_date",
    "mca_grade",
    "mca_grade_expires",
    "region",
    "community",
    "area_type",
    "address",
    "service_areas",
    "beneficiary_groups",
    "founded_year",
    "growth_stage",
    "description",
    "staff_full_time",
    "staff_part_time",
    "volunteers",
    "annual_budget_cny",
    *FUNDING_FIELDS,
    "contact_name",
    "contact_phone",
    "contact_email",
    "website",
    "is_public",
)


def _check_fields(data: dict) -> None:
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")


def _save(organization: Organization, user: User) -> None:
    """Save with a history record naming `user`. What the database still refuses after
    validation (a credit code registered a moment ago by someone else, a name too long for an
    index over it and its derived forms) is reported at its field, never as a server error."""
    organization._history_user = user
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""
        if "credit_code" not in constraint:
            raise ValidationError(NOT_SAVED, code="not_saved") from error
        raise ValidationError(
            {"credit_code": ValidationError(CREDIT_CODE_TAKEN, code="credit_code_taken")}
        ) from error
    except DatabaseError as error:
        raise ValidationError(
            {
                "name_zh": ValidationError(
                    _(
                        "This name is too long to be stored with its search forms: please "
                        "shorten it, or the English name."
                    ),
                    code="name_not_storable",
                )
            }
        ) from error


@transaction.atomic
def organization_create(*, user: User, data: dict) -> Organization:
    """Register an organization with `user` as its first owner.

    Side effects: a history record (by `user`) and the owner's active membership.
    """
    if not can_register_organization(user):
        raise PermissionDenied
    _check_fields(data)
    organization = Organization(**data)
    organization_derive_fields(organization)
    organization_validate(organization)
    _save(organization, user)
    membership = OrganizationMembership(
        organization=organization,
        user=user,
        role=OrganizationMembership.Role.OWNER,
        state=OrganizationMembership.State.ACTIVE,
        responded_at=timezone.now(),
    )
    membership.full_clean()
    membership.save()
    forget_roles(user)
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, by: User, data: dict) -> Organization:
    """Change profile fields; an edit that changes nothing saves nothing.

    Side effect: a history record naming `by`, which the profile's "recent changes" shows.
    """
    if not can_edit_organization(by, organization):
        raise PermissionDenied
    _check_fields(data)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    changed = [field for field, value in data.items() if getattr(organization, field) != value]
    if not changed:
        return organization
    for field in changed:
        setattr(organization, field, data[field])
    organization_derive_fields(organization)
    organization_validate(organization)
    _save(organization, by)
    return organization
