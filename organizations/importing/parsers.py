"""Turning one spreadsheet cell into a field value, or a reason the user can act on.

Cells are text from a CSV or typed values from XLSX (numbers, dates). Each parser returns the
value to store, or raises Invalid with a translated message. Empty cells give the field's empty
value; whether a field is required is the row validator's business.
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from .columns import fold_term, normalize_term

MULTI_SEPARATORS = re.compile(r"[;；、,，/\n]")
TIME = r"(?:[\sT]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d*)?)?)?"
# 2014-06-25, 2014/6/25, 2014.06.25, 2014年6月25日, 20140625; "00:00:00" after it as Excel,
# WPS and database exports write dates.
DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?" + TIME + r"$"
    r"|^(\d{4})(\d{2})(\d{2})$"
)
AMOUNT_DECORATION = re.compile(r"[,，\s¥￥元']|^(?:RMB|CNY)|(?:RMB|CNY)$", re.IGNORECASE)
# Thousands separators and spaces inside a number: "1,200,000", "1 200", "1'200".
NUMBER_DECORATION = re.compile(r"[,\s'_]")
# "12人", "5名": a count with its unit.
COUNT_UNIT = re.compile(r"\s*[人名个位]$")
TEN_THOUSAND = "万"
YES = {"1", "true", "yes", "y", "t", "是", "公开", "√", "✓", "✔", "对", "on"}
NO = {"", "0", "false", "no", "n", "f", "否", "不公开", "×", "✗", "✘", "off", "-"}
# The export writes an apostrophe before a cell that a spreadsheet would run as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_email = EmailValidator()
_url = URLValidator()


class Invalid(Exception):
    pass


class Percent(int):
    """A share written with a percent sign ("30%"): never read as a fraction of one."""


def text(value) -> str:
    """A cell as stripped text; Excel's 12.0 for a typed 12 comes back as '12', and the
    apostrophe the export puts before a formula trigger ("'=1+2", "'+86 ...") is removed."""
    if value.__class__ is str:  # every CSV cell: the fast path
        result = value.strip()
        if result[:1] == "'" and result[1:2] in FORMULA_TRIGGERS and len(result) > 1:
            return result[1:].strip()
        return result
    if value is None:
        return ""
    if isinstance(value, float):
        # Excel shows 15 significant digits: 1-0.7 is 0.3 there, not 0.30000000000000004.
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    return text(str(value))


def fold(value: str) -> str:
    """Full-width digits, letters and signs as their ASCII forms (１２００ → 1200)."""
    return value if value.isascii() else unicodedata.normalize("NFKC", value)


def text_parser(max_length: int | None):
    def parse(value):
        result = text(value)
        if max_length is not None and len(result) > max_length:
            raise Invalid(
                _("At most %(max)d characters are allowed; this has %(count)d.")
                % {"max": max_length, "count": len(result)}
            )
        return result

    return parse


def choice_parser(lookup: dict[str, str], choices):
    def parse(value):
        result = text(value)
        if not result:
            return ""
        code = lookup.get(normalize_term(result)) or lookup.get(fold_term(result))
        if code is None:
            raise Invalid(unknown_value(result, choices))
        return code

    return parse


def multi_choice_parser(lookup: dict[str, str], choices):
    def parse(value):
        result, unknown = [], []
        for part in MULTI_SEPARATORS.split(text(value)):
            if part.strip():
                code = lookup.get(normalize_term(part)) or lookup.get(fold_term(part))
                (unknown if code is None else result).append(code or part.strip())
        if unknown:
            raise Invalid(unknown_value("、".join(unknown), choices))
        return list(dict.fromkeys(result))

    return parse


def unknown_value(value: str, choices) -> str:
    known = ", ".join(str(label) for label in choices.labels)
    return _("Unknown value “%(value)s”: use one of %(known)s.") % {"value": value, "known": known}


def _number(result: str) -> Decimal:
    """A number as people and spreadsheets write it: "1,200,000", "１２００", "1.2E+06"."""
    try:
        return Decimal(NUMBER_DECORATION.sub("", fold(result)))
    except InvalidOperation:
        raise Invalid(_("“%(value)s” is not a number.") % {"value": result}) from None


def integer_parser(*, minimum: int, maximum: int, default):
    def parse(value):
        if value.__class__ is int:
            number = value
        else:
            result = text(value)
            if not result:
                return default
            try:
                number = int(result.replace(",", ""))
            except ValueError:
                number = _whole(result)
        if not minimum <= number <= maximum:
            raise Invalid(
                _("Must be between %(min)d and %(max)d; this is %(value)d.")
                % {"min": minimum, "max": maximum, "value": number}
            )
        return number

    return parse


def _whole(result: str) -> int:
    number = _number(COUNT_UNIT.sub("", result))
    if not number.is_finite() or number != number.to_integral_value():
        raise Invalid(_("“%(value)s” is not a whole number.") % {"value": result})
    return int(number)


def parse_share(value):
    """A funding share: 30, "30%", "３０％", or a fraction of one (0.3) as Excel stores a cell
    formatted as a percentage. Fractions come back as Decimal: whether 1 means 1% or 100% is
    decided for the whole row (see RowValidator)."""
    if value.__class__ is int:
        number = value
    else:
        result = text(value)
        if not result:
            return 0
        try:
            number = int(result)
        except ValueError:
            return _share(result)
    if not 0 <= number <= 100:
        raise Invalid(
            _("A share must be between 0 and 100%%; this is %(value)s.") % {"value": number}
        )
    return number


def _share(result: str):
    folded = fold(result).strip()
    percent = folded.endswith("%")
    number = _number(folded.rstrip("%").strip())
    if not number.is_finite() or not 0 <= number <= 100:
        raise Invalid(
            _("A share must be between 0 and 100%%; this is %(value)s.") % {"value": result}
        )
    if number == number.to_integral_value():
        return Percent(number) if percent else int(number)
    if percent or number > 1:
        raise Invalid(
            _("“%(value)s” is not a whole percentage: round it, like 33%%.") % {"value": result}
        )
    return number


def amount_parser(*, max_digits: int, decimal_places: int):
    limit = Decimal(10) ** (max_digits - decimal_places)
    step = Decimal(1).scaleb(-decimal_places)

    def parse(value):
        cleaned = AMOUNT_DECORATION.sub("", fold(text(value)))
        if not cleaned:
            return None
        try:
            if cleaned.endswith(TEN_THOUSAND):  # "120万元", as budgets are often written
                amount = (Decimal(cleaned[:-1]) * 10000).quantize(step)
            else:
                amount = Decimal(cleaned).quantize(step)
        except InvalidOperation:
            raise Invalid(_("“%(value)s” is not an amount in yuan.") % {"value": cleaned}) from None
        if not 0 <= amount < limit:
            raise Invalid(_("The amount must be between 0 and %(limit)s.") % {"limit": limit})
        return amount

    return parse


def date_and_time(result: str):
    """(date, time or None) from a cell's text, or None when it is not written as a date."""
    match = DATE.match(result) or DATE.match(fold(result))
    if match is None:
        return None
    year, month, day, hour, minute, second, *compact = match.groups()
    if compact[0]:
        year, month, day = compact
    try:
        date = datetime.date(int(year), int(month), int(day))
        clock = None
        if hour is not None:
            clock = datetime.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    return date, clock


