from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hubdir.accounts.models import User
from hubdir.tasks import send_templated_email

from . import catalogue_data
from .images import clean_image_upload
from .models import (
    Capability,
    Category,
    Certification,
    Hub,
    Invitation,
    ListingStatus,
    Material,
    Membership,
    Photo,
    Producer,
)


@dataclass
class CatalogueCounts:
    categories: int
    capabilities: int
    materials: int
    certifications: int


@transaction.atomic
def catalogue_load() -> CatalogueCounts:
    """Create or update the catalogue from catalogue_data; safe to run again."""
    for position, cat in enumerate(catalogue_data.CATEGORIES):
        category, _created = Category.objects.update_or_create(
            slug=cat["slug"],
            defaults={"name": cat["name"], "description": cat["description"], "position": position},
        )
        for cap in cat["capabilities"]:
            Capability.objects.update_or_create(
                slug=cap["slug"],
                defaults={
                    "category": category,
                    "name": cap["name"],
                    "description": cap["description"],
                    "synonyms": cap["synonyms"],
                },
            )
    for mat in catalogue_data.MATERIALS:
        Material.objects.update_or_create(
            slug=mat["slug"], defaults={"name": mat["name"], "synonyms": mat["synonyms"]}
        )
    for cert in catalogue_data.CERTIFICATIONS:
        Certification.objects.update_or_create(
            slug=cert["slug"],
            defaults={
                "name": cert["name"],
                "description": cert["description"],
                "kind": cert["kind"],
            },
        )
    return CatalogueCounts(
        categories=Category.objects.count(),
        capabilities=Capability.objects.count(),
        materials=Material.objects.count(),
        certifications=Certification.objects.count(),
    )


# --- Listings ---


class TransitionError(Exception):
    """A status change that is not allowed from the listing's current state."""


def _unique_slug(model, name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:120] or "listing"
    slug, n = base, 2
    others = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _email_owners(listing: Hub | Producer, template: str, context: dict) -> None:
    emails = list(
        listing.memberships.filter(role=Membership.Role.OWNER).values_list("user__email", flat=True)
    )
    if emails:
        ctx = {"listing_name": listing.name, "listing_url": listing.get_absolute_url(), **context}
        transaction.on_commit(
            lambda: send_templated_email.enqueue(to=emails, template=template, context=ctx)
        )


def place_listing(listing: Hub | Producer) -> None:
    """Fill lat/lng from the hub or the gazetteer when the owner gave none."""
    if isinstance(listing, Producer) and listing.uses_hub_address and listing.hub:
        hub = listing.hub
        for field in ("address_line", "town", "region", "postcode", "country_code", "lat", "lng"):
            setattr(listing, field, getattr(hub, field))
        listing.time_zone = hub.time_zone
        return
    if listing.lat is not None and listing.lng is not None:
        return
    from hubdir.geo.geocode import geocode

    place = None
    if listing.postcode:
        place = geocode(listing.postcode)
    if place is None and listing.town:
        place = geocode(", ".join(p for p in (listing.town, listing.region) if p))
    if place is not None:
        listing.lat, listing.lng = place.lat, place.lng


@transaction.atomic
def producer_create(*, by: User, name: str, hub: Hub | None = None, **fields) -> Producer:
    producer = Producer(name=name, hub=hub, slug=_unique_slug(Producer, name), **fields)
    place_listing(producer)
    producer.full_clean()
    producer.save()
    Membership.objects.create(user=by, producer=producer, role=Membership.Role.OWNER)
    return producer


@transaction.atomic
def hub_create(*, by: User, name: str, **fields) -> Hub:
    hub = Hub(name=name, slug=_unique_slug(Hub, name), **fields)
    place_listing(hub)
    hub.full_clean()
    hub.save()
    Membership.objects.create(user=by, hub=hub, role=Membership.Role.OWNER)
    return hub


@transaction.atomic
def listing_update(*, listing: Hub | Producer, data: dict) -> Hub | Producer:
    """Save edited fields; moving the address without new coordinates re-geocodes it."""
    location_fields = ("address_line", "town", "region", "postcode")
    moved = any(f in data and data[f] != getattr(listing, f) for f in location_fields)
    for field, value in data.items():
        setattr(listing, field, value)
    if moved and not ({"lat", "lng"} & data.keys()):
        listing.lat = listing.lng = None
    place_listing(listing)
    listing.full_clean()
    listing.save()
    return listing


