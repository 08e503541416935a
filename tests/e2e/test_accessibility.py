"""axe-core finds nothing serious or critical on any kind of page, at phone and desktop
size and in English and Spanish: public pages, a buyer's, a workshop's and the account pages,
each with real content (quotes, an order, a review, messages, notifications, a bay enquiry)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page

from orders import services
from producers.models import Bay
from producers.services import catalogue_load

from ..factories import PASSWORD, make_hub, make_market, make_portland, make_quote, make_request
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    catalogue_load()
    make_portland()
    m = make_market()
    m.hub = make_hub(m.matching_owner)
    m.bay = Bay.objects.create(hub=m.hub, name="Bay 1", size_sqm=20, monthly_price=Decimal(450))
    m.open_request = make_request(m.buyer, title="40 engraved walnut coasters")
    m.quote = make_quote(m.open_request, m.matching)
    services.message_send(
        job=m.open_request, producer=m.matching, by=m.buyer, from_buyer=True, body="Walnut?"
    )
    done = make_request(m.buyer, title="Plywood display stands")
    m.order = services.quote_accept(quote=make_quote(done, m.matching), by=m.buyer)
    services.order_mark_ready(order=m.order, by=m.matching_owner)
    services.order_complete(order=m.order, by=m.buyer)
    services.review_create(
        order=m.order, by=m.buyer, quality=5, speed=4, communication=5, text="Clean cuts."
    )
    running = make_request(m.buyer, title="Acrylic table signs")
    m.running = services.quote_accept(quote=make_quote(running, m.matching), by=m.buyer)
    m.enquiry = services.bay_enquiry_send(bay=m.bay, by=m.buyer, body="Is it free?").enquiry
    return m


def _violations(page: Page, url: str, language: str) -> list[str]:
    found = []
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        response = page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        assert page.locator("html").get_attribute("lang") == language, url
        for v in Axe().run(page).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"]][:3]
                found.append(f"{url} at {label}: {v['id']} ({v['impact']}) {v['help']} {targets}")
    return found


def _browser_in(browser, live_server, locale: str) -> Page:
    """A browser whose language is `locale` (its Accept-Language)."""
    page = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale=locale).new_page()
    page.set_default_timeout(10_000)
    return page


def _sign_in(page: Page, email: str) -> None:
    # By field name, not label: the same steps in either language.
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.locator("form[action$='/accounts/logout/']").wait_for(state="attached")


@pytest.mark.parametrize("locale", ["en-US", "es-US"], ids=["english", "spanish"])
def test_every_kind_of_page_is_axe_clean_at_phone_and_desktop_size(
    browser, live_server, world, locale
):
    m = world
    language = locale[:2]
    public = [
        "/",
        "/search/?q=laser&place=Portland%2C+OR",
        "/search/?q=nothing-at-all-matches",
        "/catalogue/",
        m.matching.get_absolute_url(),
        m.hub.get_absolute_url(),
        "/accounts/login/",
        "/accounts/signup/",
    ]
    buyer = [
        m.open_request.get_absolute_url(),
        reverse("orders:quote_accept", args=[m.quote.pk]),
        reverse("orders:request_create"),
        reverse("orders:dashboard"),
        m.order.get_absolute_url(),
        m.running.get_absolute_url(),
        reverse("orders:thread", args=[m.open_request.pk, m.matching.slug]),
        reverse("orders:notifications"),
        m.enquiry.get_absolute_url(),
        reverse("orders:bay_enquiry_create", args=[m.bay.pk]),
        "/account/",
        reverse("orders:email_preferences"),
        "/accounts/email/",
        "/accounts/password/change/",
    ]
    maker = [
        reverse("orders:board"),
        m.open_request.get_absolute_url(),
        reverse("orders:dashboard"),
        reverse("orders:dashboard_listing", args=[m.matching.slug]),
        m.running.get_absolute_url(),
        m.enquiry.get_absolute_url(),
        reverse("orders:notifications"),
        reverse("producers:owner_dashboard"),
        reverse("producers:edit", args=[m.matching.slug]),
        reverse("producers:hub_edit", args=[m.hub.slug]),
    ]
    found = []
    page = _browser_in(browser, live_server, locale)
    for url in public:
        found += _violations(page, url, language)
    _sign_in(page, m.buyer.email)
    for url in buyer:
        found += _violations(page, url, language)
    maker_page = _browser_in(browser, live_server, locale)
    _sign_in(maker_page, m.matching_owner.email)
    for url in maker:
        found += _violations(maker_page, url, language)
    page.context.close()
    maker_page.context.close()
    assert not found, "\n".join(found)
