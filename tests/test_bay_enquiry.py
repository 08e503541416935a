"""Asking about a bay: a signed-in person asks from the hub page, with the bay's rent and
lease terms in view; the hub's managers get it as a message in a conversation and a
notification, answer there, and nobody else can read it; posting-limited like messages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from orders.models import BayEnquiry, BayMessage, Notification
from producers.models import Bay, Membership

from .factories import make_hub

pytestmark = pytest.mark.django_db

TERMS = "20 m² · US$1,450 a month · minimum lease 6 months · available from Fri 1 Jan 2027"


@pytest.fixture
def hub(owner, member):
    hub = make_hub(owner)
    Membership.objects.create(user=member, hub=hub)
    return hub


@pytest.fixture
def bay(hub):
    return Bay.objects.create(
        hub=hub,
        name="Bay 3",
        size_sqm=20,
        monthly_price=Decimal("1450.00"),
        min_lease_months=6,
        available_from=date(2027, 1, 1),
    )


def _ask(client, bay, body="I make chairs; could I start in January?"):
    return client.post(reverse("orders:bay_enquiry_create", args=[bay.pk]), {"body": body})


def test_a_resident_asks_about_a_bay_and_the_hubs_managers_get_a_message_and_a_notification(
    client, buyer, owner, member, bay, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    page = client.get(bay.hub.get_absolute_url()).content.decode()
    assert "US$1,450 a month" in page and TERMS in page
    assert "Ask about Bay 3" in page and "Ask about this bay" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, bay)
    enquiry = BayEnquiry.objects.get()
    assert response.status_code == 302 and response["Location"] == enquiry.get_absolute_url()
    message = BayMessage.objects.get()
    assert (enquiry.bay, enquiry.enquirer, message.sender, message.from_enquirer) == (
        bay,
        buyer,
        buyer,
        True,
    )
    # The message says what was asked about, as it was offered.
    assert message.body == f"About Bay 3 ({TERMS}):\n\nI make chairs; could I start in January?"
    notes = Notification.objects.filter(kind=Notification.Kind.MESSAGE)
    assert sorted(n.user.email for n in notes) == [member.email, owner.email]
    assert {n.title for n in notes} == {"Message about Bay 3 at Division Makers from Bea Buyer"}
    assert {n.url for n in notes} == {enquiry.get_absolute_url()}
    assert sorted(m.to[0] for m in mail.outbox) == [member.email, owner.email]
    assert buyer.email not in mail.outbox[0].body

    thread = client.get(response["Location"]).content.decode()
    assert "Messages with Division Makers about Bay 3" in thread and TERMS in thread

    client.force_login(member)
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "Bea Buyer asks about Bay 3" in page and "could I start in January?" in page
    assert buyer.email not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(enquiry.get_absolute_url(), {"body": "Yes, come and see it."})
    reply = BayMessage.objects.latest("pk")
    assert (reply.sender, reply.from_enquirer) == (member, False)
    told = Notification.objects.get(user=buyer)
    assert told.title == "Message about Bay 3 at Division Makers from Division Makers"


def test_someone_signed_out_is_asked_to_log_in_and_nothing_is_sent(client, bay):
    page = client.get(bay.hub.get_absolute_url()).content.decode()
    assert "Log in to ask about this bay" in page and 'name="body"' not in page
    response = _ask(client, bay)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not BayEnquiry.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize("body", ["   ", "x" * 2001])
def test_an_empty_or_overlong_question_comes_back_with_the_error_and_the_text(
    client, buyer, bay, body
):
    client.force_login(buyer)
    response = _ask(client, bay, body)
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page or "at most 2000 characters" in page
    assert TERMS in page
    if body.strip():
        assert body in page
    assert not BayEnquiry.objects.exists() and not Notification.objects.exists()


def test_only_the_enquirer_and_the_hubs_managers_can_read_the_conversation(
    client, buyer, outsider, staff, bay
):
    client.force_login(buyer)
    enquiry = BayEnquiry.objects.get(pk=_ask(client, bay)["Location"].split("/")[-2])
    for person in (outsider, staff):
        client.force_login(person)
        assert client.get(enquiry.get_absolute_url()).status_code == 404
        assert client.post(enquiry.get_absolute_url(), {"body": "Hi"}).status_code == 404
    client.logout()
    assert client.get(enquiry.get_absolute_url()).status_code == 302
    assert BayMessage.objects.count() == 1


def test_a_let_bay_or_a_draft_hub_cannot_be_asked_about_and_managers_have_no_form(
    client, buyer, owner, bay
):
    client.force_login(owner)
    assert "Ask about this bay" not in client.get(bay.hub.get_absolute_url()).content.decode()
    assert _ask(client, bay).status_code == 404
    client.force_login(buyer)
    Bay.objects.filter(pk=bay.pk).update(status=Bay.Status.LET)
    assert _ask(client, bay).status_code == 404
    Bay.objects.filter(pk=bay.pk).update(status=Bay.Status.AVAILABLE)
    bay.hub.status = "draft"
    bay.hub.save(update_fields=["status"])
    assert _ask(client, bay).status_code == 404
    assert not BayEnquiry.objects.exists()


def test_asking_about_bays_counts_toward_the_message_limit(client, buyer, hub, bay, settings):
    settings.POSTING_LIMITS = settings.POSTING_LIMITS | {"messages": "2/d"}
    other = Bay.objects.create(hub=hub, name="Bay 4", size_sqm=9, monthly_price=Decimal("300"))
    client.force_login(buyer)
    statuses = [_ask(client, b).status_code for b in (bay, other, bay)]
    assert statuses == [302, 302, 429]
    assert BayMessage.objects.count() == 2
