from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from producers.models import Capability, Producer
from producers.services import catalogue_load

from ..factories import UserFactory
from .conftest import assert_accessible, log_in, screenshots

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-and-unusual-passphrase"


def _sign_up(page, email):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Name shown to others").fill("Hana K.")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirm").click()


def test_hub_owner_lists_a_producer_staff_approve_and_a_resident_finds_it(
    page, browser, live_server, tmp_path
):
    catalogue_load()
    _sign_up(page, "hana@example.com")

    # A hub first.
    page.get_by_role("link", name="For workshops").first.click()
    page.get_by_role("link", name="Add a hub").click()
    page.get_by_label("Name").fill("Division Street Makers")
    page.get_by_label("Kind of space").select_option(label="Shared maker space")
    description = page.get_by_label(re.compile(r"^Description:?$"))
    description.fill("A shared maker space with laser and CNC.")
    page.get_by_label("Latitude").fill("45.5046")
    page.get_by_label("Longitude").fill("-122.6418")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("is saved as a draft")).to_be_visible()

    # Then a producer in it.
    page.get_by_role("link", name="For workshops").first.click()
    page.get_by_role("link", name="Add a producer").click()
    page.get_by_label("Name").fill("Kerf & Grain Laser")
    page.get_by_label("Tagline").fill("Laser cutting and engraving")
    page.get_by_label(re.compile(r"^Description:?$")).fill("Cut and engraved here on two lasers.")
    page.get_by_label("Make", exact=True).check()
    page.get_by_label("Businesses").check()
    page.get_by_label(re.compile(r"^Hub:?$")).select_option(label="Division Street Makers")
    page.get_by_label("Use the hub's address").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Kerf & Grain Laser: capabilities")).to_be_visible()

    # Two capabilities (the formset offers one blank row per save).
    for name in ("Laser cutting", "Vinyl cutting"):
        rows = page.locator("fieldset.formset-row")
        last = rows.last
        last.get_by_label("Capability").select_option(label=name)
        last.get_by_label("Typical lead time (days)").fill("5")
        page.get_by_role("button", name="Save capabilities").click()
        expect(page.get_by_text("Capabilities saved.")).to_be_visible()

    page.get_by_role("link", name="Opening hours").click()
    row = page.locator("fieldset.formset-row").first
    row.get_by_label("Day").select_option(label="Monday")
    row.get_by_label("Opens").fill("09:00")
    row.get_by_label("Closes").fill("17:00")
    page.get_by_role("button", name="Save opening hours").click()
    expect(page.get_by_text("Opening hours saved.")).to_be_visible()

    photo = tmp_path / "sign.jpg"
    buffer = BytesIO()
    Image.new("RGB", (800, 600), "#b3461b").save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    page.get_by_role("link", name="Photos").click()
    page.get_by_label("Photo").set_input_files(str(photo))
    page.get_by_label("Caption").first.fill("Engraved oak sign")
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_text("Photo added.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Sent for review")).to_be_visible()
    producer = Producer.objects.get(name="Kerf & Grain Laser")
    assert producer.status == "pending"
    assert producer.producer_capabilities.count() == 2
    assert producer.lat == pytest.approx(45.5046)

    # Staff approve it.
    page.get_by_role("button", name="Log out").click()
    UserFactory(email="staff@example.com", is_staff=True, password=PASSWORD)
    log_in(page, "staff@example.com", PASSWORD)
    page.goto("/review/")
    page.get_by_role("link", name="Kerf & Grain Laser").click()
    for label in ("Equipment seen", "Regular hours", "Serves businesses", "Examples made on site"):
        page.get_by_label(label).check()
    page.get_by_label("Mark as verified").check()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("is published")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # A resident finds it through the catalogue and through the search, and opens the profile.
    laser = Capability.objects.get(name="Laser cutting")
    page.goto("/catalogue/")
    page.get_by_role("link", name=laser.name, exact=True).click()
    expect(page.get_by_role("heading", name="1 workshop offering laser cutting")).to_be_visible()
    page.goto("/")
    page.get_by_role("link", name="Find workshops").first.click()
    page.get_by_label(re.compile(r"^What do you need made")).fill("engraving")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"^1 workshop for"))).to_be_visible()
    page.get_by_role("link", name="Kerf & Grain Laser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kerf & Grain Laser")
    expect(page.get_by_text("Verified").first).to_be_visible()
    expect(page.get_by_role("img", name="Engraved oak sign")).to_be_visible()
    expect(page.get_by_role("link", name="Division Street Makers")).to_be_visible()
    assert_accessible(page)
    screenshots(page, "producer-profile")
