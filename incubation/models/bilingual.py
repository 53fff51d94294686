"""Fields kept in English and Chinese: the one shown follows the active language."""

from django.utils.translation import get_language


def bilingual(english: str, chinese: str) -> str:
    """The Chinese text on Chinese pages when there is one, else the English."""
    return chinese if get_language() == "zh-hans" and chinese else english
