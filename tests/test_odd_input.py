"""Odd input the attack found: a digit that is not ASCII, a NUL byte, a carriage return.
Each gets a clear answer, never a 500, and never a silently dropped email."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from orders.models import JobRequest, Lead

from .factories import make_market, make_portland, make_request

pytestmark = pytest.mark.django_db

# "²".isdigit() is True and int("²") raises: the kind of value that slips past a digit check.
SUPERSCRIPT_TWO = "²"


@pytest.fixture
def market():
    make_portland()
    return make_market()


def test_live_count_treats_a_superscript_digit_as_no_choice(client, market):
    client.force_login(market.buyer)
    response = client.get(
        reverse("orders:request_matches"),
        {
            "capability": SUPERSCRIPT_TWO,
            "second_capability": SUPERSCRIPT_TWO,
            "material": SUPERSCRIPT_TWO,
            "radius_km": SUPERSCRIPT_TWO,
            "place": "Portland, OR",
        },
    )
    assert response.status_code == 200


def test_request_form_refuses_a_superscript_digit_beside_the_field(client, market):
    client.force_login(market.buyer)
    response = client.post(
        reverse("orders:request_create"),
        {
            "title": "Coasters",
            "description": "Round ones.",
            "capability": SUPERSCRIPT_TWO,
            "second_capability": SUPERSCRIPT_TWO,
            "material": SUPERSCRIPT_TWO,
            "quantity": SUPERSCRIPT_TWO,
            "needed_by": (timezone.localdate() + timedelta(days=20)).isoformat(),
            "place": "Portland, OR",
            "handover": "pickup",
            "radius_km": SUPERSCRIPT_TWO,
            "visibility": "open",
            "invite": SUPERSCRIPT_TWO,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert JobRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("request_value", "producer_value"),
    [
        (SUPERSCRIPT_TWO, "kerf-laser"),
        ("real", "\x00"),
        ("real", "kerf\x00laser"),
        ("real", SUPERSCRIPT_TWO),
    ],
)
def test_invite_from_a_profile_answers_404_for_odd_values(
    client, market, request_value, producer_value
):
    job = make_request(market.buyer)
    client.force_login(market.buyer)
    response = client.post(
        reverse("orders:request_invite"),
        {
            "request": str(job.pk) if request_value == "real" else request_value,
            "producer": producer_value,
        },
    )
    assert response.status_code == 404
    assert not Lead.objects.filter(job_request=job, invited=True).exists()


def test_invite_from_a_profile_still_invites_a_real_workshop(client, market):
    job = make_request(market.buyer)
    client.force_login(market.buyer)
    response = client.post(
        reverse("orders:request_invite"),
        {"request": str(job.pk), "producer": market.invited.slug},
    )
    assert response.status_code == 302
    assert Lead.objects.filter(job_request=job, producer=market.invited, invited=True).exists()


@pytest.mark.parametrize("title", ["Boxes\rwith our logo", "Boxes\r\nwith our logo", "Boxes\x85ok"])
def test_a_carriage_return_in_a_request_title_does_not_drop_the_emails(
    market, django_capture_on_commit_callbacks, title
):
    with django_capture_on_commit_callbacks(execute=True):
        job = make_request(market.buyer, title=title)
    assert [m.to for m in mail.outbox] == [[market.matching_owner.email]]
    subject = mail.outbox[0].subject
    assert "\r" not in subject and "\n" not in subject
    assert "Boxes" in subject
    # The message renders and serialises: what a mail server would be handed.
    assert mail.outbox[0].message().as_bytes()
    assert job.get_absolute_url() in mail.outbox[0].body


def test_a_request_title_sent_over_two_lines_is_saved_as_one(client, market):
    client.force_login(market.buyer)
    response = client.post(
        reverse("orders:request_create"),
        {
            "title": "Boxes\r\nwith our logo",
            "description": "Kraft, 20 cm.",
            "capability": market.matching.capabilities.first().pk,
            "quantity": "50",
            "needed_by": (timezone.localdate() + timedelta(days=20)).isoformat(),
            "place": "Portland, OR",
            "handover": "pickup",
            "radius_km": "25",
            "visibility": "open",
            "action": "publish",
        },
    )
    assert response.status_code == 302
    assert JobRequest.objects.get().title == "Boxes with our logo"
