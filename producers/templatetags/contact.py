"""Template filters for contact details."""

from __future__ import annotations

import re

from django import template

register = template.Library()

EXTENSION = re.compile(r"(?:ext\.?|extension|x)\s*(\d+)\s*$", re.IGNORECASE)


@register.filter
def tel_uri(phone: str) -> str:
    """A phone number as typed ("+1 503 555-1010 ext. 4") as an RFC 3966 link target
    ("tel:+15035551010;ext=4"): no spaces or punctuation, which a tel: URL may not hold."""
    phone = (phone or "").strip()
    extension = ""
    if match := EXTENSION.search(phone):
        extension = f";ext={match.group(1)}"
        phone = phone[: match.start()]
    digits = re.sub(r"\D", "", phone)
    if not digits:
        return ""
    return f"tel:{'+' if phone.startswith('+') else ''}{digits}{extension}"
