from __future__ import annotations

from django.db import transaction

from .models import User


@transaction.atomic
def user_update_profile(*, user: User, name: str) -> User:
    user.name = name.strip()
    user.full_clean()
    user.save(update_fields=["name"])
    return user
