"""The open data feeds: JSON, GeoJSON (checked against RFC 7946's rules), CSV (read back by
`csv`), iCal (parsed back by `icalendar`); the search's parameters, harvest paging, 304s,
CORS, the documented page, and nothing private in any of them."""

from __future__ import annotations

import csv
import io
import json
from datetime import time, timedelta
from decimal import Decimal

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders import services as order_services
from orders.files import clean_attachment
from orders.models import Review
from producers import feeds
from producers.models import Hub, ListingChange, OpeningHours, Producer, ProducerSearch
from producers.search import search_page

from .factories import (
    PORTLAND,
    UserFactory,
    make_hub,
    make_portland,
    make_producer,
    make_quote,
    make_request,
)

pytestmark = pytest.mark.django_db

JSON_URL = reverse("producers:feed", args=["json"])
GEOJSON_URL = reverse("producers:feed", args=["geojson"])
CSV_URL = reverse("producers:feed", args=["csv"])


def _json(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


@pytest.fixture
def listed(owner):
    make_portland()
    hub = make_hub(owner, name="Division Makers")
    shops = [
        make_producer(owner, name="Kerf Laser", hub=hub, tagline="Cut and engraved here"),
        make_producer(owner, name="Far CNC", lat=47.6062, lng=-122.3321, town="Seattle"),
        make_producer(owner, name="Belmont Fix-It", lat=45.5163, lng=-122.6206),
    ]
    for shop in shops:
        OpeningHours.objects.create(producer=shop, weekday=0, opens=time(9), closes=time(17))
        OpeningHours.objects.create(
            producer=shop, weekday=5, opens=time(10), closes=time(14), walk_in=True
        )
    OpeningHours.objects.create(hub=hub, weekday=2, opens=time(8), closes=time(20))
    return {"hub": hub, "shops": shops}


# --- JSON ---


def test_a_harvester_reads_every_published_workshop_with_ids_dates_and_the_licence(
    client, listed, owner
):
    make_producer(owner, name="Draft Shop", status="draft")
    body = _json(client, JSON_URL)
    assert body["license"] == feeds.LICENSE
    assert [item["name"] for item in body["items"]] == ["Kerf Laser", "Far CNC", "Belmont Fix-It"]
    kerf = body["items"][0]
    producer = listed["shops"][0]
    assert kerf["id"] == producer.pk
    assert kerf["url"] == "http://testserver" + producer.get_absolute_url()
    assert kerf["description"] == "Cut and engraved here"
    assert kerf["services"] == [{"id": "laser-cutting", "name": "Laser cutting"}]
    assert kerf["hub"]["name"] == "Division Makers"
    assert kerf["hub"]["url"] == "http://testserver" + listed["hub"].get_absolute_url()
    assert kerf["location"]["latitude"] == round(producer.lat, 6)
    assert kerf["created"] == producer.created_at.isoformat()
    assert kerf["last_modified"] == Producer.objects.get(pk=producer.pk).updated_at.isoformat()
    assert kerf["regular_schedule"] == [
        {"byday": "MO", "opens_at": "09:00", "closes_at": "17:00", "walk_in": False},
        {"byday": "SA", "opens_at": "10:00", "closes_at": "14:00", "walk_in": True},
    ]
    assert kerf["calendar"] == "http://testserver" + reverse(
        "producers:feed_producer_ics", args=[producer.slug]
    )
    assert kerf["assured_date"] is None  # published by a test, never approved or verified
    verified_on = timezone.now() - timedelta(days=3)
    Producer.objects.filter(pk=producer.pk).update(verified=True, verified_at=verified_on)
    again = _json(client, JSON_URL)["items"][0]
    assert again["assured_date"] == verified_on.date().isoformat() and again["verified"]
    assert body["next"] is None


def test_pages_follow_the_ids_so_a_harvest_gets_each_workshop_once(
    client, listed, owner, monkeypatch
):
    for n in range(4):
        make_producer(owner, name=f"Extra {n}")
    monkeypatch.setitem(feeds.PAGE_SIZES, "json", 2)
    seen, url, pages = [], JSON_URL, 0
    while url:
        body = _json(client, url.removeprefix("http://testserver"))
        seen += [item["id"] for item in body["items"]]
        url, pages = body["next"], pages + 1
    assert pages == 4
    assert seen == sorted(ProducerSearch.objects.values_list("pk", flat=True))
    response = client.get(JSON_URL)
    assert 'rel="next"' in response["Link"] and 'rel="license"' in response["Link"]


def test_modified_after_gives_only_workshops_changed_since(client, listed):
    old, changed, _ = listed["shops"]
    Producer.objects.update(updated_at=timezone.now() - timedelta(days=30))
    Producer.objects.filter(pk=changed.pk).update(updated_at=timezone.now())
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = _json(client, JSON_URL, {"modified_after": since})
    assert [item["id"] for item in body["items"]] == [changed.pk]
    by_date = _json(client, JSON_URL, {"modified_after": timezone.localdate().isoformat()})
    assert [item["id"] for item in by_date["items"]] == [changed.pk]


def test_a_bad_modified_after_or_after_or_an_unknown_place_is_a_clear_400(client, listed):
    for params, word in (
        ({"modified_after": "last tuesday"}, "modified_after"),
        ({"after": "x"}, "after"),
        ({"place": "Atlantis"}, "Atlantis"),
    ):
        response = client.get(JSON_URL, params)
        assert response.status_code == 400
        assert word in json.loads(response.content)["error"]


def test_any_search_is_also_a_feed_with_the_same_workshops(client, listed, owner):
    from django.http import QueryDict

    make_producer(owner, name="Stitch Shop", description="Sewing and alterations")
    for params in (
        {"q": "laser"},
        {"place": "Portland, OR", "radius": "10"},
        {"capability": "laser-cutting", "lat": PORTLAND["lat"], "lng": PORTLAND["lng"]},
        {"q": "nothing-like-this"},
    ):
        query = QueryDict(mutable=True)
        query.update(params)
        expected = {row.pk for row in search_page(query).page.object_list}
        got = {item["id"] for item in _json(client, JSON_URL, params)["items"]}
        assert got == expected, params
    assert len(_json(client, JSON_URL, {"place": "Portland, OR", "radius": "10"})["items"]) == 3
    assert _json(client, JSON_URL, {"colour": "red"})["notices"]


FUZZ_NAMES = [
    "q",
    "place",
    "lat",
    "lng",
    "radius",
    "capability",
    "after",
    "modified_after",
    "verified",
    "page",
    "x",
]  # noqa: E501
FUZZ_VALUES = st.one_of(
    st.sampled_from(
        [
            "\x00",
            "\ud800",
            "9" * 400,
            "-1",
            str(2**70),
            "NaN",
            "1e308",
            "=1+1",
            "2026-13-45",
            "Portland, OR",
        ]
    ),  # noqa: E501
    st.text(max_size=40),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.lists(st.tuples(st.sampled_from(FUZZ_NAMES), FUZZ_VALUES), max_size=6),
    fmt=st.sampled_from(["json", "geojson", "csv"]),
)
def test_no_parameters_make_a_feed_fail(client, listed, params, fmt):
    from urllib.parse import quote

    query = "&".join(
        f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}" for k, v in params
    )
    response = client.get(f"{reverse('producers:feed', args=[fmt])}?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert json.loads(response.content)["error"]


# --- GeoJSON, checked against RFC 7946 ---


def _decimals(number: float) -> int:
    text = repr(number)
    return len(text.split(".")[1]) if "." in text else 0


def assert_rfc7946(collection: dict) -> None:
    """The rules of RFC 7946 a FeatureCollection of points can break."""
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # §4: no crs member; WGS 84 is implied
    assert isinstance(collection["features"], list)
    for feature in collection["features"]:
        assert feature["type"] == "Feature"  # §3.2
        assert set(feature) >= {"type", "geometry", "properties"}
        assert isinstance(feature["id"], (str, int))  # §3.2: a string or a number
        assert feature["properties"] is None or isinstance(feature["properties"], dict)
        assert "crs" not in feature
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point"
        lng, lat = geometry["coordinates"]  # §3.1.1: longitude first, then latitude
        assert -180 <= lng <= 180 and -90 <= lat <= 90
        assert (lng, lat) != (0, 0)
        assert _decimals(lng) <= 6 and _decimals(lat) <= 6  # §11.2: 6 decimals is ~10 cm


def test_the_geojson_feed_follows_rfc_7946_longitude_first_six_decimals_never_0_0(
    client, listed, owner
):
    make_producer(owner, name="Precise", lat=45.123456789, lng=-122.987654321)
    make_producer(owner, name="Nowhere", lat=None, lng=None, town="")
    make_producer(owner, name="Null Island", lat=0.0, lng=0.0)
    response = client.get(GEOJSON_URL)
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert_rfc7946(collection)
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    assert by_name["Precise"]["geometry"]["coordinates"] == [-122.987654, 45.123457]
    assert by_name["Nowhere"]["geometry"] is None
    assert by_name["Null Island"]["geometry"] is None
    kerf = listed["shops"][0]
    assert by_name["Kerf Laser"]["geometry"]["coordinates"] == [kerf.lng, kerf.lat]
    assert "latitude" not in by_name["Kerf Laser"]["properties"]["location"]
    assert collection["license"]["url"] == feeds.LICENSE["url"]


# --- CSV ---


def test_the_csv_reads_back_with_a_header_in_utf8_and_formulas_defused(client, listed, owner):
    make_producer(owner, name='=HYPERLINK("http://evil.example")', tagline="@SUM(A1:A9)")
    make_producer(owner, name="Café Ñandú", tagline="-2+3", phone="+1 503 555 0100")
    make_producer(owner, name="\tTabbed", tagline="\rReturn")
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert tuple(rows[0]) == feeds.CSV_COLUMNS
    by_id = {int(row["id"]): row for row in rows}
    names = {row["name"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example")' in names
    assert "Café Ñandú" in names and "'\tTabbed" in names
    assert {row["description"] for row in rows} >= {"'@SUM(A1:A9)", "'-2+3", "'\rReturn"}
    assert not any(
        cell[:1] in "=+-@\t\r"
        for row in rows
        for cell in row.values()
        if cell and not _number(cell)
    )
    kerf = by_id[listed["shops"][0].pk]
    # A negative longitude is a number, not text to defuse.
    assert float(kerf["longitude"]) == listed["shops"][0].lng
    assert kerf["services"] == "Laser cutting" and kerf["hub_name"] == "Division Makers"


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# --- iCal ---


def test_a_workshops_hours_come_back_from_icalendar_as_weekly_events_in_its_time_zone(
    client, listed
):
    shop = listed["shops"][0]
    Producer.objects.filter(pk=shop.pk).update(time_zone="America/New_York")
    response = client.get(reverse("producers:feed_producer_ics", args=[shop.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    monday, saturday = sorted(events, key=lambda e: e.decoded("dtstart").weekday())
    for event, weekday, byday, opens, closes in (
        (monday, 0, "MO", time(9), time(17)),
        (saturday, 5, "SA", time(10), time(14)),
    ):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert str(start.tzinfo) == "America/New_York"
        assert (start.weekday(), start.time(), end.time()) == (weekday, opens, closes)
        assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == [byday]
    assert "walk-in" in str(saturday["SUMMARY"])


def test_a_hubs_hours_are_a_calendar_too_and_unlisted_ones_are_404(client, listed, owner):
    hub = listed["hub"]
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("producers:feed_hub_ics", args=[hub.slug])).content
    )
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart").weekday() == 2
    draft = make_producer(owner, name="Draft Shop", status="draft")
    assert client.get(reverse("producers:feed_producer_ics", args=[draft.slug])).status_code == 404
    Hub.objects.filter(pk=hub.pk).update(status="suspended")
    assert client.get(reverse("producers:feed_hub_ics", args=[hub.slug])).status_code == 404


# --- Caching, CORS, the page ---


def test_an_unchanged_feed_answers_304_and_a_changed_one_answers_anew(client, listed):
    first = client.get(JSON_URL, {"q": "laser"})
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(JSON_URL, {"q": "laser"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(JSON_URL, {"q": "laser"}, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # Another search is another feed.
    assert client.get(JSON_URL, {"q": "cnc"}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    shop = listed["shops"][0]
    shop.name = "Kerf Laser Works"
    shop.save()
    changed = client.get(JSON_URL, {"q": "laser"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Kerf Laser Works" in changed.content.decode()
    ics_url = reverse("producers:feed_producer_ics", args=[shop.slug])
    ics_etag = client.get(ics_url)["ETag"]
    assert client.get(ics_url, HTTP_IF_NONE_MATCH=ics_etag).status_code == 304


def test_any_site_may_read_the_feeds_but_not_the_rest_of_hubdir(client, listed):
    origin = {"HTTP_ORIGIN": "https://city-map.example"}
    for url in (JSON_URL, GEOJSON_URL, CSV_URL, reverse("orders:demand_csv")):
        response = client.get(url, **origin)
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "ETag" in response.get("Access-Control-Expose-Headers", "") or url.endswith(
            "demand.csv"
        )
    preflight = client.options(JSON_URL, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin)
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/search/", **origin)
    assert client.post(JSON_URL).status_code == 405
    assert client.head(JSON_URL).status_code == 200


def test_the_open_data_page_lists_each_feed_with_an_example_and_the_licence(client, listed):
    page = client.get(reverse("producers:open_data"))
    text = page.content.decode()
    assert page.status_code == 200
    for path in (
        "/feeds/producers.json",
        "/feeds/producers.geojson",
        "/feeds/producers.csv",
        ".ics",
        "/feeds/demand.csv",
    ):
        assert path in text
    assert feeds.LICENSE["name"] in text and "modified_after" in text
    assert f"/feeds/workshops/{listed['shops'][0].slug}.ics" in text


def test_a_feed_page_costs_no_more_statements_than_a_search_page(
    client, listed, owner, django_assert_max_num_queries
):
    params = {"lat": PORTLAND["lat"], "lng": PORTLAND["lng"], "radius": 25, "verified": "false"}
    client.get("/search/", params)  # warm the catalogue cache, as for the search page test
    with django_assert_max_num_queries(6) as search:
        client.get("/search/", params)
    with django_assert_max_num_queries(len(search)) as few:
        _json(client, JSON_URL, params)
    for n in range(25):
        make_producer(owner, name=f"More {n}", lat=PORTLAND["lat"], lng=PORTLAND["lng"])
    for url in (JSON_URL, GEOJSON_URL, CSV_URL):
        with django_assert_max_num_queries(len(few), info=url) as ran:
            client.get(url, params)
        # Nor does it load what no item shows: the search document, the long description.
        (rows,) = [q["sql"] for q in ran.captured_queries if "producers_openinghours" in q["sql"]]
        assert '"producers_producersearch"."document"' not in rows
        assert '"producers_producer"."description"' not in rows


# --- Nothing private ---


def test_a_unique_word_in_every_private_thing_is_in_no_feed(client, listed, owner):
    secret = "zanzibarquux"
    shop = listed["shops"][0]
    member = UserFactory(email=f"{secret}.member@example.com", name=f"Mira {secret}")
    shop.memberships.create(user=member, role="member")
    make_producer(owner, name=f"Draft {secret}", status="draft")
    make_producer(owner, name=f"Suspended {secret}", status="suspended")
    make_producer(owner, name=f"Pending {secret}", status="pending")
    draft_hub = make_hub(owner, name=f"Hub {secret}", status="draft")
    make_producer(owner, name="In A Draft Hub", hub=draft_hub)
    ListingChange.objects.create(producer=shop, proposed={"fields": {"name": f"New {secret}"}})
    buyer = UserFactory(email=f"{secret}@example.com", name=f"Bea {secret}")
    job = make_request(
        buyer,
        title=f"Coasters {secret}",
        description=f"Private {secret}",
        files=[clean_attachment(SimpleUploadedFile(f"{secret}.pdf", b"%PDF-1.4\n%%EOF\n"))],
    )
    order_services.message_send(
        job=job, producer=shop, by=buyer, from_buyer=True, body=f"Call me {secret}"
    )
    done = make_request(buyer, title="Done job")
    quote = make_quote(done, shop, note=f"Quote note {secret}", price=str(Decimal("50")))
    order = order_services.quote_accept(quote=quote, by=buyer)
    order_services.order_mark_ready(order=order, by=owner)
    order_services.order_complete(order=order, by=buyer)
    review = order_services.review_create(
        order=order, by=buyer, quality=1, speed=1, communication=1, text=f"Hidden {secret}"
    )
    Review.objects.filter(pk=review.pk).update(hidden=True)
    # A search that found nothing, by one visitor only: under the map's threshold.
    client.get("/search/", {"q": f"glass {secret}", "place": "Portland, OR"})

    urls = [
        JSON_URL,
        GEOJSON_URL,
        CSV_URL,
        reverse("producers:open_data"),
        reverse("orders:demand_csv"),
        reverse("orders:demand"),
    ]
    urls += [f"{url}?q={secret}" for url in (JSON_URL, GEOJSON_URL, CSV_URL)]
    urls += [
        reverse("producers:feed_producer_ics", args=[p.slug]) for p in Producer.objects.published()
    ]
    urls += [reverse("producers:feed_hub_ics", args=[h.slug]) for h in Hub.objects.published()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert secret not in response.content.decode().casefold(), url
    # The draft hub's workshop is listed, without the hub.
    items = _json(client, JSON_URL)["items"]
    assert {i["name"]: i["hub"] for i in items}["In A Draft Hub"] is None
