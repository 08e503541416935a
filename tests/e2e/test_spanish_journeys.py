"""Hubdir in Spanish, in a real browser whose language is Spanish (Accept-Language es-US), at
phone and desktop size, with screenshots and axe on every step.

Lucía, a resident, looks for someone to alter a dress: she types Spanish words, reads the
results in kilometres and the workshop's own Spanish description, and can switch to English
and back without JavaScript. Bea runs a café and gets coasters made: she signs in, posts a
request in Spanish, compares the quote an English-speaking workshop sends and accepts it;
the workshop is told in English, she in Spanish.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from orders.models import JobRequest, Order
from producers.models import Capability
from producers.services import catalogue_load

from ..factories import (
    PASSWORD,
    UserFactory,
    make_portland,
    make_producer,
    make_quote,
    with_capabilities,
)
from .conftest import ARTIFACTS, DESKTOP, PHONE, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])


@pytest.fixture
def spanish_page(browser, live_server, size) -> Page:
    context = browser.new_context(viewport=size, base_url=live_server.url, locale="es-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _shot(page: Page, name: str, size: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    label = "phone" if size == PHONE else "desktop"
    page.screenshot(path=str(ARTIFACTS / f"es-{name}-{label}.png"), full_page=True)
    if size == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _in_spanish(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(page)


@SIZES
def test_lucia_finds_a_seamstress_in_spanish_and_reads_her_own_words(spanish_page, owner, size):
    catalogue_load()
    make_portland()
    rosa = with_capabilities(
        make_producer(
            owner,
            name="Rosa's Alterations",
            description="Hems, zips and alterations while you wait.",
            description_es="Dobladillos, cierres y arreglos mientras esperas.",
        ),
        "sewing-and-alterations",
    )
    page = spanish_page

    page.goto("/")
    _in_spanish(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cosas fabricadas, reparadas y terminadas cerca de ti"
    )
    _shot(page, "resident-1-home", size)

    page.get_by_label("¿Qué necesitas que te hagan?").fill("costura")
    page.get_by_label("Cerca de", exact=True).fill("Portland, OR")
    page.get_by_role("button", name="Buscar", exact=True).click()
    results = page.locator("ol.results")
    expect(results.get_by_role("heading", name="Rosa's Alterations")).to_be_visible()
    with translation.override("es"):
        sewing = Capability.objects.get(slug="sewing-and-alterations").label
    expect(results).to_contain_text(sewing)
    expect(results).to_contain_text(re.compile(r"\d+(\.\d)? km"))
    expect(results).not_to_contain_text(re.compile(r"\d+(\.\d)? mi\b"))
    _in_spanish(page)
    _shot(page, "resident-2-results", size)

    results.get_by_role("link", name="Rosa's Alterations").first.click()
    about = page.locator('.prose[lang="es"]')
    expect(about).to_have_text("Dobladillos, cierres y arreglos mientras esperas.")
    expect(page.get_by_role("heading", name="Acerca de")).to_be_visible()
    _in_spanish(page)
    _shot(page, "resident-3-profile", size)

    # The switcher is a plain form: English, on the same page, then back.
    page.get_by_role("button", name=re.compile("English")).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(rosa.get_absolute_url())
    expect(page.locator('.prose[lang="en"]')).to_have_text(
        "Hems, zips and alterations while you wait."
    )
    page.get_by_role("button", name=re.compile("Español")).click()
    expect(page.locator("html")).to_have_attribute("lang", "es")


@SIZES
def test_bea_posts_a_request_in_spanish_and_accepts_an_english_workshops_quote(spanish_page, size):
    catalogue_load()
    make_portland()
    bea = UserFactory(email="cafe@example.com", name="Bea Café")
    mia = UserFactory(email="laser@example.com", name="Mia Laser", language="en")
    kerf = make_producer(mia, name="Kerf Laser Works")
    page = spanish_page

    # She signs in through the Spanish form (at desk size: on a phone it is behind the menu).
    page.set_viewport_size(DESKTOP)
    page.goto("/accounts/login/")
    page.get_by_label("Correo electrónico").fill(bea.email)
    page.get_by_label(re.compile(r"^Contraseña:?$")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_attached()
    page.set_viewport_size(size)

    page.goto("/requests/new/")
    _in_spanish(page)
    page.get_by_label("Título").fill("40 posavasos de nogal grabados")
    page.get_by_label("Qué es").fill("Redondos, de 10 cm, con nuestro logo por un lado.")
    with translation.override("es"):
        laser = Capability.objects.get(slug="laser-cutting").label
    page.get_by_label(re.compile(r"^Especialidad:?$")).select_option(label=laser)
    page.get_by_label("Cantidad").fill("40")
    needed = timezone.localdate() + timedelta(days=20)
    page.get_by_label("Fecha en que lo necesitas").fill(needed.isoformat())
    page.get_by_label("Lugar o código postal").fill("Portland, OR")
    _shot(page, "business-1-request-form", size)
    page.get_by_role("button", name="Publicar solicitud").click()
    expect(page.get_by_text(re.compile(r"Tu solicitud está publicada"))).to_be_visible()
    job = JobRequest.objects.get()
    assert job.status == "open" and job.title == "40 posavasos de nogal grabados"
    _in_spanish(page)
    _shot(page, "business-2-request-published", size)

    # The workshop reads about it in English: the owner's own language.
    told = [m for m in mail.outbox if m.to == [mia.email]]
    assert told and "posavasos" in told[-1].subject and "New request" in told[-1].subject

    make_quote(job, kerf, price="260.00")
    assert any(m.to == [bea.email] and "Nueva cotización" in m.subject for m in mail.outbox)
    page.goto(job.get_absolute_url())
    table = page.get_by_role("table", name="Cotizaciones lado a lado")
    expect(table).to_contain_text("Kerf Laser Works")
    expect(table).to_contain_text("US$260.00")
    _in_spanish(page)
    _shot(page, "business-3-compare-quotes", size)

    page.get_by_role("button", name="Aceptar la cotización de Kerf Laser Works").click()
    expect(page.locator("dl")).to_contain_text("US$260.00")
    _in_spanish(page)
    page.get_by_role("button", name="Confirmar y empezar el pedido").click()
    expect(
        page.get_by_role("heading", name="Pedido: 40 posavasos de nogal grabados")
    ).to_be_visible()
    assert Order.objects.get().producer == kerf
    _in_spanish(page)
    _shot(page, "business-4-order", size)
