from __future__ import annotations

from django.conf import settings
from django.db import transaction

from .models import User


@transaction.atomic
def user_update_profile(*, user: User, name: str) -> User:
    user.name = name.strip()
    user.full_clean()
    user.save(update_fields=["name"])
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language this person chose, for their pages on any device and their emails."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
