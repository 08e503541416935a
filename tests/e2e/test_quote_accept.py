"""A buyer compares quotes and accepts one on a phone and at a desk: the comparison fits
the screen, and accepting first repeats the price, the ready-by date and the producer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from orders.models import Order

from ..factories import PASSWORD, make_market, make_quote, make_request
from .conftest import ARTIFACTS, DESKTOP, PHONE, assert_accessible, log_in, screenshots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_buyer_compares_confirms_and_lands_on_the_order(page, size):
    market = make_market()
    job = make_request(market.buyer, title="40 engraved walnut coasters")
    ready_by = timezone.localdate() + timedelta(days=9)
    make_quote(job, market.matching, price="260.00", ready_by=ready_by, note="Walnut, our stock.")
    make_quote(job, market.invited, price="310.00", ready_by=ready_by + timedelta(days=2))
    log_in(page, market.buyer.email, PASSWORD)
    page.set_viewport_size(size)

    page.goto(job.get_absolute_url())
    quotes = page.get_by_role("table", name="Quotes side by side")
    expect(quotes).to_contain_text("Kerf Laser")
    expect(quotes).to_contain_text("$310.00")
    accept = page.get_by_role("button", name="Accept Kerf Laser's quote")
    expect(accept).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size["width"], f"the page is {width} px wide"
    box = accept.bounding_box()
    assert box is not None and box["x"] + box["width"] <= size["width"]
    assert_accessible(page)
    name = "quote-compare-" + ("phone" if size == PHONE else "desktop")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    accept.click()
    confirm = page.get_by_role("heading", name="Accept Kerf Laser's quote?")
    expect(confirm).to_be_visible()
    terms = page.locator("dl")
    expect(terms).to_contain_text("Kerf Laser")
    expect(terms).to_contain_text("$260.00")
    expect(terms).to_contain_text(date_format(ready_by))
    assert Order.objects.count() == 0, "seeing the confirmation accepts nothing"
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_accessible(page)
    screenshots(page, "quote-accept-confirm")
    page.set_viewport_size(size)

    page.get_by_role("button", name="Confirm and start the order").click()
    expect(page.get_by_role("heading", name="Order: 40 engraved walnut coasters")).to_be_visible()
    order = Order.objects.get()
    assert order.producer == market.matching and str(order.price) == "260.00"
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]


def test_accepting_works_without_javascript(no_js_page):
    market = make_market()
    job = make_request(market.buyer, title="Laser-cut signs")
    make_quote(job, market.matching, price="99.00")
    log_in(no_js_page, market.buyer.email, PASSWORD)
    no_js_page.goto(job.get_absolute_url())
    no_js_page.get_by_role("button", name="Accept Kerf Laser's quote").click()
    expect(no_js_page.get_by_role("heading", name="Accept Kerf Laser's quote?")).to_be_visible()
    no_js_page.get_by_role("button", name="Confirm and start the order").click()
    expect(no_js_page.get_by_role("heading", name="Order: Laser-cut signs")).to_be_visible()
    assert Order.objects.get().producer == market.matching
