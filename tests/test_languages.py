"""Choosing a language: Lucía's browser asks for Spanish, Ben's for English.

The browser's Accept-Language decides first, the header's switcher overrides it (a cookie,
Django's set_language), and a signed-in person's choice is kept on their account, so it
follows them to another device and their emails are written in it.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext_lazy

from hubdir.accounts.models import User
from orders.services import notify
from producers import services
from producers.models import Capability, Material

from .factories import PASSWORD, UserFactory, make_portland, make_producer

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-US,es;q=0.9,en;q=0.5"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def lang_of(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_lucias_browser_asks_for_spanish_and_gets_it(client):
    response = client.get("/", **SPANISH)
    html = response.content.decode()
    assert lang_of(response) == "es"
    assert "Buscar talleres" in html
    assert "Find workshops" not in html
    # The switcher offers English, named in English.
    assert re.search(r'<span lang="en">English</span>', html)


def test_bens_browser_asks_for_english_and_gets_it(client):
    response = client.get("/", **ENGLISH)
    assert lang_of(response) == "en"
    assert "Find workshops" in response.content.decode()
    assert '<span lang="es">Español</span>' in response.content.decode()


def test_a_visitor_switches_to_spanish_without_javascript_and_stays_on_the_same_page():
    client = Client(enforce_csrf_checks=True)  # cached pages carry no token for visitors
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "/search/?q=laser&page=2"}, **ENGLISH
    )
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=laser&page=2"
    assert client.cookies["django_language"].value == "es"
    assert lang_of(client.get("/", **ENGLISH)) == "es"


def test_the_switcher_never_sends_anyone_to_another_site(client):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "https://evil.example/phish"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(client):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert lang_of(client.get("/", **ENGLISH)) == "en"


def test_a_signed_in_choice_needs_the_form_token():
    person = UserFactory(email="lucia@example.com", name="Lucía")
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.language != "es"


def test_lucias_choice_follows_her_to_another_device():
    lucia = UserFactory(email="lucia@example.com", name="Lucía")
    laptop = Client()
    laptop.force_login(lucia)
    laptop.post("/i18n/setlang/", {"language": "es", "next": "/"}, **ENGLISH)
    lucia.refresh_from_db()
    assert lucia.language == "es"

    phone = Client()  # no language cookie, an English browser
    phone.force_login(lucia)
    assert lang_of(phone.get("/", **ENGLISH)) == "es"
    assert lang_of(Client().get("/", **ENGLISH)) == "en"  # a visitor on the same browser


def test_signing_up_in_spanish_keeps_spanish_for_the_emails(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "rosa@example.com",
            "name": "Rosa M.",
            "password1": "a long enough pass phrase 42",
            "password2": "a long enough pass phrase 42",
        },
        **SPANISH,
    )
    assert response.status_code == 302
    assert User.objects.get(email="rosa@example.com").language == "es"
    # allauth's confirmation email is in Spanish too.
    assert "Confirm" not in mail.outbox[-1].subject


def test_each_person_is_notified_in_their_own_language(
    settings, django_capture_on_commit_callbacks
):
    lucia = UserFactory(email="lucia@example.com", name="Lucía", language="es")
    ben = UserFactory(email="ben@example.com", name="Ben", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[lucia, ben], kind="message", title=gettext_lazy("Find workshops"), url="/")
    titles = dict(lucia.notifications.values_list("user__email", "title"))
    titles |= dict(ben.notifications.values_list("user__email", "title"))
    assert titles == {"lucia@example.com": "Buscar talleres", "ben@example.com": "Find workshops"}
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "Buscar talleres" in by_recipient["lucia@example.com"].subject
    assert "Find workshops" in by_recipient["ben@example.com"].subject
    with translation.override("es"):
        assert "Find workshops" not in by_recipient["lucia@example.com"].body


def test_the_cached_search_page_is_never_served_in_the_other_language(client, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    english = client.get("/search/?q=laser", **ENGLISH)
    spanish = Client().get("/search/?q=laser", **SPANISH)
    assert (lang_of(english), lang_of(spanish)) == ("en", "es")
    assert lang_of(Client().get("/search/?q=laser", **ENGLISH)) == "en"


def test_lucia_reads_kilometres_and_spanish_dates_where_ben_reads_miles(client, owner):
    services.catalogue_load()
    make_portland()
    make_producer(owner, name="Kerf Laser")
    where = {"q": "laser", "place": "Portland, OR"}
    english = client.get("/search/", where, **ENGLISH).content.decode()
    spanish = Client().get("/search/", where, **SPANISH).content.decode()
    assert re.search(r"\d+(\.\d)? mi\b", english)
    assert not re.search(r"\d+(\.\d)? mi\b", spanish)
    assert re.search(r"\d+(\.\d)? km\b", spanish)
    from django.template import Context, Template

    when = Template("{{ day|date }}")
    with translation.override("es"):
        assert when.render(Context({"day": date(2026, 12, 8)})) == "mar 8 dic 2026"
    with translation.override("en"):
        assert when.render(Context({"day": date(2026, 12, 8)})) == "Tue 8 Dec 2026"


def test_an_owners_spanish_description_is_shown_to_spanish_readers_marked_as_spanish(client, owner):
    services.catalogue_load()
    workshop = make_producer(
        owner,
        name="Kerf Signs",
        description="Hand-carved wooden signs.",
        description_es="Letreros de madera tallados a mano.",
    )
    english = client.get(workshop.get_absolute_url(), **ENGLISH).content.decode()
    spanish = Client().get(workshop.get_absolute_url(), **SPANISH).content.decode()
    assert re.search(r'lang="en"[^>]*>\s*(<p>)?Hand-carved wooden signs', english)
    assert "Letreros" not in english
    assert re.search(r'lang="es"[^>]*>\s*(<p>)?Letreros de madera', spanish)


def test_a_description_written_in_spanish_is_marked_spanish_for_english_readers(client, owner):
    services.catalogue_load()
    workshop = make_producer(
        owner,
        name="Rótulos Ana",
        description="Letreros de madera tallados a mano.",
        description_language="es",
    )
    english = client.get(workshop.get_absolute_url(), **ENGLISH).content.decode()
    assert re.search(r'lang="es"[^>]*>\s*(<p>)?Letreros de madera', english)


def test_an_owner_adds_a_spanish_description_beside_the_english_one(client, owner):
    services.catalogue_load()
    workshop = make_producer(owner, name="Kerf Signs", description="Hand-carved wooden signs.")
    client.force_login(owner)
    edit = client.get(f"/for-workshops/producers/{workshop.slug}/").content.decode()
    assert 'name="description_es"' in edit and 'lang="es"' in edit
    client.post(
        f"/for-workshops/producers/{workshop.slug}/",
        {
            "name": "Kerf Signs",
            "description": "Hand-carved wooden signs.",
            "description_language": "en",
            "description_es": "Letreros de madera tallados a mano.",
            "country_code": "US",
            "town": "Portland",
            "lat": "45.5164",
            "lng": "-122.6297",
            "time_zone": "America/Los_Angeles",
            "services": ["make"],
            "customer_types": ["residents"],
        },
    )
    workshop.refresh_from_db()
    assert workshop.description_es == "Letreros de madera tallados a mano."
    spanish = Client().get(workshop.get_absolute_url(), **SPANISH).content.decode()
    assert "Letreros de madera tallados a mano." in spanish


def test_lucia_chooses_miles_and_gets_them_on_spanish_pages_and_in_the_cached_search(
    owner, settings
):
    settings.SEARCH_CACHE_SECONDS = 60
    services.catalogue_load()
    make_portland()
    make_producer(owner, name="Kerf Laser")
    where = {"q": "laser", "place": "Portland, OR"}
    lucia = Client(enforce_csrf_checks=True)  # the footer's form is on cached pages too
    assert re.search(r"\d km\b", lucia.get("/search/", where, **SPANISH).content.decode())
    response = lucia.post("/units/", {"units": "mi", "next": "/search/?q=laser"}, **SPANISH)
    assert response.status_code == 302 and response["Location"] == "/search/?q=laser"
    spanish = lucia.get("/search/", where, **SPANISH).content.decode()
    assert re.search(r"\d mi\b", spanish) and not re.search(r"\d km\b", spanish)
    # Another Spanish reader still gets kilometres from the same cached URL.
    assert re.search(r"\d km\b", Client().get("/search/", where, **SPANISH).content.decode())
    # Off-site next is refused; an unknown unit sets nothing.
    assert Client().post("/units/", {"units": "mi", "next": "//evil.example"})["Location"] == "/"
    other = Client()
    other.post("/units/", {"units": "furlongs", "next": "/"})
    assert "units" not in other.cookies


def test_someone_who_never_chose_keeps_the_language_they_sign_in_with(client):
    rosa = UserFactory(email="rosa@example.com", name="Rosa M.")
    client.post("/accounts/login/", {"login": rosa.email, "password": PASSWORD}, **SPANISH)
    rosa.refresh_from_db()
    assert rosa.language == "es"
    # A later sign-in from an English browser does not undo a language once kept.
    Client().post("/accounts/login/", {"login": rosa.email, "password": PASSWORD}, **ENGLISH)
    rosa.refresh_from_db()
    assert rosa.language == "es"


def test_a_spanish_reader_sees_the_catalogue_in_spanish_on_every_page_that_names_it(
    client, owner, buyer
):
    from .factories import make_request, with_capabilities

    services.catalogue_load()
    workshop = with_capabilities(
        make_producer(owner, name="Kerf Laser", description=""),
        "laser-cutting",
        materials=["plywood"],
    )
    job = make_request(buyer, title="Shelf brackets")
    with translation.override("es"):
        laser = Capability.objects.get(slug="laser-cutting").label
        plywood = Material.objects.get(slug="plywood").label
    assert (laser, plywood) != ("Laser cutting", "Plywood")
    reader = Client()
    profile = reader.get(workshop.get_absolute_url(), **SPANISH).content.decode()
    assert laser in profile and plywood in profile and "Laser cutting" not in profile
    catalogue_page = reader.get("/catalogue/", **SPANISH).content.decode()
    assert laser in catalogue_page and "Laser cutting" not in catalogue_page
    reader.force_login(buyer)
    request_page = reader.get(job.get_absolute_url(), **SPANISH).content.decode()
    assert laser in request_page and "Laser cutting" not in request_page
