"""Places are never silently wrong (issue 12, item 4): neighbourhoods of the demo city
resolve, a place near the person's context wins a shared name, and US visitors read
miles, km everywhere else, on every page that shows a distance."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from hubdir.geo.geocode import locate
from hubdir.geo.models import Place
from hubdir.geo.services import NEIGHBOURHOODS, neighbourhoods_load
from hubdir.geo.units import distance_label, radius_label, uses_miles
from producers import services

from .factories import (
    PORTLAND,
    make_market,
    make_portland,
    make_producer,
    make_request,
    with_capabilities,
)

pytestmark = pytest.mark.django_db

URL = "/search/"


def _place(name, region, country, lat, lng, population):
    return Place.objects.create(
        kind="city",
        name=name,
        ascii_name=name,
        region=region,
        country_code=country,
        lat=lat,
        lng=lng,
        population=population,
    )


@pytest.fixture
def gazetteer(db):
    cache.clear()
    services.catalogue_load()
    make_portland()
    for row in [
        ("Bellwood", "IL", "US", 41.8814, -87.8834, 18_000),
        ("Belmont", "CA", "US", 37.5202, -122.2758, 27_000),
        ("Belmont", "MA", "US", 42.3959, -71.1787, 26_000),
        ("Belmont", "NC", "US", 35.2429, -81.0373, 12_000),
        ("Zürich", "ZH", "CH", 47.36667, 8.55, 415_367),
    ]:
        _place(*row)
    neighbourhoods_load()
    yield
    cache.clear()


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_gazetteer_loads_the_neighbourhoods_file_once_with_their_town(gazetteer):
    rows = [
        line
        for line in NEIGHBOURHOODS.read_text(encoding="utf-8").splitlines()[1:]
        if line and not line.startswith(("#", "name,"))
    ]
    assert Place.objects.filter(town="Portland").count() == len(rows) >= 20
    assert neighbourhoods_load() == len(rows)
    assert Place.objects.filter(town="Portland").count() == len(rows)
    sellwood = Place.objects.get(name="Sellwood")
    assert sellwood.label == "Sellwood, Portland, OR, US"
    assert sellwood.kind == Place.Kind.CITY and sellwood.region == "OR"


def test_sellwood_finds_the_portland_neighbourhood_not_bellwood_illinois(client, gazetteer):
    page = _text(client.get(URL, {"place": "Sellwood"}))
    assert "within 16 mi of Sellwood, Portland, OR, US" in page
    assert "Bellwood" not in page and "We found no place called exactly" not in page
    # Its own label, as the "Did you mean" links give it, finds it again.
    match = locate("Sellwood, Portland, OR, US")
    assert match.place.name == "Sellwood" and match.exact


def test_belmont_without_context_offers_the_portland_neighbourhood_among_the_choices(
    client, gazetteer
):
    page = _text(client.get(URL, {"place": "Belmont"}))
    assert "Showing <strong>Belmont, CA, US</strong>" in page
    assert re.search(
        r'Did you mean <a href="\?place=Belmont%2C\+Portland%2C\+OR%2C\+US">'
        r"Belmont, Portland, OR, US</a>",
        page,
    )
    page = _text(client.get(URL, {"place": "Belmont, Portland, OR, US"}))
    assert "within 16 mi of Belmont, Portland, OR, US" in page


def test_after_a_search_in_portland_belmont_means_the_portland_one(client, gazetteer):
    page = _text(client.get(URL, {"place": "Portland, OR"}))
    # The form carries the place searched now, for the next search to prefer places near it.
    hint = re.search(r'<input type="hidden" name="near" value="([-\d.,]+)">', page)
    assert hint and hint[1] == "45.52,-122.68"
    page = _text(client.get(URL, {"place": "Belmont", "near": hint[1]}))
    assert "within 16 mi of Belmont, Portland, OR, US" in page
    assert "Showing <strong>Belmont, Portland, OR, US</strong>" in page
    # Coordinates from "use my location" are context too when a place is then typed.
    page = _text(client.get(URL, {"place": "Belmont", "lat": 45.52, "lng": -122.6}))
    assert "within 16 mi of Belmont, Portland, OR, US" in page
    # A malformed hint is ignored, never an error.
    response = client.get(URL, {"place": "Belmont", "near": "north"})
    assert response.status_code == 200 and "Belmont, CA, US" in _text(response)


def test_the_site_region_wins_ties_when_the_person_gives_no_context(gazetteer, settings):
    settings.GEO_PREFER_REGIONS = ["OR"]
    assert locate("Belmont", prefer_regions=("OR",)).place.label == "Belmont, Portland, OR, US"
    near_boston = (42.36, -71.06)
    assert locate("Belmont", prefer_regions=("OR",), near=near_boston).place.region == "MA"


def test_miles_for_places_in_the_us_and_km_elsewhere_from_one_helper(settings):
    assert uses_miles("US") and uses_miles("us") and not uses_miles("CH")
    settings.GEO_PREFER_REGIONS = ["OR"]
    assert uses_miles(None)
    settings.GEO_PREFER_REGIONS = ["ZH"]
    assert not uses_miles(None)
    assert (
        distance_label(10, miles=True) == "6.2 mi" and distance_label(10, miles=False) == "10.0 km"
    )
    assert [radius_label(km, miles=True) for km in (5, 10, 25, 50, 100)] == [
        "3 mi",
        "6 mi",
        "16 mi",
        "31 mi",
        "62 mi",
    ]


def test_the_search_page_speaks_miles_in_portland_and_km_in_zurich(client, owner, gazetteer):
    with_capabilities(make_producer(owner, name="Rose Laser", **PORTLAND), "laser-cutting")
    zurich = {"lat": 47.37, "lng": 8.54, "country_code": "CH", "town": "Zürich", "region": "ZH"}
    with_capabilities(make_producer(owner, name="Zürich Laser", **zurich), "laser-cutting")

    page = _text(client.get(URL, {"q": "laser", "place": "Portland, OR"}))
    assert "1 workshop for “laser” within 16 mi of Portland, OR, US" in page
    assert re.search(r"<strong>\d+\.\d mi away</strong>", page)
    assert '<option value="25" selected>16 mi</option>' in page
    assert not re.search(r"\d km\b", page)

    page = _text(client.get(URL, {"q": "laser", "place": "Zürich"}))
    assert "1 workshop for “laser” within 25 km of Zürich, ZH, CH" in page
    assert re.search(r"<strong>\d+\.\d km away</strong>", page)
    assert '<option value="25" selected>25 km</option>' in page
    assert not re.search(r"\d mi\b", page)

    # "Use my location" near Zürich: the nearest town's country decides.
    page = _text(client.get(URL, {"q": "laser", "lat": 47.37, "lng": 8.55}))
    assert "within 25 km of your location" in page


def test_the_profile_nearby_cards_use_the_listings_country(client, owner, gazetteer):
    here = with_capabilities(make_producer(owner, name="Rose Laser", **PORTLAND), "laser-cutting")
    with_capabilities(
        make_producer(owner, name="Next Door Laser", lat=45.52, lng=-122.67), "laser-cutting"
    )
    page = _text(client.get(here.get_absolute_url()))
    assert re.search(r"Next Door Laser.*?\d+\.\d mi away", page)


def test_the_board_and_the_request_page_use_miles_for_a_us_request(client, gazetteer):
    market = make_market()
    job = make_request(market.buyer)
    client.force_login(market.matching_owner)
    board = _text(client.get(reverse("orders:board")))
    assert re.search(r"\d+\.\d mi away", board) and "within 3 mi" in board
    assert not re.search(r"\d km\b", board)
    page = _text(client.get(job.get_absolute_url()))
    assert "Matching workshops within 16 mi" in page and re.search(r"\d+\.\d mi from you", page)
    client.force_login(market.buyer)
    form = _text(client.get(reverse("orders:request_edit", args=[job.pk])))
    assert ">16 mi</option>" in form
