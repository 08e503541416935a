"""The worker's in-memory copy of the facet keys (producers.search.index) against PostgreSQL's
own counts, after every kind of edit, committed: the copy is shared by every request of a
worker, so these tests commit their rows as a real site does (transaction=True).

PostgreSQL's counts are themselves checked against brute force in test_search_engine.py.
"""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from producers import search
from producers.models import Capability, Producer, ProducerCapability, SearchChange
from producers.search import index as index_module
from producers.search.index import index_for

from .factories import make_producer
from .test_search_engine import NOW, _build_world

pytestmark = pytest.mark.django_db(transaction=True)
# The package exports the function `facets`, which hides the module of the same name.
facets_module = importlib.import_module("producers.search.facets")

QUERIES = [
    "",
    "capability=laser-cutting",
    "capability=laser-cutting&capability=welding&verified=true",
    "material=plywood&service=make&open_now=true",
    "q=laser&lat=45.5152&lng=-122.6784&radius=25",
    "customer=residents&quantity=10&lead_time=14",
    "hub_kind=kitchen&walk_in=true&batch=short",
    "q=oak+OR+steel&material=oak",
]


@pytest.fixture
def world(transactional_db):
    return _build_world(seed=11, size=40)


def _state(query: str) -> search.SearchState:
    return search.parse(QueryDict(query), now=NOW)


def _in_postgresql(query: str) -> search.Facets:
    return facets_module._compute_facets(_state(query), landing=set(), version=0)


def _version() -> int:
    return search.search_version()


def assert_copy_exact() -> None:
    """Each state's counts as a visitor gets them equal PostgreSQL's, and came from the copy
    at the version the database is at."""
    for query in QUERIES:
        counted = facets_module._indexed_facets(_state(query), *facets_module.current_version_row())
        assert counted is not None, query
        found, at = counted
        assert at == _version()
        assert found == _in_postgresql(query), query
        assert search.facets(_state(query)) == found, query
    assert index_for(connection).version == _version()


def _statements(during) -> list[str]:
    with CaptureQueriesContext(connection) as seen:
        during()
    return [q["sql"] for q in seen.captured_queries]


def _count_laser() -> None:
    search.facets(_state("capability=laser-cutting"))


def test_a_visitors_counts_come_from_the_workers_copy_and_equal_postgresqls(world):
    assert_copy_exact()
    # Nothing changed: another page reads the version and counts in memory ("open now"'s
    # rows were read for this minute already).
    statements = _statements(
        lambda: facets_module._indexed_facets(
            _state("capability=welding"), *facets_module.current_version_row()
        )
    )
    assert len(statements) == 1, statements
    assert "producers_searchversion" in statements[0]


def test_open_now_is_read_once_a_minute_for_every_place_not_once_per_place(world):
    portland = "lat=45.5152&lng=-122.6784&radius=25"
    search.facets(_state(portland))
    statements = _statements(
        lambda: [
            search.facets(_state(query))
            for query in (
                "lat=45.5231&lng=-122.6765&radius=10",
                "q=laser&lat=47.6062&lng=-122.3321&radius=50",
                "capability=welding&lat=45.5152&lng=-122.6784&radius=100",
            )
        ]
    )
    # Each new place reads its own rows, and "open now" no more (it was read for the minute).
    assert not any("open_hours" in sql for sql in statements), statements
    assert_copy_exact()
    for query in ("open_now=true&" + portland, "open_now=true&q=laser&" + portland):
        assert search.facets(_state(query)) == _in_postgresql(query), query


