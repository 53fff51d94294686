"""What the trainings models share: bilingual display and unguessable tokens."""

import secrets

from django.utils.translation import get_language


def _bilingual(english: str, chinese: str) -> str:
    return chinese if get_language() == "zh-hans" and chinese else english


def new_token() -> str:
    """An unguessable token for links that need no account (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)
