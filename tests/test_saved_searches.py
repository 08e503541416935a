"""A resident saves a search, names it, chooses how often to hear, and is emailed the
workshops that are new to it: never the same one twice, with a link that stops the emails."""

from __future__ import annotations

import re
import threading
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from producers import saved, services
from producers.models import ListingChange, Producer, SavedSearch, SavedSearchSent

from .factories import PORTLAND, make_portland, make_producer, with_capabilities

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
SAVED = "/account/saved-searches/"
NEW = "/account/saved-searches/new/"


@pytest.fixture
def catalogue(db):
    services.catalogue_load()
    make_portland()


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _laser(owner, name: str, *, published_at=None, **fields) -> Producer:
    producer = with_capabilities(
        make_producer(owner, name=name, **(PORTLAND | fields)), "laser-cutting"
    )
    Producer.objects.filter(pk=producer.pk).update(published_at=published_at or timezone.now())
    return producer


def _save(client, params: dict, name="Lasers in Portland", frequency="daily") -> SavedSearch:
    form = client.get(NEW, params)
    query = re.search(r'name="query" value="([^"]*)"', form.content.decode())[1]
    response = client.post(
        NEW, {"query": query.replace("&amp;", "&"), "name": name, "frequency": frequency}
    )
    assert response.status_code == 302, _text(response)
    return SavedSearch.objects.get(name=name)


def _alert(django_capture_on_commit_callbacks) -> str:
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_search_alerts", stdout=out)
    return out.getvalue()


def test_a_resident_saves_the_search_she_is_looking_at_under_a_name_she_chooses(
    client, buyer, owner, catalogue
):
    _laser(owner, "Kerf Laser")
    client.force_login(buyer)
    page = _text(client.get(SEARCH, {"capability": "laser-cutting", "place": "Portland, OR"}))
    link = re.search(r'href="(/account/saved-searches/new/\?[^"]+)"[^>]*>Save this search', page)[1]

    form = _text(client.get(link.replace("&amp;", "&")))
    assert "Laser cutting within 16 mi of Portland, OR" in form  # the name it suggests

    made = _save(
        client,
        {"capability": "laser-cutting", "place": "Portland, OR", "page": "2", "open_now": "true"},
        frequency="weekly",
    )
    assert made.user == buyer and made.frequency == "weekly"
    # The search, not where in it she was: no page, no "open now", parameters in one order.
    assert made.query == "capability=laser-cutting&place=Portland%2C+OR"
    listed = _text(client.get(SAVED))
    assert "Lasers in Portland" in listed and "Weekly" in listed
    assert f'href="{SEARCH}?capability=laser-cutting&amp;place=Portland%2C+OR"' in listed


def test_the_same_search_typed_in_another_order_is_kept_as_the_same_string(catalogue, buyer):
    from django.http import QueryDict

    from producers import search

    one = search.saved_query(
        search.parse(QueryDict("material=plywood&capability=laser-cutting&q=signs"))
    )
    two = search.saved_query(
        search.parse(QueryDict("q=signs&capability=laser-cutting&material=plywood&bogus=1"))
    )
    assert one == two == "capability=laser-cutting&material=plywood&q=signs"


def test_a_name_used_twice_comes_back_with_a_message_and_what_was_typed(client, buyer, catalogue):
    client.force_login(buyer)
    _save(client, {"capability": "laser-cutting"}, name="Lasers")

    again = client.post(NEW, {"query": "q=oak", "name": "Lasers", "frequency": "weekly"})

    assert again.status_code == 200
    page = _text(again)
    assert "You already have a saved search with this name." in page
    assert 'value="Lasers"' in page
    assert SavedSearch.objects.filter(user=buyer).count() == 1


def test_a_resident_renames_a_saved_search_turns_its_emails_off_and_deletes_it(
    client, buyer, catalogue
):
    client.force_login(buyer)
    item = _save(client, {"q": "oak"}, name="Oak")

    client.post(
        reverse("producers:saved_search_edit", args=[item.pk]),
        {"name": "Oak tables", "frequency": "off"},
    )
    item.refresh_from_db()
    assert (item.name, item.frequency) == ("Oak tables", "off")
    assert "Off (no emails)" in _text(client.get(SAVED))

    client.post(reverse("producers:saved_search_delete", args=[item.pk]))
    assert not SavedSearch.objects.filter(pk=item.pk).exists()
    assert "No saved search yet." in _text(client.get(SAVED))


