"""SQL statements per page stay constant as the data grows (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orders import services

from .factories import UserFactory, make_market, make_producer, make_quote, make_request

pytestmark = pytest.mark.django_db

# Every logged-in page also reads the session, the user and the unread count in the header.
REQUEST_OVERHEAD = 3


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries) - REQUEST_OVERHEAD


def _shops(n: int) -> list:
    return [make_producer(UserFactory(), name=f"Shop {i}") for i in range(n)]


def test_request_board_queries_do_not_grow_with_the_requests(client):
    market = make_market()
    client.force_login(market.matching_owner)
    make_request(market.buyer)
    few = _count(client, reverse("orders:board"))
    for i in range(15):
        make_request(market.buyer, title=f"Job {i}")
    many = _count(client, reverse("orders:board") + "?quantity=11-100&within=25")
    assert few == many <= 6


def test_buyer_request_page_with_quotes_side_by_side_is_constant(client, settings):
    settings.QUOTES_PER_REQUEST = 20
    market = make_market()
    job = make_request(market.buyer)
    make_quote(job, market.matching)
    client.force_login(market.buyer)
    one = _count(client, job.get_absolute_url())
    for shop in _shops(8):
        make_quote(job, shop)
    nine = _count(client, job.get_absolute_url())
    assert one == nine <= 10


def test_dashboard_queries_do_not_grow_with_requests_quotes_and_orders(client):
    market = make_market()
    client.force_login(market.buyer)
    make_request(market.buyer)
    few = _count(client, reverse("orders:dashboard"))
    for i in range(6):
        job = make_request(market.buyer, title=f"Job {i}")
        services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
    many = _count(client, reverse("orders:dashboard"))
    assert few == many <= 6

    client.force_login(market.matching_owner)
    producer_page = _count(client, reverse("orders:dashboard"))
    assert producer_page <= 12  # the buyer part plus one producer's figures, quotes and orders


def test_profile_with_reviews_is_constant(client):
    market = make_market()
    page = market.matching.get_absolute_url()
    none = _count_anonymous(client, page)
    for i in range(4):
        job = make_request(market.buyer, title=f"Job {i}")
        order = services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
        services.order_mark_ready(order=order, by=market.matching_owner)
        services.order_complete(order=order, by=market.buyer)
        services.review_create(
            order=order, by=market.buyer, quality=5, speed=4, communication=5, text=f"Good {i}"
        )
    four = _count_anonymous(client, page)
    assert none == four


def _count_anonymous(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)
