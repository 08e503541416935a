"""The directory reads from a real streaming replica; people never see their own change
vanish, and a replica that is down or behind is passed over for the primary."""

from __future__ import annotations

import contextlib
import time

import pytest
from django.db import connections
from django.test import Client

from hubdir import replica
from hubdir.accounts.models import User
from producers.models import Capability, Producer
from tests.factories import UserFactory, make_producer
from tests.test_listing_rereview import _details

from .cluster import wait_for_replay

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@contextlib.contextmanager
def statements():
    """{alias: [sql, ...]} of every statement each database ran meanwhile."""
    seen: dict[str, list[str]] = {"default": [], "replica": []}

    def recorder(alias):
        def record(execute, sql, params, many, context):
            seen[alias].append(sql)
            return execute(sql, params, many, context)

        return record

    with contextlib.ExitStack() as stack:
        for alias in seen:
            stack.enter_context(connections[alias].execute_wrapper(recorder(alias)))
        yield seen


def _reads(sqls: list[str], table: str) -> bool:
    return any(sql.lstrip().upper().startswith("SELECT") and table in sql for sql in sqls)


def _poll(condition, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.05)
    return result


@pytest.fixture
def kerf(owner, primary, standby):
    producer = make_producer(owner, tagline="Laser cutting while you wait")
    wait_for_replay(primary, standby)
    return producer


@pytest.fixture
def replay_paused(standby):
    """The standby stops replaying (the conftest resumes it): what the primary writes now
    is on the primary only, so a page shows which database it was read from."""
    standby.execute("SELECT pg_wal_replay_pause()")


def test_a_row_written_on_the_primary_is_read_on_the_replica_a_moment_later():
    UserFactory(email="rita@example.com", name="Rita Resident")
    assert _poll(lambda: User.objects.using("replica").filter(name="Rita Resident").exists())
    assert User.objects.using("default").get(email="rita@example.com").name == "Rita Resident"


def test_a_visitor_reads_profiles_and_search_from_the_replica(client, kerf, replay_paused):
    Producer.objects.filter(pk=kerf.pk).update(tagline="Closed on Mondays from now on")

    with statements() as seen:
        profile = client.get(kerf.get_absolute_url())
        found = client.get("/search/", {"q": "laser"})

    assert profile.status_code == 200 and found.status_code == 200
    # The replica has not replayed the new tagline: the page came from the replica.
    assert "Laser cutting while you wait" in profile.content.decode()
    assert "Closed on Mondays" not in profile.content.decode()
    assert "Kerf Laser" in found.content.decode()
    assert _reads(seen["replica"], "producers_producer")
    assert _reads(seen["replica"], "producers_producersearch")
    assert not _reads(seen["default"], "producers_producer")
    assert Producer.objects.using("default").get(pk=kerf.pk).tagline.startswith("Closed on")


def test_after_posting_an_edit_the_owner_reads_it_from_the_primary_for_a_few_seconds(
    client, owner, kerf, primary, standby, settings
):
    client.force_login(owner)
    wait_for_replay(primary, standby)  # the session row too
    standby.execute("SELECT pg_wal_replay_pause()")

    edit = client.post(
        f"/for-workshops/producers/{kerf.slug}/", _details(kerf, tagline="Open on Saturdays")
    )
    assert edit.status_code == 302
    sticky = edit.cookies[replica.STICKY_COOKIE]
    assert sticky["max-age"] == settings.REPLICA_STICKY_SECONDS
    assert sticky["httponly"] and sticky["samesite"] == "Lax"

    with statements() as seen:
        own_view = client.get(kerf.get_absolute_url())
    assert "Open on Saturdays" in own_view.content.decode()
    assert not _reads(seen["replica"], "producers_producer")
    # Everyone else still reads the replica, which has not caught up yet.
    assert "Open on Saturdays" not in Client().get(kerf.get_absolute_url()).content.decode()

    # Once the browser drops the cookie, the owner is a reader like any other.
    del client.cookies[replica.STICKY_COOKIE]
    with statements() as seen:
        client.get(kerf.get_absolute_url())
    assert _reads(seen["replica"], "producers_producer")
    assert Producer.objects.using("default").get(pk=kerf.pk).tagline == "Open on Saturdays"


