from __future__ import annotations

from django.http import HttpRequest


def lockout_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The login that django-axes counts failures for.

    allauth authenticates with ``email=...`` while its form posts ``login=...``; axes sees
    one or the other depending on where it is called from. Lower-cased so that case
    variations of one address share one counter.
    """
    value = (credentials or {}).get("email") or (credentials or {}).get("username")
    if not value and request is not None:
        value = request.POST.get("login")
    return value.strip().lower() if value else None
