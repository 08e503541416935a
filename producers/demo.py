"""The demo neighbourhood that `make run` shows: believable, deterministic, idempotent."""

from __future__ import annotations

from typing import TextIO

from allauth.account.models import EmailAddress
from django.db import transaction

from hubdir.accounts.models import User

DEMO_PASSWORD = "hubdir-demo-2026"
DEMO_LOGINS = {
    "staff": "staff@demo.hubdir.test",
    "hub owner": "hub.owner@demo.hubdir.test",
    "producer member": "maker@demo.hubdir.test",
    "buyer": "buyer@demo.hubdir.test",
}
_NAMES = {
    "staff": "Sam Staff",
    "hub owner": "Hana Okafor",
    "producer member": "Milo Brandt",
    "buyer": "Bea Castillo",
}


def _demo_user(role: str) -> User:
    email = DEMO_LOGINS[role]
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": _NAMES[role], "is_staff": role == "staff"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed_demo(*, stdout: TextIO | None = None) -> dict[str, User]:
    users = {role: _demo_user(role) for role in DEMO_LOGINS}
    if stdout:
        stdout.write(f"Demo: {len(users)} accounts.")
    return users
