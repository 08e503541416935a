"""Material edits of a published producer wait for staff; small ones publish at once."""

from __future__ import annotations

import pytest
from django.core import mail

from orders import selectors
from producers.models import Capability, ListingChange, Material, Producer

from .factories import PORTLAND, make_hub, make_producer

pytestmark = pytest.mark.django_db

NEW_YORK = {"lat": 40.7128, "lng": -74.0060}


def _details(producer: Producer, **overrides) -> dict:
    """The details form as the owner would post it, unchanged unless overridden."""
    data = {
        "name": producer.name,
        "tagline": producer.tagline,
        "description": producer.description,
        "services": producer.services,
        "customer_types": producer.customer_types,
        "accepts_custom_jobs": "on" if producer.accepts_custom_jobs else "",
        "made_on_site": producer.made_on_site,
        "resold": producer.resold,
        "hub": producer.hub_id or "",
        "uses_hub_address": "on" if producer.uses_hub_address else "",
        "address_line": producer.address_line,
        "town": producer.town,
        "region": producer.region,
        "postcode": producer.postcode,
        "country_code": producer.country_code,
        "lat": producer.lat,
        "lng": producer.lng,
        "time_zone": producer.time_zone,
        "website": producer.website,
        "phone": producer.phone,
        "public_email": producer.public_email,
    }
    return {k: v for k, v in (data | overrides).items() if v not in ("", None)}


def _reaches(producer: Producer, where: dict) -> bool:
    capability = producer.producer_capabilities.get().capability
    rows = selectors.matching_rows(capability_ids=[capability.pk], radius_km=25, **where)
    return rows.filter(producer=producer).exists()


def _found_near(client, producer: Producer, where: dict) -> bool:
    page = client.get("/search/", {"lat": where["lat"], "lng": where["lng"], "radius": 25})
    return producer.get_absolute_url() in page.content.decode()


def _move_to_new_york(client, owner, producer):
    client.force_login(owner)
    response = client.post(
        f"/for-workshops/producers/{producer.slug}/",
        _details(producer, town="New York", region="NY", **NEW_YORK),
        follow=True,
    )
    assert response.status_code == 200
    return ListingChange.objects.get(producer=producer, status="pending")


def test_a_pin_moved_to_new_york_waits_for_review_and_the_listing_stays_in_portland(client, owner):
    producer = make_producer(owner)
    _move_to_new_york(client, owner, producer)

    producer.refresh_from_db()
    assert (producer.town, producer.lat) == ("Portland", 45.5164)
    assert producer.status == "published"
    client.logout()
    profile = client.get(producer.get_absolute_url()).content.decode()
    assert "Portland" in profile and "New York" not in profile
    assert _found_near(client, producer, PORTLAND)
    assert not _found_near(client, producer, NEW_YORK)
    assert _reaches(producer, PORTLAND)
    assert not _reaches(producer, NEW_YORK)

    client.force_login(owner)
    page = client.get(f"/for-workshops/producers/{producer.slug}/").content.decode()
    assert "Waiting for review:" in page
    # The form keeps what the owner asked for.
    assert 'value="New York"' in page and 'value="40.7128"' in page


def test_staff_approve_the_move_and_the_listing_is_in_new_york(
    client, owner, staff, django_capture_on_commit_callbacks
):
    producer = make_producer(owner)
    change = _move_to_new_york(client, owner, producer)

    client.force_login(staff)
    queue = client.get("/review/").content.decode()
    assert f"/review/changes/{change.pk}/" in queue
    page = client.get(f"/review/changes/{change.pk}/").content.decode()
    assert "Portland" in page and "New York" in page  # the diff
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/review/changes/{change.pk}/", {"decision": "approve"})
    assert response.status_code == 302

    producer.refresh_from_db()
    assert (producer.town, producer.lat) == ("New York", NEW_YORK["lat"])
    change.refresh_from_db()
    assert change.status == "approved" and change.decided_by == staff
    client.logout()
    assert "New York" in client.get(producer.get_absolute_url()).content.decode()
    assert _found_near(client, producer, NEW_YORK)
    assert not _found_near(client, producer, PORTLAND)
    assert _reaches(producer, NEW_YORK)
    assert not _reaches(producer, PORTLAND)
    assert "is live" in mail.outbox[-1].subject


