"""Writes to users' own settings."""

from django.db import transaction

from ..models import User


@transaction.atomic
def user_set_preferred_language(*, user: User, language: str) -> User:
    user.preferred_language = language
    user.full_clean(validate_unique=False)
    user.save(update_fields=["preferred_language"])
    return user
