"""SQL statements per page stay constant as the data grows (no N+1)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from orders import services

from .factories import UserFactory, make_market, make_producer, make_quote, make_request

pytestmark = pytest.mark.django_db

# Every logged-in page also reads the user and the unread count in the header (the session
# comes from the cache).
REQUEST_OVERHEAD = 2


def _get(client, url) -> None:
    assert client.get(url).status_code == 200


def _shops(n: int) -> list:
    return [make_producer(UserFactory(), name=f"Shop {i}") for i in range(n)]


def test_request_board_queries_do_not_grow_with_the_requests(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    market = make_market()
    client.force_login(market.matching_owner)
    make_request(market.buyer)
    with django_assert_max_num_queries(6 + REQUEST_OVERHEAD) as few:
        _get(client, reverse("orders:board"))
    for i in range(15):
        make_request(market.buyer, title=f"Job {i}")
    with django_assert_num_queries(len(few)):
        _get(client, reverse("orders:board") + "?quantity=11-100&within=25")


def test_buyer_request_page_with_quotes_side_by_side_is_constant(
    client, settings, django_assert_max_num_queries, django_assert_num_queries
):
    settings.QUOTES_PER_REQUEST = 20
    market = make_market()
    job = make_request(market.buyer)
    make_quote(job, market.matching)
    client.force_login(market.buyer)
    _get(client, job.get_absolute_url())  # the place's country, looked up once a day
    with django_assert_max_num_queries(10 + REQUEST_OVERHEAD) as one_quote:
        _get(client, job.get_absolute_url())
    for shop in _shops(8):
        make_quote(job, shop)
    with django_assert_num_queries(len(one_quote)):
        _get(client, job.get_absolute_url())


def test_dashboard_queries_do_not_grow_with_requests_quotes_and_orders(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    market = make_market()
    client.force_login(market.buyer)
    make_request(market.buyer)
    with django_assert_max_num_queries(6 + REQUEST_OVERHEAD) as few:
        _get(client, reverse("orders:dashboard"))
    for i in range(6):
        job = make_request(market.buyer, title=f"Job {i}")
        services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
    with django_assert_num_queries(len(few)):
        _get(client, reverse("orders:dashboard"))

    client.force_login(market.matching_owner)
    # The buyer part plus one producer's figures, quotes and orders.
    with django_assert_max_num_queries(12 + REQUEST_OVERHEAD):
        _get(client, reverse("orders:dashboard"))


def test_dashboard_statements_do_not_grow_with_the_listings_a_person_manages(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    from producers.models import Membership

    market = make_market()
    owner = market.matching_owner
    client.force_login(owner)
    job = make_request(market.buyer)
    make_quote(job, market.matching)
    with django_assert_max_num_queries(8 + REQUEST_OVERHEAD) as one_listing:
        _get(client, reverse("orders:dashboard"))
    # Counted now: the next request clears the connection's query log.
    statements = len(one_listing)
    # Three more listings, each with a quote, an order and views: the same statements.
    for shop in _shops(3):
        Membership.objects.create(user=owner, producer=shop, role=Membership.Role.MEMBER)
        other = make_request(market.buyer, title=f"For {shop.name}")
        services.quote_accept(quote=make_quote(other, shop), by=market.buyer)
        client.get(shop.get_absolute_url())
    with django_assert_num_queries(statements):
        body = client.get(reverse("orders:dashboard")).content.decode()
    # One row per listing, its detail a click away.
    assert len(re.findall(r'href="/dashboard/[-a-z0-9]+/"', body)) == 4


def test_an_anonymous_profile_runs_five_statements_whatever_its_reviews_and_neighbours(
    client, django_assert_max_num_queries
):
    from producers import search

    market = make_market()
    page = market.matching.get_absolute_url()
    search.catalogue()  # the catalogue's names are cached for minutes; warm, as in production
    # Anonymous: the listing, its details, its neighbours, the view count, the market.
    with django_assert_max_num_queries(5):
        _get(client, page)
    for i in range(4):
        job = make_request(market.buyer, title=f"Job {i}")
        order = services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
        services.order_mark_ready(order=order, by=market.matching_owner)
        services.order_complete(order=order, by=market.buyer)
        services.review_create(
            order=order, by=market.buyer, quality=5, speed=4, communication=5, text=f"Good {i}"
        )
    _shops(8)  # eight more laser cutters in Portland: neighbours
    search.catalogue()
    with django_assert_max_num_queries(5):
        body = client.get(page).content.decode()
    assert body.count('class="card producer-card"') == 6
    assert "Good 3" in body and "from 4 completed orders" in body


def test_a_profile_shows_its_latest_ten_shown_reviews_newest_first_with_the_figures_of_all(
    client, django_assert_max_num_queries
):
    """The reviews, their count and averages and the response time in one statement: a
    hidden review is in none of them."""
    from producers import search

    market = make_market()
    for i in range(12):
        job = make_request(market.buyer, title=f"Job {i}")
        order = services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
        services.order_mark_ready(order=order, by=market.matching_owner)
        services.order_complete(order=order, by=market.buyer)
        review = services.review_create(
            order=order,
            by=market.buyer,
            quality=5 if i % 2 == 0 else 3,
            speed=4,
            communication=5,
            text=f"Review number {i}.",
        )
    review.hidden = True  # the twelfth, hidden by moderators
    review.save(update_fields=["hidden"])
    search.catalogue()
    with django_assert_max_num_queries(5):
        body = client.get(market.matching.get_absolute_url()).content.decode()
    shown = [int(n) for n in re.findall(r"Review number (\d+)\.", body)]
    assert shown == list(range(10, 0, -1))
    # Quality over the eleven shown: six 5s and five 3s, 45 / 11.
    assert "Quality 4.1 · Speed 4.0 · Communication 5.0" in body
    assert "Rated 4.4 / 5 from 11 reviews" in body
    assert f"{market.buyer.display_name()} ·" in body and market.buyer.email not in body
    assert "usually answers within" in body


def test_a_signed_in_buyer_keeps_their_session_in_the_cache_and_in_the_database(client):
    """Reading the session costs no statement; losing the cache (a Redis restart) signs
    nobody out."""
    from django.contrib.sessions.models import Session
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    market = make_market()
    client.force_login(market.buyer)
    with CaptureQueriesContext(connection) as queries:
        _get(client, reverse("orders:dashboard"))
    assert not [q["sql"] for q in queries if "django_session" in q["sql"]]
    assert Session.objects.filter(session_key=client.session.session_key).exists()
    cache.clear()
    body = client.get(reverse("orders:dashboard")).content.decode()
    assert market.buyer.display_name() in body and "Log out" in body
