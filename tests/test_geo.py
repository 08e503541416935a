"""The gazetteer: loading it, geocoding what people type, suggestions, and distances."""

from __future__ import annotations

import math
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubdir.geo.distance import (
    EARTH_RADIUS_KM,
    bounding_box,
    distance_km_expression,
    distance_km_sql,
    haversine_km,
)
from hubdir.geo.geocode import geocode, suggest_places
from hubdir.geo.models import Place
from hubdir.geo.text import ascii_fold, clean_query

pytestmark = pytest.mark.django_db

# Real GeoNames and USPS figures, so rankings behave as they do on the full gazetteer.
CITIES = [
    # name, region, country, lat, lng, population, geonameid
    ("Portland", "OR", "US", 45.52345, -122.67621, 652503, 5746545),
    ("Portland", "ME", "US", 43.65737, -70.2589, 66881, 4975802),
    ("São Paulo", "27", "BR", -23.5475, -46.63611, 12400232, 3448439),
    ("Zürich", "ZH", "CH", 47.36667, 8.55, 415367, 2657896),
    # Closer in spelling to "Zurch" than Zürich is, but a village.
    ("Žurče", "D3", "MK", 41.28296, 21.23432, 527, 783779),
    ("Springfield", "MO", "US", 37.21533, -93.29824, 170188, 4409896),
    ("Springfield", "MA", "US", 42.10148, -72.58981, 154341, 4951788),
    ("Springfield", "IL", "US", 39.80172, -89.64371, 114394, 4250542),
]
ZIP_CODES = [
    # postcode, town, state, lat, lng
    ("97214", "Portland", "OR", 45.5142, -122.6364),
    ("04101", "Portland", "ME", 43.6606, -70.2589),
    # Corbett has a ZIP code but, here, no city entry.
    ("97019", "Corbett", "OR", 45.5221, -122.2417),
]
LONDON = (51.5074, -0.1278)
PARIS = (48.8566, 2.3522)


@pytest.fixture
def gazetteer() -> dict[str, Place]:
    places = {}
    for name, region, country, lat, lng, population, geonameid in CITIES:
        places[f"{name}, {region}"] = Place.objects.create(
            kind=Place.Kind.CITY,
            name=name,
            ascii_name=ascii_fold(name),
            region=region,
            country_code=country,
            lat=lat,
            lng=lng,
            population=population,
            geonameid=geonameid,
        )
    for postcode, town, state, lat, lng in ZIP_CODES:
        places[postcode] = Place.objects.create(
            kind=Place.Kind.POSTCODE,
            name=town,
            ascii_name=town,
            region=state,
            country_code="US",
            postcode=postcode,
            lat=lat,
            lng=lng,
        )
    return places


# geocode


def test_a_town_name_finds_the_most_populous_town_of_that_name(gazetteer):
    assert geocode("Portland") == gazetteer["Portland, OR"]
    assert geocode("Springfield") == gazetteer["Springfield, MO"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Portland, OR", "Portland, OR"),
        ("Portland, ME", "Portland, ME"),
        ("portland,me", "Portland, ME"),
        ("Portland ME", "Portland, ME"),
        ("Springfield, IL", "Springfield, IL"),
        ("Springfield, MA", "Springfield, MA"),
    ],
)
def test_a_region_code_after_the_town_picks_the_town_in_that_region(gazetteer, text, expected):
    assert geocode(text) == gazetteer[expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Portland, Maine", "Portland, ME"),
        ("Portland, oregon", "Portland, OR"),
        ("Springfield, Massachusetts", "Springfield, MA"),
        ("Springfield, Illinois", "Springfield, IL"),
        ("Springfield Massachusetts", "Springfield, MA"),
    ],
)
def test_a_us_state_name_after_the_town_picks_the_town_in_that_state(gazetteer, text, expected):
    assert geocode(text) == gazetteer[expected]


def test_a_country_after_the_town_narrows_the_search(gazetteer):
    assert geocode("Zurich, Switzerland") == gazetteer["Zürich, ZH"]
    assert geocode("Zurich, CH") == gazetteer["Zürich, ZH"]
    assert geocode("Springfield, IL, US") == gazetteer["Springfield, IL"]
    assert geocode("Springfield, US") == gazetteer["Springfield, MO"]


def test_a_qualifier_that_names_nothing_known_is_ignored(gazetteer):
    assert geocode("Portland, Oregn") == gazetteer["Portland, OR"]


def test_a_town_missing_from_the_named_region_is_not_looked_for_elsewhere(gazetteer):
    assert geocode("Zurich, ME") is None
    assert geocode("Sao Paulo, US") is None


