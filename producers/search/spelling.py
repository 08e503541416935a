"""Typos: when the words find nothing, the closest catalogue words may.

The vocabulary is the catalogue's own words (capabilities, their synonyms, materials,
categories), which is what people search for; closeness is difflib's ratio, so "lazer"
becomes "laser" but "labels" stays far.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

# Words of letters only, three or more: numbers, operators and short words stay as typed.
WORD = re.compile(r"[^\W\d_]{3,}")
# How close a catalogue word must be to replace a typed one (difflib's ratio, 0 to 1).
CONFIDENT = 0.8


def vocabulary_of(terms: list[str]) -> frozenset[str]:
    return frozenset(word.casefold() for term in terms for word in WORD.findall(term))


def correction(text: str, vocabulary: frozenset[str]) -> str | None:
    """The text with each word the catalogue does not know replaced by its closest
    catalogue word, or None when no word has a confident replacement."""
    changed = False

    def closest(match: re.Match) -> str:
        nonlocal changed
        word = match.group(0)
        if word.casefold() in vocabulary:
            return word
        found = _closest(word.casefold(), vocabulary)
        if found is None:
            return word
        changed = True
        return found

    corrected = WORD.sub(closest, text)
    return corrected if changed else None


# difflib compares the word with every catalogue word (several milliseconds); the words people
# type repeat, and the vocabulary is one object while the catalogue is (a frozenset hashes
# once), so each word is compared once per process and catalogue.
@lru_cache(maxsize=20_000)
def _closest(word: str, vocabulary: frozenset[str]) -> str | None:
    found = difflib.get_close_matches(word, vocabulary, n=1, cutoff=CONFIDENT)
    return found[0] if found else None
