"""The search engine against brute force: facet counts, distances, full text, the sync table.

Each expectation is computed in Python from the listings' own tables (never from the search
table), so these tests check both the SQL and that the search table is in step.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubdir.geo.distance import haversine_km
from producers import search, services
from producers.models import (
    Capability,
    Certification,
    Hub,
    Machine,
    Material,
    OpeningHours,
    Producer,
    ProducerCapability,
    ProducerCertification,
    ProducerSearch,
)
from producers.search.index import FacetIndex

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)  # a Tuesday: 10:30 in Portland
CENTRES = [(45.5152, -122.6784), (45.45, -122.55)]
ZONES = ["America/Los_Angeles", "America/New_York", "Europe/Berlin", "Mars/Olympus_Mons"]
CAPS = ["laser-cutting", "cnc-routing", "sewing-and-alterations", "3d-printing", "welding"]
MATS = ["plywood", "acrylic", "oak", "mild-steel", "cotton"]


@dataclass
class Expected:
    """What the search table must hold for one producer, read from the listings."""

    id: int
    name: str
    published: bool
    lat: float | None
    lng: float | None
    confirmed_at: datetime
    category: set
    capability: set
    material: set
    certification: set
    service: set
    customer: set
    batch: set
    hub_kind: str | None
    verified: bool
    walk_in: bool
    lead_time: int | None
    min_quantity: int | None
    open_now: bool


def expected(producer: Producer, now: datetime = NOW) -> Expected:
    pcs = list(producer.producer_capabilities.select_related("capability"))
    materials = {m.pk for pc in pcs for m in pc.materials.all()}
    materials |= {m.pk for machine in producer.machines.all() for m in machine.materials.all()}
    hours = list(producer.hours.all())
    try:
        local = now.astimezone(ZoneInfo(producer.time_zone))
        minute = local.hour * 60 + local.minute
        open_now = any(
            h.weekday == local.weekday()
            and h.opens.hour * 60 + h.opens.minute <= minute < h.closes.hour * 60 + h.closes.minute
            for h in hours
        )
    except (KeyError, ValueError):  # an unknown zone: never "open now"
        open_now = False
    return Expected(
        id=producer.pk,
        name=producer.name,
        published=producer.status == "published",
        # The point the public may see: the approximate one for a home workshop.
        lat=(producer.public_point() or (None, None))[0],
        lng=(producer.public_point() or (None, None))[1],
        confirmed_at=producer.confirmed_at,
        category={pc.capability.category_id for pc in pcs},
        capability={pc.capability_id for pc in pcs},
        material=materials,
        certification=set(producer.producer_certifications.values_list("certification", flat=True)),
        service=set(producer.services),
        customer=set(producer.customer_types),
        batch={pc.batch_band for pc in pcs},
        hub_kind=producer.hub.kind if producer.hub else None,
        verified=producer.verified,
        walk_in=any(h.walk_in for h in hours),
        lead_time=min((pc.lead_time_days for pc in pcs), default=None),
        min_quantity=min((pc.min_quantity for pc in pcs), default=None),
        open_now=open_now,
    )


def assert_search_table_matches_listings():
    producers = Producer.objects.select_related("hub").prefetch_related(
        "producer_capabilities__materials", "machines__materials", "hours"
    )
    rows = {row.producer_id: row for row in ProducerSearch.objects.all()}
    published = set()
    for producer in producers:
        want = expected(producer)
        if not want.published:
            assert producer.pk not in rows, f"{producer} is not published but searchable"
            continue
        published.add(producer.pk)
        row = rows[producer.pk]
        got = (
            row.name, row.lat, row.lng, set(row.category_ids), set(row.capability_ids),
            set(row.material_ids), set(row.certification_ids), set(row.services),
            set(row.customer_types), set(row.batch_bands), row.hub_kind, row.verified,
            row.walk_in, row.lead_time_days, row.min_quantity, row.confirmed_at,
        )  # fmt: skip
        assert got == (
            want.name, want.lat, want.lng, want.category, want.capability, want.material,
            want.certification, want.service, want.customer, want.batch, want.hub_kind,
            want.verified, want.walk_in, want.lead_time, want.min_quantity, want.confirmed_at,
        ), producer  # fmt: skip
    assert set(rows) == published


def _build_world(seed: int, size: int) -> list[Expected]:
    rng = random.Random(seed)
    services.catalogue_load()
    caps = list(Capability.objects.filter(slug__in=CAPS))
    mats = list(Material.objects.filter(slug__in=MATS))
    certs = list(Certification.objects.all()[:3])
    hubs = [
        Hub.objects.create(name="Kitchen", slug="kitchen", kind="kitchen", status="published"),
        Hub.objects.create(name="Space", slug="space", kind="maker_space", status="published"),
    ]
    for i in range(size):
        lat, lng = rng.choice(CENTRES)
        placed = rng.random() > 0.1
        producer = Producer.objects.create(
            name=f"Shop {i}",
            slug=f"shop-{i}",
            status=rng.choices(["published", "draft", "pending"], [8, 1, 1])[0],
            lat=lat + rng.gauss(0, 0.15) if placed else None,
            lng=lng + rng.gauss(0, 0.2) if placed else None,
            hub=rng.choice([None, None, *hubs]),
            services=rng.sample(
                ["make", "assemble", "repair", "finish", "pack"], rng.randint(0, 2)
            ),
            customer_types=rng.sample(["residents", "businesses"], rng.randint(0, 2)),
            verified=(verified := rng.random() < 0.3),
            verified_at=NOW if verified else None,
            time_zone=rng.choice(ZONES),
        )
        for cap in rng.sample(caps, rng.randint(0, 3)):
            pc = ProducerCapability.objects.create(
                producer=producer,
                capability=cap,
                batch_band=rng.choice(["one_off", "short", "medium", "large"]),
                min_quantity=rng.choice([1, 5, 50, 500]),
                lead_time_days=rng.choice([1, 3, 5, 10, 20, 45]),
            )
            pc.materials.set(rng.sample(mats, rng.randint(0, 2)))
        if rng.random() < 0.2:
            machine = Machine.objects.create(
                producer=producer, capability=rng.choice(caps), make_model="Model X"
            )
            machine.materials.set(rng.sample(mats, 1))
        for cert in rng.sample(certs, rng.randint(0, 1)):
            ProducerCertification.objects.create(producer=producer, certification=cert)
        for weekday in rng.sample(range(7), rng.randint(0, 5)):
            opens = rng.choice([6, 8, 9, 10, 14])
            OpeningHours.objects.create(
                producer=producer,
                weekday=weekday,
                opens=time(opens, rng.choice([0, 30])),
                closes=time(opens + rng.randint(1, 9), 0),
                walk_in=rng.random() < 0.2,
            )
    producers = Producer.objects.select_related("hub").prefetch_related(
        "producer_capabilities__materials", "machines__materials", "hours"
    )
    return [e for e in map(expected, producers) if e.published]


@pytest.fixture
def world(db):
    return _build_world(seed=7, size=60)


def _slugs(model, ids):
    return dict(model.objects.filter(pk__in=ids).values_list("slug", "pk"))


filters = st.fixed_dictionaries(
    {
        "capability": st.lists(st.sampled_from(CAPS), max_size=2, unique=True),
        "material": st.lists(st.sampled_from(MATS), max_size=2, unique=True),
        "category": st.lists(st.sampled_from(["fabrication", "textiles"]), max_size=1),
        "service": st.lists(st.sampled_from(["make", "repair", "pack"]), max_size=2, unique=True),
        "customer": st.lists(st.sampled_from(["residents", "businesses"]), max_size=1),
        "batch": st.lists(st.sampled_from(["one_off", "short", "large"]), max_size=2, unique=True),
        "hub_kind": st.lists(st.sampled_from(["kitchen", "maker_space"]), max_size=1),
        "verified": st.booleans(),
        "open_now": st.booleans(),
        "walk_in": st.booleans(),
        "lead_time": st.sampled_from([None, 3, 7, 14, 30]),
        "quantity": st.sampled_from([None, 1, 10, 100]),
        "where": st.sampled_from([None, (0, 5), (0, 25), (1, 10), (1, 50)]),
    }
)


def _query(chosen: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name in ("capability", "material", "category", "service", "customer", "batch", "hub_kind"):
        query.setlist(name, chosen[name])
    for name in ("verified", "open_now", "walk_in"):
        if chosen[name]:
            query[name] = "true"
    for name in ("lead_time", "quantity"):
        if chosen[name] is not None:
            query[name] = str(chosen[name])
    if chosen["where"] is not None:
        centre, radius = chosen["where"]
        query["lat"], query["lng"] = (str(c) for c in CENTRES[centre])
        query["radius"] = str(radius)
    return query


def _matchers(chosen: dict, ids: dict) -> dict:
    """facet -> predicate over Expected, for every active filter (the brute-force side)."""
    tests = {}
    for name in ("capability", "material", "category"):
        if chosen[name]:
            wanted = {ids[name][slug] for slug in chosen[name]}
            tests[name] = lambda e, w=wanted, n=name: bool(getattr(e, n) & w)
    for name in ("service", "customer", "batch"):
        if chosen[name]:
            tests[name] = lambda e, w=set(chosen[name]), n=name: bool(getattr(e, n) & w)
    if chosen["hub_kind"]:
        tests["hub_kind"] = lambda e, w=set(chosen["hub_kind"]): e.hub_kind in w
    for name in ("verified", "open_now", "walk_in"):
        if chosen[name]:
            tests[name] = lambda e, n=name: getattr(e, n)
    if chosen["lead_time"] is not None:
        tests["lead_time"] = lambda e, d=chosen["lead_time"]: (
            e.lead_time is not None and e.lead_time <= d
        )
    if chosen["quantity"] is not None:
        tests["quantity"] = lambda e, q=chosen["quantity"]: (
            e.min_quantity is not None and e.min_quantity <= q
        )
    return tests


def _within(chosen: dict):
    if chosen["where"] is None:
        return lambda e: True
    centre, radius = chosen["where"]
    lat, lng = CENTRES[centre]
    return lambda e: e.lat is not None and haversine_km(lat, lng, e.lat, e.lng) <= radius


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chosen=filters)
def test_facet_counts_equal_brute_force_counts_and_apply_every_filter_but_their_own(world, chosen):
    ids = {
        "capability": _slugs(Capability, Capability.objects.values("pk")),
        "material": _slugs(Material, Material.objects.values("pk")),
        "category": {
            c.category.slug: c.category_id for c in Capability.objects.select_related("category")
        },
    }
    state = search.parse(_query(chosen), now=NOW)
    assert not state.notices
    found = search.facets(state)
    # The counts from a worker's in-memory copy of the facet keys are the same.
    assert _counted_in_memory(state) == found
    tests = _matchers(chosen, ids)
    scope = [e for e in world if _within(chosen)(e)]

    def passing(*, but: str | None = None):
        return [e for e in scope if all(t(e) for n, t in tests.items() if n != but)]

    hits = passing()
    assert found.total == len(hits)
    for name, count in found.without.items():
        assert count == len(passing(but=name)), name

    for name in (
        "capability",
        "material",
        "category",
        "certification",
        "service",
        "customer",
        "batch",
    ):
        attr = name
        want: dict[str, int] = {}
        for e in passing(but=name):
            for value in getattr(e, attr):
                want[str(value)] = want.get(str(value), 0) + 1
        assert found.counts[name] == want, name
    want = {}
    for e in passing(but="hub_kind"):
        if e.hub_kind:
            want[e.hub_kind] = want.get(e.hub_kind, 0) + 1
    assert found.counts["hub_kind"] == want
    for name in ("verified", "open_now", "walk_in"):
        assert found.counts[name]["yes"] == sum(getattr(e, name) for e in passing(but=name)), name
    for days, _ in search.LEAD_TIME_CHOICES:
        want_lead = sum(
            1 for e in passing(but="lead_time") if e.lead_time is not None and e.lead_time <= days
        )
        assert found.counts["lead_time"][str(days)] == want_lead

    # Every result page together holds exactly the hits, each at its true distance.
    seen = []
    for number in range(1, max(1, -(-found.total // search.PAGE_SIZE)) + 1):
        state.page = number
        seen += list(search.results(state, found.total).object_list)
    assert sorted(r.producer_id for r in seen) == sorted(e.id for e in hits)
    if chosen["where"] is not None:
        lat, lng = CENTRES[chosen["where"][0]]
        for row in seen:
            assert row.distance_km == pytest.approx(
                haversine_km(lat, lng, row.lat, row.lng), abs=0.01
            )


def _counted_in_memory(state: search.SearchState) -> search.Facets:
    """The counts as producers.search.index makes them. The test's rows are not committed,
    so a copy of its own is read here (the shared one is only read outside such a
    transaction: tests/test_facet_index.py)."""
    index = FacetIndex()
    index.read_all(connection)
    masks = index.read_masks(connection, state)
    assert masks is not None
    total, counts, without = index.count(state, masks)
    return search.Facets(total=total, counts=counts, without=without)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chosen=filters, facet=st.sampled_from(["capability", "material", "service", "batch"]))
def test_the_number_beside_an_unticked_option_is_what_ticking_it_gives(world, chosen, facet):
    if chosen[facet]:
        return  # ticking adds to an OR within the facet; this rule is about untouched facets
    state = search.parse(_query(chosen), now=NOW)
    counts = search.facets(state).counts[facet]
    if not counts:
        return
    value, count = sorted(counts.items())[0]
    if facet in ("capability", "material"):
        model = Capability if facet == "capability" else Material
        value = model.objects.get(pk=int(value)).slug
    ticked = _query(chosen)
    ticked.setlist(facet, [value])
    assert search.facets(search.parse(ticked, now=NOW)).total == count


def test_the_unfiltered_counts_are_cached_and_match_a_fresh_computation(world):
    with_cache = search.facets(search.parse(QueryDict(), now=NOW))
    with connection.execute_wrapper(_only_the_version):
        again = search.facets(search.parse(QueryDict(), now=NOW))
    assert again == with_cache
    assert with_cache.total == len(world)
    cache.clear()
    assert search.facets(search.parse(QueryDict(), now=NOW)) == with_cache


@pytest.mark.parametrize("radius", [5, 10, 25, 50, 100])
def test_radius_membership_and_distances_match_haversine(db, radius):
    rng = random.Random(radius)
    lat0, lng0 = CENTRES[0]
    for i in range(80):
        Producer.objects.create(
            name=f"P{i}", slug=f"p{i}", status="published",
            lat=lat0 + rng.uniform(-1.2, 1.2), lng=lng0 + rng.uniform(-1.6, 1.6),
        )  # fmt: skip
    query = QueryDict(mutable=True)
    query.update({"lat": str(lat0), "lng": str(lng0), "radius": str(radius), "sort": "distance"})
    state = search.parse(query)
    found = search.facets(state)
    rows = []
    for number in range(1, -(-found.total // search.PAGE_SIZE) + 1):
        state.page = number
        rows += list(search.results(state, found.total).object_list)

    inside = {
        p.pk for p in Producer.objects.all() if haversine_km(lat0, lng0, p.lat, p.lng) <= radius
    }
    assert {r.producer_id for r in rows} == inside
    distances = [r.distance_km for r in rows]
    assert distances == sorted(distances)
    for row in rows:
        assert row.distance_km == pytest.approx(
            haversine_km(lat0, lng0, row.lat, row.lng), abs=0.01
        )


# --- Full text ---


def _names(q: str) -> list[str]:
    query = QueryDict(mutable=True)
    query["q"] = q
    state = search.parse(query)
    return [r.name for r in search.results(state, search.facets(state).total).object_list]


@pytest.fixture
def texts(db):
    services.catalogue_load()
    laser = Producer.objects.create(
        name="Kerf Studio", slug="kerf", status="published", description="Signs and boxes."
    )
    ProducerCapability.objects.create(
        producer=laser, capability=Capability.objects.get(slug="laser-cutting")
    )
    Producer.objects.create(
        name="Café Métal", slug="cafe-metal", status="published",
        description="Railings and gates welded to order.",
    )  # fmt: skip
    Producer.objects.create(
        name="Oak Table Co", slug="oak", status="published",
        tagline="Tables", description="We engraved a hundred oak signs last year.",
    )  # fmt: skip


def test_a_capability_synonym_finds_a_producer_that_never_wrote_the_word(texts):
    assert "Kerf Studio" in _names("engraving")
    assert "Kerf Studio" in _names("co2 laser")


def test_words_are_stemmed(texts):
    assert "Oak Table Co" in _names("engraving")
    assert "Café Métal" in _names("weld")
    assert "Oak Table Co" in _names("tables")


def test_accents_are_ignored_both_ways(texts):
    assert _names("cafe metal") == ["Café Métal"]
    assert _names("CAFÉ") == ["Café Métal"]


def test_a_name_match_ranks_above_a_description_match(texts):
    Producer.objects.create(
        name="Engraving House", slug="eh", status="published", description="Trophies."
    )
    assert _names("engraving")[0] == "Engraving House"


def test_websearch_syntax_phrases_or_and_exclusion(texts):
    assert _names('"oak signs"') == ["Oak Table Co"]
    assert set(_names("railings or tables")) == {"Café Métal", "Oak Table Co"}
    assert "Oak Table Co" not in _names("engraving -oak")


def test_a_typo_is_answered_with_a_suggestion_from_the_catalogue(texts):
    query = QueryDict(mutable=True)
    query["q"] = "lazer cutting"
    state = search.parse(query)
    assert search.facets(state).total == 0
    assert search.suggestions(state)[0] == "Laser cutting"


def test_a_misspelt_producer_name_is_suggested(texts):
    query = QueryDict(mutable=True)
    query["q"] = "Kerff Studoi"
    assert "Kerf Studio" in search.suggestions(search.parse(query))


def test_a_common_word_narrowed_to_nothing_by_a_filter_is_not_taken_for_a_typo(texts):
    """Three workshops have Kerf in their names and none is verified: "kerf" with the
    Verified filter finds nothing, yet the word is no typo, so no name like it is offered.
    A misspelling under the same filter still is."""
    for name, slug in (("Kerf Works", "kerf-works"), ("Kerf Lab", "kerf-lab")):
        Producer.objects.create(name=name, slug=slug, status="published")
    query = QueryDict(mutable=True)
    query.update({"q": "kerf", "verified": "true"})
    state = search.parse(query)
    assert search.facets(state).total == 0
    assert search.suggestions(state) == []
    query["q"] = "kerff"
    offered = search.suggestions(search.parse(query))
    assert offered and all(term.startswith("Kerf ") for term in offered)
    # Without the filter the three are found, and nothing needs suggesting either way.
    query.pop("verified")
    query["q"] = "kerf"
    assert search.facets(search.parse(query)).total == 3


# --- The search table stays in step with the listings ---


def test_the_search_table_matches_the_listings_after_every_kind_of_edit(owner):
    world = _build_world(seed=3, size=12)
    assert world
    assert_search_table_matches_listings()
    producer = Producer.objects.filter(status="published").first()
    draft = Producer.objects.filter(status="draft").first() or Producer.objects.create(
        name="Draft", slug="draft-x"
    )
    laser = Capability.objects.get(slug="laser-cutting")
    oak = Material.objects.get(slug="oak")
    other_category = Capability.objects.exclude(category=laser.category_id).first().category

    def laser_pc():
        return ProducerCapability.objects.get(producer=producer, capability=laser)

    edits = [
        lambda: Producer.objects.filter(pk=producer.pk).update(name="Renamed Works"),
        lambda: setattr(producer, "lat", 45.6) or producer.save(),
        lambda: setattr(producer, "approximate_location", True) or producer.save(),
        lambda: setattr(producer, "lng", -122.61) or producer.save(),
        lambda: services.listing_confirm(listing=producer, by=owner),
        lambda: Producer.objects.filter(pk=producer.pk).update(confirmed_at=NOW),
        lambda: Producer.objects.update(approximate_location=True),
        lambda: Producer.objects.update(approximate_location=False),
        lambda: ProducerCapability.objects.update_or_create(
            producer=producer, capability=laser, defaults={"lead_time_days": 2}
        ),
        lambda: laser_pc().materials.add(oak),
        lambda: laser_pc().materials.clear(),
        lambda: Machine.objects.create(
            producer=producer, capability=laser, make_model="M"
        ).materials.add(oak),
        lambda: Machine.objects.filter(producer=producer).delete(),
        lambda: ProducerCertification.objects.create(
            producer=producer, certification=Certification.objects.first()
        ),
        lambda: OpeningHours.objects.create(
            producer=producer, weekday=1, opens=time(9), closes=time(17), walk_in=True
        ),
        lambda: OpeningHours.objects.filter(producer=producer).update(walk_in=False),
        lambda: Hub.objects.update(kind="garage"),
        lambda: Producer.objects.filter(pk=producer.pk).update(hub=Hub.objects.first()),
        lambda: Capability.objects.filter(pk=laser.pk).update(category=other_category),
        lambda: Producer.objects.filter(pk=draft.pk).update(status="published"),
        lambda: Producer.objects.filter(pk=producer.pk).update(status="suspended"),
        lambda: ProducerCapability.objects.filter(producer=draft).delete(),
        lambda: Producer.objects.filter(pk=draft.pk).update(verified=True, verified_at=NOW),
        lambda: Producer.objects.update(customer_types=["businesses"]),
        lambda: services.catalogue_load(),
        lambda: draft.delete(),
    ]
    states = [
        QueryDict(q) for q in ("", "capability=laser-cutting", "material=oak", "verified=true")
    ]
    for query in states:
        search.facets(search.parse(query, now=NOW))  # counted now, kept in the cache
    for number, edit in enumerate(edits):
        edit()
        try:
            assert_search_table_matches_listings()
            assert_cached_counts_are_fresh(states)
        except AssertionError as error:
            raise AssertionError(f"after edit {number}") from error


def assert_cached_counts_are_fresh(states: list[QueryDict]) -> None:
    """What the cache serves equals counting again from scratch."""
    served = [search.facets(search.parse(query, now=NOW)) for query in states]
    cache.clear()
    fresh = [search.facets(search.parse(query, now=NOW)) for query in states]
    assert served == fresh


def test_counts_are_served_from_the_cache_until_the_search_table_changes(world):
    query = QueryDict("capability=laser-cutting")
    first = search.facets(search.parse(query, now=NOW))
    with connection.execute_wrapper(_only_the_version):
        assert search.facets(search.parse(query, now=NOW)) == first
    producer = Producer.objects.filter(status="published").first()
    Producer.objects.filter(pk=producer.pk).update(status="suspended")
    after = search.facets(search.parse(query, now=NOW))
    assert after.total == first.total - (
        1 if producer.producer_capabilities.filter(capability__slug="laser-cutting") else 0
    )


def _only_the_version(execute, sql, params, many, context):
    assert "producers_searchversion" in sql, f"the cached counts ran SQL: {sql}"
    return execute(sql, params, many, context)


def test_a_synonym_added_to_the_catalogue_is_searchable_at_once(texts):
    assert _names("lasercraft") == []
    Capability.objects.filter(slug="laser-cutting").update(synonyms=["lasercraft"])
    assert _names("lasercraft") == ["Kerf Studio"]
