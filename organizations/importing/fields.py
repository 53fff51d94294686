"""Input column -> parser: what each column of an import may hold, field by field.

The parsers are built once per import from the model's own limits (lengths, digits), so a
field widened in the model is widened here too.
"""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..credit_code import normalize_credit_code, validate_credit_code
from ..models import Organization
from ..vocabularies import (
    FUNDING_SOURCES,
    AreaType,
    BeneficiaryGroup,
    GrowthStage,
    LegalForm,
    McaGrade,
    ServiceArea,
)
from .columns import choice_lookup
from .parsers import (
    Invalid,
    amount_parser,
    choice_parser,
    date_and_time,
    email_parser,
    fold,
    integer_parser,
    multi_choice_parser,
    parse_boolean,
    parse_date,
    parse_datetime,
    parse_share,
    text,
    text_parser,
    url_parser,
)

FUNDING_FIELDS = [field for field, _label in FUNDING_SOURCES]
TEXT_FIELDS = [
    "name_zh",
    "name_en",
    "registration_authority",
    "supervising_unit",
    "address",
    "contact_name",
    "contact_phone",
    "description",
]
CHOICE_FIELDS = {
    "legal_form": LegalForm,
    "mca_grade": McaGrade,
    "area_type": AreaType,
    "growth_stage": GrowthStage,
}
MULTI_CHOICE_FIELDS = {"service_areas": ServiceArea, "beneficiary_groups": BeneficiaryGroup}
COUNT_FIELDS = ["staff_full_time", "staff_part_time", "volunteers"]
LARGEST_COUNT = 2_147_483_647  # PositiveIntegerField
REGION_NAME_COLUMNS = ("province", "city", "county")
# What Excel makes of an 18-digit code typed into a number cell: 5.23201E+17, 523201060100003000.0
EXCEL_NUMBER = re.compile(r"^\d+(?:\.\d*)?(?:E[+-]?\d+)?$")


def _max_length(name):
    return Organization._meta.get_field(name).max_length


def excel_number_message(value) -> str:
    return _(
        "Excel stored the code as a number and lost digits (it reads %(value)s); format the "
        "column as text and type the code again."
    ) % {"value": value}


def parse_credit_code(value):
    if value is not None and value.__class__ is not str:
        return _numeric_credit_code(value)
    code = normalize_credit_code(fold(text(value)))
    if not code:
        return None
    try:
        validate_credit_code(code)
    except ValidationError as error:
        if EXCEL_NUMBER.match(code) and (not code.isdigit() or code.endswith("000")):
            raise Invalid(excel_number_message(code)) from None
        spaced = "".join(code.split())  # "5232 0106 ...", as a code is read out
        if spaced != code:
            return parse_credit_code(spaced)
        raise Invalid(" ".join(error.messages)) from None
    return code


def _numeric_credit_code(value):
    """A code in a number cell. Excel keeps 15 significant digits of a number, so an 18-digit
    code it stored (a float, or digits ending in zeros) has lost its last three: refused even
    when the damaged code happens to pass the check. Only an exact integer written by a program
    stands a chance."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return parse_credit_code(text(value))
    exact = isinstance(value, int)
    # repr keeps the digits Excel kept: 5.23201060100003e+17 reads 523201060100003000.
    number = Decimal(value if exact else repr(value))
    code = str(int(number)) if number.is_finite() and number == number // 1 else text(value)
    if not exact or code.endswith("000"):
        raise Invalid(excel_number_message(code))
    try:
        validate_credit_code(code)
    except ValidationError:
        raise Invalid(excel_number_message(code)) from None
    return code


def field_parsers() -> dict:
    """Input column -> parser. Built per import: choice labels follow the active translation."""
    budget = Organization._meta.get_field("annual_budget_cny")
    parsers = {name: text_parser(_max_length(name)) for name in TEXT_FIELDS}
    parsers |= {
        name: choice_parser(choice_lookup(choices), choices)
        for name, choices in CHOICE_FIELDS.items()
    }
    parsers |= {
        name: multi_choice_parser(choice_lookup(choices), choices)
        for name, choices in MULTI_CHOICE_FIELDS.items()
    }
    parsers |= {
        name: integer_parser(minimum=0, maximum=LARGEST_COUNT, default=0) for name in COUNT_FIELDS
    }
    parsers |= dict.fromkeys(FUNDING_FIELDS, parse_share)
    return parsers | {
        "credit_code": parse_credit_code,
        "registration_date": parse_date,
        "mca_grade_expires": parse_date,
        "founded_year": year_parser(
            integer_parser(minimum=1800, maximum=datetime.date.today().year, default=None)
        ),
        "annual_budget_cny": amount_parser(
            max_digits=budget.max_digits, decimal_places=budget.decimal_places
        ),
        "contact_email": email_parser(_max_length("contact_email")),
        "website": url_parser(_max_length("website")),
        "is_public": parse_boolean,
        "verified_at": parse_datetime,
        "region_code": region_code_parser,
        "community": text_parser(100),
        **{name: text_parser(100) for name in REGION_NAME_COLUMNS},
    }


def year_parser(parse_integer):
    """A year as "2013", "2013年", or a whole date in a year column (its year)."""

    def parse(value):
        if isinstance(value, datetime.date):
            value = value.year
        elif value.__class__ is str and len(value) > 4:  # "2013" goes straight through
            value = value.strip()
            if value.endswith("年"):
                value = value[:-1]
            elif parsed := date_and_time(value):
                value = parsed[0].year
        return parse_integer(value)

    return parse


def region_code_parser(value):
    code = fold(text(value))
    if len(code) > 6:
        raise Invalid(_("A region code has 6 digits; this is “%(value)s”.") % {"value": code})
    return code
