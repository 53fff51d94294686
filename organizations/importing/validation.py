"""Checking one imported row the way the model and its constraints would, in plain Python.

Calling full_clean per row would cost a query per unique field and per foreign key: at 400,000
rows that alone breaks the two-minute budget. The lookups the model would query (regions,
communities, credit codes already taken) are read once instead, and every rule of the model is
applied here: lengths, choices, credit-code checksum and uniqueness, the funding mix, and the
rule that unregistered community groups have no credit code. The rules across fields and the
derived fields are the functions of organizations/rules.py, the ones the profile form uses.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from ngo_portal.models import Community, Region

from ..models import Organization
from ..names import pinyin_of
from ..rules import organization_derive_fields, organization_rule_errors
from .columns import HEADERS, column_title, header_lookup, match_header
from .fields import FUNDING_FIELDS, REGION_NAME_COLUMNS, field_parsers
from .parsers import Invalid, Percent

REQUIRED = ("name_zh", "legal_form")
# Database columns (and the rules' field names) the import fills from another column of the file.
DERIVED_FROM = {
    "name_pinyin": "name_zh",
    "region_id": "region_code",
    "region": "region_code",
    "community_id": "community",
}
# PostgreSQL cannot store NUL; the other C0 controls are invisible damage. Tab and line breaks
# are ordinary text in a cell.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The most letters one character of a name adds to its pinyin (see names.pinyin_of): a syllable
# of up to six letters and a space, the syllable again in the joined form, and its initial.
PINYIN_PER_CHARACTER = 14


# "Jiangsu Sheng", "Jiangsu" and "江苏省" name one province: names are compared without the
# word for the level.
REGION_LEVEL_WORD = re.compile(
    r"(?:\s+(?:sheng|shi|qu|xian|zizhiqu|zizhizhou|diqu|meng|qi|province|city|district|county)"
    r"|省|市|区|县|自治区|自治州|地区|盟|旗)$"
)


def region_name_key(name: str) -> str:
    return REGION_LEVEL_WORD.sub("", name.strip().lower()) or name.strip().lower()


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class RowWarning:
    """Imported as it is, but worth a look: the report lists it beside the errors."""

    row: int
    column: str
    message: str


class HeaderError(Exception):
    """The header row cannot be used; `messages` says why, one line per problem."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


def header_score(cells, lookup) -> int:
    """How many known columns a row names: the header is the row that names the most."""
    return len({match_header(cell, lookup) for cell in cells if cell} - {None})


