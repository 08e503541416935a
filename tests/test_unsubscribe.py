"""The unsubscribe link in every notification email works for a year, says so, and after
that explains itself and points to the email settings instead of failing."""

from __future__ import annotations

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from orders.services import unsubscribe_token

from .factories import make_market, make_portland, make_request

pytestmark = pytest.mark.django_db

SENT = "2026-01-10 09:00:00+00:00"


@pytest.fixture
def market():
    make_portland()
    return make_market()


def _link(user, kind="new_request"):
    with time_machine.travel(SENT, tick=False):
        token = unsubscribe_token(user, kind)
    return reverse("orders:unsubscribe", args=[token])


def test_the_email_says_the_link_works_for_a_year(market, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_request(market.buyer)
    footer = next(line for line in mail.outbox[0].body.splitlines() if "/unsubscribe/" in line)
    assert "the link works for a year" in footer


def test_a_link_just_under_a_year_old_still_unsubscribes(client, market):
    link = _link(market.matching_owner)
    with time_machine.travel("2027-01-09 09:00:00+00:00", tick=False):
        assert "Unsubscribe?" in client.get(link).content.decode()
        client.post(link)
    market.matching_owner.refresh_from_db()
    assert market.matching_owner.email_muted == ["new_request"]


def test_a_link_over_a_year_old_has_expired_and_changes_nothing(client, market):
    link = _link(market.matching_owner)
    with time_machine.travel("2027-01-11 09:00:00+00:00", tick=False):
        page = client.get(link)
        posted = client.post(link)
    for response in (page, posted):
        body = response.content.decode()
        assert response.status_code == 410
        assert "This link has expired" in body and "work for a year" in body
        assert reverse("orders:email_preferences") in body
    market.matching_owner.refresh_from_db()
    assert market.matching_owner.email_muted == []


def test_a_forged_link_is_still_not_found(client, market):
    assert client.get(reverse("orders:unsubscribe", args=["forged"])).status_code == 404