def parse_date(value):
    """A date; a date-time at midnight is the same date, another time of day is refused."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0):
            raise Invalid(time_of_day(value))
        return value.date()
    if isinstance(value, datetime.date):
        return value
    result = text(value)
    if not result:
        return None
    parsed = date_and_time(result)
    if parsed is None:
        raise Invalid(_("“%(value)s” is not a date: write it like 2014-06-25.") % {"value": result})
    date, clock = parsed
    if clock not in (None, datetime.time(0)):
        raise Invalid(time_of_day(result))
    return date


def time_of_day(value) -> str:
    return _(
        "“%(value)s” has a time of day; this column takes a date only: write it like 2014-06-25."
    ) % {"value": value}


def parse_datetime(value):
    """A moment, as the export writes it: local time (Asia/Shanghai) without an offset."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(0))
    else:
        result = text(value)
        if not result:
            return None
        parsed = date_and_time(result)
        if parsed is not None:
            moment = datetime.datetime.combine(parsed[0], parsed[1] or datetime.time(0))
        else:
            try:
                moment = datetime.datetime.fromisoformat(fold(result))
            except ValueError:
                raise Invalid(
                    _("“%(value)s” is not a date and time: write it like 2014-06-25 14:30.")
                    % {"value": result}
                ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_boolean(value):
    result = text(value).lower()
    if result in YES:
        return True
    if result in NO:
        return False
    folded = fold(result).lower()
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise Invalid(_("“%(value)s” is not yes or no.") % {"value": result})


def email_parser(max_length: int):
    def parse(value):
        result = text(value)
        if result:
            try:
                _email(result)
            except ValidationError:
                raise Invalid(
                    _("“%(value)s” is not an e-mail address.") % {"value": result}
                ) from None
        return text_parser(max_length)(result)

    return parse


def url_parser(max_length: int):
    def parse(value):
        result = text(value)
        if result and "://" not in result:
            result = f"https://{result}"
        if result:
            try:
                _url(result)
            except ValidationError:
                raise Invalid(_("“%(value)s” is not a web address.") % {"value": result}) from None
        return text_parser(max_length)(result)

    return parse
