"""A broad word's best-match pages taken from the worker's kept order (producers.search.ranking)
against PostgreSQL's own sort, before and after edits, committed as a real site commits
(transaction=True): the order is shared by every request of a worker.

The thresholds are lowered so the 40-listing world counts as broad; the rest is as deployed.
"""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from producers import search
from producers.models import Capability, Producer, ProducerCapability
from producers.search import index as index_module
from producers.search.index import index_for

from .factories import make_producer
from .test_search_engine import NOW, _build_world

pytestmark = pytest.mark.django_db(transaction=True)
results_module = importlib.import_module("producers.search.results")

QUERIES = [
    "q=shop",  # every listing, one rank: the ties are ordered by verified, then name
    "q=shop+OR+laser+OR+oak",  # ranks of every size
    "q=shop+OR+welding&verified=true",
    "q=shop&capability=laser-cutting&capability=cnc-routing",
    "q=shop+OR+plywood&open_now=true",
    "q=shop&quantity=10&customer=residents",
    "q=shop&material=cotton&verified=true",  # three rows: ranked among their ids
    "q=shop+OR+laser&sort=rating",  # ratings and their ties (no rating last)
    "q=shop+OR+oak&sort=lead_time&capability=cnc-routing",
]


@pytest.fixture
def world(transactional_db, monkeypatch):
    monkeypatch.setattr(results_module, "RANKED_AT_LEAST", 10)
    monkeypatch.setattr(results_module, "WALK_AT_LEAST", 4)
    monkeypatch.setattr(results_module, "PAGE_SIZE", 6)
    return _build_world(seed=11, size=40)


def _state(query: str) -> search.SearchState:
    return search.parse(QueryDict(query), now=NOW)


