"""Saved searches and the shortlist in a real browser, at phone and desktop size: a resident
saves the search she is looking at, sees it listed, gets the alert email and stops it from
its link; a buyer shortlists workshops from the results (htmx) and from a profile (no
JavaScript), and invites the shortlist to quote."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from producers import saved, services
from producers.models import Favourite, Producer, SavedSearch

from ..factories import (
    PASSWORD,
    PORTLAND,
    UserFactory,
    make_portland,
    make_producer,
    with_capabilities,
)
from .conftest import PHONE, assert_accessible, log_in, screenshots

pytestmark = pytest.mark.django_db(transaction=True)


def _laser(owner, name: str) -> Producer:
    producer = with_capabilities(
        make_producer(owner, name=name, tagline="Signs and boxes", **PORTLAND), "laser-cutting"
    )
    Producer.objects.filter(pk=producer.pk).update(published_at=timezone.now())
    return producer


@pytest.fixture
def town(db):
    services.catalogue_load()
    make_portland()
    owner = UserFactory(email="olive@example.com", name="Olive Owner")
    return owner, _laser(owner, "Kerf Laser")


def test_a_resident_saves_a_search_sees_it_listed_gets_the_alert_and_stops_it(
    page, town, django_capture_on_commit_callbacks
):
    owner, _ = town
    rita = UserFactory(email="rita@example.com", name="Rita Resident")
    log_in(page, rita.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto("/search/?capability=laser-cutting&place=Portland%2C+OR")
    expect(
        page.get_by_role("heading", name=re.compile("1 workshop within 16 mi of Portland"))
    ).to_be_visible()

    page.get_by_role("link", name="Save this search").click()
    expect(page.get_by_role("heading", name="Save this search")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value(
        "Laser cutting within 16 mi of Portland, OR, US"
    )
    page.get_by_label("Name").fill("Lasers near home")
    page.get_by_label("Daily").check()
    assert_accessible(page)
    screenshots(page, "saved-search-1-save")
    page.get_by_role("button", name="Save search").click()

    expect(page.get_by_text("Your search “Lasers near home” is saved.")).to_be_visible()
    expect(page.get_by_role("link", name="Lasers near home", exact=True)).to_be_visible()
    expect(page.get_by_text("Emails: Daily")).to_be_visible()
    assert_accessible(page)
    screenshots(page, "saved-search-2-list")
    item = SavedSearch.objects.get(user=rita)
    assert (item.name, item.frequency) == ("Lasers near home", "daily")

    # A new laser cutter opens; the daily alert tells her, once.
    _laser(owner, "Fresh Cut Studio")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert saved.send_search_alerts.enqueue().return_value == 1
    (email,) = mail.outbox
    assert email.to == ["rita@example.com"]
    assert email.subject == "1 new workshop for “Lasers near home”"
    assert "Fresh Cut Studio" in email.body and "Signs and boxes" in email.body
    assert "Kerf Laser" not in email.body  # listed before she saved the search
    link = re.search(r"https?://\S+(/account/saved-searches/unsubscribe/\S+/)", email.body)[1]
    assert email.extra_headers["List-Unsubscribe"].endswith(f"{link}>")

    page.goto(link)
    expect(page.get_by_role("heading", name="Stop these alerts?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Stop alerts").click()
    expect(page.get_by_role("heading", name="Alerts stopped")).to_be_visible()
    item.refresh_from_db()
    assert item.frequency == "off"


def test_a_buyer_shortlists_from_the_results_and_a_profile_then_invites_the_shortlist(
    page, no_js_page, town
):
    owner, kerf = town
    grain = _laser(owner, "Grain Laser")
    bea = UserFactory(email="bea@example.com", name="Bea Buyer")
    log_in(page, bea.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto("/search/?capability=laser-cutting")

    # With htmx the button swaps in place: the page does not reload.
    page.get_by_role("button", name="☆ Shortlist Kerf Laser").click()
    expect(
        page.get_by_role("button", name=re.compile("On your shortlist.*Kerf Laser"))
    ).to_be_visible()
    expect(page.get_by_role("button", name="☆ Shortlist Grain Laser")).to_be_visible()
    assert list(Favourite.objects.filter(user=bea).values_list("producer", flat=True)) == [kerf.pk]
    assert_accessible(page)
    screenshots(page, "shortlist-1-results")

    # Without JavaScript, from a profile: a plain form and back to the profile.
    log_in(no_js_page, bea.email, PASSWORD)
    no_js_page.goto(grain.get_absolute_url())
    no_js_page.get_by_role("button", name="☆ Shortlist Grain Laser").click()
    expect(no_js_page.get_by_text("Grain Laser is on your shortlist.")).to_be_visible()
    expect(
        no_js_page.get_by_role("button", name=re.compile("On your shortlist.*Grain Laser"))
    ).to_be_visible()
    assert Favourite.objects.filter(user=bea).count() == 2

    page.goto("/shortlist/")
    expect(page.get_by_role("heading", name="Your shortlist")).to_be_visible()
    expect(page.get_by_role("link", name="Kerf Laser")).to_be_visible()
    expect(page.get_by_role("link", name="Grain Laser")).to_be_visible()
    assert_accessible(page)
    screenshots(page, "shortlist-2-list")

    page.get_by_role("link", name="Invite my shortlist to quote").click()
    expect(page.get_by_role("heading", name="Post a request")).to_be_visible()
    expect(page.get_by_label("Kerf Laser")).to_be_checked()
    expect(page.get_by_label("Grain Laser")).to_be_checked()
    expect(page.get_by_label("Only workshops I invite")).to_be_checked()
