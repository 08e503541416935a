"""A resident searches the directory: text, facets, place, sorting, paging, htmx and no-JS."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from producers import search, services
from producers.models import Capability, ProducerCapability, ProducerSearch

from .factories import (
    PORTLAND,
    make_hub,
    make_market,
    make_portland,
    make_producer,
    make_quote,
    make_request,
    with_capabilities,
)

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture
def catalogue(db):
    services.catalogue_load()
    make_portland()


_with = with_capabilities


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_resident_finds_a_laser_cutter_by_a_synonym_and_sees_its_distance(
    client, owner, catalogue
):
    laser = _with(
        make_producer(owner, name="Kerf & Grain", description="Signs and boxes.", **PORTLAND),
        "laser-cutting",
        materials=["plywood"],
    )
    _with(
        make_producer(owner, name="Stitch Works", description="Sewing and alterations."),
        "sewing-and-alterations",
    )

    response = client.get(URL, {"q": "engraving", "place": "Portland, OR"})

    assert response.status_code == 200
    page = _text(response)
    # A US place: the radius and the distances in miles.
    assert "1 workshop for “engraving” within 16 mi of Portland, OR" in page
    assert laser.get_absolute_url() in page
    assert "Stitch Works" not in page
    assert re.search(r"\d+\.\d mi away", page) and not re.search(r"\d km\b", page)


def test_a_resident_sees_live_counts_and_can_widen_a_facet_choice(client, owner, catalogue):
    _with(make_producer(owner, name="A Laser"), "laser-cutting", materials=["plywood"])
    _with(make_producer(owner, name="B Laser"), "laser-cutting", materials=["acrylic"])
    _with(make_producer(owner, name="C Router"), "cnc-routing", materials=["plywood"])

    response = client.get(URL, {"capability": "laser-cutting"})
    page = _text(response)

    assert "2 workshops" in page
    # Disjunctive: the capability facet still offers CNC routing with its count.
    assert re.search(
        r'value="cnc-routing"\s*>\s*<label[^>]*>CNC routing <span class="count">\(1\)', page
    )
    # Materials count within the chosen capability: plywood 1 (A), acrylic 1 (B).
    assert re.search(r'>Plywood <span class="count">\(1\)', page)
    assert re.search(r'value="laser-cutting" checked', page)


def test_the_results_swap_in_place_for_htmx_with_the_canonical_url_pushed(client, owner, catalogue):
    _with(make_producer(owner, name="A Laser"), "laser-cutting")

    response = client.get(
        URL,
        {
            "q": "laser",
            "place": "",
            "radius": "25",
            "sort": "relevance",
            "capability": "laser-cutting",
        },
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "<html" not in body
    # Blank fields and the default page are left out of the shareable URL.
    assert response.headers["HX-Push-Url"] == (
        "/search/?q=laser&radius=25&sort=relevance&capability=laser-cutting"
    )


def test_a_history_restore_gets_the_whole_page(client, owner, catalogue):
    response = client.get(
        URL, {"q": "laser"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_unknown_and_malformed_parameters_are_ignored_with_a_notice(client, owner, catalogue):
    _with(make_producer(owner, name="A Laser"), "laser-cutting")

    response = client.get(
        URL + "?capability=laser-cutting&capability=no-such-thing&utm_source=x&radius=7"
        "&page=abc&lead_time=-3&lat=99"
    )

    assert response.status_code == 200
    page = _text(response)
    assert "1 workshop" in page
    assert "We ignored the unknown parameter “utm_source”" in page
    assert "We ignored an unknown capability in the link" in page
    assert "We ignored “Within”" in page
    assert "We ignored “Ready within”" in page
    assert "We ignored “Page”" in page and "invalid name" not in page


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("page=0", "Page"),
        (f"page={10**6}", "Page"),
        ("page=2.5", "Page"),
        ("radius=7", "Within"),
    ],
)
def test_a_resident_is_told_which_part_of_a_mangled_link_was_ignored(
    client, owner, catalogue, query, named
):
    _with(make_producer(owner, name="A Laser"), "laser-cutting")
    page = _text(client.get(f"{URL}?q=laser&{query}"))
    assert f"We ignored “{named}”: the value in the link was not valid." in page
    assert "invalid name" not in page and "A Laser" in page


def test_a_spanish_reader_is_told_the_page_number_was_ignored_in_spanish(client, owner, catalogue):
    _with(make_producer(owner, name="A Laser"), "laser-cutting")
    page = _text(client.get(f"{URL}?q=laser&page=0", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9"))
    assert "Ignoramos “Página”: el valor del enlace no era válido." in page


def test_a_place_that_does_not_exist_is_explained_beside_the_field_and_kept(
    client, owner, catalogue
):
    response = client.get(URL, {"q": "laser", "place": "Qqxyzzy"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="place-error"' in page
    assert "We could not find “Qqxyzzy”" in page
    assert 'value="Qqxyzzy"' in page
    assert 'aria-invalid="true"' in page


def test_an_empty_result_offers_a_larger_radius_and_dropping_a_filter_with_counts(
    client, owner, catalogue
):
    # 40 km east of Portland: outside 25 km, inside 50 km.
    _with(make_producer(owner, name="Far Laser", lat=45.5152, lng=-122.17), "laser-cutting")
    _with(make_producer(owner, name="Near Sewing", **PORTLAND), "sewing-and-alterations")

    response = client.get(
        URL, {"capability": "laser-cutting", "lat": "45.5152", "lng": "-122.6784", "radius": "25"}
    )

    page = _text(response)
    assert "0 workshops" in page
    assert re.search(r"Search within 31 mi</a> \(1 workshop\)", page)
    assert re.search(r"Remove the capability filter</a> \(1 workshop\)", page)


def test_a_typo_shows_the_corrected_search_and_links_to_the_words_as_typed(
    client, owner, catalogue
):
    _with(make_producer(owner, name="Kerf"), "laser-cutting")

    page = _text(client.get(URL, {"q": "lazer cuting"}))

    assert "Kerf" in page
    assert "Showing results for <strong>laser cutting</strong>" in page
    assert re.search(r'<a href="\?q=lazer\+cuting&amp;verbatim=true">lazer cuting</a>', page)


def test_drafts_and_pending_listings_never_show_or_count(client, owner, catalogue):
    _with(make_producer(owner, name="Published One"), "laser-cutting")
    _with(
        make_producer(owner, name="Secret Zanzibarwidget", status="draft"),
        "laser-cutting",
    )
    _with(make_producer(owner, name="Waiting", status="pending"), "laser-cutting")

    assert "0 workshops" in _text(client.get(URL, {"q": "Zanzibarwidget"}))
    page = _text(client.get(URL, {"capability": "laser-cutting"}))
    assert "1 workshop" in page
    assert "Zanzibarwidget" not in page


def test_sorting_by_distance_without_a_place_falls_back_with_a_notice(client, owner, catalogue):
    page = _text(client.get(URL, {"sort": "distance"}))
    assert "Sorting by distance needs a place" in page


def test_sorting_by_lead_time_puts_the_quickest_first(client, owner, catalogue):
    _with(make_producer(owner, name="Slow"), "laser-cutting", lead_time_days=30)
    _with(make_producer(owner, name="Quick"), "laser-cutting", lead_time_days=2)

    page = _text(client.get(URL, {"sort": "lead_time"}))

    assert page.index("Quick") < page.index("Slow")


def test_pages_link_to_each_other_and_keep_the_search(client, owner, catalogue):
    for i in range(search.PAGE_SIZE + 3):
        _with(make_producer(owner, name=f"Laser {i:02}"), "laser-cutting")

    first = _text(client.get(URL, {"capability": "laser-cutting"}))
    second = _text(client.get(URL, {"capability": "laser-cutting", "page": "2"}))

    assert "Page 1 of 2" in first
    assert 'href="?capability=laser-cutting&amp;page=2"' in first
    assert "Laser 22" in second and "Laser 00" not in second
    assert 'href="?capability=laser-cutting&amp;page=1" rel="prev"' in second
    # A page past the end shows the last page rather than an error.
    assert "Page 2 of 2" in _text(client.get(URL, {"capability": "laser-cutting", "page": "9"}))


def test_a_capability_page_links_to_its_next_and_previous_page(client, owner, catalogue):
    for i in range(25):  # one more than a page
        _with(make_producer(owner, name=f"Laser {i:02}"), "laser-cutting")

    first = _text(client.get("/capabilities/laser-cutting/"))
    second = _text(client.get("/capabilities/laser-cutting/", {"page": "2"}))

    assert '<a href="?page=2" rel="next">Next</a>' in first
    assert '<a href="?page=1" rel="prev">Previous</a>' in second


def test_hub_kind_and_flags_filter_and_count(client, owner, catalogue):
    hub = make_hub(owner, kind="kitchen", name="Shared Kitchen")
    _with(make_producer(owner, name="Bakery", hub=hub, verified=False), "laser-cutting")
    verified = make_producer(owner, name="Checked")
    services_verify = type(verified).objects.filter(pk=verified.pk)
    services_verify.update(verified=True, verified_at="2026-01-01T00:00:00Z")

    page = _text(client.get(URL, {"hub_kind": "kitchen"}))
    assert "1 workshop" in page and "Bakery" in page
    page = _text(client.get(URL, {"verified": "true"}))
    assert "1 workshop" in page and "Checked" in page
    assert re.search(r">Verified by Hubdir <span class=\"count\">\(1\)", page)


def test_the_place_type_ahead_suggests_towns(client, catalogue):
    response = client.get("/places/suggest/", {"place": "Portl"})
    assert response.status_code == 200
    assert '<option value="Portland, OR, US">' in response.content.decode()


def _get(client, params) -> None:
    assert client.get(URL, params).status_code == 200


def test_the_page_runs_the_same_few_queries_for_1_20_and_100_results_and_any_page(
    client, owner, catalogue, django_assert_max_num_queries
):
    one, twenty, hundred = (
        Capability.objects.get(slug=s)
        for s in ("sewing-and-alterations", "cnc-routing", "laser-cutting")
    )
    for i in range(100):
        producer = make_producer(owner, name=f"Shop {i:03}", **PORTLAND)
        caps = [hundred] + ([twenty] if i < 20 else []) + ([one] if i == 0 else [])
        producer.producer_capabilities.all().delete()
        for cap in caps:
            ProducerCapability.objects.create(producer=producer, capability=cap)
    base = {"lat": PORTLAND["lat"], "lng": PORTLAND["lng"], "radius": 25, "verified": "false"}
    _get(client, base)  # warm the catalogue cache

    with django_assert_max_num_queries(6) as one_result:
        _get(client, base | {"capability": one.slug})
    for params in (
        base | {"capability": twenty.slug},
        base | {"capability": hundred.slug},
        base | {"capability": hundred.slug, "page": 5},
        {"q": "shop", "capability": hundred.slug},
    ):
        # At most as many: page 5 of a search counted before reuses its cached counts.
        with django_assert_max_num_queries(len(one_result), info=f"for {params}"):
            _get(client, params)
    cache.clear()


def test_a_long_facet_shows_its_top_options_and_a_plain_link_to_show_all(client, owner, catalogue):
    slugs = list(Capability.objects.values_list("slug", flat=True)[:12])
    for i, slug in enumerate(slugs):
        _with(make_producer(owner, name=f"Shop {i}"), *slugs[: i + 1])

    page = _text(client.get(URL))
    assert page.count('name="capability"') == search.FACET_SHOWN
    assert "Show 4 more" in page

    expanded = _text(client.get(URL, {"expand": "capability"}))
    assert expanded.count('name="capability"') == 12
    assert '<input type="hidden" name="expand" value="capability">' in expanded


def test_with_the_page_cache_on_a_repeated_search_reads_only_the_version_and_htmx_gets_its_own_copy(
    client, owner, catalogue, settings, django_assert_num_queries
):
    settings.SEARCH_CACHE_SECONDS = 60
    _with(make_producer(owner, name="A Laser"), "laser-cutting")
    params = {"capability": "laser-cutting"}
    first = client.get(URL, params)

    with django_assert_num_queries(1):  # the search table's version, nothing else
        again = client.get(URL, params)
    partial = client.get(URL, params, headers={"HX-Request": "true"})

    assert again.content == first.content
    assert "<html" not in partial.content.decode()
    assert "HX-Request" in first.headers["Vary"]


def test_with_the_page_cache_on_a_new_search_reads_the_version_once_for_the_cache_and_counts(
    client, owner, catalogue, settings, django_assert_max_num_queries
):
    settings.SEARCH_CACHE_SECONDS = 60
    _with(make_producer(owner, name="A Laser", **PORTLAND), "laser-cutting")
    _get(client, {"capability": "welding"})  # the catalogue is cached from here

    with django_assert_max_num_queries(8) as ran:
        page = _text(client.get(URL, {"capability": "laser-cutting", "place": "Portland, OR"}))

    assert "A Laser" in page
    version_reads = [q for q in ran.captured_queries if "logged_since" in q["sql"]]
    assert len(version_reads) == 1


MISSPELT = [
    # (typed, the capability whose workshop it should find, what the page says it searched)
    ("lazer", "laser-cutting", "laser"),
    ("embroidry", "embroidery", "embroidery"),
    ("upholstry", "upholstery", "upholstery"),
    ("weldng", "welding", "welding"),
    ("sewng alterations", "sewing-and-alterations", "sewing alterations"),
]


@pytest.mark.parametrize(("typed", "slug", "searched"), MISSPELT)
def test_a_misspelt_search_shows_the_results_of_its_confident_correction(
    client, owner, catalogue, typed, slug, searched
):
    shop = _with(make_producer(owner, name="Corner Workshop", description="Small jobs."), slug)
    page = _text(client.get(URL, {"q": typed}))
    assert shop.name in page
    assert f"Showing results for <strong>{searched}</strong>" in page
    assert f">{typed}</a>" in page  # "search instead for" the words as typed
    # Asked for verbatim, the typed words are searched as they are: nothing found.
    exact = _text(client.get(URL, {"q": typed, "verbatim": "true"}))
    assert shop.name not in exact and "Showing results for" not in exact


def test_words_that_find_something_are_never_corrected(client, owner, catalogue):
    _with(make_producer(owner, name="Lazer Signs", description="Signs."), "laser-cutting")
    page = _text(client.get(URL, {"q": "lazer"}))
    assert "Lazer Signs" in page and "Showing results for" not in page


@pytest.fixture
def shared_names(db):
    from hubdir.geo.models import Place

    for name, region, lat, lng, population in [
        ("Bellwood", "IL", 41.8814, -87.8834, 18_000),
        ("Belmont", "CA", 37.5202, -122.2758, 27_000),
        ("Belmont", "MA", 42.3959, -71.1787, 26_000),
        ("Belmont", "NC", 35.2429, -81.0373, 12_000),
    ]:
        Place.objects.create(
            kind="city",
            name=name,
            ascii_name=name,
            region=region,
            country_code="US",
            population=population,
            lat=lat,
            lng=lng,
        )


def test_a_place_found_only_by_a_similar_name_says_so_and_offers_the_others(
    client, catalogue, shared_names
):
    page = _text(client.get(URL, {"place": "Sellwood"}))
    assert "We found no place called exactly “Sellwood”" in page
    assert "showing the closest name, <strong>Bellwood, IL, US</strong>" in page
    assert "within 16 mi of Bellwood, IL, US" in page


def test_a_shared_place_name_offers_the_other_places_and_the_site_region_wins_ties(
    client, catalogue, shared_names, settings
):
    page = _text(client.get(URL, {"place": "Belmont"}))
    assert "Showing <strong>Belmont, CA, US</strong>" in page
    assert re.search(
        r'Did you mean <a href="\?place=Belmont%2C\+MA%2C\+US">Belmont, MA, US</a>', page
    )
    settings.GEO_PREFER_REGIONS = ["MA"]
    cache.clear()
    page = _text(client.get(URL, {"place": "Belmont"}))
    assert "within 16 mi of Belmont, MA, US" in page
    # Named with its state, the place is what was asked: no doubt to raise.
    page = _text(client.get(URL, {"place": "Belmont, NC"}))
    assert "within 16 mi of Belmont, NC, US" in page and "Did you mean" not in page


def test_a_cached_search_page_never_shows_a_listing_after_it_is_suspended(
    client, owner, catalogue, settings
):
    settings.SEARCH_CACHE_SECONDS = 60
    shop = _with(make_producer(owner, name="Soon Suspended"), "laser-cutting")
    params = {"capability": "laser-cutting"}
    assert "Soon Suspended" in _text(client.get(URL, params))
    type(shop).objects.filter(pk=shop.pk).update(status="suspended")
    assert "Soon Suspended" not in _text(client.get(URL, params))


def _review(producer, buyer, score: int, *, hidden: bool = False):
    from orders import services as orders

    order = orders.quote_accept(
        quote=make_quote(make_request(buyer, title=f"Job for {producer.name}"), producer), by=buyer
    )
    orders.order_mark_ready(order=order, by=producer.memberships.first().user)
    orders.order_complete(order=order, by=buyer)
    review = orders.review_create(
        order=order, by=buyer, quality=score, speed=score, communication=score, text="Fine."
    )
    if hidden:
        review.hidden = True
        review.save(update_fields=["hidden"])
    return review


def test_a_result_card_shows_the_rating_with_how_many_reviews_it_is_from_in_the_same_queries(
    client, catalogue, django_assert_max_num_queries
):
    make_portland()
    market = make_market()
    _get(client, {"q": "shop"})  # warm the catalogue cache
    with django_assert_max_num_queries(6) as unreviewed:
        page = _text(client.get(URL, {"q": "laser"}))
    assert "Kerf Laser" in page and "No reviews yet" in page

    _review(market.matching, market.buyer, 5)
    _review(market.matching, market.other_buyer, 3)
    # A review hidden by moderators is in neither the rating nor the count.
    _review(market.matching, market.other_buyer, 1, hidden=True)
    row = ProducerSearch.objects.get(producer=market.matching)
    assert (row.rating, row.review_count) == (pytest.approx(4.0), 2)
    with django_assert_max_num_queries(len(unreviewed)):
        page = _text(client.get(URL, {"q": "laser"}))
    assert re.search(r"★ 4\.0<span class=\"visually-hidden\"> out of 5</span> <span", page)
    assert "(2 reviews)" in page

    market.matching.tagline = "Now with a bigger bed"
    market.matching.save()  # the row is rebuilt: the count comes back with it
    assert ProducerSearch.objects.get(producer=market.matching).review_count == 2


def test_a_capability_staff_add_to_the_catalogue_is_a_filter_on_the_very_next_search(
    client, owner, catalogue
):
    """The search keeps its form between requests while the catalogue is unchanged; an
    edit to the catalogue must reach the filter at once, not an "unknown" notice."""
    _with(make_producer(owner, name="A Laser"), "laser-cutting")
    assert "Laser cutting" in _text(client.get(URL))
    category = Capability.objects.get(slug="laser-cutting").category
    weaving = Capability.objects.create(slug="weaving", name="Weaving", category=category)
    _with(make_producer(owner, name="Loom Room"), "weaving")
    page = _text(client.get(URL, {"capability": "weaving"}))
    assert "1 workshop" in page and "Loom Room" in page
    assert "We ignored an unknown capability" not in page
    assert ProducerCapability.objects.filter(capability=weaving).count() == 1


def test_a_search_that_finds_nothing_fetches_no_cards(
    client, owner, catalogue, django_assert_num_queries
):
    """Nothing found: the counts, the spelling suggestions and the widenings, but no
    statement for a page of cards that cannot hold any."""
    _with(make_producer(owner, name="A Laser", **PORTLAND), "laser-cutting")
    params = {"q": "zzqxv", "place": "Portland, OR", "verbatim": "true"}
    _get(client, params)  # the place, the catalogue and these counts are cached from here
    # The search table's version, the suggestions, the two widenings, and the unmet-demand
    # map's record of a search that found nothing (one INSERT; the same visitor's again
    # adds no row).
    with django_assert_num_queries(5) as ran:
        page = _text(client.get(URL, params | {"sort": "rating"}))
    assert "No workshop matches “zzqxv”" in page
    sqls = [q["sql"] for q in ran.captured_queries]
    assert not any("WITH page AS" in sql for sql in sqls)
    assert sum(sql.startswith('INSERT INTO "producers_searchmiss"') for sql in sqls) == 1


def test_a_result_card_shows_what_the_listing_has_and_escapes_its_name(client, owner, catalogue):
    """Hana's workshop at a maker space has a name with markup in it, a tagline, a lead time
    and a minimum order. Searched from Portland, her card links to her profile, shows each
    fact once, in order, joined by middle dots, and prints her name as text, never as HTML."""
    hub = make_hub(owner)
    hana = _with(
        make_producer(
            owner, name="<b>Hana</b> & Co", hub=hub, tagline="Small runs, <i>fast</i>", **PORTLAND
        ),
        "laser-cutting",
        lead_time_days=5,
        min_quantity=20,
    )
    page = _text(client.get(URL, {"place": "Portland, OR"}))
    card = re.search(r'<li class="card result".*?</li>\s*</ol>', page).group(0)

    assert f'data-url="{hana.get_absolute_url()}"' in card
    assert 'data-name="&lt;b&gt;Hana&lt;/b&gt; &amp; Co"' in card
    name = "&lt;b&gt;Hana&lt;/b&gt; &amp; Co"
    assert f'<h3><a href="{hana.get_absolute_url()}">{name}</a></h3>' in card
    assert "<b>" not in card and "<i>" not in card
    assert "<p>Small runs, &lt;i&gt;fast&lt;/i&gt;</p>" in card
    assert re.search(
        r"At Division Makers · Portland · <strong>[\d.]+ mi away</strong> · ready in about 5 days"
        r" · from 20 pieces",
        card,
    )
    assert '<span class="muted small">No reviews yet</span>' in card
    assert '<ul class="tag-list" aria-label="Capabilities"><li>Laser cutting</li></ul>' in card
    # Signed out: no shortlist button on the card (the page offers none to log in from).
    assert "shortlist-form" not in card
