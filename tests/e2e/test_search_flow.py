"""Browser: a resident searches "laser" near a place, ticks a facet and sees counts, results and
the URL change, opens a result, goes back and finds the same state; the same flow without
JavaScript; phone and desktop screenshots; axe-core clean."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from producers import services
from producers.models import Producer

from ..factories import make_portland, make_producer, with_capabilities
from .conftest import ARTIFACTS, DESKTOP, PHONE, assert_accessible, screenshots

pytestmark = pytest.mark.django_db(transaction=True)

NEAR_LASERS = ["Bright Acrylics", "Kerf & Grain", "Ply & Pixel", "Rose City Engraving"]
ON_PLYWOOD = ["Kerf & Grain", "Ply & Pixel"]
ALL_FOUR = "4 workshops for “laser” within 16 mi of Portland, OR, US"
ON_PLYWOOD_TWO = "2 workshops for “laser” within 16 mi of Portland, OR, US"
# Anything not served by the live server (map tiles): refused at once, as with no internet.
ELSEWHERE = re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])")


_with = with_capabilities


def _verify(producer):
    Producer.objects.filter(pk=producer.pk).update(verified=True, verified_at=timezone.now())


@pytest.fixture
def workshops(owner):
    """Five published workshops within 25 km of Portland, OR, and one laser cutter in Seattle."""
    services.catalogue_load()
    make_portland()
    kerf = make_producer(
        owner, name="Kerf & Grain", tagline="Signs, boxes and inlays", lat=45.5164, lng=-122.6297
    )
    _verify(_with(kerf, "laser-cutting", materials=["plywood", "acrylic"]))
    bright = make_producer(
        owner, name="Bright Acrylics", tagline="Acrylic displays", lat=45.5231, lng=-122.6765
    )
    _verify(_with(bright, "laser-cutting", materials=["acrylic"]))
    ply = make_producer(
        owner, name="Ply & Pixel", tagline="Flat-pack furniture", lat=45.4871, lng=-122.8037
    )
    _with(ply, "laser-cutting", "cnc-routing", materials=["plywood"])
    rose = make_producer(owner, name="Rose City Engraving", lat=45.5590, lng=-122.6450)
    _with(rose, "laser-cutting", materials=["leather"])
    stitch = make_producer(
        owner,
        name="Stitch Works",
        description="Hems, zips and alterations while you wait.",
        lat=45.5120,
        lng=-122.6580,
    )
    _with(stitch, "sewing-and-alterations", materials=["cotton"])
    seattle = make_producer(owner, name="Puget Sound Laser", lat=47.6062, lng=-122.3321)
    _verify(_with(seattle, "laser-cutting", materials=["plywood"]))
    return {p.name: p for p in Producer.objects.all()}


def _offline(page: Page) -> None:
    page.context.route(ELSEWHERE, lambda route: route.abort())


def _results(page: Page):
    return page.locator("ol.results").get_by_role("heading", level=3)


def _expect_results(page: Page, heading: str, names: list[str]) -> None:
    """The heading first (it and the list are swapped together), then the cards' names."""
    expect(page.get_by_role("heading", level=2, name=heading, exact=True)).to_be_visible()
    expect(_results(page)).to_have_count(len(names))
    assert sorted(_results(page).all_inner_texts()) == sorted(names)


def _facet(page: Page, label: str, count: int | None = None):
    number = r"\d+" if count is None else str(count)
    name = re.compile(rf"^{re.escape(label)} \({number}\)$")
    return page.locator("#filters").get_by_role("checkbox", name=name)


