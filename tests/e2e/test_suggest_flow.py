"""Suggesting a workshop in a real browser: a resident suggests one she knows, staff list it
from their queue, and its profile says it is suggested by neighbours, not yet confirmed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from producers import services
from producers.models import Producer, Suggestion

from ..factories import PASSWORD, UserFactory, make_portland
from .conftest import PHONE, assert_accessible, log_in, screenshots

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_suggests_a_workshop_staff_list_it_and_its_profile_says_it_is_unconfirmed(
    page, browser, live_server
):
    services.catalogue_load()
    make_portland()
    rita = UserFactory(email="rita@example.com", name="Rita Resident")
    staff = UserFactory(email="sam@example.com", name="Sam Staff", is_staff=True)

    log_in(page, rita.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto("/suggest/")
    page.get_by_label("The workshop's name").fill("Back Lot Laser")
    page.get_by_label("What it makes or repairs").select_option(label="Laser cutting")
    page.get_by_label("Roughly where").fill("Nowhere Special")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_text("We could not find this place.")).to_be_visible()
    expect(page.get_by_label("The workshop's name")).to_have_value("Back Lot Laser")
    page.get_by_label("Roughly where").fill("Portland, OR")
    assert_accessible(page)
    screenshots(page, "suggest-1-form")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_text("Thank you: staff will look at “Back Lot Laser”.")).to_be_visible()
    assert Suggestion.objects.get().suggested_by == rita

    staff_context = browser.new_context(base_url=live_server.url)
    staff_page = staff_context.new_page()
    staff_page.set_default_timeout(10_000)
    log_in(staff_page, staff.email, PASSWORD)
    staff_page.goto("/review/suggestions/")
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Accept: list it unclaimed (Back Lot Laser)").click()
    expect(staff_page.get_by_text("“Back Lot Laser” is listed, unclaimed.")).to_be_visible()
    staff_context.close()

    producer = Producer.objects.get(name="Back Lot Laser")
    assert producer.is_unclaimed and producer.is_published
    page.goto(producer.get_absolute_url())
    expect(page.get_by_text("Suggested by neighbours, not yet confirmed")).to_be_visible()
    expect(page.get_by_role("link", name="Is this your workshop? Claim it")).to_be_visible()
    expect(page.get_by_role("link", name="Request a quote")).to_have_count(0)
    expect(page.get_by_text("Not known yet.")).to_be_visible()
    assert_accessible(page)
    screenshots(page, "suggest-2-unclaimed-profile")