def test_staff_reject_the_move_with_a_reason_and_the_owner_is_told(
    client, owner, staff, django_capture_on_commit_callbacks
):
    producer = make_producer(owner)
    change = _move_to_new_york(client, owner, producer)

    client.force_login(staff)
    response = client.post(f"/review/changes/{change.pk}/", {"decision": "reject"})
    assert "This field is required." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/review/changes/{change.pk}/",
            {"decision": "reject", "reject-reason": "Show us the New York workshop first."},
        )
    change.refresh_from_db()
    assert change.status == "rejected"
    producer.refresh_from_db()
    assert producer.town == "Portland"
    assert _reaches(producer, PORTLAND) and not _reaches(producer, NEW_YORK)
    assert "Show us the New York workshop first." in mail.outbox[-1].body

    client.force_login(owner)
    page = client.get(f"/for-workshops/producers/{producer.slug}/").content.decode()
    assert "Staff did not approve your last change." in page
    assert "Show us the New York workshop first." in page
    assert 'value="Portland"' in page


def test_small_edits_and_a_short_move_publish_at_once(client, owner):
    producer = make_producer(owner)
    client.force_login(owner)
    client.post(
        f"/for-workshops/producers/{producer.slug}/",
        # About 300 m east.
        _details(producer, description="Now with a bigger laser.", lng=-122.626),
    )
    producer.refresh_from_db()
    assert producer.description == "Now with a bigger laser."
    assert producer.lng == -122.626
    assert not ListingChange.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "Kerf Laser Brooklyn"), ("made_on_site", "Everything, honestly.")],
)
def test_a_new_name_or_made_on_site_declaration_waits_while_small_edits_go_through(
    client, owner, field, value
):
    producer = make_producer(owner, made_on_site="Engraved signs.")
    client.force_login(owner)
    client.post(
        f"/for-workshops/producers/{producer.slug}/",
        _details(producer, **{field: value, "tagline": "Fast turnaround"}),
    )
    producer.refresh_from_db()
    assert getattr(producer, field) != value
    assert producer.tagline == "Fast turnaround"
    assert ListingChange.objects.get().fields == {field: value}


def test_renaming_a_verified_listing_does_not_keep_verified_without_review(client, owner, staff):
    from django.utils import timezone

    producer = make_producer(owner)
    Producer.objects.filter(pk=producer.pk).update(verified=True, verified_at=timezone.now())
    producer.refresh_from_db()
    client.force_login(owner)
    client.post(f"/for-workshops/producers/{producer.slug}/", _details(producer, name="Other Co"))
    client.logout()
    profile = client.get(producer.get_absolute_url()).content.decode()
    assert "Kerf Laser" in profile and "Other Co" not in profile

    change = ListingChange.objects.get()
    client.force_login(staff)
    page = client.get(f"/review/changes/{change.pk}/").content.decode()
    assert "Keep it verified under the new name" in page
    client.post(f"/review/changes/{change.pk}/", {"decision": "approve"})
    producer.refresh_from_db()
    assert producer.name == "Other Co"
    assert not producer.verified


def test_switching_to_a_hub_one_manages_waits_for_staff(client, owner):
    producer = make_producer(owner)
    hub = make_hub(owner, town="Portland")
    client.force_login(owner)
    client.post(f"/for-workshops/producers/{producer.slug}/", _details(producer, hub=hub.pk))
    producer.refresh_from_db()
    assert producer.hub is None
    assert ListingChange.objects.get().fields["hub"] == hub.pk
    assert producer not in hub.tenants.all()


def _capabilities_post(producer: Producer, new: Capability, materials=()) -> dict:
    existing = producer.producer_capabilities.get()
    data = {
        "capabilities-TOTAL_FORMS": "2",
        "capabilities-INITIAL_FORMS": "1",
        "capabilities-0-id": str(existing.pk),
        "capabilities-0-producer": str(producer.pk),
        "capabilities-0-capability": str(existing.capability_id),
        "capabilities-0-batch_band": "short",
        "capabilities-0-min_quantity": "1",
        "capabilities-0-lead_time_days": "3",
        "capabilities-1-capability": str(new.pk),
        "capabilities-1-batch_band": "one_off",
        "capabilities-1-min_quantity": "1",
        "capabilities-1-lead_time_days": "5",
    }
    if materials:
        data["capabilities-1-materials"] = [str(m.pk) for m in materials]
    return data


