"""Turning one spreadsheet cell into a field value, or a reason the user can act on.

Cells are text from a CSV or typed values from XLSX (numbers, dates). Each parser returns the
value to store, or raises Invalid with a translated message. Empty cells give the field's empty
value; whether a field is required is the row validator's business.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from .columns import normalize_term

MULTI_SEPARATORS = re.compile(r"[;；、,，/\n]")
DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
AMOUNT_DECORATION = re.compile(r"[,，\s¥￥元]")
YES = {"1", "true", "yes", "y", "t", "是", "公开", "√"}
NO = {"", "0", "false", "no", "n", "f", "否", "不公开", "×"}
_email = EmailValidator()
_url = URLValidator()


class Invalid(Exception):
    pass


def text(value) -> str:
    """A cell as stripped text; Excel's 12.0 for a typed 12 comes back as '12'."""
    if value.__class__ is str and "\x00" not in value:  # every CSV cell: the fast path
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\x00", "").strip()


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
        try:
            return lookup[normalize_term(result)]
        except KeyError:
            raise Invalid(unknown_value(result, choices)) from None

    return parse


def multi_choice_parser(lookup: dict[str, str], choices):
    def parse(value):
        result, unknown = [], []
        for part in MULTI_SEPARATORS.split(text(value)):
            if part.strip():
                code = lookup.get(normalize_term(part))
                (unknown if code is None else result).append(code or part.strip())
        if unknown:
            raise Invalid(unknown_value("、".join(unknown), choices))
        return list(dict.fromkeys(result))

    return parse


def unknown_value(value: str, choices) -> str:
    known = ", ".join(str(label) for label in choices.labels)
    return _("Unknown value “%(value)s”: use one of %(known)s.") % {"value": value, "known": known}


def integer_parser(*, minimum: int, maximum: int, default, strip: str = ""):
    def parse(value):
        result = text(value).replace(",", "").rstrip(strip).strip()
        if not result:
            return default
        try:
            number = int(result)
        except ValueError:
            raise Invalid(_("“%(value)s” is not a whole number.") % {"value": result}) from None
        if not minimum <= number <= maximum:
            raise Invalid(
                _("Must be between %(min)d and %(max)d; this is %(value)d.")
                % {"min": minimum, "max": maximum, "value": number}
            )
        return number

    return parse


def amount_parser(*, max_digits: int, decimal_places: int):
    limit = Decimal(10) ** (max_digits - decimal_places)
    step = Decimal(1).scaleb(-decimal_places)

    def parse(value):
        cleaned = AMOUNT_DECORATION.sub("", text(value))
        if not cleaned:
            return None
        try:
            amount = Decimal(cleaned).quantize(step)
        except InvalidOperation:
            raise Invalid(_("“%(value)s” is not an amount in yuan.") % {"value": cleaned}) from None
        if not 0 <= amount < limit:
            raise Invalid(_("The amount must be between 0 and %(limit)s.") % {"limit": limit})
        return amount

    return parse


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    result = text(value)
    if not result:
        return None
    match = DATE.match(result)
    try:
        return datetime.date(*map(int, match.groups()))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        raise Invalid(
            _("“%(value)s” is not a date: write it like 2014-06-25.") % {"value": result}
        ) from None


def parse_boolean(value):
    result = text(value).lower()
    if result in YES:
        return True
    if result in NO:
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
