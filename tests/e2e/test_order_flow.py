"""A business gets a local run made, in a real browser: post with a file, quote from the
board, compare and accept, ready, complete, review; the review shows on the profile."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orders.models import JobRequest, Order, Quote, Review
from producers.services import catalogue_load

from ..factories import PASSWORD, UserFactory, make_portland, make_producer
from .conftest import assert_accessible, log_in, screenshots

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_business_posts_producer_quotes_business_accepts_completes_and_reviews(
    page, browser, live_server, tmp_path
):
    catalogue_load()
    make_portland()
    buyer = UserFactory(email="cafe@example.com", name="Cora Café")
    maker = UserFactory(email="laser@example.com", name="Lee Laser")
    producer = make_producer(maker, name="Kerf Laser Works")
    drawing = tmp_path / "coaster.pdf"
    drawing.write_bytes(PDF)

    # The business posts a request with a drawing, watching the live count.
    log_in(page, buyer.email, PASSWORD)
    page.get_by_role("link", name="Post a request").first.click()
    page.get_by_label("Title").fill("40 engraved walnut coasters")
    page.get_by_label("What it is").fill("Round, 10 cm, our logo on one side.")
    page.get_by_label(re.compile(r"^Capability:?$")).select_option(label="Laser cutting")
    page.get_by_label("Quantity").fill("40")
    needed = timezone.localdate() + timedelta(days=20)
    page.get_by_label("Needed by").fill(needed.isoformat())
    page.get_by_label("Place or ZIP code").fill("Portland, OR")
    page.get_by_label("Place or ZIP code").blur()
    expect(page.locator("#matches")).to_contain_text("1 workshop within 16 mi")
    page.get_by_label("Files (optional)").set_input_files(str(drawing))
    assert_accessible(page)
    screenshots(page, "order-1-request-form")
    page.get_by_role("button", name="Publish request").click()
    expect(page.get_by_text("Your request is published")).to_be_visible()
    job = JobRequest.objects.get()
    assert job.status == "open" and job.attachments.get().name == "coaster.pdf"

    # The producer finds it on the board and quotes.
    maker_context = browser.new_context(base_url=live_server.url)
    maker_page = maker_context.new_page()
    maker_page.set_default_timeout(10_000)
    log_in(maker_page, maker.email, PASSWORD)
    maker_page.goto("/board/")
    expect(maker_page.get_by_role("heading", name="1 request")).to_be_visible()
    assert_accessible(maker_page)
    maker_page.get_by_role("link", name="40 engraved walnut coasters").click()
    expect(maker_page.get_by_role("link", name="coaster.pdf")).to_be_visible()
    maker_page.get_by_label("Price for the whole job").fill("260")
    maker_page.get_by_label("Ready by").fill((needed - timedelta(days=5)).isoformat())
    maker_page.get_by_role("button", name="Send quote").click()
    expect(maker_page.get_by_text("Your quote is sent")).to_be_visible()
    assert Quote.objects.get().producer == producer

    # The business compares and accepts.
    page.goto(job.get_absolute_url())
    table = page.get_by_role("table", name="Quotes side by side")
    expect(table).to_contain_text("Kerf Laser Works")
    expect(table).to_contain_text("$260.00")
    assert_accessible(page)
    screenshots(page, "order-2-compare-quotes")
    page.get_by_role("button", name="Accept Kerf Laser Works's quote").click()
    expect(page.locator("dl")).to_contain_text("$260.00")
    page.get_by_role("button", name="Confirm and start the order").click()
    expect(page.get_by_role("heading", name="Order: 40 engraved walnut coasters")).to_be_visible()
    order = Order.objects.get()

    # The producer marks it ready.
    maker_page.goto(order.get_absolute_url())
    maker_page.get_by_role("button", name="Mark ready").click()
    expect(maker_page.get_by_text("Marked ready")).to_be_visible()
    maker_context.close()

    # The business confirms and reviews.
    page.reload()
    page.get_by_role("button", name="Confirm received").click()
    expect(page.get_by_text("Completed. Thank you!")).to_be_visible()
    for group in ("Quality", "Speed", "Communication"):
        page.get_by_role("group", name=group).get_by_label("5").check()
    page.get_by_label("Your review").fill("Crisp engraving, ready early.")
    assert_accessible(page)
    screenshots(page, "order-3-timeline-and-review")
    page.get_by_role("button", name="Publish review").click()
    expect(page.get_by_text("your review is on the workshop's profile")).to_be_visible()
    assert Review.objects.get().quality == 5

    # The review shows on the profile, for anyone.
    page.get_by_role("link", name="Kerf Laser Works").first.click()
    expect(page.get_by_text("Crisp engraving, ready early.")).to_be_visible()
    expect(page.get_by_text("Rated 5.0 / 5 from 1 review")).to_be_visible()
    assert_accessible(page)
    screenshots(page, "order-4-profile-review")


def test_without_javascript_a_business_posts_and_a_producer_filters_the_board(
    no_js_page, browser, live_server
):
    catalogue_load()
    make_portland()
    buyer = UserFactory(email="nojs@example.com")
    maker = UserFactory(email="nojs-maker@example.com")
    make_producer(maker, name="Plain Laser")
    page = no_js_page

    log_in(page, buyer.email, PASSWORD)
    page.goto("/requests/new/")
    page.get_by_label("Title").fill("Laser-cut shelf brackets")
    page.get_by_label("What it is").fill("Birch plywood, 20 pairs.")
    page.get_by_label(re.compile(r"^Capability:?$")).select_option(label="Laser cutting")
    page.get_by_label("Quantity").fill("0")
    page.get_by_label("Needed by").fill((timezone.localdate() + timedelta(days=15)).isoformat())
    page.get_by_label("Place or ZIP code").fill("Portland, OR")
    page.get_by_role("button", name="Publish request").click()
    # The error sits by its field and what was typed is still there.
    expect(page.get_by_text("Ensure this value is greater than or equal to 1.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Laser-cut shelf brackets")
    page.get_by_label("Quantity").fill("40")
    page.get_by_role("button", name="Publish request").click()
    expect(page.get_by_text("Your request is published")).to_be_visible()

    maker_context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    maker_page = maker_context.new_page()
    log_in(maker_page, maker.email, PASSWORD)
    maker_page.goto("/board/")
    expect(maker_page.get_by_role("link", name="Laser-cut shelf brackets")).to_be_visible()
    maker_page.get_by_label(re.compile(r"^over 1,000")).check()
    maker_page.get_by_role("button", name="Filter").click()
    expect(maker_page.get_by_role("heading", name="0 requests")).to_be_visible()
    assert "quantity=1001" in maker_page.url
    maker_context.close()
