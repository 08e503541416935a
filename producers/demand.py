"""Searches that found nothing, recorded for the unmet-demand map without personal data
(the map itself is orders.demand: it adds the requests no workshop answered)."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date

from django.conf import settings
from django.utils import timezone

from hubdir.geo.grid import grid_cell

from .models import SearchMiss
from .search import SearchState, catalogue

# Anything that could be an address, a number or a name at a domain goes before the words
# are kept: only plain words are demand.
_NOT_WORDS = re.compile(r"\S*[@/:.]\S*|\S*\d\S*")
_WORD = re.compile(r"[^\W\d_]+")


def demand_words(text: str) -> str:
    """The typed words as the map groups them: lower case, letters only, at most six words."""
    words = _WORD.findall(_NOT_WORDS.sub(" ", text.casefold()))
    return " ".join(words[:6])[:60].strip()


def visitor_hash(session_key: str | None, day: date) -> str:
    """Tells one visitor from another within a day and no longer: keyed by the day, so
    yesterday's hashes match nothing today. No session (a visitor who never signed in or
    stored anything): "", which the map counts as one visitor per cell and day."""
    if not session_key:
        return ""
    key = f"{settings.SECRET_KEY}:search-miss:{day.isoformat()}".encode()
    return hmac.new(key, session_key.encode(), hashlib.sha256).hexdigest()[:32]


def _capability_id(state: SearchState, words: str) -> int | None:
    capabilities = catalogue()["capability"]
    if chosen := state.selected.get("capability"):
        return capabilities[chosen[0]][0]
    for slug, (pk, name) in capabilities.items():
        if words and words in (name.casefold(), slug.replace("-", " ")):
            return pk
    return None


def search_miss_record(*, state: SearchState, session_key: str | None) -> SearchMiss | None:
    """Keep a search that found nothing near a place: one INSERT, nothing when the same
    visitor already asked the same thing here today. A search with no place, or with
    neither words nor a capability, tells the map nothing and is not kept."""
    if state.location is None:
        return None
    words = demand_words(state.text)
    capability_id = _capability_id(state, words)
    if not words and capability_id is None:
        return None
    day = timezone.localdate()
    row, col = grid_cell(state.location.lat, state.location.lng)
    miss = SearchMiss(
        day=day,
        words=words,
        capability_id=capability_id,
        cell_row=row,
        cell_col=col,
        visitor=visitor_hash(session_key, day),
    )
    SearchMiss.objects.bulk_create([miss], ignore_conflicts=True)
    return miss
