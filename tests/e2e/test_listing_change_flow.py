from __future__ import annotations

import pytest
from playwright.sync_api import expect

from producers.models import Producer

from ..factories import PASSWORD, UserFactory, make_producer
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_owner_moves_the_pin_staff_see_the_diff_and_approve_and_the_profile_moves(page):
    owner = UserFactory(email="olive@example.com", name="Olive O.")
    staff = UserFactory(email="sam@example.com", name="Sam S.", is_staff=True)
    producer = make_producer(owner, name="Kerf Laser")

    log_in(page, owner.email, PASSWORD)
    page.goto(f"/for-workshops/producers/{producer.slug}/")
    page.get_by_label("Town or city").fill("New York")
    page.get_by_label("Latitude").fill("40.7128")
    page.get_by_label("Longitude").fill("-74.006")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Waiting for review:")).to_be_visible()
    expect(page.get_by_label("Town or city")).to_have_value("New York")
    assert_accessible(page)
    page.goto(producer.get_absolute_url())
    expect(page.get_by_text("New York")).to_have_count(0)

    page.context.clear_cookies()
    log_in(page, staff.email, PASSWORD)
    page.goto("/review/")
    page.get_by_role("link", name="Kerf Laser").click()
    diff = page.get_by_role("table", name="What would change")
    expect(diff.get_by_role("cell", name="Portland (45.5164, -122.6297)")).to_be_visible()
    expect(diff.get_by_role("cell", name="New York (40.7128, -74.006)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve the change").click()
    expect(page.get_by_text("is published")).to_be_visible()

    page.goto(producer.get_absolute_url())
    expect(page.get_by_text("New York").first).to_be_visible()
    assert Producer.objects.get(pk=producer.pk).town == "New York"
