"""Browser: a hub page at phone width, its bays table reachable and scrollable by keyboard."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from producers.models import Bay

from ..factories import make_hub
from .conftest import PHONE, assert_accessible, screenshots

pytestmark = pytest.mark.django_db(transaction=True)
ELSEWHERE = re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])")


def test_a_phone_reader_reaches_and_scrolls_the_bays_table_by_keyboard(page, owner):
    hub = make_hub(owner, name="Division Street Makers", lat=45.5046, lng=-122.6418)
    for n, notes in enumerate(["Roller door, 3-phase power", "Wash-down floor, ventilation"], 1):
        Bay.objects.create(
            hub=hub,
            name=f"Bay {n}",
            size_sqm=30 * n,
            monthly_price=850 * n,
            min_lease_months=3,
            available_from=date(2027, 1, 4),
            notes=notes,
        )
    page.context.route(ELSEWHERE, lambda route: route.abort())  # no map tiles
    page.set_viewport_size(PHONE)
    page.goto(hub.get_absolute_url())

    # axe: a region that scrolls must be reachable by keyboard (scrollable-region-focusable).
    assert_accessible(page)
    bays = page.get_by_role("region", name="Table of bays")
    expect(bays.get_by_role("rowheader", name=re.compile("^Bay 1"))).to_be_visible()
    # Wider than the screen, so it scrolls.
    assert bays.evaluate("el => el.scrollWidth > el.clientWidth")

    # Tab from the top of the page until the table has the focus.
    for _ in range(30):
        page.keyboard.press("Tab")
        if bays.evaluate("el => el === document.activeElement"):
            break
    expect(bays).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=bays.element_handle())
    screenshots(page, "hub-bays")
    page.set_viewport_size(PHONE)
    assert_accessible(page)
