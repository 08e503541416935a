"""What the cards printed in Python (producers/search/cards.py, orders/cards.py) share with
the templates they replace."""

from __future__ import annotations

from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe


def counted(translated: str, counter: int) -> SafeString:
    """A plural sentence, ngettext()'s at the caller (literal message ids, so makemessages
    finds them), with the number as the language writes it, as {% blocktranslate count %}."""
    return mark_safe(translated % {"counter": localize(counter)})  # noqa: S308 (a translation, as the template prints it)