def missing_for_review(listing: Hub | Producer) -> list[str]:
    """What a listing still needs before staff can review it, in the owner's words."""
    missing = []
    if not listing.description.strip():
        missing.append(_("a description"))
    if listing.lat is None:
        missing.append(_("a location (an address we can find, or a pin on the map)"))
    if isinstance(listing, Producer):
        if not listing.producer_capabilities.exists():
            missing.append(_("at least one capability"))
        if not listing.services:
            missing.append(_("the services you offer"))
    return missing


@transaction.atomic
def listing_submit(*, listing: Hub | Producer, by: User) -> None:
    listing = type(listing).objects.select_for_update().get(pk=listing.pk)
    if not listing.can_submit:
        raise TransitionError(_("Only a draft or a rejected listing can be sent for review."))
    missing = missing_for_review(listing)
    if missing:
        raise TransitionError(_("Before review, add %s.") % ", ".join(str(m) for m in missing))
    listing.status = ListingStatus.PENDING
    listing.rejection_reason = ""
    fields = ["status", "rejection_reason", "updated_at"]
    if isinstance(listing, Producer):
        listing.submitted_at = timezone.now()
        fields.append("submitted_at")
    listing.save(update_fields=fields)


@transaction.atomic
def listing_unpublish(*, listing: Hub | Producer, by: User) -> None:
    listing = type(listing).objects.select_for_update().get(pk=listing.pk)
    if not listing.can_unpublish:
        raise TransitionError(_("Only a published or pending listing can be taken down."))
    listing.status = ListingStatus.DRAFT
    listing.save(update_fields=["status", "updated_at"])


@transaction.atomic
def listing_approve(
    *, listing: Hub | Producer, by: User, verify: bool = False, checklist: dict | None = None
) -> None:
    listing = type(listing).objects.select_for_update().get(pk=listing.pk)
    if not listing.awaits_review:
        raise TransitionError(_("Only a listing waiting for review can be approved."))
    listing.status = ListingStatus.PUBLISHED
    listing.rejection_reason = ""
    if isinstance(listing, Producer):
        gaps = listing.checklist_gaps()
        ticked = [field for field, value in (checklist or {}).items() if value]
        if unsupported := [gaps[field] for field in ticked if field in gaps]:
            raise TransitionError(" ".join(unsupported))
        listing.published_at = timezone.now()
        for field, value in (checklist or {}).items():
            setattr(listing, field, bool(value))
        if verify:
            listing.verified, listing.verified_by, listing.verified_at = True, by, timezone.now()
    listing.full_clean()
    listing.save()
    _email_owners(listing, "listing_approved", {"verified": verify})


@transaction.atomic
def listing_reject(*, listing: Hub | Producer, by: User, reason: str) -> None:
    listing = type(listing).objects.select_for_update().get(pk=listing.pk)
    if not listing.awaits_review:
        raise TransitionError(_("Only a listing waiting for review can be rejected."))
    if not reason.strip():
        raise TransitionError(_("Say why, so the owner can put it right."))
    listing.status = ListingStatus.REJECTED
    listing.rejection_reason = reason.strip()
    listing.save(update_fields=["status", "rejection_reason", "updated_at"])
    _email_owners(listing, "listing_rejected", {"reason": listing.rejection_reason})


# --- Members and invitations ---

INVITATION_DAYS = 14


@transaction.atomic
def membership_invite(
    *, listing: Hub | Producer, email: str, role: str, by: User, as_tenant: bool = False
) -> Invitation:
    email = email.strip().lower()
    if listing.memberships.filter(user__email__iexact=email).exists():
        raise TransitionError(_("%(email)s already manages this listing.") % {"email": email})
    target = {"hub": listing} if isinstance(listing, Hub) else {"producer": listing}
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        as_tenant=as_tenant,
        token=secrets.token_urlsafe(32),
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        **target,
    )
    context = {
        "listing_name": listing.name,
        "inviter": by.display_name(),
        "as_tenant": as_tenant,
        "role": invitation.get_role_display(),
        "invitation_path": reverse("producers:invitation", kwargs={"token": invitation.token}),
        "days": INVITATION_DAYS,
    }
    transaction.on_commit(
        lambda: send_templated_email.enqueue(to=[email], template="invitation", context=context)
    )
    return invitation