def test_the_country_argument_limits_the_search_to_that_country(gazetteer):
    assert geocode("Portland", country="us") == gazetteer["Portland, OR"]
    assert geocode("Zurich", country="CH") == gazetteer["Zürich, ZH"]
    assert geocode("Zurich", country="Switzerland") == gazetteer["Zürich, ZH"]
    assert geocode("Zurich", country="US") is None
    assert geocode("Zurich", country="Narnia") is None


@pytest.mark.parametrize("text", ["97214", "97214-1234", "97214 1234", "  97214  "])
def test_a_zip_code_or_zip_plus_four_finds_its_postcode(gazetteer, text):
    place = geocode(text)
    assert place == gazetteer["97214"]
    assert place.label == "97214 (Portland, OR)"


def test_an_unknown_zip_code_finds_nothing(gazetteer):
    assert geocode("99999") is None
    assert geocode("97214", country="CH") is None


def test_a_town_with_only_a_zip_code_is_found_through_it(gazetteer):
    assert geocode("Corbett") == gazetteer["97019"]
    assert geocode("corbett, OR") == gazetteer["97019"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sao Paulo", "São Paulo, 27"),
        ("são paulo", "São Paulo, 27"),
        ("SAO PAULO", "São Paulo, 27"),
        ("zurich", "Zürich, ZH"),
        ("Zürich", "Zürich, ZH"),
        ("ZÜRICH", "Zürich, ZH"),
        ("Zúrich", "Zürich, ZH"),
    ],
)
def test_accents_and_case_do_not_matter(gazetteer, text, expected):
    assert geocode(text) == gazetteer[expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Portlnd", "Portland, OR"),
        ("Portlnd, ME", "Portland, ME"),
        ("Zuerich", "Zürich, ZH"),
        ("Sao Palo", "São Paulo, 27"),
        ("Sprngfield, IL", "Springfield, IL"),
    ],
)
def test_a_typo_still_finds_the_place(gazetteer, text, expected):
    assert geocode(text) == gazetteer[expected]


def test_a_typo_prefers_a_big_city_to_a_village_spelled_a_little_closer(gazetteer):
    assert geocode("Zurch") == gazetteer["Zürich, ZH"]


@pytest.mark.parametrize("text", ["Xyzzyqq", "Qwrtplkj", "", "   ", ",", ", ,", "-", "%", "_"])
def test_text_that_resembles_no_place_finds_nothing(gazetteer, text):
    assert geocode(text) is None


HOSTILE_INPUTS = [
    "\x00",
    "Port\x00land",
    "97214\x00",
    "\ud800",
    "Z\ud800urich",
    "\udfff\ud800, \x00",
    "a" * 10_000,
    "Portland, " + "OR," * 3_000,
    "\x00" * 10_000,
    "'; DROP TABLE geo_place; --",
    "%_%\\",
    "\u202eZurich\u200b",
    "\n\t\r",
    "🏭 Zürich",
]


@pytest.mark.parametrize("text", HOSTILE_INPUTS)
def test_hostile_input_never_raises(gazetteer, text):
    result = geocode(text)
    assert result is None or isinstance(result, Place)
    assert geocode("Portland", country=text) is None
    assert isinstance(suggest_places(text), list)
    assert Place.objects.count() == len(CITIES) + len(ZIP_CODES)


def test_nul_bytes_and_surrogates_are_removed_before_searching(gazetteer):
    assert geocode("Zürich\x00") == gazetteer["Zürich, ZH"]
    assert geocode("Zur\ud800ich") == gazetteer["Zürich, ZH"]
    assert clean_query("Port\x00land\ud800") == "Port land"
    assert len(clean_query("a" * 10_000)) <= 100


# suggestions


def test_suggestions_start_with_prefix_matches_largest_first(gazetteer):
    labels = [place.label for place in suggest_places("Port")]
    assert labels == ["Portland, OR, US", "Portland, ME, US"]


def test_suggestions_ignore_accents_and_show_the_real_name(gazetteer):
    assert [place.label for place in suggest_places("sao")] == ["São Paulo, BR"]
    assert suggest_places("zur")[0].label == "Zürich, ZH, CH"


def test_suggestions_add_similar_names_after_prefix_matches(gazetteer):
    labels = [place.label for place in suggest_places("Zurch")]
    assert labels[0] == "Zürich, ZH, CH"
    assert "Žurče, D3, MK" in labels
    assert [place.label for place in suggest_places("Sprngfield")] == [
        "Springfield, MO, US",
        "Springfield, MA, US",
        "Springfield, IL, US",
    ]


def test_suggestions_narrow_by_region(gazetteer):
    assert [place.label for place in suggest_places("Spring, MA")] == ["Springfield, MA, US"]


