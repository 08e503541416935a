"""A hub decides who is in it: joining is a request its managers accept or decline."""

from __future__ import annotations

import pytest
from django.core import mail

from producers.models import HubJoinRequest, ListingChange, Producer

from .factories import make_hub, make_producer
from .test_listing_rereview import _details

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(owner):
    return make_hub(
        owner,
        name="Foster Works",
        address_line="9000 SE Foster Rd",
        town="Portland",
        # A street from the producer's own pin: joining is not a move.
        lat=45.5170,
        lng=-122.6290,
    )


@pytest.fixture
def stranger(outsider):
    return make_producer(outsider, name="Stranger Fab", address_line="1 Own St")


def _ask_to_join(client, outsider, stranger, hub):
    client.force_login(outsider)
    client.post(
        f"/for-workshops/producers/{stranger.slug}/",
        _details(stranger, hub=hub.pk, uses_hub_address="on"),
    )


def test_an_outsider_setting_a_hub_is_not_listed_there_and_cannot_use_its_address(
    client, outsider, stranger, hub, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask_to_join(client, outsider, stranger, hub)

    stranger.refresh_from_db()
    assert stranger.hub is None and not stranger.uses_hub_address
    assert stranger.address_line == "1 Own St" and stranger.lat == 45.5164
    assert HubJoinRequest.objects.get().status == "pending"
    assert "Stranger Fab asks to join Foster Works" in mail.outbox[-1].subject
    hub_page = client.get(hub.get_absolute_url()).content.decode()
    assert "Stranger Fab" not in hub_page
    assert "Foster Works" not in client.get(stranger.get_absolute_url()).content.decode()
    edit = client.get(f"/for-workshops/producers/{stranger.slug}/").content.decode()
    assert "Waiting for Foster Works:" in edit


def test_the_hub_owner_accepts_and_the_producer_is_listed_with_the_hub_address(
    client, owner, outsider, stranger, hub, django_capture_on_commit_callbacks
):
    _ask_to_join(client, outsider, stranger, hub)
    join = HubJoinRequest.objects.get()

    client.force_login(owner)
    members = client.get(f"/for-workshops/hub/{hub.slug}/members/").content.decode()
    assert "Producers asking to join" in members and "Stranger Fab" in members
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/for-workshops/hubs/{hub.slug}/join-requests/{join.pk}/", {"answer": "accept"}
        )

    stranger.refresh_from_db()
    assert stranger.hub == hub and stranger.uses_hub_address
    assert (stranger.address_line, stranger.lat) == ("9000 SE Foster Rd", 45.5170)
    assert "Stranger Fab" in client.get(hub.get_absolute_url()).content.decode()
    assert "accepted Stranger Fab" in mail.outbox[-1].subject


def test_accepting_a_producer_into_a_far_hub_sends_the_move_to_staff_first(
    client, owner, outsider, stranger, staff
):
    far = make_hub(owner, name="Gresham Yard", town="Gresham", lat=45.4983, lng=-122.4302)
    _ask_to_join(client, outsider, stranger, far)
    client.force_login(owner)
    client.post(
        f"/for-workshops/hubs/{far.slug}/join-requests/{HubJoinRequest.objects.get().pk}/",
        {"answer": "accept"},
    )
    stranger.refresh_from_db()
    assert stranger.hub is None and stranger.town == "Portland"
    change = ListingChange.objects.get(producer=stranger, status="pending")
    assert change.fields["hub"] == far.pk and change.fields["town"] == "Gresham"

    # Saving the details again keeps the accepted hub waiting for staff, not a new request.
    client.force_login(outsider)
    # The form shows the waiting values, so a save posts them back.
    page = client.get(f"/for-workshops/producers/{stranger.slug}/").content.decode()
    assert 'value="Gresham"' in page
    client.post(
        f"/for-workshops/producers/{stranger.slug}/",
        _details(stranger, hub=far.pk, uses_hub_address="on", tagline="New tagline"),
    )
    assert HubJoinRequest.objects.filter(status="pending").count() == 0
    change = ListingChange.objects.get(producer=stranger, status="pending")
    assert change.fields["hub"] == far.pk

    client.force_login(staff)
    client.post(f"/review/changes/{change.pk}/", {"decision": "approve"})
    stranger.refresh_from_db()
    assert stranger.hub == far and stranger.town == "Gresham"


def test_the_hub_owner_declines_and_the_producer_stays_out(
    client, owner, outsider, stranger, hub, django_capture_on_commit_callbacks
):
    _ask_to_join(client, outsider, stranger, hub)
    join = HubJoinRequest.objects.get()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/for-workshops/hubs/{hub.slug}/join-requests/{join.pk}/", {"answer": "decline"}
        )
    stranger.refresh_from_db()
    assert stranger.hub is None
    join.refresh_from_db()
    assert join.status == "declined"
    assert "declined Stranger Fab" in mail.outbox[-1].subject
    client.logout()
    assert "Stranger Fab" not in client.get(hub.get_absolute_url()).content.decode()


def test_only_the_hub_owner_may_answer(client, outsider, stranger, hub):
    _ask_to_join(client, outsider, stranger, hub)
    join = HubJoinRequest.objects.get()
    response = client.post(
        f"/for-workshops/hubs/{hub.slug}/join-requests/{join.pk}/", {"answer": "accept"}
    )
    assert response.status_code == 404
    join.refresh_from_db()
    assert join.status == "pending"
    assert Producer.objects.get(pk=stranger.pk).hub is None


def test_a_draft_joins_a_hub_its_owner_manages_at_once(client, owner, hub):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    client.post(f"/for-workshops/producers/{producer.slug}/", _details(producer, hub=hub.pk))
    producer.refresh_from_db()
    assert producer.hub == hub
    assert not HubJoinRequest.objects.exists()


def test_the_hub_owner_removes_a_tenant_who_loses_the_hub_address(
    client, owner, outsider, stranger, hub, django_capture_on_commit_callbacks
):
    _ask_to_join(client, outsider, stranger, hub)
    client.force_login(owner)
    join = HubJoinRequest.objects.get()
    client.post(f"/for-workshops/hubs/{hub.slug}/join-requests/{join.pk}/", {"answer": "accept"})
    members = client.get(f"/for-workshops/hub/{hub.slug}/members/").content.decode()
    assert "Producers in this hub" in members and "Stranger Fab" in members

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/for-workshops/hubs/{hub.slug}/tenants/{stranger.pk}/remove/")
    stranger.refresh_from_db()
    assert stranger.hub is None and not stranger.uses_hub_address
    assert stranger.address_line == ""
    assert "no longer listed in Foster Works" in mail.outbox[-1].subject
    client.logout()
    assert "Stranger Fab" not in client.get(hub.get_absolute_url()).content.decode()


def test_only_the_hub_owner_may_remove_a_tenant(client, owner, outsider, hub):
    tenant = make_producer(owner, name="Tenant Co", hub=hub, uses_hub_address=True)
    client.force_login(outsider)
    response = client.post(f"/for-workshops/hubs/{hub.slug}/tenants/{tenant.pk}/remove/")
    assert response.status_code == 404
    assert Producer.objects.get(pk=tenant.pk).hub == hub