def _pages(query: str) -> list[list[tuple[str, bool]]]:
    """Every page of the state, as (name, stale) per card."""
    state = _state(query)
    total = search.facets(state).total
    pages = []
    for number in range(1, total // 6 + 2):
        state.page = number
        pages.append([(row.name, row.stale) for row in search.results(state, total)])
    return pages


def _statements(during) -> list[str]:
    with CaptureQueriesContext(connection) as seen:
        during()
    return [q["sql"] for q in seen.captured_queries]


def assert_pages_as_postgresql_sorts() -> None:
    for query in QUERIES:
        kept = _pages(query)
        with override_settings(SEARCH_FACET_INDEX=False):
            assert _pages(query) == kept, query
        assert sum(map(len, kept)) == search.facets(_state(query)).total


def test_a_broad_words_pages_come_from_the_kept_order_and_equal_postgresqls_sort(world):
    assert_pages_as_postgresql_sorts()
    ranked = index_for(connection).ranked.orders
    assert set(ranked) == {
        "shop",
        "shop OR laser OR oak",
        "shop OR welding",
        "shop OR plywood",
        "shop OR laser",
        "shop OR oak",
    }
    # Another page of a kept word: the version, then the cards by id; nothing ranked.
    state = _state("q=shop+OR+laser+OR+oak&verified=true&page=2")
    statements = _statements(lambda: search.results(state, search.facets(state).total))
    assert not any("ts_rank" in sql for sql in statements), statements
    assert "WITH ORDINALITY" in statements[-1]
    # Few rows pass: PostgreSQL ranks those alone, by id.
    state = _state("q=shop&material=cotton&verified=true")
    statements = _statements(lambda: search.results(state, search.facets(state).total))
    assert "= ANY(" in statements[-1] and "ts_rank" in statements[-1]
    # A place (any sort) or narrow words: PostgreSQL ranks, as before.
    for query in ("q=shop&lat=45.5152&lng=-122.6784&radius=25&sort=rating", "q=oak"):
        state = _state(query)
        statements = _statements(lambda state=state: search.results(state, 1))
        assert "ts_rank" in statements[-1] and "ORDINALITY" not in statements[-1], query


def test_a_broad_words_first_page_reads_its_ids_and_its_order_in_one_scan(world):
    state = _state("q=shop+OR+steel")
    statements = _statements(lambda: search.results(state, search.facets(state).total))
    ranked = [sql for sql in statements if "ts_rank" in sql]
    assert len(ranked) == 1 and "LEFT JOIN LATERAL" in ranked[0], statements
    # No separate read of the words' ids: the order's rows are them.
    assert not any("ARRAY(SELECT" in sql and "websearch_to_tsquery" in sql for sql in statements)
    kept = index_for(connection).ranked.orders["shop OR steel"]
    assert kept.members.bit_count() == search.facets(state).total > 10
    with override_settings(SEARCH_FACET_INDEX=False):
        assert search.facets(_state("q=shop+OR+steel")).total == kept.members.bit_count()
    assert_pages_as_postgresql_sorts()


PORTLAND = "lat=45.5152&lng=-122.6784"
PLACES = [
    f"q=shop&{PORTLAND}&radius=25",
    f"q=shop+OR+laser&{PORTLAND}&radius=50&sort=distance",
    f"capability=laser-cutting&{PORTLAND}&radius=100&sort=rating",
    f"{PORTLAND}&radius=100&sort=lead_time&open_now=true",
    f"q=oak&verified=true&{PORTLAND}&radius=25",
]


def test_a_place_where_few_rows_pass_is_sorted_among_their_ids_as_postgresql_sorts(
    world, monkeypatch
):
    monkeypatch.setattr(results_module, "WALK_AT_LEAST", 1000)  # every state here is "few"
    totals = []
    for query in PLACES:
        kept = _pages(query)
        with override_settings(SEARCH_FACET_INDEX=False):
            assert _pages(query) == kept, query
        state = _state(query)
        total = search.facets(state).total
        assert sum(map(len, kept)) == total
        totals.append(total)
        statements = _statements(lambda state=state, total=total: search.results(state, total))
        if total:
            assert "= ANY(" in statements[-1], query
    assert sum(total > 6 for total in totals) >= 3, totals  # several pages of cards
    # The counts came from the shared cache, so this worker kept no ids for the place: the
    # cards evaluate the words and the place, rather than read the ids for this alone.
    index_for(connection).masks.clear()
    state = _state(PLACES[0])
    total = search.facets(state).total
    statements = _statements(lambda: search.results(state, total))
    assert len(statements) == 1 and "= ANY(" not in statements[0], statements


def test_stale_listings_come_after_the_fresh_ones_from_the_kept_order_too(world):
    assert_pages_as_postgresql_sorts()
    stale = list(Producer.objects.filter(status="published").order_by("pk")[:25:3])
    Producer.objects.filter(pk__in=[p.pk for p in stale]).update(
        confirmed_at=NOW - Producer.STALE_AFTER - timedelta(days=1)
    )
    cards = [card for page in _pages("q=shop") for card in page]
    assert [is_stale for _name, is_stale in cards] == sorted(is_stale for _n, is_stale in cards)
    assert {name for name, is_stale in cards if is_stale} == {p.name for p in stale}
    assert_pages_as_postgresql_sorts()


def test_the_kept_orders_are_patched_through_every_kind_of_edit(world, owner):
    assert_pages_as_postgresql_sorts()
    kept = index_for(connection).ranked.orders["shop OR laser OR oak"]

    # A new listing whose name holds two of the words: it ranks near the top.
    make_producer(owner, name="Oak Laser Shop")
    statements = _statements(lambda: _pages("q=shop+OR+laser+OR+oak"))
    assert any(s.startswith("WITH c AS") and "json_build_array" in s for s in statements)
    assert index_for(connection).ranked.orders["shop OR laser OR oak"] is kept  # patched
    after = _pages("q=shop+OR+laser+OR+oak")
    assert after[0][0] == ("Oak Laser Shop", False)
    assert "Laser Laser Oak Shop" not in {name for page in after for name, _stale in page}
    assert_pages_as_postgresql_sorts()

    # A listing renamed (its rank and its place among the ties change), one gaining a
    # capability, one verified, one suspended and one deleted.
    first = Producer.objects.filter(status="published").order_by("pk").first()
    Producer.objects.filter(pk=first.pk).update(name="Aaa Shop")
    welding = Capability.objects.get(slug="welding")
    other = Producer.objects.filter(status="published").exclude(pk=first.pk).order_by("-pk")[0]
    ProducerCapability.objects.get_or_create(producer=other, capability=welding)
    Producer.objects.filter(pk=other.pk).update(verified=True, verified_at=NOW)
    assert_pages_as_postgresql_sorts()
    # Ratings come and change (as reviews set them), some equal, one taken away.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE producers_producersearch SET rating = (producer_id % 4) + 1.5"
            " WHERE producer_id % 3 > 0"
        )
    assert_pages_as_postgresql_sorts()
    rated = _pages("q=shop+OR+laser&sort=rating")[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE producers_producersearch SET rating = NULL WHERE name = %s", [rated[0][0]]
        )
    assert _pages("q=shop+OR+laser&sort=rating")[0][0] != rated[0]
    assert_pages_as_postgresql_sorts()
    Producer.objects.filter(pk=first.pk).update(status="suspended")
    Producer.objects.filter(status="published").exclude(name="Oak Laser Shop").last().delete()
    assert_pages_as_postgresql_sorts()
    assert index_for(connection).ranked.orders["shop OR laser OR oak"] is kept

    # Inside a transaction that has written, PostgreSQL sorts: the kept order never sees
    # rows that may roll back.
    with pytest.raises(RuntimeError), transaction.atomic():
        make_producer(owner, name="Laser Laser Oak Shop")
        inside = _pages("q=shop+OR+laser+OR+oak")
        assert inside[0][0] == ("Laser Laser Oak Shop", False)
        raise RuntimeError("roll back")
    after = _pages("q=shop+OR+laser+OR+oak")
    assert after[0][0] == ("Oak Laser Shop", False)
    assert "Laser Laser Oak Shop" not in {name for page in after for name, _stale in page}
    assert_pages_as_postgresql_sorts()


def test_another_worker_takes_a_broad_words_ids_and_order_from_the_shared_cache(
    world, owner, monkeypatch
):
    monkeypatch.setattr(index_module, "SHARED_AT_LEAST", 10)
    query = "q=shop+OR+laser+OR+oak&sort=rating"
    first = _pages(query)  # this worker reads the words' rows and ranks them, and shares

    def another_worker() -> list[str]:
        monkeypatch.setitem(index_module._indexes, connection.alias, index_module.FacetIndex())
        return _statements(lambda: _pages(query))

    # A new worker reads the facet keys, but neither the words' ids nor their order.
    statements = another_worker()
    assert not any("websearch_to_tsquery" in sql for sql in statements), statements
    assert _pages(query) == first
    # After an edit, what was shared is of an older version: read again, and exact.
    make_producer(owner, name="Oak Laser Shop")
    statements = another_worker()
    assert any("websearch_to_tsquery" in sql for sql in statements)
    kept = _pages(query)
    assert kept != first
    with override_settings(SEARCH_FACET_INDEX=False):
        assert _pages(query) == kept
