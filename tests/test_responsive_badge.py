"""The "Responsive" badge: a resident sees it on the profile and on search cards while the
workshop's median first answer over its last 10 requests is within a day (3 at least), and
no longer once that stops holding; the search page decides it in one statement per page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import reset_queries
from django.urls import reverse

from orders import services as market
from orders.models import Lead
from orders.selectors import RESPONSIVE_RULE, responsive_producers
from producers import services

from .factories import UserFactory, make_portland, make_producer, make_request

pytestmark = pytest.mark.django_db

START = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
SEATTLE = {"lat": 47.6062, "lng": -122.3321, "town": "Seattle"}
BADGE = ">Responsive<"


@pytest.fixture
def world(owner):
    services.catalogue_load()
    make_portland()
    return UserFactory(email="bea@example.com", name="Bea Buyer")


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _requests(time_machine, producer, buyer, delays, *, start=START, near=None):
    """One request reaching `producer` every two days from `start`, answered (declined)
    after each delay in hours, or never for None. Returns when the last one was published."""
    owner = producer.memberships.first().user
    published = start
    for number, delay in enumerate(delays):
        published = start + timedelta(days=2 * number)
        time_machine.move_to(published, tick=False)
        job = make_request(buyer, title=f"Job {number}", **(near or {}))
        assert Lead.objects.filter(job_request=job, producer=producer).exists()
        if delay is not None:
            time_machine.move_to(published + timedelta(hours=delay), tick=False)
            market.request_decline(job=job, producer=producer, by=owner, reason="capacity", note="")
    return published


def _card(page: str, name: str) -> str:
    """The HTML of one result card, found by the workshop's name."""
    match = re.search(rf'<li class="card result" data-result data-name="{name}".*?</li>', page)
    assert match, f"no card for {name}"
    return match.group(0)


def test_a_workshop_answering_within_a_day_shows_responsive_with_its_rule_on_profile_and_card(
    client, owner, world, time_machine
):
    kerf = make_producer(owner, name="Kerf Laser")
    slow = make_producer(owner, name="Slow Cuts", **SEATTLE)
    last = _requests(time_machine, kerf, world, [2, 5, 20])
    _requests(time_machine, slow, world, [30, 40, 50], near={"lat": 47.6, "lng": -122.33})
    time_machine.move_to(last + timedelta(days=3), tick=False)

    profile = _text(client.get(kerf.get_absolute_url()))
    assert BADGE in profile and RESPONSIVE_RULE in profile
    assert f'title="{RESPONSIVE_RULE}"' in profile
    assert "usually answers within 5 h" in profile
    page = _text(client.get(reverse("producers:search")))
    assert BADGE in _card(page, "Kerf Laser") and RESPONSIVE_RULE in _card(page, "Kerf Laser")
    assert BADGE not in _card(page, "Slow Cuts")
    assert BADGE not in _text(client.get(slow.get_absolute_url()))
    assert Lead.objects.filter(producer=kerf, first_response_at__isnull=False).count() == 3
    assert responsive_producers([kerf.pk, slow.pk]) == {kerf.pk}


def test_two_quick_answers_are_not_enough_for_the_badge(client, owner, world, time_machine):
    kerf = make_producer(owner, name="Kerf Laser")
    last = _requests(time_machine, kerf, world, [1, 1])
    time_machine.move_to(last + timedelta(days=1), tick=False)
    assert BADGE not in _text(client.get(kerf.get_absolute_url()))
    assert responsive_producers([kerf.pk]) == set()


def test_the_badge_goes_when_slow_answers_take_the_median_past_a_day(
    client, owner, world, time_machine
):
    kerf = make_producer(owner, name="Kerf Laser")
    last = _requests(time_machine, kerf, world, [1, 2, 3])
    assert BADGE in _text(client.get(kerf.get_absolute_url()))
    _requests(time_machine, kerf, world, [30, 30, 30, 30], start=last + timedelta(days=2))
    assert BADGE not in _text(client.get(kerf.get_absolute_url()))
    assert BADGE not in _card(_text(client.get(reverse("producers:search"))), "Kerf Laser")


def test_only_the_last_ten_requests_count(client, owner, world, time_machine):
    kerf = make_producer(owner, name="Kerf Laser")
    last = _requests(time_machine, kerf, world, [40] * 6)
    assert responsive_producers([kerf.pk]) == set()
    _requests(time_machine, kerf, world, [1] * 10, start=last + timedelta(days=2))
    assert Lead.objects.filter(producer=kerf).count() == 16
    assert responsive_producers([kerf.pk]) == {kerf.pk}
    assert BADGE in _text(client.get(kerf.get_absolute_url()))