def _check_invitation_open(invitation: Invitation) -> None:
    if invitation.can_answer:
        return
    if invitation.is_expired and invitation.status == Invitation.Status.PENDING:
        raise TransitionError(_("This invitation has expired. Ask for a new one."))
    raise TransitionError(_("This invitation has already been answered or withdrawn."))


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_invitation_open(invitation)
    if invitation.email.lower() != user.email.lower():
        raise TransitionError(_("This invitation was sent to another email address."))
    invitation.status = Invitation.Status.ACCEPTED
    invitation.save(update_fields=["status"])
    if invitation.as_tenant and invitation.hub:
        producer = producer_create(
            by=user,
            # Named after the person only by the name they chose, never their address.
            name=_("%(who)s at %(hub)s")
            % {
                "who": user.display_name() if user.name.strip() else _("New workshop"),
                "hub": invitation.hub.name,
            },
            hub=invitation.hub,
            uses_hub_address=True,
        )
        return producer.memberships.get(user=user)
    target = {"hub": invitation.hub} if invitation.hub else {"producer": invitation.producer}
    membership, _created = Membership.objects.get_or_create(
        user=user, defaults={"role": invitation.role}, **target
    )
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation, user: User) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_invitation_open(invitation)
    invitation.status = Invitation.Status.DECLINED
    invitation.save(update_fields=["status"])


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    listing = membership.listing
    owners = listing.memberships.filter(role=Membership.Role.OWNER)
    if membership.role == Membership.Role.OWNER and owners.count() == 1:
        raise TransitionError(_("A listing needs at least one owner. Add another owner first."))
    membership.delete()


# --- Photos ---


@transaction.atomic
def photo_add(*, producer: Producer, upload, caption: str) -> Photo:
    clean = clean_image_upload(upload)
    last = producer.photos.aggregate(m=Max("position"))["m"]
    photo = Photo(producer=producer, caption=caption.strip(), position=(last or 0) + 1)
    photo.image.save(clean.content.name, clean.content, save=False)
    photo.thumb_sm.save(clean.thumbnails["sm"].name, clean.thumbnails["sm"], save=False)
    photo.thumb_md.save(clean.thumbnails["md"].name, clean.thumbnails["md"], save=False)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def photo_move(*, photo: Photo, up: bool) -> None:
    """Swap a photo with its neighbour; positions are renumbered 1..n so they stay tidy."""
    photos = list(Photo.objects.select_for_update().filter(producer_id=photo.producer_id))
    index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(photos):
        photos[index], photos[other] = photos[other], photos[index]
    for position, p in enumerate(photos, start=1):
        if p.position != position:
            p.position = position
            p.save(update_fields=["position"])


@transaction.atomic
def photo_caption_set(*, photo: Photo, caption: str) -> Photo:
    photo.caption = caption.strip()
    photo.full_clean()
    photo.save(update_fields=["caption"])
    return photo


def photo_delete(*, photo: Photo) -> None:
    files = [photo.image, photo.thumb_sm, photo.thumb_md]
    photo.delete()
    # Files go only once the row is surely gone.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files if f.name])


def profile_view_count(*, producer: Producer) -> None:
    """One upsert per profile view: a row per producer per day, not per view."""
    with connection.cursor() as cursor:
        cursor.execute(
            # An increment on conflict, which bulk_create(update_conflicts=True) cannot say.
            "INSERT INTO producers_profileview (producer_id, day, count) VALUES (%s, %s, 1)"
            " ON CONFLICT (producer_id, day) DO UPDATE SET count = producers_profileview.count + 1",
            [producer.pk, timezone.localdate()],
        )


@transaction.atomic
def producer_delete(*, producer: Producer, by: User) -> None:
    """Throw away a draft that was never published, with its photos' files."""
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if not producer.can_delete:
        raise TransitionError(_("Only a draft that was never published can be deleted."))
    photos = producer.photos.all()
    files = [f for p in photos for f in (p.image, p.thumb_sm, p.thumb_md)]
    producer.delete()
    # The files go only once the rows are surely gone.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files if f.name])
