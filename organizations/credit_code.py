"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters from a 31-symbol alphabet (no I, O, S, V, Z): registration authority, type,
the 6-digit administrative division, the 9-character organization code, and a check character
computed over the first 17 with the weights below, modulo 31.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first17: str) -> str:
    total = sum(VALUES[symbol] * weight for symbol, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    return (value or "").strip().upper()


def validate_credit_code(value: str) -> None:
    code = normalize_credit_code(value)
    if len(code) != LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(code)},
        )
    bad = sorted({symbol for symbol in code if symbol not in VALUES})
    if bad:
        raise ValidationError(
            _("These characters cannot appear in a unified social credit code: %(chars)s."),
            code="credit_code_characters",
            params={"chars": " ".join(bad)},
        )
    if check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character does not match: please check the code for a typing mistake."),
            code="credit_code_check",
        )
