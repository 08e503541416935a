"""Browser: a city planner reads the unmet-demand map on a phone and a desktop, filters it by
capability, and gets the same table with no JavaScript; axe finds nothing serious."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orders.models import JobRequest
from producers.models import Capability, Category

from ..factories import UserFactory
from .conftest import assert_accessible, screenshots

pytestmark = pytest.mark.django_db(transaction=True)
ELSEWHERE = re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])")


@pytest.fixture
def demand(db):
    category = Category.objects.create(slug="making", name="Making")
    kiln = Capability.objects.create(slug="kiln-firing", name="Kiln firing", category=category)
    glass = Capability.objects.create(slug="glassblowing", name="Glassblowing", category=category)
    for n in range(4):
        person = UserFactory(name=f"Resident {n}")
        for capability, lat, lng, days in (
            (kiln, 45.5149, -122.6434, 5 + 20 * n),
            (glass, 45.4871, -122.8037, 3),
        ):  # noqa: E501
            if capability == glass and n == 3:
                continue
            JobRequest.objects.create(
                buyer=person,
                title=f"Secret title {n}",
                description="Private",
                capability=capability,
                quantity=3,
                needed_by=timezone.localdate() + timedelta(days=10),
                place="Portland",
                lat=lat,
                lng=lng,
                status="open",
                published_at=timezone.now() - timedelta(days=days),
            )


def test_a_planner_reads_the_unmet_demand_map_and_filters_it_by_capability(page, demand):
    page.context.route(ELSEWHERE, lambda route: route.abort())  # no tiles: the map still draws
    page.goto("/demand/")

    table = page.get_by_role("table", name="Unmet demand by capability and area, most first")
    expect(table.get_by_role("rowheader", name="Kiln firing")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Glassblowing")).to_be_visible()
    map_region = page.get_by_role("region", name="Map of the areas in the table")
    expect(map_region.locator("path.leaflet-interactive")).to_have_count(2)
    expect(page.get_by_role("img", name=re.compile("Unmet demand per month"))).to_be_visible()
    assert "Secret title" not in page.content()
    assert_accessible(page)
    screenshots(page, "demand-map")

    page.get_by_label("Capability").select_option(label="Glassblowing")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"capability=glassblowing"))
    expect(table.get_by_role("rowheader", name="Glassblowing")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Kiln firing")).to_have_count(0)
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table (CSV)").click()
    assert "Glassblowing" in download.value.path().read_text()


def test_without_javascript_the_table_is_the_whole_page(no_js_page, demand):
    no_js_page.goto("/demand/")
    expect(no_js_page.get_by_role("rowheader", name="Kiln firing")).to_be_visible()
    expect(no_js_page.get_by_text("The map needs JavaScript")).to_be_visible()
    no_js_page.get_by_label("Period").select_option(label="the last 30 days")
    no_js_page.get_by_role("button", name="Show").click()
    expect(no_js_page).to_have_url(re.compile(r"period=30"))
    expect(no_js_page.get_by_role("rowheader", name="Glassblowing")).to_be_visible()
    # (axe runs as a script, so it is run on the scripted page above, not here.)


def test_the_open_data_page_reads_well_and_its_examples_answer(page, demand):
    page.goto("/open-data/")
    expect(page.get_by_role("heading", name="Open data", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Licence")).to_be_visible()
    assert_accessible(page)
    response = page.request.get("/feeds/demand.csv")
    assert response.ok and "Kiln firing" in response.text()