def test_the_copy_stays_exact_after_every_kind_of_edit(world, owner):
    assert_copy_exact()
    laser = Capability.objects.get(slug="laser-cutting")

    # A new listing is published (rows inserted).
    make_producer(owner, name="New Laser Shop")
    assert "producers_searchchange" in " ".join(_statements(_count_laser))
    assert_copy_exact()

    # A listing gains a capability (its row changes).
    producer = (
        Producer.objects.filter(status="published")
        .exclude(producer_capabilities__capability=laser)
        .first()
    )
    ProducerCapability.objects.create(producer=producer, capability=laser)
    assert_copy_exact()

    # A listing is suspended (its row deleted) and one is deleted outright.
    Producer.objects.filter(pk=producer.pk).update(status="suspended")
    assert_copy_exact()
    Producer.objects.filter(status="published").last().delete()
    assert_copy_exact()

    # A bulk update touching every listing, and raw SQL on the search table itself.
    Producer.objects.update(verified=True, verified_at=NOW)
    assert_copy_exact()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE producers_producersearch SET walk_in = NOT walk_in")
    assert_copy_exact()

    # A statement that changes nothing still moves the version; the copy follows.
    Producer.objects.filter(pk=-1).update(verified=False, verified_at=None)
    assert_copy_exact()


def test_too_many_changes_or_a_pruned_log_read_the_whole_table_again(world, monkeypatch):
    assert_copy_exact()
    monkeypatch.setattr(index_module, "MOST_CHANGES", 3)
    Producer.objects.update(verified=False, verified_at=None)
    statements = " ".join(_statements(_count_laser))
    assert "array_agg" in statements  # the whole table, not the changed rows
    assert_copy_exact()

    # The log no longer reaches back to the copy's version (as pruning leaves it).
    with connection.cursor() as cursor:
        cursor.execute("UPDATE producers_searchversion SET logged_since = version + 1")
    Producer.objects.filter(status="published").first().delete()
    assert "array_agg" in " ".join(_statements(_count_laser))
    assert_copy_exact()


def test_a_truncated_search_table_empties_the_copy(world):
    assert_copy_exact()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE producers_producersearch")
    assert SearchChange.objects.count() == 0
    assert search.facets(_state("capability=laser-cutting")).total == 0
    assert_copy_exact()


def test_a_transaction_that_has_written_is_counted_in_postgresql_and_leaves_the_copy_alone(world):
    before = search.facets(_state("capability=welding"))
    at = index_for(connection).version
    welding = Capability.objects.get(slug="welding")
    with pytest.raises(RuntimeError), transaction.atomic():
        for producer in Producer.objects.filter(status="published"):
            ProducerCapability.objects.get_or_create(producer=producer, capability=welding)
        inside = search.facets(_state("capability=welding"))
        # The uncommitted rows are counted (by PostgreSQL), and the copy never saw them.
        assert inside.total == Producer.objects.filter(status="published").count()
        assert inside.total > before.total
        assert index_for(connection).version == at
        raise RuntimeError("roll back")
    assert search.facets(_state("capability=welding")) == before
    assert_copy_exact()


def test_versions_never_repeat_even_after_a_rollback_or_a_flush(world, owner):
    first = _version()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_producer(owner, name="Never Was")
        raise RuntimeError("roll back")
    assert _version() == first
    make_producer(owner, name="Real Shop")
    second = _version()
    assert second > first
    # A flush (as between transactional tests) empties the table; the number goes on.
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE producers_searchversion, producers_searchchange")
    Producer.objects.filter(name="Real Shop").update(verified=True, verified_at=NOW)
    assert _version() > second
    assert_copy_exact()


def test_counts_are_labelled_with_the_version_they_were_counted_at(world, owner):
    """The counts are exact at one version, and kept in the cache under that one: the
    version the page read, or a newer one when a change committed while it read rows."""
    assert_copy_exact()
    read_first = facets_module.current_version_row()
    before = _in_postgresql("capability=laser-cutting")
    make_producer(owner, name="Late Laser")

    # Everything it needs is in memory at the version read: counted there, as it was.
    found, at = facets_module._indexed_facets(_state("capability=laser-cutting"), *read_first)
    assert (found, at) == (before, read_first[0])

    # Words not read yet: their rows come with the newer version, and the copy catches up.
    found, at = facets_module._indexed_facets(
        _state("q=late&capability=laser-cutting"), *read_first
    )
    assert at == _version() > read_first[0]
    assert found == _in_postgresql("q=late&capability=laser-cutting")
    assert found.total == 1