def test_suggestions_for_digits_are_zip_codes_in_order(gazetteer):
    assert [place.label for place in suggest_places("97")] == [
        "97019 (Corbett, OR)",
        "97214 (Portland, OR)",
    ]
    assert [place.label for place in suggest_places("97214-12")] == ["97214 (Portland, OR)"]


def test_suggestions_respect_the_limit(gazetteer):
    assert len(suggest_places("S", limit=2)) == 2
    assert suggest_places("S", limit=0) == []
    assert len(suggest_places("S", limit=10_000)) == 4


def test_suggestions_for_empty_text_are_empty(gazetteer):
    assert suggest_places("") == []
    assert suggest_places("  ") == []


def test_labels_leave_out_numeric_region_codes(gazetteer):
    assert gazetteer["Portland, ME"].label == "Portland, ME, US"
    assert gazetteer["São Paulo, 27"].label == "São Paulo, BR"
    assert str(gazetteer["97019"]) == "97019 (Corbett, OR)"


# the model


def test_places_near_a_point_come_nearest_first_with_their_distance(gazetteer):
    near = list(Place.objects.near(45.5152, -122.6784, km=50))
    assert near == [gazetteer["Portland, OR"], gazetteer["97214"], gazetteer["97019"]]
    assert near[0].distance_km == pytest.approx(
        haversine_km(45.5152, -122.6784, 45.52345, -122.67621), abs=0.01
    )
    assert Place.objects.cities().near(45.5152, -122.6784, km=50).count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"lat": 90.5},
        {"lat": -91},
        {"lng": 180.1},
        {"lng": -181},
        {"country_code": "us"},
        {"postcode": "12345"},
    ],
)
def test_the_database_rejects_impossible_cities(fields):
    values = {
        "kind": Place.Kind.CITY,
        "name": "Nowhere",
        "ascii_name": "Nowhere",
        "country_code": "US",
        "lat": 0.0,
        "lng": 0.0,
    }
    with pytest.raises(IntegrityError):
        Place.objects.create(**values | fields)


def test_the_database_keeps_one_entry_per_postcode(gazetteer):
    with pytest.raises(IntegrityError):
        Place.objects.create(
            kind=Place.Kind.POSTCODE,
            name="Elsewhere",
            ascii_name="Elsewhere",
            country_code="US",
            postcode="97214",
            lat=0.0,
            lng=0.0,
        )


def test_the_database_rejects_a_postcode_entry_without_a_postcode():
    with pytest.raises(IntegrityError):
        Place.objects.create(
            kind=Place.Kind.POSTCODE,
            name="Nowhere",
            ascii_name="Nowhere",
            country_code="US",
            lat=0.0,
            lng=0.0,
        )


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("São Paulo", "Sao Paulo"),
        ("Łódź", "Lodz"),
        ("Weißenbach bei Liezen", "Weissenbach bei Liezen"),
        ("Tromsø", "Tromso"),
        ("Saint John’s", "Saint John's"),
        ("İstanbul", "Istanbul"),
        ("Москва", "Москва"),
    ],
)
def test_names_fold_to_ascii(name, folded):
    assert ascii_fold(name) == folded


# distances


def test_london_to_paris_is_about_343_km():
    assert haversine_km(*LONDON, *PARIS) == pytest.approx(343.5, abs=1)
    assert haversine_km(*PARIS, *LONDON) == haversine_km(*LONDON, *PARIS)


def test_distances_at_the_extremes():
    assert haversine_km(*LONDON, *LONDON) == 0
    half_circumference = math.pi * EARTH_RADIUS_KM
    assert haversine_km(0, 0, 0, 180) == pytest.approx(half_circumference)
    assert haversine_km(90, 0, -90, 0) == pytest.approx(half_circumference)
    assert haversine_km(0, 179.5, 0, -179.5) == pytest.approx(111.2, abs=0.1)


# Coordinates as stored: GeoNames and USPS give at most 5 decimals (about a metre).
latitudes = st.floats(min_value=-90, max_value=90).map(lambda x: round(x, 6))
longitudes = st.floats(min_value=-180, max_value=180).map(lambda x: round(x, 6))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lat1=latitudes,
    lng1=longitudes,
    # Any point the caller measures from, however many decimals it has.
    lat2=st.floats(min_value=-90, max_value=90),
    lng2=st.floats(min_value=-180, max_value=180),
)
def test_the_sql_distance_agrees_with_python_within_ten_metres(lat1, lng1, lat2, lng2):
    place, _ = Place.objects.update_or_create(
        geonameid=1,
        defaults={
            "kind": Place.Kind.CITY,
            "name": "Probe",
            "ascii_name": "Probe",
            "country_code": "ZZ",
            "lat": lat1,
            "lng": lng1,
        },
    )
    in_sql = (
        Place.objects.filter(pk=place.pk)
        .annotate(distance=distance_km_expression("lat", "lng", lat2, lng2))
        .values_list("distance", flat=True)
        .get()
    )
    assert in_sql == pytest.approx(haversine_km(lat1, lng1, lat2, lng2), abs=0.01)
    # The search's SQL text of the same formula gives the very same figure.
    text, params = distance_km_sql("lat", "lng", lat2, lng2)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {text} FROM geo_place WHERE id = %s", [*params, place.pk])
        assert cursor.fetchone()[0] == in_sql


