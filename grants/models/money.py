"""Money is CNY in Decimal with two places (fen), never float."""

from django.core.validators import MinValueValidator
from django.db import models


def money_field(label, **kwargs) -> models.DecimalField:
    """A CNY amount up to 999,999,999,999.99, not negative."""
    kwargs.setdefault("validators", [MinValueValidator(0)])
    return models.DecimalField(label, max_digits=14, decimal_places=2, **kwargs)


def bilingual(english: str, chinese: str) -> str:
    from django.utils.translation import get_language

    return chinese if get_language() == "zh-hans" and chinese else english
