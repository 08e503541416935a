"""Text helpers shared by the gazetteer loader and the geocoder, so both fold names alike."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into an ASCII base letter plus accents.
_ASCII_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ħ": "h",
        "Ħ": "H",
        "ı": "i",
        "‘": "'",
        "’": "'",
        "ʻ": "'",
        "ʼ": "'",
        "–": "-",
        "—": "-",
    }
)
_SPACES = re.compile(r"\s+")

# No place name is longer than this; anything beyond it is noise or an attack.
MAX_QUERY_LENGTH = 100


def ascii_fold(text: str) -> str:
    """The name in plain ASCII: "São Paulo" -> "Sao Paulo", "Łódź" -> "Lodz".

    Characters with no ASCII equivalent (other scripts) are dropped; if nothing is left,
    the original text is returned so a row never gets an empty name.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_LETTERS))
    folded = decomposed.encode("ascii", "ignore").decode("ascii")
    folded = _SPACES.sub(" ", folded).strip()
    return folded or text


def _clean_char(char: str) -> str:
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp"):  # NUL, tabs, line breaks
        return " "
    if category in ("Cf", "Co", "Cn"):  # invisible formatting, private use, unassigned
        return ""
    return char


def clean_query(text: object) -> str:
    """User input made safe for a database query: a short, printable, valid-UTF-8 string.

    Drops NUL and other control characters (PostgreSQL rejects NUL in text) and lone
    surrogates (they cannot be encoded as UTF-8), collapses whitespace and cuts the result
    to MAX_QUERY_LENGTH characters. Anything that is not a string becomes "".
    """
    if not isinstance(text, str):
        return ""
    # Only the head can matter; cutting first keeps the work bounded for huge inputs.
    text = text[: MAX_QUERY_LENGTH * 4]
    text = text.encode("utf-8", "ignore").decode("utf-8")
    text = "".join(_clean_char(c) for c in text)
    return _SPACES.sub(" ", text).strip()[:MAX_QUERY_LENGTH].strip()
