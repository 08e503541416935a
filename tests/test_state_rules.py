"""Each status rule is written once, on the model, and the page offers an action exactly when
the service would accept it: for every state of a request, quote, order and listing, the
button is on the page if and only if the service, tried in a rolled-back transaction, goes
through."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from orders import services
from orders.files import clean_attachment
from orders.models import JobRequest, Order, Quote
from producers import services as listing_services
from producers.models import ListingStatus

from .factories import make_market, make_quote, make_request
from .test_images import image_bytes

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def accepted(action, **kwargs) -> bool:
    """Whether the service goes through; whatever it did is rolled back."""
    try:
        with transaction.atomic():
            action(**kwargs)
            raise Rollback
    except Rollback:
        return True
    except (services.TransitionError, listing_services.TransitionError):
        return False


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Requests ---


def _request_in(state: str, market) -> JobRequest:
    if state == "draft":
        return make_request(market.buyer, publish=False)
    job = make_request(market.buyer)
    if state == "open with a quote":
        make_quote(job, market.matching)
    elif state == "past its date":
        JobRequest.objects.filter(pk=job.pk).update(
            needed_by=timezone.localdate() - timedelta(days=1)
        )
    elif state == "expired":
        JobRequest.objects.filter(pk=job.pk).update(
            status=JobRequest.Status.EXPIRED, needed_by=timezone.localdate() - timedelta(days=1)
        )
    elif state == "cancelled":
        services.request_cancel(job=job, by=market.buyer, reason="Plans changed")
    elif state == "ordered":
        services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
    job.refresh_from_db()
    return job


REQUEST_STATES = [
    "draft",
    "open",
    "open with a quote",
    "past its date",
    "expired",
    "cancelled",
    "ordered",
]


@pytest.mark.parametrize("state", REQUEST_STATES)
def test_buyer_sees_cancel_delete_edit_and_publish_exactly_when_the_services_allow(client, state):
    market = make_market()
    job = _request_in(state, market)
    body = page(client, market.buyer, job.get_absolute_url())
    buyer = market.buyer
    rules = {
        "Cancel request": accepted(services.request_cancel, job=job, by=buyer, reason="x"),
        "Delete draft": accepted(services.request_delete, job=job, by=buyer),
        f'href="{reverse("orders:request_edit", args=[job.pk])}"': accepted(
            services.request_update, job=job, by=buyer, details=_same_details(job)
        ),
        "Publish request": accepted(services.request_publish, job=job, by=buyer),
    }
    for button, allowed in rules.items():
        assert (button in body) == allowed, (state, button, allowed)
    # The model's predicates say the same as the services.
    job.refresh_from_db()
    assert job.can_cancel == rules["Cancel request"]
    assert job.can_delete == rules["Delete draft"]
    assert JobRequest.objects.live().filter(pk=job.pk).exists() == job.is_live


def _same_details(job: JobRequest) -> services.RequestDetails:
    names = services.RequestDetails.__dataclass_fields__
    return services.RequestDetails(**{name: getattr(job, name) for name in names})


def test_cancel_page_of_a_draft_sends_the_buyer_back_with_a_word_instead_of_a_500(client):
    market = make_market()
    draft = make_request(market.buyer, publish=False)
    client.force_login(market.buyer)
    response = client.post(
        reverse("orders:request_cancel", args=[draft.pk]), {"reason": "No longer needed"}
    )
    assert response.status_code == 302
    follow = client.get(response.url).content.decode()
    assert "delete it instead" in follow
    draft.refresh_from_db()
    assert draft.status == JobRequest.Status.DRAFT


def test_buyer_deletes_a_draft_and_its_files_are_gone(client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    market = make_market()
    pdf = clean_attachment(SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"))
    draft = make_request(market.buyer, publish=False, files=[pdf])
    stored = draft.attachments.get().file
    assert stored.storage.exists(stored.name)
    client.force_login(market.buyer)
    confirm = client.get(reverse("orders:request_delete", args=[draft.pk])).content.decode()
    assert "No workshop has seen this draft" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orders:request_delete", args=[draft.pk]))
    assert response.status_code == 302 and response.url == reverse("orders:dashboard")
    assert not JobRequest.objects.filter(pk=draft.pk).exists()
    assert not stored.storage.exists(stored.name)
    assert "is deleted" in client.get(response.url).content.decode()


def test_a_published_request_cannot_be_deleted_only_cancelled(client):
    market = make_market()
    job = make_request(market.buyer)
    client.force_login(market.buyer)
    client.post(reverse("orders:request_delete", args=[job.pk]))
    assert JobRequest.objects.filter(pk=job.pk, status=JobRequest.Status.OPEN).exists()


# --- Quotes ---


@pytest.mark.parametrize("state", ["active", "withdrawn", "declined", "lapsed", "request past"])
def test_producer_sees_revise_and_withdraw_and_buyer_sees_accept_exactly_when_allowed(
    client, state
):
    market = make_market()
    job = make_request(market.buyer)
    quote = make_quote(job, market.matching)
    if state == "withdrawn":
        services.quote_withdraw(quote=quote, by=market.matching_owner)
    elif state == "declined":
        Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.DECLINED)
    elif state == "lapsed":
        Quote.objects.filter(pk=quote.pk).update(
            valid_until=timezone.localdate() - timedelta(days=1)
        )
    elif state == "request past":
        JobRequest.objects.filter(pk=job.pk).update(
            needed_by=timezone.localdate() - timedelta(days=1)
        )
    quote = Quote.objects.select_related("job_request").get(pk=quote.pk)
    owner = market.matching_owner
    today = timezone.localdate()
    terms = {"price": Decimal("99"), "ready_by": today, "valid_until": today}
    producer_page = page(client, owner, job.get_absolute_url())
    revise = accepted(services.quote_revise, quote=quote, by=owner, **terms)
    withdraw = accepted(services.quote_withdraw, quote=quote, by=owner)
    if state in ("active", "lapsed", "request past"):
        assert ("Revise quote" in producer_page) == revise, state
        assert ("Withdraw quote" in producer_page) == withdraw, state
    else:
        # Not live any more: the producer may quote anew, and nothing acts on the old one.
        assert not revise and not withdraw
        assert "Revise quote" not in producer_page and "Withdraw quote" not in producer_page
    buyer_page = page(client, market.buyer, job.get_absolute_url())
    accept = accepted(services.quote_accept, quote=quote, by=market.buyer)
    accept_form = 'action="' + reverse("orders:quote_accept", args=[quote.pk])
    assert (accept_form in buyer_page) == accept, state
    assert (quote.can_revise, quote.can_withdraw, quote.can_accept) == (revise, withdraw, accept)


# --- Orders ---

ORDER_STATES = [
    ("production", ""),
    ("production", "pending"),
    ("production", "approved"),
    ("production", "changes"),
    ("ready", ""),
    ("completed", ""),
    ("cancelled", ""),
]


def _order_in(market, status: str, first_piece: str) -> Order:
    job = make_request(market.buyer)
    order = services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
    now = timezone.now()
    Order.objects.filter(pk=order.pk).update(
        status=status,
        first_piece=first_piece,
        completed_at=now if status == "completed" else None,
        cancelled_at=now if status == "cancelled" else None,
        cancel_reason="Changed plans" if status == "cancelled" else "",
    )
    return Order.objects.select_related("job_request", "producer").get(pk=order.pk)


def _photo():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return clean_attachment(SimpleUploadedFile("piece.png", image_bytes("PNG")))


@pytest.mark.parametrize(("status", "first_piece"), ORDER_STATES)
def test_order_page_offers_each_step_exactly_when_the_service_takes_it(client, status, first_piece):
    market = make_market()
    order = _order_in(market, status, first_piece)
    owner, buyer = market.matching_owner, market.buyer
    producer_page = page(client, owner, order.get_absolute_url())
    producer_rules = {
        ">Mark ready<": accepted(services.order_mark_ready, order=order, by=owner),
        ">Send first piece<": accepted(
            services.order_first_piece_send, order=order, by=owner, photo=_photo()
        ),
        ">Cancel order<": accepted(services.order_cancel, order=order, by=owner, reason="x"),
    }
    for button, allowed in producer_rules.items():
        assert (button in producer_page) == allowed, (status, first_piece, button)
    buyer_page = page(client, buyer, order.get_absolute_url())
    buyer_rules = {
        ">Send answer<": accepted(
            services.order_first_piece_answer, order=order, by=buyer, approve=True
        ),
        ">Confirm received<": accepted(services.order_complete, order=order, by=buyer),
        ">Cancel order<": accepted(services.order_cancel, order=order, by=buyer, reason="x"),
        ">Publish review<": accepted(
            services.review_create,
            order=order,
            by=buyer,
            quality=5,
            speed=5,
            communication=5,
            text="Fine",
        ),
    }
    for button, allowed in buyer_rules.items():
        assert (button in buyer_page) == allowed, (status, first_piece, button)


def test_mark_ready_is_not_offered_while_the_buyer_wants_changes_to_the_first_piece(client):
    market = make_market()
    order = _order_in(market, "production", "changes")
    body = page(client, market.matching_owner, order.get_absolute_url())
    assert ">Mark ready<" not in body
    assert "asked for changes" in body
    assert order.can_send_first_piece and not order.can_mark_ready


# --- Listings ---


@pytest.mark.parametrize("status", [s for s, _label in ListingStatus.choices])
def test_owner_sees_submit_and_unpublish_exactly_when_the_services_allow(client, status):
    market = make_market()
    producer = market.matching
    producer.status = status
    producer.save(update_fields=["status"])
    owner = market.matching_owner
    body = page(client, owner, producer.get_absolute_url())
    submit = accepted(listing_services.listing_submit, listing=producer, by=owner)
    unpublish = accepted(listing_services.listing_unpublish, listing=producer, by=owner)
    assert (">Submit for review<" in body) == submit, status
    assert (">Unpublish<" in body) == unpublish, status
    assert (producer.can_submit, producer.can_unpublish) == (submit, unpublish)


# --- No template compares a status to a string ---


def test_no_template_compares_a_status_to_a_string():
    import re
    from pathlib import Path

    templates = Path(__file__).resolve().parents[1] / "templates"
    compare = re.compile(r"(status|first_piece)\s*[!=]=\s*['\"]")
    found = [
        f"{path.relative_to(templates)}: {line.strip()}"
        for path in templates.rglob("*.html")
        for line in path.read_text().splitlines()
        if compare.search(line)
    ]
    assert found == []


def test_a_draft_without_a_place_is_refused_publication_with_a_reason():
    market = make_market()
    draft = make_request(market.buyer, publish=False, lat=None, lng=None)
    with pytest.raises(services.TransitionError, match="Say where the job is"):
        services.request_publish(job=draft, by=market.buyer)
    draft.refresh_from_db()
    assert draft.status == JobRequest.Status.DRAFT