def test_the_ids_of_words_and_a_place_outlive_an_edit_patched_rather_than_read_again(world, owner):
    query = "q=laser&lat=45.5152&lng=-122.6784&radius=25"
    before = search.facets(_state(query))

    # A laser shop opens in Portland, 4 km from the centre: the catch-up tests the changed
    # rows against the kept conditions, in the one statement that reads the log.
    shop = make_producer(owner, name="Laser Lane")
    statements = _statements(lambda: search.facets(_state(query)))
    assert len(statements) == 2, statements
    assert "producers_searchversion" in statements[0]
    assert statements[1].startswith("WITH c AS") and "websearch_to_tsquery" in statements[1]
    after = search.facets(_state(query))
    assert after.total == before.total + 1
    assert after == _in_postgresql(query)

    # It is suspended again: patched out the same way.
    Producer.objects.filter(pk=shop.pk).update(status="suspended")
    assert len(_statements(lambda: search.facets(_state(query)))) == 2
    assert search.facets(_state(query)) == before == _in_postgresql(query)
    assert_copy_exact()


def test_the_longest_id_lists_are_the_ones_patched_through_an_edit(world, owner, monkeypatch):
    monkeypatch.setattr(index_module, "PATCHED_MASKS", 2)
    broad = "q=shop"  # every name: the longest list
    search.facets(_state(broad))
    # Later searches near two places keep shorter lists, and an "open now" of a minute
    # gone by is never asked again.
    search.facets(_state("q=laser&lat=45.5152&lng=-122.6784&radius=5"))
    search.facets(search.parse(QueryDict(broad), now=NOW - timedelta(minutes=3)))
    search.facets(_state("q=laser&lat=45.45&lng=-122.55&radius=5"))

    make_producer(owner, name="Shop Lane")
    statements = _statements(lambda: search.facets(_state(broad)))
    # The version and the catch-up: the word's ids and this minute's "open now" were patched.
    assert len(statements) == 2, statements
    assert "websearch_to_tsquery" in statements[1]
    assert search.facets(_state(broad)) == _in_postgresql(broad)
    # A short list was dropped: its ids are read again (with the version they are at).
    near = "q=laser&lat=45.45&lng=-122.55&radius=5"
    statements = _statements(lambda: search.facets(_state(near)))
    assert len(statements) == 2, statements
    assert statements[1].startswith("SELECT (SELECT coalesce(max(version), 0)")
    assert search.facets(_state(near)) == _in_postgresql(near)


def test_a_new_worker_starts_from_the_keys_another_shared_and_catches_up_through_the_log(
    world, owner, monkeypatch
):
    asked = iter(range(2, 100))

    def new_worker() -> str:
        monkeypatch.setitem(index_module._indexes, connection.alias, index_module.FacetIndex())
        # A state never counted before, so no cached counts answer for the copy.
        state = _state(f"capability=laser-cutting&quantity={next(asked)}")
        return " ".join(_statements(lambda: search.facets(state)))

    assert "array_agg" in new_worker()  # the first reads the whole table, and shares it
    assert "array_agg" not in new_worker()
    assert_copy_exact()
    # Listings change: the next new worker takes the shared keys and reads what changed.
    make_producer(owner, name="New Laser Shop")
    Producer.objects.filter(status="published").first().delete()
    statements = new_worker()
    assert "array_agg" not in statements and "producers_searchchange" in statements
    assert_copy_exact()
    # Another database with the same version numbers (its row made anew): nothing it did
    # not read itself is taken.
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, logged_since FROM producers_searchversion")
        version, logged_since = cursor.fetchone()
        cursor.execute("DELETE FROM producers_searchversion")
        cursor.execute(
            "INSERT INTO producers_searchversion (id, version, logged_since) VALUES (1, %s, %s)",
            [version, logged_since],
        )
    assert "array_agg" in new_worker()
    assert_copy_exact()