def _destination(lat: float, lng: float, bearing: float, km: float) -> tuple[float, float]:
    """The point `km` away from (lat, lng) on the given bearing (degrees)."""
    phi, lam, theta = math.radians(lat), math.radians(lng), math.radians(bearing)
    delta = km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    lng2 = (math.degrees(lam2) + 540) % 360 - 180
    return math.degrees(phi2), lng2


@settings(max_examples=200, deadline=None)
@given(
    lat=st.floats(min_value=-89.9, max_value=89.9),
    lng=longitudes,
    km=st.floats(min_value=0.1, max_value=3000),
    bearing=st.floats(min_value=0, max_value=360),
    fraction=st.floats(min_value=0, max_value=1),
)
def test_the_bounding_box_holds_every_point_within_the_radius(lat, lng, km, bearing, fraction):
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, km)
    point_lat, point_lng = _destination(lat, lng, bearing, km * fraction)
    assert haversine_km(lat, lng, point_lat, point_lng) <= km + 1e-6
    slack = 1e-9
    assert min_lat - slack <= point_lat <= max_lat + slack
    assert min_lng - slack <= point_lng <= max_lng + slack


def test_the_bounding_box_is_tight_away_from_poles_and_the_antimeridian():
    min_lat, max_lat, min_lng, max_lng = bounding_box(*LONDON, 10)
    assert max_lat - min_lat == pytest.approx(2 * 10 / 111.195, rel=1e-3)
    # Longitude degrees shrink with the cosine of the latitude.
    assert max_lng - min_lng == pytest.approx(
        2 * 10 / (111.195 * math.cos(math.radians(LONDON[0]))), rel=1e-2
    )


def test_the_bounding_box_spans_all_longitudes_near_a_pole_or_across_the_antimeridian():
    assert bounding_box(89.5, 0, 100)[2:] == (-180.0, 180.0)
    assert bounding_box(0, 179.9, 50)[2:] == (-180.0, 180.0)


# loading


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_places", *args, stdout=out)
    return out.getvalue()


def test_loading_a_country_twice_gives_the_same_places():
    # Luxembourg's biggest towns: a small, fast slice of the real data.
    first = _load("--country", "LU", "--min-population", "15001")
    rows = sorted(Place.objects.values_list("geonameid", "name", "population"))
    second = _load("--country", "lu", "--min-population", "15001")

    assert first.splitlines()[0].startswith(f"Loaded {len(rows)} places")
    assert second.splitlines()[0].startswith(f"Loaded {len(rows)} places")
    assert sorted(Place.objects.values_list("geonameid", "name", "population")) == rows
    assert len(rows) >= 2
    assert set(Place.objects.values_list("country_code", "kind")) == {("LU", "city")}
    assert geocode("Luxembourg").country_code == "LU"


def test_loading_again_refreshes_cities_from_the_data():
    _load("--country", "LU", "--min-population", "15001")
    luxembourg = Place.objects.get(ascii_name="Luxembourg")
    Place.objects.filter(pk=luxembourg.pk).update(population=1, ascii_name="Wrong")

    _load("--country", "LU", "--min-population", "15001")

    luxembourg.refresh_from_db()
    assert luxembourg.ascii_name == "Luxembourg"
    assert luxembourg.population > 50_000


def test_loading_the_us_loads_its_zip_codes_once():
    args = ("--country", "US", "--min-population", "1000000", "--zip-prefix", "972")
    _load(*args)
    counts = (Place.objects.cities().count(), Place.objects.postcodes().count())
    output = _load(*args)

    assert (Place.objects.cities().count(), Place.objects.postcodes().count()) == counts
    assert f"{counts[0]} cities and {counts[1]} postcodes" in output
    assert counts[1] > 10
    assert not Place.objects.postcodes().exclude(postcode__startswith="972").exists()
    assert geocode("97214-1234").label == "97214 (Portland, OR)"
    assert geocode("New York City").region == "NY"
