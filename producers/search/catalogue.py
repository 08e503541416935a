"""The catalogue as the search page needs it: small, read on every search, so cached
in the shared cache and, for a few seconds, in each worker."""

from __future__ import annotations

from time import monotonic

from django.core.cache import cache
from django.db.models import Model

from hubdir.accounts.language import reading_language
from hubdir.replica import PRIMARY

from ..models import (
    Capability,
    Category,
    Certification,
    Material,
)
from .spelling import vocabulary_of

# Facets whose options are catalogue rows (ids in the search table), the others are choices.
CATALOGUE_FACETS: dict[str, type[Model]] = {
    "category": Category,
    "capability": Capability,
    "material": Material,
    "certification": Certification,
}
CATALOGUE_SECONDS = 300
CATALOGUE_KEY = "search:catalogue:v4"


# Each worker also keeps the catalogue for a few seconds: the search page reads it several
# times per request (choices, option labels, card tags), and a shared-cache round trip each
# time cost more than the facet SQL. Edits reach other workers within these seconds.
_LOCAL_SECONDS = 5.0
_local: tuple[float, dict] | None = None


def catalogue() -> dict[str, dict[str, tuple[int, str]]]:
    """{facet: {slug: (id, name)}} for the catalogue facets, named in the reader's
    language; ids in the search table."""
    return _in_language(_catalogue()["facets"])


def _in_language(by_language: dict):
    return by_language.get(reading_language()) or by_language["en"]


def _catalogue() -> dict:
    global _local
    if _local is not None and _local[0] > monotonic():
        return _local[1]
    data = cache.get(CATALOGUE_KEY)
    if data is None:
        # From the primary: kept for minutes and shared, it must not be filled from a replica
        # that has not yet replayed the edit that just emptied it.
        rows = {
            name: list(
                model._default_manager.using(PRIMARY).values_list("pk", "slug", "name", "name_es")
            )
            for name, model in CATALOGUE_FACETS.items()
        }
        # Every language's names, whichever reader filled the shared cache; a row not yet
        # translated keeps its English name.
        facets = {
            language: {
                name: {
                    slug: (pk, (es or en) if language == "es" else en) for pk, slug, en, es in got
                }
                for name, got in rows.items()
            }
            for language in ("en", "es")
        }
        names = {
            language: {pk: label for pk, label in by_facet["capability"].values()}
            for language, by_facet in facets.items()
        }
        terms = [
            label
            for by_facet in facets.values()
            for options in by_facet.values()
            for _pk, label in options.values()
        ]
        for model in (Capability, Material):
            for synonyms, synonyms_es in model.objects.using(PRIMARY).values_list(
                "synonyms", "synonyms_es"
            ):
                terms += synonyms + synonyms_es
        data = {
            "facets": facets,
            "capability_names": names,
            "vocabulary": vocabulary_of(terms),
        }
        cache.set(CATALOGUE_KEY, data, CATALOGUE_SECONDS)
    _local = (monotonic() + _LOCAL_SECONDS, data)
    return data


def forget_catalogue(**kwargs) -> None:
    """Signal receiver: a catalogue edit shows up in the search page at once."""
    global _local
    _local = None
    cache.delete(CATALOGUE_KEY)


def capability_names(capability_ids: list[int]) -> list[str]:
    names = _in_language(_catalogue()["capability_names"])
    return [names[pk] for pk in capability_ids if pk in names]


def vocabulary() -> frozenset[str]:
    """The catalogue's words, which typed words are corrected towards."""
    return _catalogue()["vocabulary"]
