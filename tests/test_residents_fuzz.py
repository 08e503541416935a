"""Hostile input in the saved-search, shortlist, suggestion and claim forms: never a 500,
never a half-saved object, never a reflected script."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from producers import services, suggestions
from producers.models import Capability, ClaimRequest, Favourite, SavedSearch, Suggestion

from .factories import PORTLAND, UserFactory, make_portland
from .test_orders_fuzz import FUZZ, NASTY, _clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(settings, staff):
    # Hypothesis runs many examples in one test; the posting limits are tested elsewhere.
    settings.POSTING_LIMITS = {k: "10000/h" for k in settings.POSTING_LIMITS}
    services.catalogue_load()
    make_portland()
    suggestion = suggestions.suggestion_create(
        by=UserFactory(),
        name="Back Lot Laser",
        capabilities=Capability.objects.filter(slug="laser-cutting"),
        place="Portland, OR",
        place_label="Portland, OR, US",
        **PORTLAND,
    )
    return suggestions.suggestion_accept(suggestion=suggestion, by=staff)


def _check(response) -> None:
    assert response.status_code in (200, 302, 400, 404), response.status_code
    assert b"<script>alert(1)</script>" not in response.content


@FUZZ
@given(
    values=st.fixed_dictionaries(
        {n: NASTY for n in ("q", "place", "capability", "radius", "query", "name", "frequency")}
    )
)
def test_saving_a_search_never_fails_on_hostile_input(client, buyer, town, values):
    client.force_login(buyer)
    values = {k: _clean(v) for k, v in values.items()}
    _check(client.get(reverse("producers:saved_search_new"), values))
    before = SavedSearch.objects.count()
    response = client.post(reverse("producers:saved_search_new"), values)
    _check(response)
    assert SavedSearch.objects.count() in (before, before + 1)


@FUZZ
@given(
    values=st.fixed_dictionaries(
        {n: NASTY for n in ("name", "capabilities", "place", "contact_email", "note")}
    )
)
def test_suggesting_a_workshop_never_fails_on_hostile_input(client, buyer, town, values):
    client.force_login(buyer)
    before = Suggestion.objects.count()
    _check(client.post(reverse("producers:suggest"), {k: _clean(v) for k, v in values.items()}))
    assert Suggestion.objects.count() in (before, before + 1)


@FUZZ
@given(note=NASTY, action=NASTY, next_url=NASTY)
def test_claiming_and_shortlisting_never_fail_on_hostile_input(
    client, buyer, town, note, action, next_url
):
    client.force_login(buyer)
    _check(client.post(reverse("producers:claim", args=[town.slug]), {"note": _clean(note)}))
    assert ClaimRequest.objects.filter(user=buyer).count() <= 1
    response = client.post(
        reverse("producers:favourite", args=[town.slug]),
        {"action": _clean(action), "next": _clean(next_url)},
    )
    _check(response)
    if response.status_code == 302:
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    assert Favourite.objects.filter(user=buyer).count() <= 1
