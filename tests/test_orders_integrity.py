"""What must hold whatever people do: one accepted quote under a race, one row per double
submit, refused transitions that change nothing, all-or-nothing accepts, ignored extra
POST keys, the quote cap and the posting limits."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.urls import reverse
from django.utils import timezone

from orders import services
from orders.models import JobRequest, Message, Order, OrderEvent, Quote, Review

from .factories import (
    UserFactory,
    make_market,
    make_portland,
    make_producer,
    make_quote,
    make_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    make_portland()
    return make_market()


def _future(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _many_producers(n: int) -> list:
    producers = []
    for i in range(n):
        owner = UserFactory(email=f"shop{i}@example.com")
        producers.append(make_producer(owner, name=f"Laser Shop {i}"))
    return producers


@pytest.mark.django_db(transaction=True)
def test_twenty_threads_accepting_twenty_quotes_accept_exactly_one(settings):
    settings.QUOTES_PER_REQUEST = 25
    buyer = UserFactory(email="racer@example.com")
    job = make_request(buyer)
    quotes = [make_quote(job, p) for p in _many_producers(20)]
    barrier = threading.Barrier(len(quotes))
    outcomes: list[str] = []

    def accept(quote):
        close_old_connections()
        try:
            barrier.wait()
            services.quote_accept(quote=quote, by=buyer)
            outcomes.append("accepted")
        except services.TransitionError:
            outcomes.append("refused")
        except Exception as error:  # anything else would be a 500
            outcomes.append(f"error: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(q,)) for q in quotes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["accepted"] + ["refused"] * 19
    assert Quote.objects.filter(status="accepted").count() == 1
    assert Quote.objects.filter(status="declined").count() == 19
    assert Order.objects.count() == 1
    job.refresh_from_db()
    assert job.status == "ordered"


def test_the_database_refuses_a_second_accepted_quote_even_without_the_service(market):
    job = make_request(market.buyer)
    first = make_quote(job, market.matching)
    second = make_quote(job, make_producer(UserFactory(), name="Other Laser"))
    Quote.objects.filter(pk=first.pk).update(status="accepted")
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=second.pk).update(status="accepted")


def test_quote_cap_per_request_is_enforced_by_the_database(market, settings):
    settings.QUOTES_PER_REQUEST = 2
    job = make_request(market.buyer)
    a, b, c = _many_producers(3)
    make_quote(job, a)
    make_quote(job, b)
    with pytest.raises(services.TransitionError, match="all the quotes it takes"):
        make_quote(job, c)
    # Straight SQL cannot sneak past it either.
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(
            job_request=job, producer=c, price=1, ready_by=_future(3), valid_until=_future(3)
        )
    assert job.quotes.count() == 2


def test_one_live_quote_per_producer_per_request(market):
    job = make_request(market.buyer)
    quote = make_quote(job, market.matching)
    with pytest.raises(services.TransitionError, match="revise it instead"):
        make_quote(job, market.matching)
    services.quote_withdraw(quote=quote, by=market.matching_owner)
    again = make_quote(job, market.matching, price="99.00")
    assert job.quotes.count() == 2 and again.status == "active"


# --- Double submits: the same form sent twice gives one row ---


def test_double_submit_of_the_request_form_makes_one_request(client, market):
    client.force_login(market.buyer)
    page = client.get(reverse("orders:request_create")).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    data = {
        "title": "Boxes",
        "description": "Kraft",
        "capability": market.matching.capabilities.first().pk,
        "quantity": "100",
        "needed_by": _future(20),
        "place": "Portland, OR",
        "handover": "pickup",
        "radius_km": "25",
        "visibility": "open",
        "action": "publish",
        "token": token,
    }
    first = client.post(reverse("orders:request_create"), data)
    second = client.post(reverse("orders:request_create"), data)
    assert JobRequest.objects.count() == 1
    assert first.url == second.url == JobRequest.objects.get().get_absolute_url()


def test_double_submit_of_quote_message_decline_review_and_reply_forms_makes_one_row(
    client, market
):
    job = make_request(market.buyer)
    client.force_login(market.matching_owner)
    quote_data = {"price": "50", "ready_by": _future(5), "valid_until": _future(9)}
    for _ in range(2):
        client.post(reverse("orders:quote_create", args=[job.pk]), quote_data)
    assert Quote.objects.count() == 1

    url = reverse("orders:thread", args=[job.pk, market.matching.slug])
    token = client.get(url).content.decode().split('name="token" value="')[1].split('"')[0]
    for _ in range(2):
        client.post(url, {"body": "Hello", "token": token})
    assert Message.objects.count() == 1

    other = make_request(market.buyer, title="Another")
    for _ in range(2):
        client.post(reverse("orders:request_decline", args=[other.pk]), {"reason": "capacity"})
    assert other.declines.count() == 1

    order = services.quote_accept(quote=Quote.objects.get(), by=market.buyer)
    services.order_mark_ready(order=order, by=market.matching_owner)
    services.order_complete(order=order, by=market.buyer)
    client.force_login(market.buyer)
    review = {"quality": "4", "speed": "4", "communication": "4", "text": "Fine"}
    for _ in range(2):
        client.post(reverse("orders:review_create", args=[order.pk]), review)
    assert Review.objects.count() == 1
    client.force_login(market.matching_owner)
    for text in ("Thanks", "Thanks again"):
        client.post(reverse("orders:review_reply", args=[Review.objects.get().pk]), {"reply": text})
    assert Review.objects.get().reply == "Thanks"


# --- The state machine: every disallowed move is refused and changes nothing ---


def _order_in(status: str, market) -> Order:
    job = make_request(market.buyer, title=f"Job {status}")
    order = services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
    if status in ("ready", "completed"):
        services.order_mark_ready(order=order, by=market.matching_owner)
    if status == "completed":
        services.order_complete(order=order, by=market.buyer)
    if status == "cancelled":
        services.order_cancel(order=order, by=market.buyer, reason="No longer needed")
    order.refresh_from_db()
    return order


ORDER_ACTIONS = {
    "mark ready": lambda o, m: services.order_mark_ready(order=o, by=m.matching_owner),
    "complete": lambda o, m: services.order_complete(order=o, by=m.buyer),
    "cancel": lambda o, m: services.order_cancel(order=o, by=m.buyer, reason="Because"),
    "answer first piece": lambda o, m: services.order_first_piece_answer(
        order=o, by=m.buyer, approve=True
    ),
    "review": lambda o, m: services.review_create(
        order=o, by=m.buyer, quality=5, speed=5, communication=5, text="x"
    ),
}
ALLOWED = {
    ("production", "mark ready"),
    ("production", "cancel"),
    ("ready", "complete"),
    ("completed", "review"),
}


DISALLOWED = [
    (status, action)
    for status in ("production", "ready", "completed", "cancelled")
    for action in ORDER_ACTIONS
    if (status, action) not in ALLOWED
]


@pytest.mark.parametrize(("status", "action"), DISALLOWED)
def test_every_disallowed_order_transition_is_refused_and_changes_nothing(market, status, action):
    order = _order_in(status, market)
    before = (order.status, order.first_piece, order.completed_at, order.cancel_reason)
    events = OrderEvent.objects.filter(order=order).count()
    with pytest.raises(services.TransitionError):
        ORDER_ACTIONS[action](order, market)
    order.refresh_from_db()
    assert (order.status, order.first_piece, order.completed_at, order.cancel_reason) == before
    assert OrderEvent.objects.filter(order=order).count() == events
    assert not Review.objects.filter(order=order).exists() or status == "completed"


REQUEST_ACTIONS = {
    "publish": lambda j, m: services.request_publish(job=j, by=m.buyer),
    "cancel": lambda j, m: services.request_cancel(job=j, by=m.buyer, reason="x"),
    "quote": lambda j, m: make_quote(j, m.matching),
    "decline": lambda j, m: services.request_decline(
        job=j, producer=m.matching, by=m.matching_owner, reason="other", note=""
    ),
    "invite": lambda j, m: services.request_invite(job=j, producer=m.invited, by=m.buyer),
}


@pytest.mark.parametrize("status", ["ordered", "cancelled", "expired"])
@pytest.mark.parametrize("action", list(REQUEST_ACTIONS))
def test_closed_requests_refuse_every_action_unchanged(market, status, action):
    job = make_request(market.buyer)
    if status == "ordered":
        services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
    elif status == "cancelled":
        services.request_cancel(job=job, by=market.buyer, reason="Changed plans")
    else:
        JobRequest.objects.filter(pk=job.pk).update(
            needed_by=timezone.localdate() - timedelta(days=1)
        )
    job.refresh_from_db()
    before = (job.status, job.quotes.count(), job.leads.count(), job.declines.count())
    with pytest.raises(services.TransitionError):
        REQUEST_ACTIONS[action](job, market)
    job.refresh_from_db()
    assert (job.status, job.quotes.count(), job.leads.count(), job.declines.count()) == before


def test_quote_moves_are_refused_once_the_quote_is_settled(market):
    job = make_request(market.buyer)
    quote = make_quote(job, market.matching)
    services.quote_withdraw(quote=quote, by=market.matching_owner)
    for move in (
        lambda: services.quote_withdraw(quote=quote, by=market.matching_owner),
        lambda: services.quote_accept(quote=quote, by=market.buyer),
        lambda: services.quote_revise(
            quote=quote,
            by=market.matching_owner,
            price=Decimal(1),
            ready_by=timezone.localdate(),
            valid_until=timezone.localdate(),
        ),
    ):
        with pytest.raises(services.TransitionError):
            move()
    quote.refresh_from_db()
    assert quote.status == "withdrawn" and quote.version == 1


def test_an_expired_quote_cannot_be_accepted(market, time_machine):
    job = make_request(market.buyer)
    quote = make_quote(job, market.matching, valid_until=timezone.localdate() + timedelta(days=1))
    time_machine.move_to(timezone.now() + timedelta(days=3))
    with pytest.raises(services.TransitionError, match="no longer open"):
        services.quote_accept(quote=quote, by=market.buyer)
    quote.refresh_from_db()
    assert quote.status == "active" and not Order.objects.exists()


# --- All or nothing ---


def test_a_failure_between_the_steps_of_an_accept_leaves_nothing_half_done_and_sends_nothing(
    market, monkeypatch, django_capture_on_commit_callbacks
):
    job = make_request(market.buyer)
    quote = make_quote(job, market.matching)
    other = make_quote(job, make_producer(UserFactory(email="o@example.com"), name="Other"))
    mail.outbox.clear()

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    # After the quotes and the request changed, before the order's timeline is written.
    monkeypatch.setattr(OrderEvent.objects, "create", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        services.quote_accept(quote=quote, by=market.buyer)

    job.refresh_from_db()
    quote.refresh_from_db()
    other.refresh_from_db()
    assert job.status == "open"
    assert quote.status == "active" and other.status == "active"
    assert not Order.objects.exists()
    assert mail.outbox == []


# --- Extra POST keys change nothing ---


def test_extra_post_keys_on_every_form_change_only_allowed_fields(client, market):
    extra = {
        "status": "ordered",
        "buyer": market.other_buyer.pk,
        "producer": market.unrelated.pk,
        "price": "1.00",
        "quote_cap": "999",
        "is_staff": "on",
        "verified": "on",
        "published_at": "2001-01-01",
    }
    client.force_login(market.buyer)
    data = {
        "title": "Plates",
        "description": "Steel",
        "capability": market.matching.capabilities.first().pk,
        "quantity": "10",
        "needed_by": _future(20),
        "place": "Portland, OR",
        "handover": "pickup",
        "radius_km": "25",
        "visibility": "open",
        "action": "draft",
    }
    client.post(reverse("orders:request_create"), data | extra)
    job = JobRequest.objects.get()
    assert job.status == "draft" and job.buyer == market.buyer and job.quote_cap == 8
    client.post(reverse("orders:request_publish", args=[job.pk]))

    client.force_login(market.matching_owner)
    quote_data = {"price": "80", "ready_by": _future(5), "valid_until": _future(9)}
    # Its own price is a field of this form; the extra keys come first so the form's win.
    client.post(reverse("orders:quote_create", args=[job.pk]), extra | quote_data)
    quote = Quote.objects.get()
    assert (quote.producer, quote.status, quote.price) == (market.matching, "active", Decimal(80))

    # Someone else's quote: another producer cannot revise its price.
    client.force_login(market.unrelated_owner)
    revised = client.post(
        reverse("orders:quote_revise", args=[quote.pk]), quote_data | {"price": "1"}
    )
    assert revised.status_code == 404
    quote.refresh_from_db()
    assert quote.price == Decimal(80)

    client.force_login(market.buyer)
    client.post(reverse("orders:quote_accept", args=[quote.pk]), extra)
    order = Order.objects.get()
    assert order.price == Decimal(80) and order.producer == market.matching
    client.post(reverse("orders:order_cancel", args=[order.pk]), {"reason": "x"} | extra)
    order.refresh_from_db()
    assert order.status == "cancelled" and order.cancelled_by == market.buyer
    market.buyer.refresh_from_db()
    assert not market.buyer.is_staff


# --- Posting limits ---


def test_posting_limits_answer_429_and_save_nothing_more(client, market, settings):
    settings.POSTING_LIMITS = settings.POSTING_LIMITS | {"messages": "3/h", "quotes": "2/h"}
    job = make_request(market.buyer)
    client.force_login(market.buyer)
    url = reverse("orders:thread", args=[job.pk, market.matching.slug])
    statuses = [client.post(url, {"body": f"Message {i}"}).status_code for i in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Message.objects.count() == 3
    page = client.post(url, {"body": "one more"})
    assert "That is a lot in a short time" in page.content.decode()

    client.force_login(market.matching_owner)
    other = make_request(market.buyer, title="Second")
    third = make_request(market.buyer, title="Third")
    quote_data = {"price": "50", "ready_by": _future(5), "valid_until": _future(9)}
    codes = [
        client.post(reverse("orders:quote_create", args=[j.pk]), quote_data).status_code
        for j in (job, other, third)
    ]
    assert codes == [302, 302, 429]
    assert Quote.objects.count() == 2
    # The limit is per person: the buyer may still message.
    client.force_login(market.other_buyer)
    assert client.post(reverse("orders:request_create"), {}).status_code == 200