def _search_for_laser_near_portland(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Find workshops").click()
    expect(page.get_by_role("heading", level=1, name="Find workshops")).to_be_visible()
    form = page.get_by_role("search", name="Workshops")
    form.get_by_label(re.compile(r"^What do you need made\?")).fill("laser")
    form.get_by_label(re.compile(r"^Near:?$")).fill("Portland, OR")
    expect(form.get_by_label(re.compile(r"^Within:?$"))).to_have_value("25")
    form.get_by_role("button", name="Search", exact=True).click()
    # Seattle is out of range and the sewing workshop does not match "laser".
    _expect_results(page, ALL_FOUR, NEAR_LASERS)


def test_a_resident_searches_ticks_a_facet_opens_a_result_and_comes_back(page, workshops):
    _offline(page)
    _search_for_laser_near_portland(page)
    expect(page).to_have_url(re.compile(r"/search/\?q=laser&place=Portland%2C\+OR&"))
    expect(page.get_by_text(re.compile(r"^\d+\.\d mi away$")).first).to_be_visible()
    assert_accessible(page)

    # Counts before the tick: disjunctive within a facet, conjunctive across facets.
    expect(_facet(page, "Plywood", 2)).not_to_be_checked()
    expect(_facet(page, "Acrylic", 2)).to_be_visible()
    expect(_facet(page, "Leather", 1)).to_be_visible()
    expect(_facet(page, "Verified by Hubdir", 2)).to_be_visible()
    expect(_facet(page, "CNC routing", 1)).to_be_visible()

    page.evaluate("window.__marker = 'same document'")
    _facet(page, "Plywood").check()

    _expect_results(page, ON_PLYWOOD_TWO, ON_PLYWOOD)
    expect(page).to_have_url(re.compile(r"[?&]material=plywood(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]q=laser(&|$)"))
    expect(page.get_by_role("status")).to_have_text("2 workshops found")
    # Another facet's count moved with the results; the ticked facet's siblings did not.
    expect(_facet(page, "Verified by Hubdir", 1)).to_be_visible()
    expect(_facet(page, "Plywood", 2)).to_be_checked()
    expect(_facet(page, "Acrylic", 2)).not_to_be_checked()
    # The typed text survives: only #results was swapped, the page was not reloaded.
    expect(page.get_by_label(re.compile(r"^What do you need made\?"))).to_have_value("laser")
    assert page.evaluate("window.__marker") == "same document"
    chosen = page.url
    assert_accessible(page)
    screenshots(page, "search-laser-plywood")

    page.get_by_role("link", name="Ply & Pixel", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ply & Pixel")
    assert page.url.endswith(workshops["Ply & Pixel"].get_absolute_url())

    page.go_back()
    expect(page).to_have_url(chosen)
    _expect_results(page, ON_PLYWOOD_TWO, ON_PLYWOOD)
    expect(_facet(page, "Plywood", 2)).to_be_checked()
    expect(_facet(page, "Verified by Hubdir", 1)).not_to_be_checked()
    expect(page.get_by_label(re.compile(r"^What do you need made\?"))).to_have_value("laser")
    expect(page.get_by_label(re.compile(r"^Near:?$"))).to_have_value("Portland, OR")


def test_the_same_search_works_without_javascript(no_js_page, page, workshops):
    scripted, page = page, no_js_page
    _offline(page)
    _search_for_laser_near_portland(page)
    expect(page).to_have_url(re.compile(r"/search/\?q=laser&place=Portland%2C\+OR&radius=25"))
    # No script: the map stays hidden rather than an empty box.
    expect(page.locator("#results-map")).to_be_hidden()

    _facet(page, "Plywood", 2).check()
    page.get_by_role("button", name="Apply filters").click()

    _expect_results(page, ON_PLYWOOD_TWO, ON_PLYWOOD)
    expect(page).to_have_url(re.compile(r"[?&]material=plywood(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]q=laser(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]place=Portland%2C\+OR(&|$)"))
    expect(_facet(page, "Plywood", 2)).to_be_checked()
    expect(_facet(page, "Verified by Hubdir", 1)).not_to_be_checked()
    chosen = page.url
    screenshots(page, "search-laser-plywood-no-js")
    # axe-core needs timers, which never fire with JavaScript disabled (axe.run would hang):
    # check the same page with every script of the site refused instead.
    _offline(scripted)
    scripted.route("**/*.js", lambda route: route.abort())
    scripted.goto(chosen)
    _expect_results(scripted, ON_PLYWOOD_TWO, ON_PLYWOOD)
    expect(scripted.locator("#results-map")).to_be_hidden()
    assert_accessible(scripted)

    page.get_by_role("link", name="Kerf & Grain", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kerf & Grain")

    page.go_back()
    expect(page).to_have_url(chosen)
    _expect_results(page, ON_PLYWOOD_TWO, ON_PLYWOOD)
    expect(_facet(page, "Plywood", 2)).to_be_checked()
    expect(page.get_by_label(re.compile(r"^What do you need made\?"))).to_have_value("laser")


def test_the_map_marks_each_result_and_follows_the_facets_without_tiles(page, workshops):
    _offline(page)
    page.goto("/search/?q=laser&place=Portland%2C+OR")
    _expect_results(page, ALL_FOUR, NEAR_LASERS)

    area = page.get_by_role("region", name="Map of these results")
    expect(area).to_have_class(re.compile(r"\bis-live\b"))
    markers = area.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(4)
    assert sorted(m.get_attribute("title") for m in markers.all()) == NEAR_LASERS
    # The tile provider's credit, from MAP_TILE_ATTRIBUTION.
    expect(area.get_by_role("link", name="OpenStreetMap")).to_have_attribute(
        "href", "https://www.openstreetmap.org/copyright"
    )

    _facet(page, "Plywood").check()
    _expect_results(page, ON_PLYWOOD_TWO, ON_PLYWOOD)
    area = page.get_by_role("region", name="Map of these results")
    expect(area).to_have_class(re.compile(r"\bis-live\b"))
    expect(area.locator(".leaflet-marker-icon")).to_have_count(2)
    assert (
        sorted(m.get_attribute("title") for m in area.locator(".leaflet-marker-icon").all())
        == ON_PLYWOOD
    )

    # A marker's popup links to the workshop.
    area.get_by_role("button", name="Ply & Pixel").click()
    area.get_by_role("link", name="Ply & Pixel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ply & Pixel")


def test_use_my_location_is_not_offered_without_javascript(no_js_page):
    no_js_page.goto("/search/")
    expect(no_js_page.get_by_role("heading", level=1, name="Find workshops")).to_be_visible()
    expect(no_js_page.get_by_role("button", name="Use my location")).to_be_hidden(timeout=1_000)


def test_back_within_the_search_page_restores_the_typed_search_and_one_map(page, workshops):
    _offline(page)
    _search_for_laser_near_portland(page)
    _facet(page, "Plywood").check()
    _expect_results(page, ON_PLYWOOD_TWO, ON_PLYWOOD)

    page.go_back()
    _expect_results(page, ALL_FOUR, NEAR_LASERS)
    expect(_facet(page, "Plywood", 2)).not_to_be_checked()
    form = page.get_by_role("search", name="Workshops")
    expect(form.get_by_label(re.compile(r"^What do you need made\?"))).to_have_value(
        "laser", timeout=1_000
    )
    expect(form.get_by_label(re.compile(r"^Near:?$"))).to_have_value("Portland, OR")
    map_area = page.get_by_role("region", name="Map of these results")
    expect(map_area.locator(".leaflet-map-pane")).to_have_count(1)
    expect(map_area.locator(".leaflet-marker-icon")).to_have_count(4)


def test_a_result_without_a_photo_uses_the_whole_card_on_desktop(page, workshops):
    _offline(page)
    page.goto("/search/?q=laser&place=Portland%2C+OR")
    _expect_results(page, ALL_FOUR, NEAR_LASERS)
    card = page.locator("ol.results > li").first
    expect(card.locator("img")).to_have_count(0)
    card_width = card.bounding_box()["width"]
    text_width = card.locator("> div").bounding_box()["width"]
    assert text_width > card_width * 0.75, (text_width, card_width)


def _phone_search(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/search/?q=laser&place=Portland%2C+OR")
    _expect_results(page, ALL_FOUR, NEAR_LASERS)


def test_on_a_phone_the_header_is_compact_and_the_filters_come_before_the_results(page, workshops):
    _offline(page)
    _phone_search(page)
    header = page.locator("header.site-header").bounding_box()
    assert header is not None and header["height"] < 0.15 * PHONE["height"], header
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The navigation is behind the menu button, and opens with it.
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name="Find workshops")).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(main_nav.get_by_role("link", name="Find workshops")).to_be_visible()
    page.get_by_text("Menu", exact=True).click()

    filters = page.locator("summary", has_text=re.compile(r"^Filters$"))
    first = _results(page).first
    assert filters.bounding_box()["y"] < first.bounding_box()["y"]
    expect(_facet(page, "Plywood")).to_be_hidden()
    # The map is folded too: one tap away, and drawn when opened.
    map_summary = page.locator("summary", has_text=re.compile(r"^Map$"))
    expect(map_summary).to_be_visible()
    expect(page.get_by_role("region", name="Map of these results")).to_be_hidden()
    assert_accessible(page)
    screenshots(page, "search-phone-folded")
    page.set_viewport_size(PHONE)

    filters.click()
    _facet(page, "Plywood", 2).check()
    _expect_results(page, ON_PLYWOOD_TWO, ON_PLYWOOD)
    # The swap keeps the panel open, and the button counts the filter now on.
    expect(_facet(page, "Plywood", 2)).to_be_checked()
    expect(page.locator("summary", has_text=re.compile(r"^Filters \(1\)$"))).to_be_visible()
    map_summary.click()
    area = page.get_by_role("region", name="Map of these results")
    expect(area.locator(".leaflet-marker-icon")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / "search-phone-filters-open.png"), full_page=True)


def test_on_a_phone_the_menu_and_filters_work_without_javascript(no_js_page, workshops):
    page = no_js_page
    _offline(page)
    _phone_search(page)
    page.get_by_text("Menu", exact=True).click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Post a request")
    ).to_be_visible()
    filters = page.locator("summary", has_text=re.compile(r"^Filters$"))
    assert filters.bounding_box()["y"] < _results(page).first.bounding_box()["y"]
    filters.click()
    _facet(page, "Plywood", 2).check()
    page.get_by_role("button", name="Apply filters").click()
    _expect_results(page, ON_PLYWOOD_TWO, ON_PLYWOOD)
    expect(page.locator("summary", has_text=re.compile(r"^Filters \(1\)$"))).to_be_visible()
    # No script, no map: its disclosure is not offered.
    expect(page.locator("summary", has_text=re.compile(r"^Map$"))).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / "search-phone-no-js.png"), full_page=True)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_keyboard_and_screen_reader_users_meet_the_filters_before_the_results(
    page, workshops, size
):
    _offline(page)
    page.set_viewport_size(size)
    page.goto("/search/?q=laser&place=Portland%2C+OR")
    _expect_results(page, ALL_FOUR, NEAR_LASERS)
    # The source order is the reading order: the filters, then the results.
    assert page.evaluate(
        "document.getElementById('filters').compareDocumentPosition("
        "document.querySelector('ol.results')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    # From the search button, Tab goes to the filters, with a way past them first.
    page.get_by_role("button", name="Search", exact=True).focus()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    expect(skip).to_be_focused()
    page.keyboard.press("Tab")
    if size == PHONE:
        expect(page.locator("summary", has_text=re.compile(r"^Filters$"))).to_be_focused()
    else:
        expect(page.locator("#filters input[type=checkbox]").first).to_be_focused()
        # On a wide screen the filters stay a side column left of the results.
        filters = page.locator("#filters").bounding_box()
        results = page.locator("ol.results").bounding_box()
        assert filters["x"] + filters["width"] <= results["x"]
        assert abs(filters["y"] - page.locator(".search-results").bounding_box()["y"]) < 2
    skip.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Sort by")).to_be_focused()
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"search-reading-order-{_label(size)}.png"))


