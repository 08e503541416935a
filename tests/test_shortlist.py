"""A buyer shortlists workshops from their profiles and the search results (a plain form;
htmx swaps the button in place), sees the list, and invites it to quote in one step."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from producers import saved, services
from producers.models import Favourite, Producer

from .factories import PORTLAND, make_portland, make_producer, with_capabilities

pytestmark = pytest.mark.django_db

SHORTLIST = "/shortlist/"


@pytest.fixture
def catalogue(db):
    services.catalogue_load()
    make_portland()


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _laser(owner, name: str, **fields) -> Producer:
    return with_capabilities(
        make_producer(owner, name=name, **(PORTLAND | fields)), "laser-cutting"
    )


def _toggle(client, producer, action, **extra):
    return client.post(
        reverse("producers:favourite", args=[producer.slug]), {"action": action, **extra}
    )


def test_a_buyer_shortlists_a_workshop_from_its_profile_without_javascript(
    client, buyer, owner, catalogue
):
    kerf = _laser(owner, "Kerf Laser")
    client.force_login(buyer)
    profile = _text(client.get(kerf.get_absolute_url()))
    assert "☆ Shortlist" in profile

    response = _toggle(client, kerf, "add", next=kerf.get_absolute_url())

    assert response.status_code == 302 and response["Location"] == kerf.get_absolute_url()
    assert Favourite.objects.filter(user=buyer, producer=kerf).exists()
    after = _text(client.get(kerf.get_absolute_url()))
    assert "Kerf Laser is on your shortlist." in after
    assert 'aria-pressed="true"' in after and "★ On your shortlist" in after


def test_with_htmx_the_button_swaps_in_place_and_a_second_add_changes_nothing(
    client, buyer, owner, catalogue
):
    kerf = _laser(owner, "Kerf Laser")
    client.force_login(buyer)

    for _ in range(2):
        fragment = client.post(
            reverse("producers:favourite", args=[kerf.slug]),
            {"action": "add"},
            headers={"HX-Request": "true"},
        )
    assert "<html" not in fragment.content.decode()
    assert "★ On your shortlist" in _text(fragment)
    assert Favourite.objects.filter(user=buyer, producer=kerf).count() == 1

    removed = client.post(
        reverse("producers:favourite", args=[kerf.slug]),
        {"action": "remove"},
        headers={"HX-Request": "true"},
    )
    assert "☆ Shortlist" in _text(removed)
    assert not Favourite.objects.filter(user=buyer).exists()


def test_an_unsafe_next_goes_back_to_the_profile_instead(client, buyer, owner, catalogue):
    kerf = _laser(owner, "Kerf Laser")
    client.force_login(buyer)
    response = _toggle(client, kerf, "add", next="//evil.example/")
    assert response["Location"] == kerf.get_absolute_url()


def test_a_draft_cannot_be_shortlisted_and_signed_out_people_are_asked_to_log_in(
    client, buyer, owner, catalogue
):
    draft = _laser(owner, "Draft Laser", status="draft")
    assert _toggle(client, draft, "add").status_code == 302  # to log in
    client.force_login(buyer)
    assert _toggle(client, draft, "add").status_code == 404
    assert client.get(reverse("producers:favourite", args=[draft.slug])).status_code == 405
    assert not Favourite.objects.exists()


def test_the_search_results_show_which_workshops_are_on_the_shortlist_in_constant_queries(
    client, buyer, owner, catalogue, django_assert_max_num_queries
):
    shops = [_laser(owner, f"Shop {i:02}") for i in range(12)]
    client.force_login(buyer)
    saved.favourite_add(user=buyer, producer=shops[0])
    params = {"capability": "laser-cutting"}
    client.get("/search/", params)  # warm the catalogue cache

    with django_assert_max_num_queries(10) as one:
        page = _text(client.get("/search/", params))
    first = len(one)
    assert page.count("★ On your shortlist") == 1 and page.count("☆ Shortlist") == 11
    for shop in shops[1:]:
        saved.favourite_add(user=buyer, producer=shop)
    with django_assert_max_num_queries(first):
        page = _text(client.get("/search/", params))
    assert page.count("★ On your shortlist") == 12


def test_the_cached_search_page_shows_a_shortlist_change_at_once(
    client, buyer, owner, catalogue, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_CACHE_SECONDS = 60
    kerf = _laser(owner, "Kerf Laser")
    client.force_login(buyer)
    params = {"capability": "laser-cutting"}
    assert "☆ Shortlist" in _text(client.get("/search/", params))

    with django_capture_on_commit_callbacks(execute=True):
        _toggle(client, kerf, "add")

    assert "★ On your shortlist" in _text(client.get("/search/", params))


def test_the_shortlist_page_lists_the_workshops_and_invites_them_in_one_step(
    client, buyer, owner, catalogue, django_assert_max_num_queries
):
    kerf, grain = _laser(owner, "Kerf Laser"), _laser(owner, "Grain Laser")
    no_jobs = _laser(owner, "No Custom Jobs", accepts_custom_jobs=False)
    for producer in (kerf, grain, no_jobs):
        saved.favourite_add(user=buyer, producer=producer)
    client.force_login(buyer)

    with django_assert_max_num_queries(8):
        page = _text(client.get(SHORTLIST))

    for name in ("Kerf Laser", "Grain Laser", "No Custom Jobs"):
        assert name in page
    assert "Not invited, as they take no requests yet: No Custom Jobs." in page
    link = re.search(r'href="(/requests/new/\?[^"]+)"[^>]*>Invite my shortlist to quote', page)[1]
    form = _text(client.get(link.replace("&amp;", "&")))
    # Both preselected, and the request is for the invited workshops only.
    for producer in (kerf, grain):
        assert re.search(
            rf'<input type="checkbox" name="invite" value="{producer.slug}"[^>]*checked', form
        )
    assert "no-custom-jobs" not in form
    assert re.search(r'name="visibility" value="invited"[^>]*checked', form)


def test_the_shortlist_page_costs_the_same_queries_for_two_or_twelve(
    client, buyer, owner, catalogue, django_assert_max_num_queries
):
    shops = [_laser(owner, f"Shop {i:02}") for i in range(12)]
    client.force_login(buyer)
    for shop in shops[:2]:
        saved.favourite_add(user=buyer, producer=shop)
    with django_assert_max_num_queries(8) as two:
        client.get(SHORTLIST)
    first = len(two)
    for shop in shops[2:]:
        saved.favourite_add(user=buyer, producer=shop)
    with django_assert_max_num_queries(first):
        page = _text(client.get(SHORTLIST))
    # A request invites at most ten at once; the page says so.
    assert "invite the first 10" in page and "2 more can be invited from their profiles" in page


def test_a_shortlist_holds_at_most_the_cap(client, buyer, owner, catalogue, monkeypatch):
    monkeypatch.setattr(saved, "FAVOURITES_PER_PERSON", 1)
    kerf, grain = _laser(owner, "Kerf Laser"), _laser(owner, "Grain Laser")
    client.force_login(buyer)
    _toggle(client, kerf, "add")

    refused = client.post(
        reverse("producers:favourite", args=[grain.slug]),
        {"action": "add"},
        headers={"HX-Request": "true"},
    )

    assert "Your shortlist holds 1 workshops, the most it can: remove one first." in _text(refused)
    assert list(Favourite.objects.filter(user=buyer).values_list("producer", flat=True)) == [
        kerf.pk
    ]


def test_nobody_sees_another_persons_shortlist(client, buyer, outsider, owner, catalogue):
    saved.favourite_add(user=buyer, producer=_laser(owner, "Kerf Laser"))
    client.force_login(outsider)
    assert "Kerf Laser" not in _text(client.get(SHORTLIST))
    client.logout()
    assert client.get(SHORTLIST).status_code == 302
