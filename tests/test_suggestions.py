"""A resident suggests a workshop she knows; staff review it; an accepted one is listed as
"suggested by neighbours, not yet confirmed", takes no requests, and its owner claims it by
an emailed invitation or a claim staff check."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from orders import selectors
from orders import services as order_services
from orders.models import Lead
from producers import services, suggestions
from producers.models import Capability, ClaimRequest, Membership, Producer, Suggestion

from .factories import PORTLAND, UserFactory, make_portland, make_producer, make_request

pytestmark = pytest.mark.django_db

SUGGEST = "/suggest/"
QUEUE = "/review/suggestions/"
MARK = "Suggested by neighbours, not yet confirmed"


@pytest.fixture
def catalogue(db):
    services.catalogue_load()
    make_portland()


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _suggest(client, **fields):
    data = {
        "name": "Back Lot Laser",
        "capabilities": [Capability.objects.get(slug="laser-cutting").pk],
        "place": "Portland, OR",
        "contact_email": "",
        "note": "Behind the bakery; I saw a laser cutter through the door.",
    }
    return client.post(SUGGEST, data | fields)


def _listed(staff, **fields) -> Producer:
    suggestion = suggestions.suggestion_create(
        by=UserFactory(name="Nia Neighbour"),
        name="Back Lot Laser",
        capabilities=Capability.objects.filter(slug="laser-cutting"),
        place="Portland, OR",
        place_label="Portland, OR, US",
        **(PORTLAND | fields),
    )
    return suggestions.suggestion_accept(suggestion=suggestion, by=staff)


def test_a_resident_suggests_a_workshop_she_knows(client, buyer, catalogue):
    client.force_login(buyer)
    assert "Suggest a workshop" in _text(client.get(SUGGEST))

    response = _suggest(client, contact_email="Shop@Example.com")

    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.name, suggestion.suggested_by, suggestion.status) == (
        "Back Lot Laser",
        buyer,
        "pending",
    )
    assert suggestion.contact_email == "shop@example.com"
    assert suggestion.place_label and suggestion.lat == pytest.approx(PORTLAND["lat"])
    assert [c.slug for c in suggestion.capabilities.all()] == ["laser-cutting"]
    assert not Producer.objects.exists()  # nothing is listed before staff look


def test_a_place_we_cannot_find_comes_back_with_a_message_and_what_was_typed(
    client, buyer, catalogue
):
    client.force_login(buyer)
    response = _suggest(client, place="Nowhere Special", name="Hidden Forge")
    page = _text(response)
    assert response.status_code == 200
    assert "We could not find this place." in page
    assert 'value="Hidden Forge"' in page and 'value="Nowhere Special"' in page
    assert not Suggestion.objects.exists()


def test_suggestions_are_posting_limited(client, buyer, catalogue, settings):
    settings.POSTING_LIMITS = settings.POSTING_LIMITS | {"suggestions": "2/d"}
    client.force_login(buyer)
    statuses = [_suggest(client, name=f"Shop {n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Suggestion.objects.count() == 2


def test_only_staff_see_the_review_page_everyone_else_gets_404(client, buyer, staff, catalogue):
    client.force_login(buyer)
    _suggest(client)
    suggestion = Suggestion.objects.get()
    assert client.get(QUEUE).status_code == 404
    assert (
        client.post(
            reverse("producers:suggestion_decide", args=[suggestion.pk]), {"decision": "accept"}
        ).status_code
        == 404
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"

    client.force_login(staff)
    page = _text(client.get(QUEUE))
    assert "Back Lot Laser" in page and "Behind the bakery" in page


def test_the_review_page_costs_the_same_queries_for_one_or_many(
    client, buyer, staff, catalogue, django_assert_max_num_queries
):
    client.force_login(buyer)
    _suggest(client)
    client.force_login(staff)
    with django_assert_max_num_queries(8) as one:
        client.get(QUEUE)
    first = len(one)
    client.force_login(buyer)
    for n in range(5):
        _suggest(client, name=f"Shop {n}")
    client.force_login(staff)
    with django_assert_max_num_queries(first):
        assert "Shop 4" in _text(client.get(QUEUE))


def test_accepted_it_is_listed_unclaimed_marked_on_its_profile_and_card_and_takes_no_requests(
    client, buyer, staff, catalogue
):
    client.force_login(buyer)
    _suggest(client, contact_email="secret-forge@example.com")
    client.force_login(staff)
    client.post(
        reverse("producers:suggestion_decide", args=[Suggestion.objects.get().pk]),
        {"decision": "accept"},
    )

    producer = Producer.objects.get(name="Back Lot Laser")
    assert producer.is_unclaimed and producer.is_published
    assert not producer.accepts_custom_jobs and not producer.memberships.exists()
    assert Suggestion.objects.get().producer == producer

    client.force_login(buyer)
    profile = _text(client.get(producer.get_absolute_url()))
    assert MARK in profile
    assert "Is this your workshop? Claim it" in profile
    assert "Request a quote" not in profile
    assert "application/ld+json" not in profile  # nothing unconfirmed told to search engines
    card = _text(client.get("/search/", {"capability": "laser-cutting"}))
    assert "Back Lot Laser" in card and MARK in card
    assert "ready in about" not in card  # no lead time nobody stated
    # What the resident told staff stays with staff.
    for page in (profile, card):
        assert "secret-forge@example.com" not in page and "Behind the bakery" not in page


def test_the_one_match_definition_never_reaches_an_unclaimed_listing(staff, buyer, catalogue):
    unclaimed = _listed(staff)
    claimed = make_producer(UserFactory(), name="Owned Laser", **PORTLAND)
    capability = Capability.objects.get(slug="laser-cutting")
    claimed.producer_capabilities.update(capability=capability)

    job = make_request(buyer, capability=capability)

    matched = set(
        selectors.matching_rows(
            capability_ids=[capability.pk], radius_km=25, **PORTLAND
        ).values_list("producer_id", flat=True)
    )
    assert matched == {claimed.pk}
    assert set(Lead.objects.filter(job_request=job).values_list("producer", flat=True)) == {
        claimed.pk
    }
    assert not selectors.producer_sees(job, unclaimed)
    with pytest.raises(order_services.TransitionError, match="nobody has claimed it"):
        order_services.request_invite(job=job, producer=unclaimed, by=buyer)
    assert not Lead.objects.filter(producer=unclaimed).exists()


def test_the_request_form_will_not_invite_an_unclaimed_listing(client, buyer, staff, catalogue):
    unclaimed = _listed(staff)
    client.force_login(buyer)
    page = _text(client.get(f"/requests/new/?invite={unclaimed.slug}"))
    assert f'value="{unclaimed.slug}"' not in page


def test_the_database_refuses_an_unclaimed_listing_that_takes_jobs_or_is_verified(staff, catalogue):
    producer = _listed(staff)
    for change in (
        {"accepts_custom_jobs": True},
        {"verified": True, "verified_at": timezone.now()},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Producer.objects.filter(pk=producer.pk).update(**change)
    owned = make_producer(UserFactory(), name="Owned")
    with pytest.raises(IntegrityError), transaction.atomic():
        Producer.objects.filter(pk=owned.pk).update(claimed_at=timezone.now())


def test_the_owner_claims_it_through_the_emailed_invitation(
    client, staff, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        producer = _listed(staff, contact_email="forge@example.com")
    (email,) = mail.outbox
    assert email.to == ["forge@example.com"]
    assert email.subject == "Neighbours suggested Back Lot Laser on Hubdir: is it yours?"
    path = re.search(r"(/invitations/[^/\s]+/)", email.body)[1]

    owner = UserFactory(email="forge@example.com", name="Fern Forge")
    client.force_login(owner)
    assert "accept to claim the listing" in _text(client.get(path))
    client.post(path, {"answer": "accept"})

    producer.refresh_from_db()
    assert producer.claimed_at is not None and not producer.is_unclaimed
    assert Membership.objects.get(producer=producer).user == owner
    assert MARK not in _text(client.get(producer.get_absolute_url()))


def test_a_claim_staff_check_makes_the_claimant_the_owner_and_turns_the_others_down(
    client, staff, catalogue, django_capture_on_commit_callbacks
):
    producer = _listed(staff)
    fern, fake = UserFactory(name="Fern Forge"), UserFactory(name="Fay Faker")
    for person, note in ((fern, "I run it; call the number on the door."), (fake, "Mine!")):
        client.force_login(person)
        response = client.post(reverse("producers:claim", args=[producer.slug]), {"note": note})
        assert response.status_code == 302
    again = client.post(reverse("producers:claim", args=[producer.slug]), {"note": "Mine, again"})
    assert "You asked already" in _text(again)
    assert ClaimRequest.objects.count() == 2

    client.force_login(staff)
    assert "I run it; call the number on the door." in _text(client.get(QUEUE))
    claim = ClaimRequest.objects.get(user=fern)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("producers:claim_decide", args=[claim.pk]), {"decision": "approve"})

    producer.refresh_from_db()
    assert producer.claimed_at is not None
    assert list(producer.memberships.values_list("user", "role")) == [(fern.pk, "owner")]
    assert ClaimRequest.objects.get(user=fake).status == "rejected"
    assert sorted(m.subject for m in mail.outbox) == [
        "Back Lot Laser is yours on Hubdir",
        "Your claim of Back Lot Laser on Hubdir",
    ]
    client.force_login(fake)
    assert client.get(reverse("producers:claim", args=[producer.slug])).status_code == 404


def test_a_rejected_suggestion_lists_nothing(client, buyer, staff, catalogue):
    client.force_login(buyer)
    _suggest(client)
    client.force_login(staff)
    suggestion = Suggestion.objects.get()
    client.post(
        reverse("producers:suggestion_decide", args=[suggestion.pk]),
        {"decision": "reject", "reason": "A private garage."},
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reason, suggestion.producer) == (
        "rejected",
        "A private garage.",
        None,
    )
    assert not Producer.objects.exists()
    assert "No suggestion is waiting." in _text(client.get(QUEUE))


def test_every_card_of_an_unclaimed_listing_says_so(client, staff, catalogue):
    _listed(staff)
    owned = make_producer(UserFactory(), name="Owned Laser", **PORTLAND)
    owned.producer_capabilities.update(capability=Capability.objects.get(slug="laser-cutting"))

    nearby = _text(client.get(owned.get_absolute_url()))
    by_capability = _text(client.get("/capabilities/laser-cutting/"))

    for page in (nearby, by_capability):
        assert "Back Lot Laser" in page
        assert page.count(MARK) == 1


def test_extra_fields_in_a_suggestion_or_a_claim_change_nothing_they_should_not(
    client, buyer, staff, catalogue
):
    listed = _listed(staff)
    client.force_login(buyer)
    extra = {
        "status": "accepted",
        "producer": listed.pk,
        "decided_by": staff.pk,
        "suggested_by": staff.pk,
    }
    _suggest(client, name="Sneaky Shop", **extra)
    sneaky = Suggestion.objects.get(name="Sneaky Shop")
    assert (sneaky.status, sneaky.producer, sneaky.decided_by, sneaky.suggested_by) == (
        "pending",
        None,
        None,
        buyer,
    )

    client.post(
        reverse("producers:claim", args=[listed.slug]),
        {"note": "Mine", "status": "approved", "user": staff.pk},
    )
    claim = ClaimRequest.objects.get()
    assert (claim.status, claim.user) == ("pending", buyer)
    listed.refresh_from_db()
    assert listed.is_unclaimed and not listed.memberships.exists()