def _label(size: dict) -> str:
    return "phone" if size == PHONE else "desktop"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_after_searching_portland_belmont_means_the_portland_neighbourhood(page, workshops, size):
    from hubdir.geo.models import Place
    from hubdir.geo.services import neighbourhoods_load

    neighbourhoods_load()
    Place.objects.create(
        kind="city",
        name="Belmont",
        ascii_name="Belmont",
        region="CA",
        country_code="US",
        population=27_000,
        lat=37.5202,
        lng=-122.2758,
    )
    _offline(page)
    page.set_viewport_size(size)
    page.goto("/search/")
    form = page.get_by_role("search", name="Workshops")
    near = form.get_by_label(re.compile(r"^Near:?$"))
    form.get_by_label(re.compile(r"^What do you need made\?")).fill("laser")
    near.fill("Portland, OR")
    page.get_by_role("button", name="Search", exact=True).click()
    _expect_results(page, ALL_FOUR, NEAR_LASERS)
    # A new place typed into the same form, each swapped in by htmx: the context goes along.
    near.fill("Belmont")
    page.get_by_role("button", name="Search", exact=True).click()
    heading = re.compile(r"within 16 mi of Belmont, Portland, OR, US$")
    expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    # Named in the heading, and the other Belmont one click away.
    expect(page.get_by_role("link", name="Belmont, CA, US")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"search-belmont-{_label(size)}.png"), full_page=True)