def test_nobody_else_can_see_rename_or_delete_a_saved_search(client, buyer, outsider, catalogue):
    item = saved.saved_search_create(
        user=buyer, state=saved.search.parse({}), name="Mine", frequency="daily"
    )
    client.force_login(outsider)
    assert client.get(reverse("producers:saved_search_edit", args=[item.pk])).status_code == 404
    assert (
        client.post(
            reverse("producers:saved_search_edit", args=[item.pk]),
            {"name": "Theirs", "frequency": "off"},
        ).status_code
        == 404
    )
    assert client.post(reverse("producers:saved_search_delete", args=[item.pk])).status_code == 404
    assert "Mine" not in _text(client.get(SAVED))
    item.refresh_from_db()
    assert (item.name, item.frequency) == ("Mine", "daily")
    client.logout()
    assert client.get(SAVED).status_code == 302  # to the login page


def test_a_person_keeps_at_most_the_cap_of_saved_searches(client, buyer, catalogue, monkeypatch):
    monkeypatch.setattr(saved, "SAVED_SEARCHES_PER_PERSON", 2)
    client.force_login(buyer)
    _save(client, {"q": "oak"}, name="One")
    _save(client, {"q": "ash"}, name="Two")

    third = client.post(NEW, {"query": "q=elm", "name": "Three", "frequency": "daily"})

    assert "You have 2 saved searches, the most there can be: delete one first." in _text(third)
    assert SavedSearch.objects.filter(user=buyer).count() == 2


def test_the_saved_searches_page_costs_the_same_few_queries_for_one_or_many(
    client, buyer, catalogue, django_assert_max_num_queries
):
    client.force_login(buyer)
    _save(client, {"q": "oak"}, name="One")
    with django_assert_max_num_queries(5) as one:
        client.get(SAVED)
    first = len(one)
    for n in range(8):
        _save(client, {"q": f"word{n}"}, name=f"Search {n}")
    with django_assert_max_num_queries(first):
        assert client.get(SAVED).status_code == 200


# --- Alerts ---


