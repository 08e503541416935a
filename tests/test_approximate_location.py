"""A home workshop shows only an approximate location: every public page, map marker, JSON-LD
and the sitemap carry the town and a point within about 1 km, never the street or the exact
coordinates; distances and radius searches stay right to within that; owners and staff still
see the exact address where they edit it."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from hubdir.geo.distance import haversine_km
from hubdir.geo.units import MILES_PER_KM, distance_label
from producers import services
from producers.models import Producer, ProducerSearch

from .factories import (
    PORTLAND,
    UserFactory,
    make_hub,
    make_portland,
    make_producer,
    make_quote,
    make_request,
)
from .test_listing_rereview import _details

pytestmark = pytest.mark.django_db

HOME = {
    "address_line": "1234 NW Glisan St",
    "town": "Portland",
    "region": "OR",
    "postcode": "97209",
    "lat": 45.523064,
    "lng": -122.676483,
}
# What must never reach a public page: the street, the postcode, the exact coordinates'
# digits (as printed by templates, JSON and Leaflet links alike).
SECRETS = ["Glisan", "97209", "523064", "676483", "45.52306", "122.67648"]


@pytest.fixture
def home(owner):
    services.catalogue_load()
    make_portland()
    return make_producer(owner, name="Attic Embroidery", approximate_location=True, **HOME)


@pytest.fixture
def neighbour(db):
    """A workshop round the corner sharing the capability, so each shows the other nearby."""
    return make_producer(
        UserFactory(email="nell@example.com", name="Nell Neighbour"),
        name="Corner Laser",
        lat=45.5301,
        lng=-122.6812,
        address_line="900 NW 21st Ave",
    )


def _leaks(html: str) -> list[str]:
    return [secret for secret in SECRETS if secret in html]


def test_the_public_point_is_the_centre_of_its_one_km_cell_and_the_address_is_the_town(home):
    lat, lng = home.public_point()
    assert (round(lat, 6), round(lng, 6)) == (45.525, -122.675)
    assert haversine_km(lat, lng, HOME["lat"], HOME["lng"]) < 0.8
    assert home.public_address() == "Portland, OR"
    row = ProducerSearch.objects.get(pk=home.pk)
    assert (row.lat, row.lng) == home.public_point()
    exact = Producer(lat=HOME["lat"], lng=HOME["lng"], address_line="1 Main St", town="Bend")
    assert exact.public_point() == (HOME["lat"], HOME["lng"])
    assert exact.public_address() == "1 Main St, Bend"
    assert Producer(town="Bend").public_point() is None


def test_no_public_page_shows_the_street_or_the_exact_coordinates(client, home, neighbour):
    profile = client.get(home.get_absolute_url()).content.decode()
    assert _leaks(profile) == []
    assert "Portland, OR" in profile and "Approximate location" in profile
    assert 'data-lat="45.525000"' in profile and 'data-lng="-122.675000"' in profile
    json_ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', profile, re.S).group(1)
    )
    assert json_ld["geo"] == {"@type": "GeoCoordinates", "latitude": 45.525, "longitude": -122.675}
    assert "streetAddress" not in json_ld["address"] and "postalCode" not in json_ld["address"]
    assert json_ld["address"]["addressLocality"] == "Portland"

    search = client.get(
        reverse("producers:search"),
        {"lat": PORTLAND["lat"], "lng": PORTLAND["lng"], "radius": 10},
    ).content.decode()
    assert "Attic Embroidery" in search and _leaks(search) == []
    # The map marker of the card is the approximate point.
    assert re.search(r'data-name="Attic Embroidery"[^>]*data-lat="45.525000"', search)

    nearby = client.get(neighbour.get_absolute_url()).content.decode()
    assert "Attic Embroidery" in nearby and _leaks(nearby) == []
    assert _leaks(client.get("/sitemap.xml").content.decode()) == []


def test_the_neighbours_nearby_cards_are_measured_from_the_approximate_point(
    client, home, neighbour
):
    """Distances from the exact point would let anyone triangulate it."""
    rows = services_nearby(home)
    assert [row.name for row in rows] == ["Corner Laser"]
    expected = haversine_km(*home.public_point(), neighbour.lat, neighbour.lng)
    assert rows[0].distance_km == pytest.approx(expected, abs=0.01)


def services_nearby(producer):
    from producers.selectors import nearby_with_same_capabilities

    return nearby_with_same_capabilities(
        producer, list(producer.capabilities.values_list("pk", flat=True))
    )


def test_a_radius_search_finds_it_and_its_distance_is_right_to_within_the_rounding(client, home):
    true_km = haversine_km(PORTLAND["lat"], PORTLAND["lng"], HOME["lat"], HOME["lng"])
    where = {"lat": PORTLAND["lat"], "lng": PORTLAND["lng"], "sort": "distance"}
    page = re.sub(
        r"\s+", " ", client.get(reverse("producers:search"), where | {"radius": 5}).content.decode()
    )
    # Portland is in the US: the card reads in miles.
    shown = float(re.search(r"Attic Embroidery.*?([\d.]+) mi away", page).group(1))
    assert abs(shown / MILES_PER_KM - true_km) < 0.8
    # 10 km from a point 10.5 km away: out, whichever point is used.
    far = {"lat": HOME["lat"] + 0.0944, "lng": HOME["lng"] + 0.0001}
    assert 10.4 < haversine_km(far["lat"], far["lng"], HOME["lat"], HOME["lng"]) < 10.6
    out = client.get(reverse("producers:search"), far | {"radius": 10}).content.decode()
    assert "Attic Embroidery" not in out
    found = client.get(reverse("producers:search"), far | {"radius": 25}).content.decode()
    assert "Attic Embroidery" in found and _leaks(found) == []


def test_the_owner_still_sees_and_edits_the_exact_address_and_can_show_it_again(
    client, owner, home
):
    client.force_login(owner)
    edit = client.get(reverse("producers:edit", args=[home.slug])).content.decode()
    assert "1234 NW Glisan St" in edit and 'value="45.523064"' in edit
    assert "show only an approximate location" in edit.lower()
    response = client.post(
        reverse("producers:edit", args=[home.slug]),
        _details(home, lat=HOME["lat"], lng=HOME["lng"]),  # the box left unticked
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert not home.approximate_location
    row = ProducerSearch.objects.get(pk=home.pk)
    assert (row.lat, row.lng) == (HOME["lat"], HOME["lng"])
    client.logout()
    assert "1234 NW Glisan St" in client.get(home.get_absolute_url()).content.decode()


def test_staff_see_the_exact_address_in_the_admin(client, home):
    admin = UserFactory(email="ada@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(reverse("admin:producers_producer_change", args=[home.pk])).content.decode()
    assert "1234 NW Glisan St" in page and "45.523064" in page


def test_a_hub_at_home_shows_only_its_town_and_its_tenants_at_its_address_follow_it(client, owner):
    services.catalogue_load()
    hub = make_hub(
        owner, name="Garage Collective", kind="garage", approximate_location=True, **HOME
    )
    assert hub.public_point() == pytest.approx((45.525, -122.675))
    tenant = make_producer(owner, name="Garage Welding", hub=hub, uses_hub_address=True)
    assert tenant.approximate_location and tenant.address_line == HOME["address_line"]
    for url in (hub.get_absolute_url(), tenant.get_absolute_url(), reverse("producers:search")):
        html = client.get(url).content.decode()
        assert "Garage" in html and _leaks(html) == [], url

    # The hub shows its address again: so do its tenants at that address.
    client.force_login(owner)
    from .test_listing_rereview import _hub_details

    hub.refresh_from_db()
    response = client.post(reverse("producers:hub_edit", args=[hub.slug]), _hub_details(hub))
    assert response.status_code == 302
    tenant.refresh_from_db()
    assert not tenant.approximate_location
    assert ProducerSearch.objects.get(pk=tenant.pk).lat == HOME["lat"]


def test_a_buyer_sees_the_distance_to_a_home_workshops_quote_from_its_public_point(
    client, home, buyer
):
    """A few requests and their distances must not pin the exact point down either."""
    job = make_request(buyer)
    make_quote(job, home)
    client.force_login(buyer)
    page = client.get(job.get_absolute_url()).content.decode()
    public = haversine_km(job.lat, job.lng, *home.public_point())
    exact = haversine_km(job.lat, job.lng, HOME["lat"], HOME["lng"])
    public, exact = (distance_label(km, miles=True) for km in (public, exact))
    assert public != exact
    assert f"{public}</td>" in page and f"{exact}</td>" not in page
    assert _leaks(page) == []
