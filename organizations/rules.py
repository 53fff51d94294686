"""The organization rules, each in one function: the fields derived from others and the checks
that no single field can make.

The profile service and form, the admin, the importer, the demo data, the bench seed and the test
factories all call these, so a rule and its message exist once. The checks here need no query
except the credit code's uniqueness, which the importer answers from a set it reads once.

Each function takes an `Organization` or a dict of its field values (`region` and `community`
as objects, as `Organization(**values)` would take them): the importer and the bench seed build
rows as dicts for COPY and never make model instances.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from .credit_code import normalize_credit_code
from .models import Organization
from .names import pinyin_of
from .vocabularies import FUNDING_SOURCES, LegalForm

FUNDING_FIELDS = tuple(field for field, _label in FUNDING_SOURCES)
# What the derivations and checks read; the derived fields are written back to the organization.
RULE_FIELDS = ("name_zh", "credit_code", "legal_form", "region", "community", "area_type")
DERIVED_FIELDS = ("credit_code", "name_pinyin", "region_code", "area_type")


def _values(organization: Organization | dict) -> dict:
    if isinstance(organization, dict):
        return organization
    return {field: getattr(organization, field) for field in (*RULE_FIELDS, *FUNDING_FIELDS)}


def organization_derive_fields(organization: Organization | dict, *, pinyin: bool = True) -> None:
    """Fields computed from others: the credit code in capitals, the pinyin used by search, the
    region code used by filters (a province is a code range on it, no join), and urban/rural
    taken from the community when left open.

    `pinyin=False` leaves `name_pinyin` to the caller: the importer computes it for many rows at
    once with the same `pinyin_of`, in a pool of processes.
    """
    values = _values(organization)
    region, community = values.get("region"), values.get("community")
    values["credit_code"] = normalize_credit_code(values.get("credit_code")) or None
    if pinyin:
        values["name_pinyin"] = pinyin_of(values.get("name_zh"))
    values["region_code"] = region.code if region is not None else ""
    if community is not None and not values.get("area_type"):
        values["area_type"] = community.area_type
    if not isinstance(organization, dict):
        for field in DERIVED_FIELDS:
            if field in values:
                setattr(organization, field, values[field])


def credit_code_errors(
    organization: Organization | dict, *, pk: int | None = None, taken_codes=None
) -> list[ValidationError]:
    """A registered organization has a credit code, used by no other organization; an
    unregistered community group has none (GB 32100 codes are issued on registration).

    `taken_codes` (a set of codes in use) replaces the query when many rows are checked.
    The code's own form (length, alphabet, check character) is `validate_credit_code`'s.
    """
    values = _values(organization)
    code = normalize_credit_code(values.get("credit_code")) or None
    legal_form = values.get("legal_form")
    if legal_form == LegalForm.COMMUNITY_GROUP and code:
        message = _("An unregistered community group has no credit code: leave the field empty.")
        return [ValidationError(message, code="credit_code_not_registered")]
    if legal_form and legal_form != LegalForm.COMMUNITY_GROUP and not code:
        message = _("A registered organization needs its unified social credit code.")
        return [ValidationError(message, code="credit_code_required")]
    if code and _credit_code_taken(code, pk=pk, taken_codes=taken_codes):
        message = _(
            "An organization with this credit code is already registered. Ask someone who "
            "manages it to invite you, or ask to join from its profile."
        )
        return [ValidationError(message, code="credit_code_taken")]
    return []


def _credit_code_taken(code: str, *, pk, taken_codes) -> bool:
    if taken_codes is not None:
        return code in taken_codes
    return Organization.objects.filter(credit_code=code).exclude(pk=pk).exists()


def funding_mix_errors(organization: Organization | dict) -> list[ValidationError]:
    """The funding sources account for the whole income (100%), or are all 0: not known yet."""
    values = _values(organization)
    total = sum(values.get(field) or 0 for field in FUNDING_FIELDS)
    if total in (0, 100):
        return []
    message = _(
        "The funding sources must add up to 100%% (or all be 0 if you do not know); "
        "they now add up to %(total)d%%."
    )
    return [ValidationError(message, code="funding_mix", params={"total": total})]


def community_errors(organization: Organization | dict) -> list[ValidationError]:
    """A community (社区 or village) lies in the organization's county-level region."""
    values = _values(organization)
    region, community = values.get("region"), values.get("community")
    if community is None or (region is not None and community.region_id == region.pk):
        return []
    message = _("This community is not in the chosen county: choose one of its communities.")
    return [ValidationError(message, code="community_outside_region")]


def organization_rule_errors(
    organization: Organization | dict, *, pk: int | None = None, taken_codes=None
) -> dict[str, list[ValidationError]]:
    """Every rule above, as {field: [error]}; the funding mix is a form-wide error
    (NON_FIELD_ERRORS) with code "funding_mix". Shared by the form (so every problem shows at
    once), the services and demo data (so none can skip them) and the importer (per row)."""
    if pk is None and not isinstance(organization, dict):
        pk = organization.pk
    errors = {
        "credit_code": credit_code_errors(organization, pk=pk, taken_codes=taken_codes),
        NON_FIELD_ERRORS: funding_mix_errors(organization),
        "community": community_errors(organization),
    }
    return {field: field_errors for field, field_errors in errors.items() if field_errors}


def organization_validate(organization: Organization) -> None:
    """The rules in our own words, plus the model's field checks; raises ValidationError.

    When a rule already failed, the model's constraint and uniqueness checks would repeat it in
    blunter words: they are skipped then."""
    errors = organization_rule_errors(organization)
    try:
        organization.full_clean(validate_unique=not errors, validate_constraints=not errors)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
