"""The unmet-demand map: requests no workshop reached, requests expired without a quote and
searches that found nothing, by capability and ~5 km area, shown only where at least three
different people asked; the page, its CSV, the searches it learns from, and the demo."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubdir.geo.grid import coarse_cell, grid_cell
from orders import demand
from orders.models import JobRequest, Lead, Quote
from producers import services as producer_services
from producers.demand import demand_words
from producers.models import Capability, Category, SearchMiss

from .factories import PORTLAND, UserFactory, make_hub, make_portland, make_producer

pytestmark = pytest.mark.django_db

DEMAND_URL = reverse("orders:demand")
CSV_URL = reverse("orders:demand_csv")
# Two points in one ~5 km cell, one in the next cell of the same ~20 km area, one far away.
HERE = (45.5149, -122.6434)
NEXT_DOOR = (45.5171, -122.6401)
NEXT_CELL = (45.5149 - 0.03, -122.6434)
FAR = (47.6062, -122.3321)
# A row of the table (the capability filter's options hold every name).
KILN_ROW = '<th scope="row">Kiln firing</th>'
GLASS_ROW = '<th scope="row">Glassblowing</th>'


@pytest.fixture
def catalogue(db):
    category = Category.objects.create(slug="making", name="Making")
    return {
        "kiln": Capability.objects.create(
            slug="kiln-firing", name="Kiln firing", category=category
        ),
        "glass": Capability.objects.create(
            slug="glassblowing", name="Glassblowing", category=category
        ),
    }


def _ask(buyer, capability, point=HERE, *, days_ago=3, status="open", needed_in=20):
    """A published request as the services leave it, written directly so tests can place it
    in time; no lead, so no workshop was reached."""
    now = timezone.now()
    return JobRequest.objects.create(
        buyer=buyer,
        title=f"Private title of {buyer.name}",
        description=f"Private description, call {buyer.email}",
        capability=capability,
        quantity=5,
        needed_by=timezone.localdate() + timedelta(days=needed_in),
        place="12 Elm Street, Portland",
        place_label="Portland, OR",
        lat=point[0],
        lng=point[1],
        status=status,
        published_at=now - timedelta(days=days_ago),
    )


def _csv_rows(client, params=None) -> list[dict]:
    response = client.get(CSV_URL, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


# --- The threshold ---


def test_two_people_asking_is_not_shown_and_a_third_person_shows_the_area(client, catalogue):
    people = [UserFactory(name=f"Resident {n}") for n in range(3)]
    for person in people[:2]:
        _ask(person, catalogue["kiln"])
    assert KILN_ROW not in client.get(DEMAND_URL).content.decode()
    assert _csv_rows(client) == []

    _ask(people[2], catalogue["kiln"], NEXT_DOOR)
    cache.clear()  # the signals are cached for a few minutes
    page = client.get(DEMAND_URL).content.decode()
    assert KILN_ROW in page and "1 area with unmet demand" in page
    (row,) = _csv_rows(client)
    assert row["capability_or_words"] == "Kiln firing" and row["area"] == "about 5 km"
    assert (row["requests_reaching_no_workshop"], row["unmet_demand"]) == ("3", "3")


def test_one_person_asking_three_times_is_still_one_person(client, catalogue):
    someone = UserFactory()
    for _ in range(3):
        _ask(someone, catalogue["kiln"])
    other = UserFactory()
    _ask(other, catalogue["kiln"])
    assert _csv_rows(client) == []


def test_small_areas_are_pooled_into_their_20_km_area_or_left_out(client, catalogue):
    assert grid_cell(*HERE) != grid_cell(*NEXT_CELL)
    assert coarse_cell(grid_cell(*HERE)) == coarse_cell(grid_cell(*NEXT_CELL))
    a, b, c, d = (UserFactory() for _ in range(4))
    _ask(a, catalogue["kiln"])
    _ask(b, catalogue["kiln"])
    _ask(c, catalogue["kiln"], NEXT_CELL)
    _ask(d, catalogue["glass"], FAR)  # alone far away: left out
    (row,) = _csv_rows(client)
    assert (row["capability_or_words"], row["area"], row["unmet_demand"]) == (
        "Kiln firing",
        "about 20 km",
        "3",
    )


def test_a_request_that_reached_a_workshop_or_drew_a_quote_is_not_unmet(client, catalogue, owner):
    shop = make_producer(owner, name="Far Kiln", lat=FAR[0], lng=FAR[1])
    people = [UserFactory() for _ in range(3)]
    reached = _ask(people[0], catalogue["kiln"])
    Lead.objects.create(job_request=reached, producer=shop)
    quoted = _ask(people[1], catalogue["kiln"], status="expired", needed_in=-2)
    Lead.objects.create(job_request=quoted, producer=shop, invited=True)
    Quote.objects.create(
        job_request=quoted,
        producer=shop,
        price=10,
        ready_by=timezone.localdate(),
        valid_until=timezone.localdate(),
    )
    _ask(people[2], catalogue["kiln"])
    draft = _ask(UserFactory(), catalogue["kiln"])
    JobRequest.objects.filter(pk=draft.pk).update(status="draft")
    assert _csv_rows(client) == []


def test_requests_that_expired_without_a_quote_are_counted_as_such(client, catalogue, owner):
    shop = make_producer(owner, name="Kiln Shop")
    people = [UserFactory() for _ in range(3)]
    for person in people:
        job = _ask(person, catalogue["kiln"], status="open", needed_in=-1)  # past its date
        Lead.objects.create(job_request=job, producer=shop)
    (row,) = _csv_rows(client)
    assert row["requests_expired_without_quote"] == "3"
    assert row["requests_reaching_no_workshop"] == "0"
    assert row["unmet_demand"] == "3"


def test_the_page_and_the_csv_hold_no_names_emails_titles_places_or_ids(client, catalogue):
    people = [
        UserFactory(name=f"Quentin Uniquename{n}", email=f"quentin{n}@example.com")
        for n in range(3)
    ]
    jobs = [_ask(person, catalogue["kiln"]) for person in people]
    page = client.get(DEMAND_URL).content.decode()
    table = client.get(CSV_URL).content.decode()
    assert KILN_ROW in page and "Kiln firing" in table
    for text in (page, table):
        for person, job in zip(people, jobs, strict=True):
            for private in (
                person.name,
                person.email,
                job.title,
                "Elm Street",
                f"/requests/{job.pk}/",
            ):
                assert private not in text
        assert "Uniquename" not in text and "quentin" not in text


# --- Counts against a brute-force count ---

POINTS = [HERE, NEXT_DOOR, NEXT_CELL, FAR]
asks = st.lists(
    st.tuples(
        st.integers(0, 4),  # who asks
        st.sampled_from(["kiln", "glass"]),
        st.sampled_from(range(len(POINTS))),
        st.sampled_from(["none", "lead", "expired", "expired-quoted", "draft"]),
        st.integers(0, 400),  # days ago
    ),
    max_size=14,
)
searches = st.lists(
    st.tuples(
        st.sampled_from(["", "v1", "v2", "v3"]),  # the day's visitor hash
        st.sampled_from(["kiln", "", "pottery wheel"]),
        st.sampled_from(range(len(POINTS))),
        st.integers(0, 3),  # days ago
    ),
    max_size=10,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(asks=asks, searches=searches, period=st.sampled_from(list(demand.PERIODS)))
def test_the_map_counts_what_a_brute_force_count_finds(catalogue, owner, asks, searches, period):
    JobRequest.objects.all().delete()
    SearchMiss.objects.all().delete()
    cache.clear()
    shop = make_producer(owner, name="Some Shop") if not Lead.objects.exists() else None
    shop = shop or Lead.objects.first().producer
    people = [UserFactory() for _ in range(5)]
    for who, cap, point, state, days in asks:
        job = _ask(
            people[who],
            catalogue[cap],
            POINTS[point],
            days_ago=days,
            status="expired" if state.startswith("expired") else "open",
            needed_in=-1 if state.startswith("expired") else 10,
        )
        if state == "draft":
            JobRequest.objects.filter(pk=job.pk).update(status="draft")
        if state in ("lead", "expired-quoted"):
            Lead.objects.create(job_request=job, producer=shop)
        if state == "expired-quoted":
            Quote.objects.create(
                job_request=job,
                producer=shop,
                price=5,
                ready_by=timezone.localdate(),
                valid_until=timezone.localdate(),
            )
    today = timezone.localdate()
    for visitor, what, point, days in searches:
        row, col = grid_cell(*POINTS[point])
        SearchMiss.objects.get_or_create(
            day=today - timedelta(days=days),
            visitor=visitor,
            words="" if what == "kiln" else (what or "lamp"),
            capability=catalogue["kiln"] if what == "kiln" else None,
            cell_row=row,
            cell_col=col,
        )

    # The brute force: every request and search asked one by one through the models.
    since = today - timedelta(days=period - 1)
    entries = []
    for job in JobRequest.objects.all():
        if job.status == "draft" or timezone.localdate(job.published_at) < since:
            continue
        unreached = not job.leads.exists()
        unquoted = job.is_expired and not job.quotes.exists()
        if unreached or unquoted:
            what = ("capability", job.capability.slug)
            entries.append(
                (what, grid_cell(job.lat, job.lng), ("b", job.buyer_id), unreached, unquoted, False)
            )
    for miss in SearchMiss.objects.all():
        what = ("capability", miss.capability.slug) if miss.capability else ("words", miss.words)
        entries.append(
            (
                what,
                (miss.cell_row, miss.cell_col),
                ("v", miss.day, miss.visitor),
                False,
                False,
                True,
            )
        )

    def counts(members):
        return (
            sum(e[3] for e in members),
            sum(e[4] for e in members),
            len({e[2] for e in members if e[5]}),
            sum(not e[5] for e in members),
        )

    expected = {}
    for what, cell in {(e[0], e[1]) for e in entries}:
        members = [e for e in entries if e[0] == what and e[1] == cell]
        if len({e[2] for e in members}) >= 3:
            expected[(what, cell, False)] = counts(members)
    for what, area in {(e[0], coarse_cell(e[1])) for e in entries}:
        members = [
            e
            for e in entries
            if e[0] == what and coarse_cell(e[1]) == area and (what, e[1], False) not in expected
        ]
        if len({e[2] for e in members}) >= 3:
            expected[(what, area, True)] = counts(members)

    found = demand.demand_map(period=period)
    got = {
        (r.what, r.cell, r.coarse): (r.unreached, r.unquoted, r.searches, r.requests)
        for r in found.rows
    }
    assert got == expected
    assert [r.total for r in found.rows] == sorted((r.total for r in found.rows), reverse=True)


# --- Searches that found nothing ---


def test_a_search_that_finds_nothing_near_a_place_is_kept_without_personal_data(
    client, catalogue, buyer
):
    make_portland()
    client.force_login(buyer)
    response = client.get(
        "/search/", {"q": "Glassblowing jane@example.com 503-555-0100", "place": "Portland, OR"}
    )
    assert response.status_code == 200
    miss = SearchMiss.objects.get()
    assert miss.words == "glassblowing"
    assert miss.capability == catalogue["glass"]  # the words name a capability
    assert (miss.cell_row, miss.cell_col) == grid_cell(PORTLAND["lat"], PORTLAND["lng"])
    assert miss.day == timezone.localdate()
    assert miss.visitor and client.session.session_key not in miss.visitor
    stored = " ".join(str(v) for v in SearchMiss.objects.values().get().values())
    for private in (buyer.email, buyer.name, "503", "jane", "127.0.0.1", str(buyer.pk) + " "):
        assert private not in stored


def test_the_same_visitor_searching_again_adds_nothing_and_another_visitor_does(
    client, catalogue, buyer, outsider
):
    make_portland()
    search = {"q": "pottery wheel", "place": "Portland, OR"}
    client.force_login(buyer)
    client.get("/search/", search)
    client.get("/search/", search)
    assert SearchMiss.objects.count() == 1
    client.force_login(outsider)
    client.get("/search/", search)
    assert SearchMiss.objects.count() == 2
    assert len(set(SearchMiss.objects.values_list("visitor", flat=True))) == 2


def test_a_cached_search_page_served_again_records_nothing_more(client, catalogue, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    make_portland()
    search = {"q": "pottery wheel", "place": "Portland, OR"}
    client.get("/search/", search)
    client.get("/search/", search)  # the same page from the cache
    miss = SearchMiss.objects.get()
    assert miss.visitor == ""  # no session: counted as one visitor for the day


def test_a_search_that_finds_something_or_names_no_place_is_not_kept(client, catalogue, owner):
    make_portland()
    make_producer(owner, name="Kerf Laser")
    client.get("/search/", {"q": "laser", "place": "Portland, OR"})  # found one
    client.get("/search/", {"q": "glassblowing"})  # no place: nothing for a map
    client.get("/search/", {"q": "12345", "place": "Portland, OR"})  # no words left
    assert not SearchMiss.objects.exists()


def test_typed_words_keep_only_plain_words():
    assert (
        demand_words("Call ME at jane@example.com or 503-555-0100, kiln!") == "call me at or kiln"
    )
    assert demand_words("https://evil.example/x Pottery   WHEEL") == "pottery wheel"
    assert len(demand_words("word " * 40)) <= 60


def test_searches_by_three_visitors_show_and_two_do_not(client, catalogue):
    row, col = grid_cell(*HERE)
    today = timezone.localdate()
    for visitor in ("a", "b"):
        SearchMiss.objects.create(
            day=today, words="pottery wheel", cell_row=row, cell_col=col, visitor=visitor
        )
    # Visitors without a session on one day count as one.
    for _ in range(3):
        SearchMiss.objects.create(day=today, words="pottery wheel", cell_row=row, cell_col=col)
    rows = _csv_rows(client)
    assert [(r["capability_or_words"], r["searches_finding_nothing"]) for r in rows] == [
        ("pottery wheel", "3")
    ]
    SearchMiss.objects.filter(visitor="").delete()
    cache.clear()
    assert _csv_rows(client) == []


# --- The page ---


def test_the_trend_holds_back_weeks_with_fewer_than_three_people(catalogue):
    people = [UserFactory() for _ in range(4)]
    for person in people[:3]:
        _ask(person, catalogue["kiln"], days_ago=1)
    _ask(people[3], catalogue["kiln"], days_ago=40)
    found = demand.demand_map(period=90)
    (row,) = found.rows
    assert row.total == 4
    values = [value for _label, value in found.trend]
    assert values[-1] == 3 or values[-2] == 3  # this week (or last, on a Monday)
    assert 1 not in values  # the week with one person is held back
    assert sum(v or 0 for v in values) == 3


def test_the_page_filters_by_capability_and_by_the_area_around_a_hub(client, catalogue):
    for person in [UserFactory() for _ in range(3)]:
        _ask(person, catalogue["kiln"])
        _ask(person, catalogue["glass"], FAR)
    both = client.get(DEMAND_URL).content.decode()
    assert "Kiln firing" in both and "Glassblowing" in both
    kiln = client.get(DEMAND_URL, {"capability": "kiln-firing"}).content.decode()
    assert "Kiln firing" in kiln and '<th scope="row">Glassblowing' not in kiln
    near = client.get(DEMAND_URL, {"lat": HERE[0], "lng": HERE[1], "radius": 25}).content.decode()
    assert '<th scope="row">Kiln firing' in near and '<th scope="row">Glassblowing' not in near
    assert [
        r["capability_or_words"] for r in _csv_rows(client, {"capability": "glassblowing"})
    ] == ["Glassblowing"]
    assert '<svg viewBox="0 0 640 200" role="img"' in both
    assert 'id="demand-cells"' in both  # the map's data


def test_a_bad_filter_value_is_said_next_to_its_field_and_the_page_still_answers(client, catalogue):
    response = client.get(DEMAND_URL, {"period": "forever", "capability": "nope", "lat": "x"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Select a valid choice" in text
    assert "We ignored the place in the link" in text
    assert client.get(CSV_URL, {"period": "\x00"}).status_code == 200


def test_the_page_costs_the_same_few_statements_however_much_demand_there_is(
    client, catalogue, django_assert_max_num_queries
):
    client.get(DEMAND_URL)  # the catalogue's names, cached from then on
    cache.delete_many([f"demand:signals:{p}:{timezone.localdate()}" for p in demand.PERIODS])
    with django_assert_max_num_queries(2) as empty:
        client.get(DEMAND_URL)
    for person in [UserFactory() for _ in range(12)]:
        _ask(person, catalogue["kiln"])
        _ask(person, catalogue["glass"], FAR)
    cache.delete_many([f"demand:signals:{p}:{timezone.localdate()}" for p in demand.PERIODS])
    with django_assert_max_num_queries(len(empty)):
        assert KILN_ROW in client.get(DEMAND_URL).content.decode()


def test_a_hub_owner_finds_the_demand_around_their_hub_on_the_dashboard(client, catalogue, owner):
    hub = make_hub(owner, name="Division Makers", lat=HERE[0], lng=HERE[1])
    for person in [UserFactory() for _ in range(3)]:
        _ask(person, catalogue["kiln"])
    client.force_login(owner)
    dashboard = client.get(reverse("producers:owner_dashboard")).content.decode()
    assert "Unmet demand within 16 mi of Division Makers" in dashboard
    link = f"{DEMAND_URL}?lat={hub.lat:.4f}&amp;lng={hub.lng:.4f}&amp;radius=25"
    assert link in dashboard
    assert KILN_ROW in client.get(link.replace("&amp;", "&")).content.decode()


def test_the_demo_shows_a_demand_map_with_areas_in_it(client):
    from orders.demo import seed_demand

    producer_services.catalogue_load()
    assert seed_demand() > 0
    assert seed_demand() == 0  # once only
    rows = _csv_rows(client)
    assert len(rows) >= 3
    assert "Watch and clock repair" not in {r["capability_or_words"] for r in rows}  # two people
