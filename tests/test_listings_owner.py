"""Owners create and edit listings; staff review them; members come and go by invitation."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from producers import services
from producers.models import Invitation, Membership, OpeningHours, Photo, Producer

from .factories import UserFactory, make_hub, make_producer

pytestmark = pytest.mark.django_db

NEW = "/for-workshops/producers/new/"


def _producer_post(**overrides):
    data = {
        "name": "Belmont Fix-It",
        "tagline": "Walk-in repairs",
        "description": "We repair lamps and chairs.",
        "services": ["repair"],
        "customer_types": ["residents"],
        "accepts_custom_jobs": "on",
        "country_code": "US",
        "town": "Portland",
        "lat": "45.5164",
        "lng": "-122.6297",
        "time_zone": "America/Los_Angeles",
    }
    return data | overrides


def test_owner_creates_a_producer_as_a_draft_and_becomes_its_owner(client, owner):
    client.force_login(owner)
    response = client.post(NEW, _producer_post(status="published", verified="on"), follow=True)
    producer = Producer.objects.get(name="Belmont Fix-It")
    assert producer.status == "draft" and not producer.verified  # extra keys change nothing
    assert producer.memberships.get().user == owner
    assert producer.memberships.get().role == "owner"
    assert "saved as a draft" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lat", "91", "Ensure this value is less than or equal to 90"),
        ("lng", "-200", "Ensure this value is greater than or equal to -180"),
        ("lat", "north", "Enter a number."),
        ("name", "", "This field is required."),
        ("website", "not a url at all", "Enter a valid URL."),
    ],
)
def test_bad_producer_input_is_explained_beside_the_field_and_kept(
    client, owner, field, value, message
):
    client.force_login(owner)
    response = client.post(NEW, _producer_post(**{field: value, "tagline": "Keep me typed"}))
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert f'id="id_{field}_error"' in text
    assert 'value="Keep me typed"' in text
    assert not Producer.objects.exists()


def test_only_one_of_latitude_and_longitude_is_refused(client, owner):
    client.force_login(owner)
    response = client.post(NEW, _producer_post(lng=""))
    assert "Give both latitude and longitude, or neither." in response.content.decode()
    assert not Producer.objects.exists()


def test_closing_before_opening_is_refused_with_a_message_and_nothing_saved(client, owner):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    url = f"/for-workshops/producers/{producer.slug}/hours/"
    data = {
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "hours-0-weekday": "0",
        "hours-0-opens": "09:00",
        "hours-0-closes": "17:00",
        "hours-1-weekday": "1",
        "hours-1-opens": "18:00",
        "hours-1-closes": "08:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Closing time must be after opening time." in response.content.decode()
    assert 'value="18:00"' in response.content.decode()
    assert not OpeningHours.objects.exists()
    data["hours-1-closes"] = "20:00"
    client.post(url, data)
    assert OpeningHours.objects.filter(producer=producer).count() == 2


def test_database_refuses_hours_that_end_before_they_start(owner):
    from datetime import time

    producer = make_producer(owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(producer=producer, weekday=0, opens=time(9), closes=time(8))


def test_database_refuses_coordinates_out_of_range(owner):
    producer = make_producer(owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Producer.objects.filter(pk=producer.pk).update(lat=95)


def _jpeg() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (1200, 900), "#0b5d4b").save(buffer, "JPEG")
    return buffer.getvalue()


def test_member_uploads_reorders_and_deletes_photos(client, owner):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    url = f"/for-workshops/producers/{producer.slug}/photos/"
    for caption in ("First bowl", "Second bowl"):
        upload = SimpleUploadedFile("../../etc/passwd.jpg", _jpeg(), content_type="image/jpeg")
        client.post(url, {"image": upload, "caption": caption})
    first, second = Photo.objects.order_by("position")
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", first.image.name)
    assert first.thumb_sm.width <= 320 and first.thumb_md.width <= 800
    client.post(f"{url}{second.pk}/", {"action": "up"})
    assert list(Photo.objects.order_by("position").values_list("caption", flat=True)) == [
        "Second bowl",
        "First bowl",
    ]
    client.post(f"{url}{first.pk}/", {"action": "delete"})
    assert list(Photo.objects.values_list("caption", flat=True)) == ["Second bowl"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "This field is required."),
        ("x" * 201, "at most 200 characters"),
        ("bowl\x00", "Null characters are not allowed."),
    ],
)
def test_a_bad_caption_comes_back_beside_its_photo_as_typed(client, owner, typed, message):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    url = f"/for-workshops/producers/{producer.slug}/photos/"
    upload = SimpleUploadedFile("bowl.jpg", _jpeg(), content_type="image/jpeg")
    client.post(url, {"image": upload, "caption": "First bowl"})
    photo = Photo.objects.get()
    response = client.post(f"{url}{photo.pk}/", {"action": "caption", "caption": typed})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    errors_at = body.index(f'id="caption-{photo.pk}-errors"')
    assert errors_at < body.index(f'id="caption-{photo.pk}" name="caption"')
    if "\x00" not in typed:
        assert f'value="{typed}"' in body
    photo.refresh_from_db()
    assert photo.caption == "First bowl"


def test_member_edits_a_caption(client, owner):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    url = f"/for-workshops/producers/{producer.slug}/photos/"
    upload = SimpleUploadedFile("bowl.jpg", _jpeg(), content_type="image/jpeg")
    client.post(url, {"image": upload, "caption": "First bowl"})
    photo = Photo.objects.get()
    response = client.post(f"{url}{photo.pk}/", {"action": "caption", "caption": " Oak bowl "})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Oak bowl"
    assert "Caption saved." in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "x.jpg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Upload a JPEG, PNG or WebP photo.",
        ),
        (
            "x.jpg",
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
            "Upload a JPEG, PNG or WebP photo.",
        ),
        ("x.jpg", b"8BPS\x00\x01" + b"\x00" * 64, "Upload a JPEG, PNG or WebP photo."),
        ("x.txt", b"hello", "Upload a JPEG, PNG or WebP photo."),
    ],
)
def test_hostile_uploads_get_a_clear_message_and_save_nothing(
    client, owner, name, content, message
):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        f"/for-workshops/producers/{producer.slug}/photos/", {"image": upload, "caption": "Nice"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Nice"' in response.content.decode()
    assert not Photo.objects.exists()


def test_pixel_bomb_upload_is_refused_without_a_500(client, owner):
    producer = make_producer(owner, status="draft")
    buffer = BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG", optimize=True)
    client.force_login(owner)
    response = client.post(
        f"/for-workshops/producers/{producer.slug}/photos/",
        {"image": SimpleUploadedFile("bomb.png", buffer.getvalue()), "caption": "Bomb"},
    )
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not Photo.objects.exists()


def test_submit_needs_the_essentials_then_staff_approve_and_verify(
    client, owner, staff, django_capture_on_commit_callbacks
):
    producer = make_producer(
        owner, status="draft", description="", customer_types=["residents", "businesses"]
    )
    producer.made_on_site = "Engraved signs and coasters."
    producer.save()
    OpeningHours.objects.create(producer=producer, weekday=0, opens="09:00", closes="17:00")
    client.force_login(owner)
    response = client.post(f"/for-workshops/producer/{producer.slug}/status/submit/", follow=True)
    assert "Before review, add a description" in response.content.decode()
    producer.refresh_from_db()
    assert producer.status == "draft"

    producer.description = "Laser cutting."
    producer.save()
    client.post(f"/for-workshops/producer/{producer.slug}/status/submit/")
    producer.refresh_from_db()
    assert producer.status == "pending"

    client.force_login(staff)
    assert producer.name in client.get("/review/").content.decode()
    response = client.post(
        f"/review/producer/{producer.slug}/",
        {"decision": "approve", "approve-verify": "on", "approve-checked_hours": "on"},
    )
    assert "Tick every checklist item" in response.content.decode()
    producer.refresh_from_db()
    assert producer.status == "pending"
    checklist = {
        f"approve-checked_{k}": "on" for k in ("equipment", "hours", "businesses", "examples")
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/review/producer/{producer.slug}/",
            {"decision": "approve", "approve-verify": "on"} | checklist,
        )
    producer.refresh_from_db()
    assert producer.status == "published" and producer.verified
    assert producer.verified_by == staff and producer.verified_at is not None
    assert mail.outbox[-1].to == [owner.email]
    assert "is now live" in mail.outbox[-1].subject
    assert "Verified" in client.get(producer.get_absolute_url()).content.decode()


def test_staff_reject_with_a_reason_the_owner_reads(
    client, owner, staff, django_capture_on_commit_callbacks
):
    producer = make_producer(owner, status="pending")
    client.force_login(staff)
    response = client.post(
        f"/review/producer/{producer.slug}/", {"decision": "reject", "reject-reason": ""}
    )
    assert "This field is required." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/review/producer/{producer.slug}/",
            {"decision": "reject", "reject-reason": "Please add photos made on site."},
        )
    producer.refresh_from_db()
    assert producer.status == "rejected"
    assert "Please add photos made on site." in mail.outbox[-1].body
    client.force_login(owner)
    assert (
        "Please add photos made on site."
        in client.get(producer.get_absolute_url()).content.decode()
    )


def test_invited_member_accepts_and_can_edit(client, owner, django_capture_on_commit_callbacks):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/for-workshops/producer/{producer.slug}/members/",
            {"invite-email": "New.Helper@example.com", "invite-role": "member"},
        )
    invitation = Invitation.objects.get()
    assert invitation.email == "new.helper@example.com"
    assert invitation.token in mail.outbox[-1].body

    helper = UserFactory(email="new.helper@example.com")
    stranger = UserFactory(email="stranger@example.com")
    client.force_login(stranger)
    assert client.get(f"/invitations/{invitation.token}/").status_code == 404
    client.force_login(helper)
    client.post(f"/invitations/{invitation.token}/", {"answer": "accept"})
    assert Membership.objects.filter(user=helper, producer=producer, role="member").exists()
    assert client.get(f"/for-workshops/producers/{producer.slug}/").status_code == 200
    response = client.post(f"/invitations/{invitation.token}/", {"answer": "accept"}, follow=True)
    assert "already been answered" in response.content.decode()


def test_expired_invitation_cannot_be_accepted(owner):
    import time_machine

    producer = make_producer(owner)
    invitation = services.membership_invite(
        listing=producer, email="late@example.com", role="member", by=owner
    )
    late = UserFactory(email="late@example.com")
    with time_machine.travel("2099-01-01"), pytest.raises(services.TransitionError):
        services.invitation_accept(invitation=invitation, user=late)
    assert not Membership.objects.filter(user=late).exists()


def test_hub_owner_invites_a_tenant_who_gets_a_draft_producer_in_the_hub(client, owner):
    hub = make_hub(owner)
    client.force_login(owner)
    client.post(f"/for-workshops/hub/{hub.slug}/members/", {"tenant-email": "tenant@example.com"})
    invitation = Invitation.objects.get(as_tenant=True)
    tenant = UserFactory(email="tenant@example.com", name="Tess Tenant")
    services.invitation_accept(invitation=invitation, user=tenant)
    producer = Producer.objects.get(memberships__user=tenant)
    assert producer.hub == hub and producer.status == "draft"
    assert producer.lat == hub.lat


def test_last_owner_cannot_be_removed(client, owner, member):
    producer = make_producer(owner)
    Membership.objects.create(user=member, producer=producer, role="member")
    client.force_login(owner)
    own = producer.memberships.get(user=owner)
    response = client.post(
        f"/for-workshops/producer/{producer.slug}/members/{own.pk}/remove/", follow=True
    )
    assert "at least one owner" in response.content.decode()
    assert producer.memberships.filter(role="owner").count() == 1
    other = producer.memberships.get(user=member)
    client.post(f"/for-workshops/producer/{producer.slug}/members/{other.pk}/remove/")
    assert not producer.memberships.filter(user=member).exists()


def test_owner_edits_capabilities_with_a_formset(client, owner):
    from producers.models import Capability

    producer = make_producer(owner, status="draft")
    second = Capability.objects.create(
        slug="engraving-x", name="Engraving X", category=Capability.objects.get().category
    )
    client.force_login(owner)
    existing = producer.producer_capabilities.get()
    data = {
        "capabilities-TOTAL_FORMS": "2",
        "capabilities-INITIAL_FORMS": "1",
        "capabilities-0-id": str(existing.pk),
        "capabilities-0-producer": str(producer.pk),
        "capabilities-0-capability": str(existing.capability_id),
        "capabilities-0-batch_band": "short",
        "capabilities-0-min_quantity": "10",
        "capabilities-0-lead_time_days": "3",
        "capabilities-1-capability": str(second.pk),
        "capabilities-1-batch_band": "one_off",
        "capabilities-1-min_quantity": "0",
        "capabilities-1-lead_time_days": "2",
    }
    response = client.post(f"/for-workshops/producers/{producer.slug}/capabilities/", data)
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    assert producer.producer_capabilities.count() == 1
    data["capabilities-1-min_quantity"] = "1"
    client.post(f"/for-workshops/producers/{producer.slug}/capabilities/", data)
    assert producer.producer_capabilities.count() == 2
    existing.refresh_from_db()
    assert existing.min_quantity == 10


def test_profile_shows_open_now_in_the_listing_time_zone(client, owner):
    from datetime import time

    import time_machine

    producer = make_producer(owner, time_zone="America/Los_Angeles")
    # Monday 10:00 in Portland is 18:00 UTC.
    OpeningHours.objects.create(
        producer=producer, weekday=0, opens=time(9), closes=time(12), walk_in=True
    )
    with time_machine.travel("2026-11-23 18:00Z"):
        text = client.get(producer.get_absolute_url()).content.decode()
    assert "Open now" in text and "Walk-in repairs now" in text
    with time_machine.travel("2026-11-23 12:00Z"):  # 04:00 in Portland
        assert "Closed now" in client.get(producer.get_absolute_url()).content.decode()


def test_profile_carries_local_business_json_ld_and_nearby_workshops(client, owner):
    producer = make_producer(owner, name="Alpha Laser")
    make_producer(owner, name="Beta Laser", lat=45.52, lng=-122.63)
    make_producer(owner, name="Far Laser", lat=40.0, lng=-100.0)
    text = client.get(producer.get_absolute_url()).content.decode()
    assert '"@type": "LocalBusiness"' in text
    assert "Beta Laser" in text and "Far Laser" not in text


def test_two_profiles_in_a_row_each_show_their_own_hours_and_capabilities(client, owner):
    """The profile's statement is compiled once per process: each visit still reads its
    own listing."""
    from datetime import time

    from producers.models import Capability

    early = make_producer(owner, name="Early Laser")
    late = make_producer(owner, name="Late Weaver", lat=45.53, lng=-122.66)
    weaving = Capability.objects.create(
        slug="weaving", name="Weaving", category=Capability.objects.get().category
    )
    late.producer_capabilities.all().update(capability=weaving)
    OpeningHours.objects.create(producer=early, weekday=0, opens=time(6), closes=time(9))
    OpeningHours.objects.create(producer=late, weekday=3, opens=time(17), closes=time(21))
    first = client.get(early.get_absolute_url()).content.decode()
    second = client.get(late.get_absolute_url()).content.decode()
    assert "06:00–09:00" in first and "17:00–21:00" not in first
    assert "17:00–21:00" in second and "06:00–09:00" not in second
    assert "Laser cutting" in first and "Weaving" not in first
    assert "Weaving" in second


def test_a_producer_without_coordinates_is_placed_from_its_postcode(client, owner):
    from hubdir.geo.models import Place

    Place.objects.create(
        kind="postcode",
        name="Portland",
        ascii_name="Portland",
        region="OR",
        country_code="US",
        postcode="97214",
        lat=45.5147,
        lng=-122.6418,
    )
    client.force_login(owner)
    client.post(NEW, _producer_post(lat="", lng="", postcode="97214"))
    producer = Producer.objects.get()
    assert (producer.lat, producer.lng) == (45.5147, -122.6418)


def _review(client, producer, **ticked):
    data = {"decision": "approve"} | {f"approve-checked_{k}": "on" for k in ticked}
    return client.post(f"/review/producer/{producer.slug}/", data)


def test_staff_cannot_tick_regular_hours_for_a_listing_with_no_hours(client, owner, staff):
    producer = make_producer(owner, status="pending", customer_types=["residents"])
    client.force_login(staff)
    page = client.get(f"/review/producer/{producer.slug}/").content.decode()
    # Shown unticked and disabled, with what is missing beside it.
    for name, missing in [
        ("hours", "No opening hours are listed."),
        ("businesses", "It does not say it serves businesses."),
        ("examples", "No photos, and nothing said about what is made here."),
    ]:
        box = re.search(rf'<input[^>]*name="approve-checked_{name}"[^>]*>', page).group(0)
        assert "disabled" in box and "checked" not in box.replace("checked_", "")
        assert missing in page
    equipment = re.search(r'<input[^>]*name="approve-checked_equipment"[^>]*>', page).group(0)
    assert "disabled" not in equipment

    # A forged tick changes nothing: the listing is published without the claim.
    _review(client, producer, hours=True, equipment=True)
    producer.refresh_from_db()
    assert producer.status == "published"
    assert producer.checked_equipment and not producer.checked_hours


def test_staff_tick_regular_hours_once_the_listing_has_hours(client, owner, staff):
    producer = make_producer(owner, status="pending")
    OpeningHours.objects.create(producer=producer, weekday=2, opens="10:00", closes="18:00")
    client.force_login(staff)
    page = client.get(f"/review/producer/{producer.slug}/").content.decode()
    box = re.search(r'<input[^>]*name="approve-checked_hours"[^>]*>', page).group(0)
    assert "disabled" not in box
    _review(client, producer, hours=True)
    producer.refresh_from_db()
    assert producer.status == "published" and producer.checked_hours


def test_approving_refuses_a_checklist_item_the_listing_does_not_bear_out(owner, staff):
    producer = make_producer(owner, status="pending")
    with pytest.raises(services.TransitionError, match="No opening hours are listed."):
        services.listing_approve(listing=producer, by=staff, checklist={"checked_hours": True})
    producer.refresh_from_db()
    assert producer.status == "pending" and not producer.checked_hours


def test_owner_deletes_a_draft_after_a_confirmation_page(
    client, owner, django_capture_on_commit_callbacks
):
    producer = make_producer(owner, status="draft", name="Abandoned Idea")
    client.force_login(owner)
    upload = SimpleUploadedFile("bowl.jpg", _jpeg(), content_type="image/jpeg")
    client.post(
        f"/for-workshops/producers/{producer.slug}/photos/", {"image": upload, "caption": "A"}
    )
    photo = Photo.objects.get()
    stored = [photo.image.path, photo.thumb_sm.path, photo.thumb_md.path]

    edit = client.get(f"/for-workshops/producers/{producer.slug}/").content.decode()
    delete_url = f"/for-workshops/producers/{producer.slug}/delete/"
    assert f'href="{delete_url}"' in edit and "Delete draft" in edit
    confirm = client.get(delete_url)
    assert confirm.status_code == 200
    assert "Delete the draft “Abandoned Idea”" in confirm.content.decode()
    assert Producer.objects.filter(pk=producer.pk).exists()  # nothing happens on GET

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url, follow=True)
    assert response.redirect_chain[-1][0] == "/for-workshops/"
    assert "Your draft “Abandoned Idea” is deleted." in response.content.decode()
    assert not Producer.objects.filter(pk=producer.pk).exists()
    assert not Photo.objects.exists()
    assert not any(Path(path).exists() for path in stored)


def test_a_listing_that_was_published_cannot_be_deleted_only_unpublished(client, owner):
    producer = make_producer(owner, status="published")
    producer.published_at = producer.created_at
    producer.save()
    services.listing_unpublish(listing=producer, by=owner)
    client.force_login(owner)
    edit = client.get(f"/for-workshops/producers/{producer.slug}/").content.decode()
    assert "Delete draft" not in edit
    response = client.post(f"/for-workshops/producers/{producer.slug}/delete/", follow=True)
    assert "Only a draft that was never published can be deleted." in response.content.decode()
    assert Producer.objects.filter(pk=producer.pk).exists()
    with pytest.raises(services.TransitionError):
        services.producer_delete(producer=producer, by=owner)


@pytest.mark.parametrize("persona", ["member", "outsider", "staff"])
def test_only_an_owner_may_delete_a_draft(client, owner, member, outsider, staff, persona):
    producer = make_producer(owner, status="draft")
    Membership.objects.create(user=member, producer=producer, role="member")
    client.force_login({"member": member, "outsider": outsider, "staff": staff}[persona])
    url = f"/for-workshops/producers/{producer.slug}/delete/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert (
        "Delete draft"
        not in client.get(f"/for-workshops/producers/{producer.slug}/").content.decode()
    )
    assert Producer.objects.filter(pk=producer.pk).exists()


def test_a_resident_sees_the_six_closest_published_workshops_sharing_a_capability(client, owner):
    """The nearby cards: closest first, never the listing itself, a draft or a workshop with
    none of its capabilities, each with its hub, first photo and distance."""
    from producers.models import Capability

    home = make_producer(owner, name="Home Laser")
    hub = make_hub(owner)
    # 0.01 degrees of latitude is about 1.1 km: "Near 1" is the closest.
    for step in range(1, 9):
        make_producer(owner, name=f"Near {step}", lat=45.5164 + 0.01 * step, hub=hub)
    make_producer(owner, name="Draft Laser", lat=45.5165, status="draft")
    weaver = make_producer(owner, name="Next Door Weaver", lat=45.5166)
    weaving = Capability.objects.create(
        slug="weaving", name="Weaving", category=Capability.objects.get().category
    )
    weaver.producer_capabilities.update(capability=weaving)
    first = Producer.objects.get(name="Near 1")
    client.force_login(owner)
    upload = SimpleUploadedFile("bowl.jpg", _jpeg(), content_type="image/jpeg")
    client.post(f"/for-workshops/producers/{first.slug}/photos/", {"image": upload, "caption": "A"})
    client.logout()

    body = client.get(home.get_absolute_url()).content.decode()
    nearby = body[body.index('id="nearby"') :]
    names = re.findall(r'<h3><a href="/workshops/[^"]+/">([^<]+)</a></h3>', nearby)
    assert names == [f"Near {step}" for step in range(1, 7)]
    cards = nearby.split('<article class="card producer-card">')[1:]
    assert f'src="{Photo.objects.get().thumb_sm.url}"' in cards[0]
    assert "<img" not in cards[1]
    assert "At Division Makers" in cards[0] and "Laser cutting" in cards[0]
    assert re.search(r"0\.[67] mi away", cards[0])