def test_a_request_left_unanswered_a_day_counts_as_slow_but_a_fresh_one_does_not_yet(
    client, owner, world, time_machine
):
    kerf = make_producer(owner, name="Kerf Laser")
    last = _requests(time_machine, kerf, world, [1, 1, 1, None, None, None])
    time_machine.move_to(last + timedelta(hours=2), tick=False)
    # Two of the unanswered requests are days old: [1, 1, 1, late, late] has a quick median.
    assert BADGE in _text(client.get(kerf.get_absolute_url()))
    # A day later the newest is late too: [1, 1, 1, late, late, late] does not.
    time_machine.move_to(last + timedelta(hours=25), tick=False)
    assert BADGE not in _text(client.get(kerf.get_absolute_url()))
    assert BADGE not in _card(_text(client.get(reverse("producers:search"))), "Kerf Laser")


def test_a_cached_search_page_shows_the_badge_as_soon_as_an_answer_earns_it(
    client, owner, world, time_machine, settings
):
    settings.SEARCH_CACHE_SECONDS = 600
    kerf = make_producer(owner, name="Kerf Laser")
    last = _requests(time_machine, kerf, world, [1, 1, None])
    time_machine.move_to(last + timedelta(hours=3), tick=False)
    assert BADGE not in _card(_text(client.get(reverse("producers:search"))), "Kerf Laser")
    job = Lead.objects.get(producer=kerf, first_response_at__isnull=True).job_request
    market.request_decline(
        job=job, producer=kerf, by=owner, reason="capacity", note="Fully booked this month."
    )
    assert BADGE in _card(_text(client.get(reverse("producers:search"))), "Kerf Laser")
    cache.clear()


def test_the_badge_costs_one_statement_for_a_whole_page_of_cards(
    client, owner, world, time_machine, django_assert_max_num_queries
):
    first = make_producer(owner, name="Shop 00")
    last = _requests(time_machine, first, world, [1, 1, 1])
    time_machine.move_to(last + timedelta(days=1), tick=False)
    client.get(reverse("producers:search"))  # warm the catalogue cache
    # The client's request resets the query log the count is taken from: start it empty.
    reset_queries()
    with django_assert_max_num_queries(20) as one_card:
        page = _text(client.get(reverse("producers:search")))
    assert page.count(BADGE) == 1
    assert sum("orders_lead" in q["sql"] for q in one_card.captured_queries) == 1
    budget = len(one_card)  # now: the next request empties the log it is read from
    for number in range(1, 20):
        make_producer(owner, name=f"Shop {number:02}")
    # Every shop is in Portland, so each new request reaches all twenty.
    _requests(time_machine, first, world, [2, 2, 2], start=last + timedelta(days=2))
    time_machine.move_to(last + timedelta(days=9), tick=False)
    client.get(reverse("producers:search"))
    reset_queries()
    with django_assert_max_num_queries(budget) as twenty_cards:
        page = _text(client.get(reverse("producers:search")))
    assert sum("orders_lead" in q["sql"] for q in twenty_cards.captured_queries) == 1
    assert page.count('<li class="card result"') == 20
    assert page.count(BADGE) == 1
    assert Lead.objects.filter(producer__name="Shop 19").count() == 3


def test_an_invitation_to_a_draft_is_timed_from_the_publication_and_a_later_one_from_itself(
    client, owner, world, time_machine
):
    kerf = make_producer(owner, name="Kerf Laser")
    late = make_producer(owner, name="Late Laser", **SEATTLE)
    time_machine.move_to(START, tick=False)
    job = make_request(world, publish=False, visibility="invited")
    market.request_invite(job=job, producer=kerf, by=world)
    lead = Lead.objects.get(job_request=job, producer=kerf)
    assert lead.created_at == START and lead.reached_at is None  # a draft reaches nobody yet

    published = START + timedelta(days=3)
    time_machine.move_to(published, tick=False)
    market.request_publish(job=job, by=world)
    lead.refresh_from_db()
    assert lead.reached_at == published
    invited = published + timedelta(hours=5)
    time_machine.move_to(invited, tick=False)
    market.request_invite(job=job, producer=late, by=world)
    assert Lead.objects.get(job_request=job, producer=late).reached_at == invited

    # A save of a lead read before its request was published does not undo it.
    lead.reached_at = None
    lead.save()
    lead.refresh_from_db()
    assert lead.reached_at == published
    # Kerf answers an hour after publication (not three days and an hour after the draft's
    # invitation): with two more quick answers it is Responsive.
    time_machine.move_to(published + timedelta(hours=1), tick=False)
    market.request_decline(job=job, producer=kerf, by=owner, reason="capacity", note="")
    assert responsive_producers([kerf.pk]) == set()
    last = _requests(time_machine, kerf, world, [2, 2], start=published + timedelta(days=2))
    time_machine.move_to(last + timedelta(days=1), tick=False)
    assert responsive_producers([kerf.pk, late.pk]) == {kerf.pk}
    assert "usually answers within 2 h" in _text(client.get(kerf.get_absolute_url()))