def test_an_added_capability_waits_for_review_and_reaches_no_request_until_approved(
    client, owner, staff
):
    producer = make_producer(owner)
    laser = producer.producer_capabilities.get().capability
    welding = Capability.objects.create(slug="welding", name="Welding", category=laser.category)
    steel = Material.objects.create(slug="steel", name="Steel")
    client.force_login(owner)
    client.post(
        f"/for-workshops/producers/{producer.slug}/capabilities/",
        _capabilities_post(producer, welding, materials=[steel]),
    )
    # The edit of the existing row publishes at once; the new capability does not.
    assert producer.producer_capabilities.get().lead_time_days == 3
    welding_rows = selectors.matching_rows(capability_ids=[welding.pk], radius_km=25, **PORTLAND)
    assert not welding_rows.exists()
    page = client.get(f"/for-workshops/producers/{producer.slug}/capabilities/").content.decode()
    assert "Waiting for review:" in page and "Welding" in page

    change = ListingChange.objects.get()
    client.force_login(staff)
    client.post(f"/review/changes/{change.pk}/", {"decision": "approve"})
    added = producer.producer_capabilities.get(capability=welding)
    assert added.lead_time_days == 5 and list(added.materials.all()) == [steel]
    assert welding_rows.filter(producer=producer).exists()


def test_a_draft_takes_every_edit_at_once(client, owner):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    client.post(
        f"/for-workshops/producers/{producer.slug}/",
        _details(producer, name="Kerf NYC", town="New York", **NEW_YORK),
    )
    producer.refresh_from_db()
    assert (producer.name, producer.town) == ("Kerf NYC", "New York")
    assert not ListingChange.objects.exists()


def _hub_details(hub, **overrides) -> dict:
    data = {
        "hub-name": hub.name,
        "hub-kind": hub.kind,
        "hub-description": hub.description,
        "hub-town": hub.town,
        "hub-country_code": hub.country_code,
        "hub-lat": hub.lat,
        "hub-lng": hub.lng,
        "hub-time_zone": hub.time_zone,
        "bays-TOTAL_FORMS": "0",
        "bays-INITIAL_FORMS": "0",
        "hours-TOTAL_FORMS": "0",
        "hours-INITIAL_FORMS": "0",
    }
    return {k: v for k, v in (data | overrides).items() if v not in ("", None)}


def test_renaming_or_moving_a_published_hub_waits_for_review_small_edits_do_not(
    client, owner, staff
):
    hub = make_hub(owner, town="Portland")
    client.force_login(owner)
    response = client.post(
        f"/for-workshops/hubs/{hub.slug}/",
        _hub_details(
            hub,
            **{
                "hub-name": "Brooklyn Makers",
                "hub-town": "New York",
                "hub-lat": NEW_YORK["lat"],
                "hub-lng": NEW_YORK["lng"],
                "hub-description": "Now with a spray booth.",
            },
        ),
    )
    assert response.status_code == 302
    hub.refresh_from_db()
    assert (hub.name, hub.town) == ("Division Makers", "Portland")
    assert hub.description == "Now with a spray booth."
    client.logout()
    page = client.get(hub.get_absolute_url()).content.decode()
    assert "Division Makers" in page and "Brooklyn Makers" not in page

    client.force_login(owner)
    edit = client.get(f"/for-workshops/hubs/{hub.slug}/").content.decode()
    assert "Waiting for review:" in edit and 'value="Brooklyn Makers"' in edit

    change = ListingChange.objects.get(hub=hub)
    client.force_login(staff)
    assert f"/review/changes/{change.pk}/" in client.get("/review/").content.decode()
    assert "New York" in client.get(f"/review/changes/{change.pk}/").content.decode()
    client.post(f"/review/changes/{change.pk}/", {"decision": "approve"})
    hub.refresh_from_db()
    assert (hub.name, hub.town, hub.lat) == ("Brooklyn Makers", "New York", NEW_YORK["lat"])