def test_a_refused_post_does_not_send_the_person_to_the_primary(client, outsider, kerf):
    client.force_login(outsider)
    refused = client.post(f"/for-workshops/producers/{kerf.slug}/", _details(kerf, tagline="Mine"))
    assert refused.status_code == 404
    assert replica.STICKY_COOKIE not in refused.cookies
    assert Producer.objects.using("default").get(pk=kerf.pk).tagline != "Mine"


def test_with_the_replica_stopped_pages_still_come_from_the_primary(client, kerf, standby):
    standby.stop()

    with statements() as seen:
        profile = client.get(kerf.get_absolute_url())
        found = client.get("/search/", {"q": "laser"})
        catalogue = client.get("/catalogue/")

    assert [profile.status_code, found.status_code, catalogue.status_code] == [200, 200, 200]
    assert "Laser cutting while you wait" in profile.content.decode()
    assert "Kerf Laser" in found.content.decode()
    assert _reads(seen["default"], "producers_producer")
    assert seen["replica"] == []  # the probe could not even connect
    ready = client.get("/readyz")
    assert ready.status_code == 200  # the primary serves every page meanwhile
    assert "replica: unreachable" in ready.content.decode()


def test_a_replica_that_dies_during_a_page_is_replaced_by_the_primary_at_once(
    client, kerf, standby, settings
):
    settings.REPLICA_CHECK_SECONDS = 3600
    assert client.get(kerf.get_absolute_url()).status_code == 200  # probed: fresh
    standby.stop()  # the process still believes the replica usable

    with statements() as seen:
        profile = client.get(kerf.get_absolute_url())

    assert profile.status_code == 200
    assert "Laser cutting while you wait" in profile.content.decode()
    assert _reads(seen["default"], "producers_producer")
    assert not replica.replica_usable()  # and the next pages go straight to the primary


def test_a_replica_lagging_past_the_limit_is_passed_over(client, kerf, replay_paused, settings):
    settings.REPLICA_MAX_LAG_SECONDS = 1
    Producer.objects.filter(pk=kerf.pk).update(tagline="Closed on Mondays from now on")
    # The lag is the age of the last transaction the standby replayed: let it pass 1 s.
    _poll(lambda: not replica.probe().usable)

    with statements() as seen:
        profile = client.get(kerf.get_absolute_url())

    assert "Closed on Mondays from now on" in profile.content.decode()
    assert not _reads(seen["replica"], "producers_producer")
    assert "replica: lagging" in client.get("/readyz").content.decode()


def test_a_search_page_cached_while_the_replica_lags_never_hides_a_change_afterwards(
    client, owner, kerf, primary, standby, replay_paused, settings
):
    """The page cache is keyed by the search table's version. Read from a lagging replica,
    the version and the rows must come from the same database: old rows stored under the
    primary's new version would hide the change from everyone for SEARCH_CACHE_SECONDS."""
    settings.SEARCH_CACHE_SECONDS = 60
    make_producer(owner, name="Oakline Laser Joinery")  # a new listing: a new version

    assert "Oakline" not in client.get("/search/", {"q": "laser"}).content.decode()
    writer = Client()
    writer.cookies[replica.STICKY_COOKIE] = "1"  # as after their post
    assert "Oakline" in writer.get("/search/", {"q": "laser"}).content.decode()
    assert "Oakline" not in client.get("/search/", {"q": "laser"}).content.decode()

    standby.execute("SELECT pg_wal_replay_resume()")
    wait_for_replay(primary, standby)
    with statements() as seen:
        caught_up = client.get("/search/", {"q": "laser"})
    assert "Oakline Laser Joinery" in caught_up.content.decode()
    assert _reads(seen["replica"], "producers_searchversion")
    assert Producer.objects.using("replica").filter(name="Oakline Laser Joinery").exists()


def test_a_catalogue_edit_shows_in_search_at_once_even_while_the_replica_lags(
    client, kerf, replay_paused
):
    """The catalogue is cached for minutes and emptied by an edit: refilled from a replica
    that has not replayed the edit yet, it would bring the old names back for minutes."""
    capability = Capability.objects.get(slug="laser-cutting")
    capability.name = "Laser and plasma cutting"
    capability.save()

    page = client.get("/search/", {"q": "laser"})

    assert "Laser and plasma cutting" in page.content.decode()
    assert "Kerf Laser" in page.content.decode()  # the rows still from the replica
    assert Capability.objects.using("replica").get(slug="laser-cutting").name == "Laser cutting"
