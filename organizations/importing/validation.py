"""Checking one imported row the way the model and its constraints would, in plain Python.

Calling full_clean per row would cost a query per unique field and per foreign key: at 400,000
rows that alone breaks the two-minute budget. The lookups the model would query (regions,
communities, credit codes already taken) are read once instead, and every rule of the model is
applied here: lengths, choices, credit-code checksum and uniqueness, the funding mix, and the
rule that unregistered community groups have no credit code.
"""

import datetime
from dataclasses import dataclass

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
from .columns import HEADERS, choice_lookup, header_lookup, normalize_header
from .parsers import (
    Invalid,
    amount_parser,
    choice_parser,
    email_parser,
    integer_parser,
    multi_choice_parser,
    parse_boolean,
    parse_date,
    text,
    text_parser,
    url_parser,
)

REQUIRED = ("name_zh", "legal_form")
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


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


class HeaderError(Exception):
    """The header row cannot be used; `messages` says why, one line per problem."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


def _max_length(name):
    return Organization._meta.get_field(name).max_length


def parse_credit_code(value):
    code = normalize_credit_code(text(value))
    if not code:
        return None
    try:
        validate_credit_code(code)
    except ValidationError as error:
        raise Invalid(" ".join(error.messages)) from None
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
    parsers |= {
        name: integer_parser(minimum=0, maximum=100, default=0, strip="%")
        for name in FUNDING_FIELDS
    }
    return parsers | {
        "credit_code": parse_credit_code,
        "registration_date": parse_date,
        "mca_grade_expires": parse_date,
        "founded_year": integer_parser(
            minimum=1800, maximum=datetime.date.today().year, default=None
        ),
        "annual_budget_cny": amount_parser(
            max_digits=budget.max_digits, decimal_places=budget.decimal_places
        ),
        "contact_email": email_parser(_max_length("contact_email")),
        "website": url_parser(_max_length("website")),
        "is_public": parse_boolean,
        "region_code": text_parser(6),
        "community": text_parser(100),
    }


class RowValidator:
    """Maps the header row to fields once, then turns each row into a record or errors.

    `regions` maps GB/T 2260 codes to region ids, `communities` (region id, Chinese name) to
    (community id, urban or rural), `taken_codes` holds the credit codes already in use.
    """

    def __init__(self, headers, *, regions, communities, taken_codes):
        self.regions, self.communities, self.taken_codes = regions, communities, taken_codes
        self.codes_in_file: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        self.ignored_columns: list[str] = []
        self.columns = []
        self._map_headers(headers)

    def _map_headers(self, headers):
        lookup, parsers, problems = header_lookup(), field_parsers(), []
        for index, header in enumerate(headers):
            header = str(header).strip()
            field = lookup.get(normalize_header(header))
            if not header:
                continue
            if field is None:
                self.ignored_columns.append(header)
            elif field in self.labels:
                problems.append(
                    _("The columns “%(first)s” and “%(second)s” say the same thing; keep one.")
                    % {"first": self.labels[field], "second": header}
                )
            else:
                self.labels[field] = header
                self.columns.append((index, field, header, parsers[field]))
        for field in REQUIRED:
            if field not in self.labels:
                problems.append(
                    _("The file needs a column “%(field)s” (or “%(chinese)s”).")
                    % {"field": field, "chinese": HEADERS[field][0]}
                )
        if problems:
            raise HeaderError(problems)

    def validate(self, number: int, cells: list) -> tuple[dict | None, list[RowError]]:
        values, errors = {}, []
        for index, field, label, parse in self.columns:
            try:
                values[field] = parse(cells[index] if index < len(cells) else None)
            except Invalid as problem:
                errors.append(RowError(number, label, str(problem)))
        problems = {error.column for error in errors}
        for field, message in self._check(number, values, problems):
            errors.append(RowError(number, self.labels.get(field, field), message))
        if errors:
            return None, errors
        return self._record(values), []

    def _check(self, number, values, problems):
        """Rules across columns and against the database: yields (field, message)."""
        for field in REQUIRED:
            if not values.get(field) and self.labels[field] not in problems:
                yield field, _("This column is required.")
        yield from self._check_credit_code(number, values, problems)
        region_code = values.get("region_code")
        if region_code and region_code not in self.regions:
            yield "region_code", _("No region has the code “%(code)s”.") % {"code": region_code}
        community = values.get("community")
        if community and not region_code:
            yield "community", _("Give the region code so the community can be found.")
        elif community and (self.regions.get(region_code), community) not in self.communities:
            yield (
                "community",
                _("Region %(code)s has no community “%(name)s”.")
                % {"code": region_code, "name": community},
            )
        yield from self._check_funding(values, problems)

    def _check_credit_code(self, number, values, problems):
        code, legal_form = values.get("credit_code"), values.get("legal_form")
        if code and legal_form == LegalForm.COMMUNITY_GROUP:
            yield "credit_code", _("Unregistered community groups have no credit code.")
        elif code and code in self.taken_codes:
            yield "credit_code", _("An organization with this credit code is already registered.")
        elif code and self.codes_in_file.setdefault(code, number) != number:
            yield (
                "credit_code",
                _("This credit code already appears in row %(row)d.")
                % {"row": self.codes_in_file[code]},
            )
        elif (
            not code
            and legal_form
            and legal_form != LegalForm.COMMUNITY_GROUP
            and self.labels.get("credit_code") not in problems
        ):
            yield (
                "credit_code",
                _("A registered organization needs its unified social credit code."),
            )

    def _check_funding(self, values, problems):
        present = [field for field in FUNDING_FIELDS if field in self.labels]
        if not present or any(self.labels[field] in problems for field in present):
            return
        total = sum(values[field] for field in present)
        if total not in (0, 100):
            yield (
                present[0],
                _("The funding sources add up to %(total)d%%; they must add up to 100%%.")
                % {"total": total},
            )

    def _record(self, values) -> dict:
        """Column name -> value, derived as the create path derives them: the region code copied,
        urban or rural taken from the community when left open. The pinyin, the third derived
        value, is computed when the row is loaded."""
        region_code = values.pop("region_code", "") or ""
        community = values.pop("community", "")
        region_id = self.regions.get(region_code)
        community_id, area_type = self.communities.get((region_id, community), (None, ""))
        values["region_id"] = region_id
        values["region_code"] = region_code
        values["community_id"] = community_id
        if not values.get("area_type"):
            values["area_type"] = area_type
        return values
