"""Registering an organization and keeping its profile."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngo_portal.models import User

from ..credit_code import normalize_credit_code
from ..models import Organization, OrganizationMembership
from ..names import pinyin_of
from ..permissions import forget_organization_roles
from ..vocabularies import FUNDING_SOURCES, LegalForm

FUNDING_FIELDS = tuple(field for field, _label in FUNDING_SOURCES)
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


def organization_rule_errors(*, values: dict, pk: int | None = None) -> dict[str, list]:
    """The profile rules that single fields cannot check, as {field: [error]}.

    Shared by the form (so every problem shows at once) and the services (so no caller can skip
    them). The funding error is a form-wide error with code "funding_mix".
    """
    errors: dict[str, list] = {}
    code = values.get("credit_code") or None
    legal_form = values.get("legal_form")
    if legal_form == LegalForm.COMMUNITY_GROUP and code:
        errors["credit_code"] = [
            ValidationError(
                _("An unregistered community group has no credit code: leave the field empty."),
                code="credit_code_not_registered",
            )
        ]
    elif legal_form and legal_form != LegalForm.COMMUNITY_GROUP and not code:
        errors["credit_code"] = [
            ValidationError(
                _("A registered organization needs its unified social credit code."),
                code="credit_code_required",
            )
        ]
    elif code and Organization.objects.filter(credit_code=code).exclude(pk=pk).exists():
        errors["credit_code"] = [ValidationError(CREDIT_CODE_TAKEN, code="credit_code_taken")]
    total = sum(values.get(field) or 0 for field in FUNDING_FIELDS)
    if total not in (0, 100):
        errors[NON_FIELD_ERRORS] = [
            ValidationError(
                _(
                    "The funding sources must add up to 100%% (or all be 0 if you do not know); "
                    "they now add up to %(total)d%%."
                ),
                code="funding_mix",
                params={"total": total},
            )
        ]
    region, community = values.get("region"), values.get("community")
    if community is not None and (region is None or community.region_id != region.pk):
        errors["community"] = [
            ValidationError(
                _("This community is not in the chosen county: choose one of its communities."),
                code="community_outside_region",
            )
        ]
    return errors


def organization_derive_fields(organization: Organization) -> None:
    """Fields computed from others: the pinyin used by search, the region code used by filters,
    and urban/rural taken from the community when the member left it open."""
    organization.credit_code = normalize_credit_code(organization.credit_code) or None
    organization.name_pinyin = pinyin_of(organization.name_zh)
    organization.region_code = organization.region.code if organization.region else ""
    if organization.community and not organization.area_type:
        organization.area_type = organization.community.area_type


def _check_fields(data: dict) -> None:
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")


def _validate(organization: Organization) -> None:
    """The rules in our own words, plus the model's field checks. When a rule already failed,
    the model's constraint and uniqueness checks would repeat it in blunter words: skip them."""
    values = {field: getattr(organization, field) for field in PROFILE_FIELDS}
    errors = organization_rule_errors(values=values, pk=organization.pk)
    try:
        organization.full_clean(validate_unique=not errors, validate_constraints=not errors)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


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
    _check_fields(data)
    organization = Organization(**data)
    organization_derive_fields(organization)
    _validate(organization)
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
    forget_organization_roles(user)
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, user: User, data: dict) -> Organization:
    """Change profile fields; an edit that changes nothing saves nothing.

    Side effect: a history record naming `user`, which the profile's "recent changes" shows.
    """
    _check_fields(data)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    changed = [field for field, value in data.items() if getattr(organization, field) != value]
    if not changed:
        return organization
    for field in changed:
        setattr(organization, field, data[field])
    organization_derive_fields(organization)
    _validate(organization)
    _save(organization, user)
    return organization
