"""Issue 12's walk, in a real browser at phone and desktop size, with screenshots: a buyer
is shown by display name and never by email (item 1), someone managing two listings keeps
acting for the one chosen (item 2), and a workshop told about a request finds it on the
board's default view (item 3). Quotes on a phone (item 6) and the phone search page (item 8)
have their own files: test_quote_accept.py and test_search_flow.py."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from orders import services
from orders.models import Quote
from producers.models import Membership

from ..factories import (
    PASSWORD,
    make_market,
    make_portland,
    make_producer,
    make_quote,
    make_request,
)
from .conftest import ARTIFACTS, DESKTOP, PHONE, assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])


@pytest.fixture
def market():
    make_portland()
    return make_market()


def _shot(page: Page, name: str, size: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    label = "phone" if size == PHONE else "desktop"
    page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
    if size == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _log_in(page: Page, email: str, size: dict) -> None:
    # On a phone "Log out" is behind the menu: log in at desk size, then take the phone.
    page.set_viewport_size(DESKTOP)
    log_in(page, email, PASSWORD)
    page.set_viewport_size(size)


@SIZES
def test_a_buyer_is_shown_by_display_name_never_by_email(page, browser, live_server, market, size):
    buyer = market.buyer
    job = make_request(buyer, title="Plywood display stands")
    order = services.quote_accept(quote=make_quote(job, market.matching), by=buyer)
    services.order_mark_ready(order=order, by=market.matching_owner)
    services.order_complete(order=order, by=buyer)
    services.review_create(
        order=order, by=buyer, quality=5, speed=4, communication=5, text="Clean cuts."
    )
    page.set_viewport_size(size)

    # Anyone reading the workshop's reviews sees her name.
    page.goto(market.matching.get_absolute_url())
    reviews = page.get_by_role("region", name="Reviews")
    expect(reviews).to_contain_text("Clean cuts.")
    expect(reviews).to_contain_text(buyer.display_name())
    assert buyer.email not in page.content()
    _shot(page, "names-1-profile-review", size)

    # The workshop's order page names the buyer the same way.
    _log_in(page, market.matching_owner.email, size)
    page.goto(order.get_absolute_url())
    expect(page.get_by_text(buyer.display_name(), exact=True)).to_be_visible()
    assert buyer.email not in page.content()
    assert_accessible(page)
    _shot(page, "names-2-order-buyer", size)


@SIZES
def test_someone_managing_two_listings_quotes_and_withdraws_as_the_one_chosen(page, market, size):
    owner = market.matching_owner
    laser = market.matching
    # The page first acts for "Kerf Annex" (the first by name), which has quoted already.
    annex = make_producer(owner, name="Kerf Annex")
    Membership.objects.get_or_create(user=owner, producer=annex, defaults={"role": "owner"})
    job = make_request(market.buyer)
    earlier = make_quote(job, annex)
    _log_in(page, owner.email, size)
    page.goto(job.get_absolute_url())
    expect(page.get_by_role("heading", name="Your quote as Kerf Annex")).to_be_visible()

    acting = page.get_by_role("heading", name="Acting as").locator("xpath=..")
    acting.get_by_role("link", name="Kerf Laser").click()
    page.get_by_label(re.compile(r"^Price for the whole job")).fill("80")
    today = timezone.localdate()
    page.get_by_label(re.compile(r"^Ready by")).fill((today + timedelta(days=5)).isoformat())
    page.get_by_label(re.compile(r"^Quote valid until")).fill(
        (today + timedelta(days=9)).isoformat()
    )
    page.get_by_role("button", name="Send quote as Kerf Laser").click()

    # After the action the page still acts for the listing chosen, and says so.
    expect(page.get_by_role("heading", name="Your quote as Kerf Laser")).to_be_visible()
    assert page.url.endswith(f"?as={laser.slug}")
    assert_accessible(page)
    _shot(page, "acting-1-quoted-as-chosen", size)
    page.get_by_role("button", name="Withdraw quote of Kerf Laser").click()
    expect(page.get_by_role("heading", name="Your quote as Kerf Laser")).to_be_visible()
    assert page.url.endswith(f"?as={laser.slug}")
    _shot(page, "acting-2-withdrawn", size)
    earlier.refresh_from_db()
    assert Quote.objects.get(producer=laser).status == Quote.Status.WITHDRAWN
    assert earlier.status == Quote.Status.ACTIVE


@SIZES
def test_a_workshop_told_about_a_request_finds_it_on_the_boards_default_view(
    page, market, size, django_capture_on_commit_callbacks
):
    # Below its minimum and in a material it does not list: still a match, as the email said.
    market.matching.producer_capabilities.update(min_quantity=100)
    with django_capture_on_commit_callbacks(execute=True):
        job = make_request(market.buyer, title="40 engraved walnut coasters")
    told = [m for m in mail.outbox if m.to == [market.matching_owner.email]]
    assert told and job.title in told[0].subject
    _log_in(page, market.matching_owner.email, size)
    page.goto("/board/")
    expect(page.get_by_role("radio", name=re.compile(r"^Matches my capabilities"))).to_be_checked()
    expect(page.get_by_role("link", name=job.title)).to_be_visible()
    assert_accessible(page)
    _shot(page, "leads-board-default", size)
    page.get_by_role("link", name=job.title).click()
    expect(page.get_by_role("heading", level=1, name=job.title)).to_be_visible()


@SIZES
def test_a_resident_asks_about_a_bay_from_the_hub_page(page, market, size):
    from decimal import Decimal

    from orders.models import BayMessage, Notification
    from producers.models import Bay

    from ..factories import make_hub

    hub = make_hub(market.matching_owner)
    Bay.objects.create(
        hub=hub, name="Bay 1", size_sqm=20, monthly_price=Decimal("450"), min_lease_months=3
    )
    _log_in(page, market.buyer.email, size)
    page.goto(hub.get_absolute_url())
    page.get_by_text("Ask about Bay 1", exact=True).click()
    terms = "20 m² · US$450 a month · minimum lease 3 months · available now"
    expect(page.get_by_text(terms).first).to_be_visible()
    page.get_by_label("Your message about Bay 1").fill("Could I start next month?")
    assert_accessible(page)
    _shot(page, "bay-1-ask", size)
    page.get_by_role("button", name="Ask about this bay").click()

    expect(
        page.get_by_role("heading", name="Messages with Division Makers about Bay 1")
    ).to_be_visible()
    expect(page.get_by_text("Could I start next month?")).to_be_visible()
    _shot(page, "bay-2-conversation", size)
    message = BayMessage.objects.get()
    assert terms in message.body and message.sender == market.buyer
    url = message.enquiry.get_absolute_url()
    assert page.url.endswith(url)
    assert Notification.objects.filter(user=market.matching_owner, url=url).exists()
