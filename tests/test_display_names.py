"""People are shown to each other by a display name, never by their email address."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from hubdir.accounts.models import User
from orders import services
from orders.models import Notification

from .factories import PASSWORD, UserFactory, make_market, make_quote, make_request

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"


def _sign_up(client, email: str, name: str) -> User:
    response = client.post(
        SIGNUP, {"email": email, "name": name, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()
    client.logout()
    return User.objects.get(email=email)


def _busy_buyer(buyer: User, market) -> dict:
    """The buyer posts a request, messages the matching workshop, gets an order, reviews it."""
    job = make_request(buyer, title="Walnut coasters")
    quote = make_quote(job, market.matching)
    services.message_send(
        job=job, producer=market.matching, by=buyer, from_buyer=True, body="Walnut, please."
    )
    order = services.quote_accept(quote=quote, by=buyer)
    services.order_mark_ready(order=order, by=market.matching_owner)
    services.order_complete(order=order, by=buyer)
    services.review_create(
        order=order, by=buyer, quality=5, speed=4, communication=5, text="Lovely work."
    )
    # An open request too: the board and the request page show it to the workshop.
    open_job = make_request(buyer, title="Brass name plates")
    return {"job": job, "open_job": open_job, "order": order}


def _pages_others_reach(client, market, things) -> dict[str, str]:
    pages = {}
    client.logout()
    for url in [
        "/",
        market.matching.get_absolute_url(),
        "/search/?q=laser",
        "/sitemap.xml",
        "/catalogue/",
    ]:
        pages[f"anonymous {url}"] = client.get(url).content.decode()
    client.force_login(market.matching_owner)
    for url in [
        things["order"].get_absolute_url(),
        reverse("orders:thread", args=[things["job"].pk, market.matching.slug]),
        things["open_job"].get_absolute_url(),
        reverse("orders:board") + "?fit=all",
        reverse("orders:notifications"),
        reverse("orders:dashboard"),
        reverse("producers:owner_dashboard"),
        market.matching.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[f"producer {url}"] = response.content.decode()
    client.force_login(market.staff)
    pages["staff review queue"] = client.get("/review/").content.decode()
    return pages


@pytest.mark.parametrize("kind", ["signed up with a name", "older account with no name"])
def test_a_buyers_email_address_is_on_no_page_or_email_anyone_else_gets(
    client, kind, django_capture_on_commit_callbacks
):
    market = make_market()
    address = "zora.quillfeather.7731@example.net"
    with django_capture_on_commit_callbacks(execute=True):
        if kind == "signed up with a name":
            buyer = _sign_up(client, address, "Zora Q.")
            shown = "Zora Q."
        else:
            buyer = UserFactory(email=address, name="")
            shown = "A Hubdir member"
        things = _busy_buyer(buyer, market)

    local_part = address.split("@")[0]
    pages = _pages_others_reach(client, market, things)
    for where, text in pages.items():
        assert local_part not in text, where
    # The workshop sees who it deals with by the name chosen, or the neutral fallback.
    for where in (
        f"producer {things['order'].get_absolute_url()}",
        f"producer {reverse('orders:thread', args=[things['job'].pk, market.matching.slug])}",
        f"anonymous {market.matching.get_absolute_url()}",
    ):
        assert shown in pages[where], where

    to_others = [m for m in mail.outbox if m.to != [address]]
    assert to_others, "the workshop was emailed about the request, the message and the order"
    for message in to_others:
        assert local_part not in message.subject + message.body, message.subject
    message_mail = [m for m in to_others if "Walnut, please." in m.body]
    assert message_mail and shown in message_mail[0].subject
    titles = Notification.objects.filter(user=market.matching_owner).values_list("title", flat=True)
    assert all(local_part not in title for title in titles)


def test_an_inviter_is_named_by_display_name_in_the_invitation_and_its_page(
    client, django_capture_on_commit_callbacks
):
    from producers import services as listing_services

    from .factories import make_producer

    inviter = UserFactory(email="quinn.larkspur.88@example.net", name="")
    producer = make_producer(inviter)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = listing_services.membership_invite(
            listing=producer, email="new.helper@example.com", role="member", by=inviter
        )
    assert "quinn.larkspur" not in mail.outbox[-1].subject + mail.outbox[-1].body
    assert "A Hubdir member invited you" in mail.outbox[-1].body
    helper = UserFactory(email="new.helper@example.com")
    client.force_login(helper)
    for url in [
        reverse("producers:invitation", args=[invitation.token]),
        reverse("producers:owner_dashboard"),
    ]:
        text = client.get(url).content.decode()
        assert "quinn.larkspur" not in text, url
        assert "A Hubdir member" in text, url


def test_a_tenant_listing_is_never_named_after_the_tenants_email(client, owner):
    from producers import services as listing_services
    from producers.models import Producer

    from .factories import make_hub

    hub = make_hub(owner)
    invitation = listing_services.membership_invite(
        listing=hub, email="tilly.moss.42@example.net", role="owner", by=owner, as_tenant=True
    )
    tenant = UserFactory(email="tilly.moss.42@example.net", name="")
    listing_services.invitation_accept(invitation=invitation, user=tenant)
    producer = Producer.objects.get(memberships__user=tenant)
    assert "tilly" not in producer.name.lower() and "tilly" not in producer.slug


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Rosa M.", "Rosa M."),
        ("  Sunrise Café  ", "Sunrise Café"),
        ("", "A Hubdir member"),
        ("rosa@example.com", "A Hubdir member"),
    ],
)
def test_display_name_is_the_chosen_name_or_a_neutral_fallback(name, shown):
    user = User(email="rosa.private@example.com", name=name)
    assert user.display_name() == str(user) == user.get_short_name() == shown
    assert "rosa.private" not in user.get_full_name()
