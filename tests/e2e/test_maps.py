"""Browser: the vendored Leaflet draws a workshop's and a hub's pin, credits the tile provider
named in the settings, and works with no tiles at all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..factories import make_hub, make_producer

pytestmark = pytest.mark.django_db(transaction=True)
# Anything not served by the live server (map tiles): refused at once, as with no internet.
ELSEWHERE = re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])")
CREDIT = 'Tiles © <a href="https://tiles.example.org/terms">Example Tiles</a>'


@pytest.fixture
def offline_page(page, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = CREDIT
    page.context.route(ELSEWHERE, lambda route: route.abort())
    return page


def test_a_workshop_page_pins_the_workshop_and_credits_the_tiles(offline_page, owner):
    producer = make_producer(owner, name="Kerf & Grain")
    offline_page.goto(producer.get_absolute_url())

    where = offline_page.get_by_role("region", name="Where")
    expect(where.get_by_role("button", name="Kerf & Grain")).to_be_visible()
    credit = where.get_by_role("link", name="Example Tiles")
    expect(credit).to_have_attribute("href", "https://tiles.example.org/terms")


def test_a_hub_page_pins_the_hub_and_credits_the_tiles(offline_page, owner):
    hub = make_hub(owner, name="Division Makers", lat=45.5046, lng=-122.6418)
    offline_page.goto(hub.get_absolute_url())

    expect(offline_page.get_by_role("button", name="Division Makers")).to_be_visible()
    expect(offline_page.get_by_role("link", name="Example Tiles")).to_be_visible()
