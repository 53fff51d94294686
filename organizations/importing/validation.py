"""Checking one imported row the way the model and its constraints would, in plain Python.

Calling full_clean per row would cost a query per unique field and per foreign key: at 400,000
rows that alone breaks the two-minute budget. The lookups the model would query (regions,
communities, credit codes already taken) are read once instead, and every rule of the model is
applied here: lengths, choices, credit-code checksum and uniqueness, the funding mix, and the
rule that unregistered community groups have no credit code. The rules across fields and the
derived fields are the functions of organizations/rules.py, the ones the profile form uses.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from ngo_portal.models import Community, Region

from ..credit_code import normalize_credit_code, validate_credit_code
from ..models import Organization
from ..rules import FUNDING_FIELDS, organization_derive_fields, organization_rule_errors
from ..vocabularies import (
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
        # Unsaved stand-ins carrying what the rules read: the lookups stay one query each.
        self.regions = {code: Region(pk=pk, code=code) for code, pk in regions.items()}
        self.communities = {
            (region_id, name): Community(pk=pk, region_id=region_id, area_type=area_type)
            for (region_id, name), (pk, area_type) in communities.items()
        }
        self.taken_codes = taken_codes
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
        region_code = values.get("region_code")
        if region_code and region_code not in self.regions:
            yield "region_code", _("No region has the code “%(code)s”.") % {"code": region_code}
        community = values.get("community")
        region = self.regions.get(region_code)
        if community and not region_code:
            yield "community", _("Give the region code so the community can be found.")
        elif community and (region and region.pk, community) not in self.communities:
            yield (
                "community",
                _("Region %(code)s has no community “%(name)s”.")
                % {"code": region_code, "name": community},
            )
        yield from self._check_rules(number, values, problems)

    def _places(self, values):
        """The region and community a row names, or None where it names none or no known one."""
        region = self.regions.get(values.get("region_code") or "")
        community = self.communities.get((region and region.pk, values.get("community") or ""))
        return region, community

    def _check_rules(self, number, values, problems):
        """The organization rules (organizations/rules.py) on the columns that parsed, and a
        credit code used twice in the file."""
        funding = [field for field in FUNDING_FIELDS if field in self.labels]
        region, community = self._places(values)
        errors = organization_rule_errors(
            {**values, "region": region, "community": community}, taken_codes=self.taken_codes
        )
        for field, field_errors in errors.items():
            columns = funding if field == NON_FIELD_ERRORS else [field]
            if any(self.labels.get(column) in problems for column in columns):
                continue
            for error in field_errors:
                yield columns[0], " ".join(error.messages)
        code = values.get("credit_code")
        if (
            code
            and "credit_code" not in errors
            and self.codes_in_file.setdefault(code, number) != number
        ):
            yield (
                "credit_code",
                _("This credit code already appears in row %(row)d.")
                % {"row": self.codes_in_file[code]},
            )

    def _record(self, values) -> dict:
        """Column name -> value, with the fields the rules derive (organization_derive_fields).
        The pinyin is computed when the row is loaded, many names at once."""
        region, community = self._places(values)
        values["region"], values["community"] = region, community
        organization_derive_fields(values, pinyin=False)
        values["region_id"] = region.pk if region else None
        values["community_id"] = community.pk if community else None
        return values
