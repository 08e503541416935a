"""Browser, phone size: a resident searching near Portland sees which workshop is Responsive
(and can read the rule), which one is stale, and a home workshop by its town and an
approximate point only; the profiles say when their details were confirmed; axe-core clean."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orders import services as market
from orders.models import Lead
from orders.selectors import RESPONSIVE_RULE
from producers import services
from producers.models import Producer

from ..factories import UserFactory, make_portland, make_producer, make_request
from .conftest import PHONE, assert_accessible, screenshots

pytestmark = pytest.mark.django_db(transaction=True)
ELSEWHERE = re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])")
STREET = "1234 NW Glisan St"


@pytest.fixture
def workshops(owner):
    services.catalogue_load()
    make_portland()
    kerf = make_producer(owner, name="Kerf Laser", lat=45.5164, lng=-122.6297)
    buyer = UserFactory(email="bea@example.com", name="Bea Buyer")
    # Three requests reach Kerf (and the others, which let them lie); Kerf answers each.
    for number in range(3):
        job = make_request(buyer, title=f"Coasters, batch {number}")
        market.request_decline(job=job, producer=kerf, by=owner, reason="capacity", note="")
    # Made two days ago: the unanswered requests are a day late for the other workshops.
    Lead.objects.update(created_at=timezone.now() - timedelta(days=2))
    stale = make_producer(owner, name="Dusty Signs", lat=45.5301, lng=-122.6812)
    Producer.objects.filter(pk=stale.pk).update(confirmed_at=timezone.now() - timedelta(days=200))
    home = make_producer(
        owner,
        name="Attic Embroidery",
        approximate_location=True,
        address_line=STREET,
        town="Portland",
        region="OR",
        lat=45.523064,
        lng=-122.676483,
    )
    return kerf, stale, home


def test_a_resident_on_a_phone_sees_responsive_stale_and_approximate_marks(page, workshops):
    kerf, stale, home = workshops
    page.context.route(ELSEWHERE, lambda route: route.abort())  # no map tiles
    page.set_viewport_size(PHONE)
    page.goto("/search/?place=Portland%2C+OR&radius=25")

    cards = page.locator("[data-result]")
    expect(cards).to_have_count(3)
    kerf_card = cards.filter(has_text="Kerf Laser")
    badge = kerf_card.locator(".badge", has_text="Responsive")
    expect(badge).to_be_visible()
    expect(badge).to_have_attribute("title", RESPONSIVE_RULE)
    # A screen reader hears the rule with the badge.
    expect(badge).to_contain_text("median time to a first answer")
    expect(cards.filter(has_text="Dusty Signs")).to_contain_text(
        "Stale: not confirmed for over 6 months"
    )
    expect(cards.filter(has_text="Dusty Signs").get_by_text("Responsive")).to_have_count(0)
    # Best match puts the stale one last.
    expect(cards.last).to_contain_text("Dusty Signs")
    home_card = cards.filter(has_text="Attic Embroidery")
    expect(home_card).to_have_attribute("data-lat", "45.525000")
    assert STREET not in page.content() and "676483" not in page.content()
    assert_accessible(page)
    screenshots(page, "trust-marks-search")

    page.set_viewport_size(PHONE)
    home_card.get_by_role("link", name="Attic Embroidery").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attic Embroidery")
    expect(page.get_by_text(re.compile(r"^Approximate location: Portland, OR"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Details confirmed today"))).to_be_visible()
    assert STREET not in page.content() and "523064" not in page.content()
    assert_accessible(page)
    screenshots(page, "trust-marks-approximate-profile")

    page.set_viewport_size(PHONE)
    page.goto(stale.get_absolute_url())
    expect(page.get_by_text("Stale: not confirmed for over 6 months")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Details confirmed 200 days ago"))).to_be_visible()
    assert_accessible(page)
    assert Producer.objects.get(pk=home.pk).address_line == STREET