class RowValidator:
    """Maps the header row to fields once, then turns each row into a record or errors.

    `regions` maps GB/T 2260 codes to region ids, `communities` (region id, Chinese or English
    name) to (community id, urban or rural), `taken_codes` holds the credit codes already in use,
    `region_names` (parent id, lower-cased Chinese or English name) to (code, id) for rows that
    name their region instead of giving its code. Warnings of the last row validated are in
    `warnings`.
    """

    def __init__(
        self,
        headers,
        *,
        regions,
        communities,
        taken_codes,
        region_names=None,
        header_row: int = 1,
        lookup=None,
    ):
        self.regions, self.communities, self.taken_codes = regions, communities, taken_codes
        self.region_names = region_names or {}
        self.header_row = header_row
        self.codes_in_file: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        self.ignored_columns: list[str] = []
        self.columns = []
        self.warnings: list[RowWarning] = []
        self._map_headers(headers, lookup or header_lookup())
        self._indexes = [index for index, *_rest in self.columns]
        self._pinyin_max = Organization._meta.get_field("name_pinyin").max_length
        self._names_by_region = any(name in self.labels for name in REGION_NAME_COLUMNS)

    def _map_headers(self, headers, lookup):
        parsers, problems = field_parsers(), []
        for index, header in enumerate(headers):
            header = str(header).strip()
            if not header:
                continue
            field = match_header(header, lookup)
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
        missing = [field for field in REQUIRED if field not in self.labels]
        for field in missing:
            title, chinese = column_title(field), HEADERS[field][0]
            if title == chinese:
                problems.append(_("The file needs a column “%(title)s”.") % {"title": title})
            else:
                problems.append(
                    _("The file needs a column “%(title)s” (or “%(chinese)s”).")
                    % {"title": title, "chinese": chinese}
                )
        if missing:
            read = [str(header).strip() for header in headers if str(header).strip()]
            problems.append(
                _("The headers read, from row %(row)d: %(headers)s.")
                % {"row": self.header_row, "headers": "; ".join(f"“{h}”" for h in read)}
            )
        if problems:
            raise HeaderError(problems)

    def validate(self, number: int, cells: list) -> tuple[dict | None, list[RowError]]:
        if self.warnings:
            self.warnings = []
        errors = self._control_characters(number, cells)
        if errors:
            return None, errors
        values = {}
        for index, field, label, parse in self.columns:
            try:
                values[field] = parse(cells[index] if index < len(cells) else None)
            except Invalid as problem:
                errors.append(RowError(number, label, str(problem)))
        problems = {error.column for error in errors}
        for field, message in self._check(number, values, problems):
            errors.append(RowError(number, self.label_of(field), message))
        if errors:
            return None, errors
        return self._record(values), []

    def label_of(self, column: str) -> str:
        """The header of the file's column a database column (or a rule's field) comes from, for
        a report; a column the file does not have is named by the header the export writes."""
        field = DERIVED_FROM.get(column, column)
        if field in self.labels:
            return self.labels[field]
        if field == "region_code":
            # A file naming its regions: the most precise name column it has.
            for name in reversed(REGION_NAME_COLUMNS):
                if name in self.labels:
                    return self.labels[name]
        # A constraint's name: "organizations_organization_credit_code_key", "funding_mix_..."
        for name, label in self.labels.items():
            if name in column or (name in FUNDING_FIELDS and column.startswith("funding_mix")):
                return label
        title = column_title(field)
        if title is None:
            known = [name for name in HEADERS if name in column]
            title = column_title(max(known, key=len)) if known else None
        return title or "—"

    def _control_characters(self, number, cells) -> list[RowError]:
        """One search over the row's text; the cells are looked at only when it finds one."""
        try:
            joined = "".join(cells)
        except TypeError:  # XLSX: numbers and dates beside the text
            joined = "".join([cell for cell in cells if cell.__class__ is str])
        if CONTROL_CHARACTERS.search(joined) is None:
            return []
        errors = []
        for index, _field, label, _parse in self.columns:
            cell = cells[index] if index < len(cells) else None
            found = CONTROL_CHARACTERS.search(cell) if isinstance(cell, str) else None
            if found:
                errors.append(
                    RowError(
                        number,
                        label,
                        _(
                            "The cell holds an invisible control character (U+%(code)04X) "
                            "that cannot be stored; delete it."
                        )
                        % {"code": ord(found.group())},
                    )
                )
        return errors

    def _check(self, number, values, problems):
        """Rules across columns and against the database: yields (field, message)."""
        for field in REQUIRED:
            if not values.get(field) and self.labels[field] not in problems:
                yield field, _("This column is required.")
        yield from self._check_derived(values)
        region_code = values.get("region_code")
        if not region_code and self._names_by_region:
            region_code = yield from self._region_by_name(values)
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
        yield from self._funding_as_percentages(values, problems)
        yield from self._check_rules(number, values, problems)

    def _check_derived(self, values):
        """Columns the row does not hold but its values decide must fit their database columns
        too, or the row would pass the dry run and fail the import."""
        name = values.get("name_zh") or ""
        # An unbounded pinyin column (organizations 0003) needs no check; the loader still
        # names the row of anything else the database refuses.
        if self._pinyin_max is not None and len(name) * PINYIN_PER_CHARACTER > self._pinyin_max:
            length = len(pinyin_of(name))
            if length > self._pinyin_max:
                yield (
                    "name_zh",
                    _(
                        "This name is too long to be stored with its pinyin (%(count)d letters, "
                        "at most %(max)d); shorten it."
                    )
                    % {"count": length, "max": self._pinyin_max},
                )

    def _region_by_name(self, values):
        """The region code of a row that names its province, city and county instead."""
        parent, code, named = None, "", ""
        for column in REGION_NAME_COLUMNS:
            name = values.get(column) or ""
            if not name:
                continue
            key = region_name_key(name)
            found = self.region_names.get((parent, key))
            if found is None and column == "county" and parent is not None:
                found = self._under_any_child(parent, key)
            if found is None:
                yield (
                    column,
                    _("No region “%(name)s” in %(parent)s.")
                    % {"name": name, "parent": named or _("China")},
                )
                return ""
            code, parent, named = found[0], found[1], name
        values["region_code"] = code
        return code

    def _under_any_child(self, parent, name):
        """A county named under a province whose city column is empty."""
        for (grandparent, _child_name), (_code, child) in self.region_names.items():
            if grandparent == parent:
                found = self.region_names.get((child, name))
                if found:
                    return found
        return None

    def _places(self, values):
        """Unsaved stand-ins for the row's region and community, carrying what the rules read:
        the lookups stay one query each for the whole file."""
        code = values.get("region_code") or ""
        region_id = self.regions.get(code)
        region = Region(pk=region_id, code=code) if region_id else None
        found = self.communities.get((region_id, values.get("community") or ""))
        community = (
            Community(pk=found[0], region_id=region_id, area_type=found[1]) if found else None
        )
        return region, community

    def _check_rules(self, number, values, problems):
        """The organization rules (organizations/rules.py) on the columns that parsed, a credit
        code used twice in the file, and the mark Excel leaves on a code it stored as a number."""
        funding = [field for field in FUNDING_FIELDS if field in self.labels]
        region, community = self._places(values)
        errors = organization_rule_errors(
            {**values, "region": region, "community": community}, taken_codes=self.taken_codes
        )
        for field, field_errors in errors.items():
            columns = funding if field == NON_FIELD_ERRORS else [field]
            if not columns or any(self.labels.get(column) in problems for column in columns):
                continue
            for error in field_errors:
                yield columns[0], " ".join(error.messages)
        code = values.get("credit_code")
        seen_in = self.codes_in_file.setdefault(code, number) if code else number
        if "credit_code" not in errors and seen_in != number:
            yield (
                "credit_code",
                _("This credit code already appears in row %(row)d.") % {"row": seen_in},
            )
        if code and code.endswith("000") and code.isdigit():
            self.warnings.append(
                RowWarning(
                    number,
                    self.labels["credit_code"],
                    _(
                        "The code is all digits and ends in 000, as a code does after Excel "
                        "stored it as a number: check it against the registration certificate."
                    ),
                )
            )

    def _funding_as_percentages(self, values, problems):
        """Shares written as fractions (0.3) or with a % sign become whole percentages before
        the funding-mix rule adds them up."""
        present = [field for field in FUNDING_FIELDS if field in self.labels]
        if not present or any(self.labels[field] in problems for field in present):
            return
        shares = [values[field] for field in present]
        if sum(shares) == 1 or any(share.__class__ is not int for share in shares):
            problem = self._fractions_to_percent(values, present)
            if problem:
                problems.add(self.labels[problem[0]])
                yield problem

    def _fractions_to_percent(self, values, present):
        """Shares written as fractions of one (0.3, as Excel stores a cell formatted as a
        percentage) become whole percentages, when the whole row is written that way."""
        shares = [values[field] for field in present]
        has_percent_sign = any(isinstance(share, Percent) for share in shares)
        fractions = [isinstance(share, Decimal) for share in shares]
        as_fractions = any(fractions) or sum(shares) == 1
        if as_fractions and not has_percent_sign and all(share <= 1 for share in shares):
            for field in present:
                scaled = values[field] * 100
                if scaled != int(scaled):
                    return (
                        field,
                        _("%(value)s is not a whole percentage: round it, like 33%%.")
                        % {"value": f"{scaled.normalize():f}%"},
                    )
                values[field] = int(scaled)
            return None
        if any(fractions):
            field = present[fractions.index(True)]
            return (
                field,
                _(
                    "Write every share of the row the same way: all as percentages (30%%) or "
                    "all as fractions of one (0.3)."
                ),
            )
        for field in present:
            values[field] = int(values[field])
        return None

    def _record(self, values) -> dict:
        """Column name -> value, with the fields the rules derive (organization_derive_fields).
        The pinyin is computed when the row is loaded, many names at once."""
        for column in REGION_NAME_COLUMNS:
            values.pop(column, None)
        region, community = self._places(values)
        values["region"], values["community"] = region, community
        organization_derive_fields(values, pinyin=False)
        values.pop("region"), values.pop("community")
        values["region_id"] = region.pk if region else None
        values["community_id"] = community.pk if community else None
        return values
