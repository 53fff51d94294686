"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters from a 31-symbol alphabet (no I, O, S, V, Z): registration authority, type,
the 6-digit administrative division, the 9-character organization code, and a check character
computed over the first 17. The check itself is python-stdnum's (`stdnum.cn.uscc`); this module
only puts our translated messages on its verdicts and accepts the code as people type it
(full width, lower case, spaces or hyphens between groups).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions
from stdnum.cn import uscc

from ngo_portal.text import normalize_code

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18


def check_character(first17: str) -> str:
    return uscc.calc_check_digit(first17)


def normalize_credit_code(value: str) -> str:
    """'９１３２ ０１００-…' → '91320100…': NFKC, upper case, group separators dropped."""
    return uscc.compact(normalize_code(value))


def validate_credit_code(value: str) -> None:
    code = normalize_credit_code(value)
    try:
        uscc.validate(code)
    except exceptions.InvalidLength:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(code)},
        ) from None
    except exceptions.InvalidFormat:
        raise _format_error(code) from None
    except exceptions.InvalidChecksum:
        raise ValidationError(
            _("The check character does not match: please check the code for a typing mistake."),
            code="credit_code_check",
        ) from None


def _format_error(code: str) -> ValidationError:
    bad = sorted({symbol for symbol in code if symbol not in ALPHABET})
    if bad:
        return ValidationError(
            _("These characters cannot appear in a unified social credit code: %(chars)s."),
            code="credit_code_characters",
            params={"chars": " ".join(bad)},
        )
    return ValidationError(
        _(
            "The first 8 characters of a unified social credit code are digits (registration "
            "authority, type and administrative division)."
        ),
        code="credit_code_format",
    )