def test_the_alert_emails_only_workshops_new_since_the_search_was_saved_and_never_twice(
    client, buyer, owner, catalogue, django_capture_on_commit_callbacks
):
    _laser(owner, "Old Laser", published_at=timezone.now() - timedelta(days=3))
    client.force_login(buyer)
    item = _save(client, {"capability": "laser-cutting", "place": "Portland, OR"})
    new = _laser(owner, "Brand New Laser")
    far = _laser(owner, "Seattle Laser", lat=47.6062, lng=-122.3321, town="Seattle")
    mail.outbox.clear()

    # The unsubscribe link is signed with the time to the second: frozen, the token made
    # here is the one in the email, whichever second the alert ran in.
    with time_machine.travel(timezone.now(), tick=False):
        assert "1 new listing(s) told" in _alert(django_capture_on_commit_callbacks)

        (email,) = mail.outbox
        assert email.to == [buyer.email]
        assert email.subject == "1 new workshop for “Lasers in Portland”"
        assert "Brand New Laser" in email.body and new.get_absolute_url() in email.body
        assert "Old Laser" not in email.body and "Seattle Laser" not in email.body
        unsubscribe = reverse(
            "producers:saved_search_unsubscribe", args=[saved.unsubscribe_token(item)]
        )
        assert unsubscribe in email.body
        assert email.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert list(
        SavedSearchSent.objects.filter(saved_search=item).values_list("producer", flat=True)
    ) == [new.pk]
    assert far.pk not in SavedSearchSent.objects.values_list("producer", flat=True)

    # A day later: taken down and published again, it is still not news.
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1)):
        Producer.objects.filter(pk=new.pk).update(published_at=timezone.now())
        assert "0 new listing(s) told" in _alert(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    item.refresh_from_db()
    assert item.checked_at is not None


def test_a_listing_that_matches_after_an_approved_change_is_told_once(
    client, buyer, owner, staff, catalogue, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    item = _save(client, {"capability": "laser-cutting"})
    # Listed long before, as a router: the search did not find it when it was saved.
    router = with_capabilities(make_producer(owner, name="Router Shop"), "cnc-routing")
    Producer.objects.filter(pk=router.pk).update(published_at=timezone.now() - timedelta(days=30))
    with_capabilities(router, "cnc-routing", "laser-cutting")
    ListingChange.objects.create(
        producer=router, status="approved", decided_by=staff, decided_at=timezone.now()
    )
    mail.outbox.clear()

    _alert(django_capture_on_commit_callbacks)

    assert "Router Shop" in mail.outbox[0].body
    assert SavedSearchSent.objects.filter(saved_search=item, producer=router).count() == 1


def test_a_weekly_search_is_not_checked_again_the_next_day_and_an_off_one_never(
    client, buyer, owner, catalogue, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    weekly = _save(client, {"capability": "laser-cutting"}, name="Weekly", frequency="weekly")
    off = _save(client, {"capability": "laser-cutting", "q": "laser"}, name="Off", frequency="off")
    _alert(django_capture_on_commit_callbacks)  # the first look: nothing new yet
    _laser(owner, "New Laser")
    mail.outbox.clear()

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        _alert(django_capture_on_commit_callbacks)
    assert mail.outbox == []

    with time_machine.travel(timezone.now() + timedelta(days=7)):
        _alert(django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox] == ["1 new workshop for “Weekly”"]
    assert not SavedSearchSent.objects.filter(saved_search=off).exists()
    assert SavedSearchSent.objects.filter(saved_search=weekly).count() == 1


def test_the_unsubscribe_link_asks_first_then_stops_that_alert_only(client, buyer, catalogue):
    one = saved.saved_search_create(
        user=buyer, state=saved.search.parse({}), name="One", frequency="daily"
    )
    two = saved.saved_search_create(
        user=buyer, state=saved.search.parse({}), name="Two", frequency="daily"
    )
    link = reverse("producers:saved_search_unsubscribe", args=[saved.unsubscribe_token(one)])

    asked = client.get(link)  # signed out: the link is the key
    assert "Stop these alerts?" in _text(asked) and "One" in _text(asked)
    one.refresh_from_db()
    assert one.frequency == "daily"

    done = client.post(link)
    assert "Alerts stopped" in _text(done)
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.frequency, two.frequency) == ("off", "daily")


def test_a_forged_or_old_unsubscribe_link_changes_nothing(client, buyer, catalogue):
    item = saved.saved_search_create(
        user=buyer, state=saved.search.parse({}), name="One", frequency="daily"
    )
    forged = client.post(reverse("producers:saved_search_unsubscribe", args=["forged"]))
    assert forged.status_code == 404
    with time_machine.travel(timezone.now() - timedelta(days=400)):
        token = saved.unsubscribe_token(item)
    expired = client.post(reverse("producers:saved_search_unsubscribe", args=[token]))
    assert expired.status_code == 410 and "This link has expired" in _text(expired)
    item.refresh_from_db()
    assert item.frequency == "daily"


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_alert_at_once_tell_about_a_listing_once(buyer, owner):
    services.catalogue_load()
    item = saved.saved_search_create(
        user=buyer,
        state=saved.search.parse(QueryDict("capability=laser-cutting")),
        name="Lasers",
        frequency="daily",
    )
    _laser(owner, "New Laser")
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    told: list[int | str] = []
    now = timezone.now()

    def run():
        close_old_connections()
        try:
            barrier.wait()
            told.append(saved.saved_search_alert(saved=item, now=now))
        except Exception as error:  # anything else would be a failed task
            told.append(f"error: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(told, key=str) == [0, 1]
    assert SavedSearchSent.objects.filter(saved_search=item).count() == 1
    assert len(mail.outbox) == 1


def test_a_search_with_too_many_choices_to_keep_is_refused_in_words(client, buyer, catalogue):
    from producers.models import Capability, Material

    client.force_login(buyer)
    query = "&".join(
        f"{facet}={slug}"
        for facet, model in (("capability", Capability), ("material", Material))
        for slug in model.objects.values_list("slug", flat=True)
    )
    assert len(query) > 2000

    response = client.post(NEW, {"query": query, "name": "Everything", "frequency": "daily"})

    assert response.status_code == 200
    assert "This search has too many choices to save: remove a few." in _text(response)
    assert not SavedSearch.objects.exists()


def test_a_visitor_who_is_not_signed_in_is_asked_to_log_in_to_save_a_search(client, catalogue):
    page = _text(client.get(SEARCH, {"q": "oak"}))
    assert "Save this search" in page
    response = client.get(NEW, {"q": "oak"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert (
        client.post(NEW, {"query": "q=oak", "name": "Oak", "frequency": "daily"}).status_code == 302
    )
    assert not SavedSearch.objects.exists()


def test_no_alert_goes_to_a_closed_account(
    client, buyer, owner, catalogue, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    item = _save(client, {"capability": "laser-cutting"})
    _laser(owner, "New Laser")
    buyer.is_active = False
    buyer.save(update_fields=["is_active"])
    mail.outbox.clear()

    _alert(django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not SavedSearchSent.objects.filter(saved_search=item).exists()
