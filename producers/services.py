from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hubdir.accounts.language import language_of
from hubdir.accounts.models import User
from hubdir.geo.distance import haversine_km
from hubdir.tasks import send_templated_email

from . import catalogue_data
from .images import clean_image_upload
from .models import (
    ADDRESS_FIELDS,
    Capability,
    Category,
    Certification,
    Hub,
    HubJoinRequest,
    Invitation,
    ListingChange,
    ListingStatus,
    Material,
    Membership,
    Photo,
    Producer,
    ProducerCapability,
)


@dataclass
class CatalogueCounts:
    categories: int
    capabilities: int
    materials: int
    certifications: int


def _catalogue_fields(entry: dict, *fields: str) -> dict:
    """The English fields of a catalogue_data entry and their Spanish (`name_es`, …)."""
    values = {}
    for field in fields:
        values[field] = entry[field]
        values[f"{field}_es"] = entry.get(f"{field}_es", [] if field == "synonyms" else "")
    return values


@transaction.atomic
def catalogue_load() -> CatalogueCounts:
    """Create or update the catalogue from catalogue_data; safe to run again."""
    for position, cat in enumerate(catalogue_data.CATEGORIES):
        category, _created = Category.objects.update_or_create(
            slug=cat["slug"],
            defaults={
                "position": position,
                **_catalogue_fields(cat, "name", "description"),
            },
        )
        for cap in cat["capabilities"]:
            Capability.objects.update_or_create(
                slug=cap["slug"],
                defaults={
                    "category": category,
                    **_catalogue_fields(cap, "name", "description", "synonyms"),
                },
            )
    for mat in catalogue_data.MATERIALS:
        Material.objects.update_or_create(
            slug=mat["slug"], defaults=_catalogue_fields(mat, "name", "synonyms")
        )
    for cert in catalogue_data.CERTIFICATIONS:
        Certification.objects.update_or_create(
            slug=cert["slug"],
            defaults={"kind": cert["kind"], **_catalogue_fields(cert, "name", "description")},
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
    """One email per owner, in their own language."""
    owners = [
        m.user
        for m in listing.memberships.filter(role=Membership.Role.OWNER).select_related("user")
        if m.user.email
    ]
    for owner in owners:
        language = language_of(owner)
        with translation.override(language):
            ctx = {
                "listing_name": listing.name,
                "listing_url": listing.get_absolute_url(),
                **{k: str(v) if isinstance(v, Promise) else v for k, v in context.items()},
            }
        transaction.on_commit(
            partial(
                send_templated_email.enqueue,
                to=[owner.email],
                template=template,
                values=ctx,
                language=language,
            )
        )


def place_listing(listing: Hub | Producer) -> None:
    """Fill lat/lng from the hub or the gazetteer when the owner gave none."""
    if isinstance(listing, Producer) and listing.uses_hub_address and listing.hub:
        hub = listing.hub
        for field in (*ADDRESS_FIELDS, "time_zone", "approximate_location"):
            setattr(listing, field, getattr(hub, field))
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


def _apply_edit(listing: Hub | Producer, data: dict) -> None:
    """Set the edited fields on `listing` (unsaved); moving the address without new
    coordinates re-geocodes it."""
    location_fields = ("address_line", "town", "region", "postcode")
    moved = any(f in data and data[f] != getattr(listing, f) for f in location_fields)
    for field, value in data.items():
        setattr(listing, field, value)
    if moved and not ({"lat", "lng"} & data.keys()):
        listing.lat = listing.lng = None
    place_listing(listing)


@transaction.atomic
def listing_update(*, listing: Hub | Producer, data: dict) -> Hub | Producer:
    """Save edited fields; moving the address without new coordinates re-geocodes it."""
    _apply_edit(listing, data)
    listing.confirmed_at = timezone.now()
    listing.full_clean()
    listing.save()
    return listing


@transaction.atomic
def listing_confirm(*, listing: Hub | Producer, by: User) -> None:
    """The owner says the details are still current: the freshness date starts again."""
    type(listing).objects.filter(pk=listing.pk).update(confirmed_at=timezone.now())
    listing.refresh_from_db(fields=["confirmed_at"])


# --- Material edits of a published producer wait for staff (ListingChange) ---

# A pin moved further than this is a new place, not a correction.
MATERIAL_MOVE_KM = 1.0
MATERIAL_FIELDS = ("name", "made_on_site", "resold")
LOCATION_FIELDS = (
    "uses_hub_address",
    "address_line",
    "town",
    "region",
    "postcode",
    "country_code",
    "lat",
    "lng",
)


def _moved_far(before: Hub | Producer, after: Hub | Producer) -> bool:
    if after.lat is None or after.lng is None:
        return False
    if before.lat is None or before.lng is None:
        return True
    return haversine_km(before.lat, before.lng, after.lat, after.lng) > MATERIAL_MOVE_KM


def _manages(user: User, listing: Hub | Producer) -> bool:
    return listing.memberships.filter(user=user).exists()


@transaction.atomic
def producer_update(*, producer: Producer, data: dict, by: User) -> Producer:
    """Save the owner's edit of a producer's details.

    Joining a hub `by` does not manage becomes a request to that hub (HubJoinRequest). On a
    published producer the material changes (name, made-on-site declaration, a hub, a move of
    more than MATERIAL_MOVE_KM) wait for staff in a ListingChange and everything else is
    saved at once; a draft, pending or rejected producer takes everything at once.
    """
    producer = (
        Producer.objects.select_for_update(of=("self",)).select_related("hub").get(pk=producer.pk)
    )
    data = dict(data)
    hub = data.pop("hub", producer.hub)
    pending = producer.changes.filter(status=ListingChange.Status.PENDING).first()
    # A hub that already accepted the producer and now waits only for staff.
    accepted_hub = pending.fields.get("hub") if pending else None
    if hub is not None and hub.pk not in (producer.hub_id, accepted_hub) and not _manages(by, hub):
        hub_join_request(
            producer=producer, hub=hub, uses_hub_address=data.get("uses_hub_address", False), by=by
        )
        hub = producer.hub
        data["uses_hub_address"] = producer.uses_hub_address
    else:
        _withdraw_hub_join(producer)
    data["hub"] = hub
    if not producer.is_published:
        producer.changes.filter(status=ListingChange.Status.PENDING).delete()
        listing_update(listing=producer, data=data)
        return producer

    candidate = copy.copy(producer)
    _apply_edit(candidate, data)

    material = {
        f: getattr(candidate, f)
        for f in MATERIAL_FIELDS
        if getattr(candidate, f) != getattr(producer, f)
    }
    # Leaving a hub claims nothing new; joining or switching one does.
    if candidate.hub_id is not None and candidate.hub_id != producer.hub_id:
        material["hub"] = candidate.hub_id
    if "hub" in material or _moved_far(producer, candidate):
        material |= {f: getattr(candidate, f) for f in LOCATION_FIELDS}
    for field in {*data.keys(), *LOCATION_FIELDS, "time_zone"} - material.keys():
        setattr(producer, field, getattr(candidate, field))
    if producer.hub_id is None:
        producer.uses_hub_address = False
    place_listing(producer)
    producer.confirmed_at = timezone.now()
    producer.full_clean()
    producer.save()
    _propose(listing=producer, by=by, fields=material)
    return producer


def _capability_row(form) -> dict:
    data = form.cleaned_data
    return {
        "capability": data["capability"].pk,
        "materials": [m.pk for m in data.get("materials") or []],
        "batch_band": data["batch_band"],
        "min_quantity": data["min_quantity"],
        "lead_time_days": data["lead_time_days"],
        "notes": data.get("notes", ""),
    }


@transaction.atomic
def capabilities_save(*, producer: Producer, formset, by: User) -> list[dict]:
    """Save a valid capabilities formset. On a published producer a row offering a capability
    it does not offer yet waits for staff (a ListingChange) instead; returns those rows."""
    # Serialises with producer_update, so the two never both create the pending change.
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if not producer.is_published:
        formset.save()
        return []
    live = set(producer.producer_capabilities.values_list("capability_id", flat=True))
    added = []
    for form in formset.forms:
        if not form.has_changed():
            continue
        if formset.can_delete and formset._should_delete_form(form):
            if form.instance.pk:
                form.instance.delete()
            continue
        capability = form.cleaned_data.get("capability")
        if capability is not None and capability.pk not in live:
            added.append(_capability_row(form))
            continue
        form.save()
    _propose(listing=producer, by=by, capabilities=added)
    return added


def _propose(
    *,
    listing: Hub | Producer,
    by: User,
    fields: dict | None = None,
    capabilities: list | None = None,
) -> ListingChange | None:
    """Replace one part of the listing's pending change; with nothing left, there is none."""
    target = {"hub": listing} if isinstance(listing, Hub) else {"producer": listing}
    change = (
        ListingChange.objects.select_for_update()
        .filter(status=ListingChange.Status.PENDING, **target)
        .first()
    )
    proposed = dict(change.proposed) if change else {}
    if fields is not None:
        proposed["fields"] = fields
    if capabilities is not None:
        proposed["capabilities"] = capabilities
    proposed = {k: v for k, v in proposed.items() if v}
    if not proposed:
        if change:
            change.delete()
        return None
    if change is None:
        change = ListingChange(**target)
    change.proposed, change.proposed_by = proposed, by
    change.save()
    return change


@transaction.atomic
def listing_change_approve(*, change: ListingChange, by: User, keep_verified: bool = True) -> None:
    """Apply the proposed values to the producer's rows. `keep_verified=False` drops the
    Verified badge when the change renames a verified listing."""
    if change.hub_id:
        _hub_change_apply(change=change, by=by)
        return
    # The producer first, then its change: the order producer_update takes them in.
    producer = Producer.objects.select_for_update().get(pk=change.producer_id)
    change = ListingChange.objects.select_for_update().get(pk=change.pk)
    if not change.awaits_review:
        raise TransitionError(_("This change has already been decided."))
    for field, value in change.fields.items():
        if field == "hub":
            hub = Hub.objects.filter(pk=value).first()
            if hub is None:
                raise TransitionError(_("The hub in this change no longer exists. Reject it."))
            producer.hub = hub
        else:
            setattr(producer, field, value)
    if producer.hub_id is None:
        producer.uses_hub_address = False
    if "name" in change.fields and not keep_verified:
        producer.verified, producer.verified_by, producer.verified_at = False, None, None
    place_listing(producer)
    producer.full_clean()
    producer.save()
    for row in change.capabilities:
        if producer.producer_capabilities.filter(capability_id=row["capability"]).exists():
            continue
        materials = row["materials"]
        pc = ProducerCapability.objects.create(
            producer=producer,
            **{k: v for k, v in row.items() if k not in ("capability", "materials")},
            capability_id=row["capability"],
        )
        pc.materials.set(materials)
    change.status, change.decided_by, change.decided_at = (
        ListingChange.Status.APPROVED,
        by,
        timezone.now(),
    )
    change.save(update_fields=["status", "decided_by", "decided_at"])
    _email_owners(producer, "listing_change_answered", {"approved": True, "reason": ""})


def _hub_change_apply(*, change: ListingChange, by: User) -> None:
    hub = Hub.objects.select_for_update().get(pk=change.hub_id)
    change = ListingChange.objects.select_for_update().get(pk=change.pk)
    if not change.awaits_review:
        raise TransitionError(_("This change has already been decided."))
    for field, value in change.fields.items():
        setattr(hub, field, value)
    hub.full_clean()
    hub.save()
    change.status, change.decided_by, change.decided_at = (
        ListingChange.Status.APPROVED,
        by,
        timezone.now(),
    )
    change.save(update_fields=["status", "decided_by", "decided_at"])
    _email_owners(hub, "listing_change_answered", {"approved": True, "reason": ""})


@transaction.atomic
def hub_update(*, hub: Hub, data: dict, by: User) -> Hub:
    """Save the owner's edit of a hub. On a published hub a new name or a move of more than
    MATERIAL_MOVE_KM waits for staff in a ListingChange; everything else is saved at once."""
    hub = Hub.objects.select_for_update().get(pk=hub.pk)
    if not hub.is_published:
        hub.changes.filter(status=ListingChange.Status.PENDING).delete()
        listing_update(listing=hub, data=data)
        return hub
    candidate = copy.copy(hub)
    _apply_edit(candidate, data)
    material = {"name": candidate.name} if candidate.name != hub.name else {}
    if _moved_far(hub, candidate):
        material |= {f: getattr(candidate, f) for f in ADDRESS_FIELDS}
    for field in {*data.keys(), *ADDRESS_FIELDS} - material.keys():
        setattr(hub, field, getattr(candidate, field))
    hub.confirmed_at = timezone.now()
    hub.full_clean()
    hub.save()
    # Tenants at the hub's address show it exactly as the hub chose to.
    hub.tenants.filter(uses_hub_address=True).exclude(
        approximate_location=hub.approximate_location
    ).update(approximate_location=hub.approximate_location)
    _propose(listing=hub, by=by, fields=material)
    return hub


@transaction.atomic
def listing_change_reject(*, change: ListingChange, by: User, reason: str) -> None:
    change = ListingChange.objects.select_for_update().get(pk=change.pk)
    if not change.awaits_review:
        raise TransitionError(_("This change has already been decided."))
    if not reason.strip():
        raise TransitionError(_("Say why, so the owner can put it right."))
    change.status, change.decided_by, change.decided_at = (
        ListingChange.Status.REJECTED,
        by,
        timezone.now(),
    )
    change.reason = reason.strip()
    change.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _email_owners(
        change.listing, "listing_change_answered", {"approved": False, "reason": change.reason}
    )


# --- Joining a hub needs the hub's consent (HubJoinRequest) ---


def _withdraw_hub_join(producer: Producer) -> None:
    producer.hub_join_requests.filter(status=HubJoinRequest.Status.PENDING).update(
        status=HubJoinRequest.Status.WITHDRAWN
    )


@transaction.atomic
def hub_join_request(
    *, producer: Producer, hub: Hub, uses_hub_address: bool, by: User
) -> HubJoinRequest:
    """Ask `hub`'s managers to list the producer there; a new ask replaces an older one."""
    pending = HubJoinRequest.objects.select_for_update().filter(
        producer=producer, status=HubJoinRequest.Status.PENDING
    )
    join = pending.filter(hub=hub).first()
    if join is not None:
        join.uses_hub_address = uses_hub_address
        join.save(update_fields=["uses_hub_address"])
        return join
    pending.update(status=HubJoinRequest.Status.WITHDRAWN)
    join = HubJoinRequest.objects.create(
        producer=producer, hub=hub, uses_hub_address=uses_hub_address, requested_by=by
    )
    _email_owners(
        hub,
        "hub_join_request",
        {
            "producer_name": producer.name,
            "members_path": reverse("producers:members", kwargs={"kind": "hub", "slug": hub.slug}),
        },
    )
    return join


@transaction.atomic
def hub_join_answer(*, join: HubJoinRequest, by: User, accept: bool) -> None:
    """The hub's answer; accepting lists the producer in the hub (with its address if asked)."""
    # The producer first, then the request: the order producer_update takes them in.
    producer = Producer.objects.select_for_update().get(pk=join.producer_id)
    join = (
        HubJoinRequest.objects.select_for_update(of=("self",)).select_related("hub").get(pk=join.pk)
    )
    if not join.can_answer:
        raise TransitionError(_("This request has already been answered or withdrawn."))
    join.status = HubJoinRequest.Status.ACCEPTED if accept else HubJoinRequest.Status.DECLINED
    join.decided_by, join.decided_at = by, timezone.now()
    join.save(update_fields=["status", "decided_by", "decided_at"])
    waits = False
    if accept:
        # The hub's managers vouch that the producer works there, so the hub and its
        # address apply at once; unless that moves a published producer far, which staff
        # review like any other move.
        joined = copy.copy(producer)
        joined.hub, joined.uses_hub_address = join.hub, join.uses_hub_address
        place_listing(joined)
        waits = producer.is_published and _moved_far(producer, joined)
        if waits:
            pending = producer.changes.filter(status=ListingChange.Status.PENDING).first()
            moved = {"hub": join.hub_id} | {f: getattr(joined, f) for f in LOCATION_FIELDS}
            _propose(
                listing=producer,
                by=join.requested_by or by,
                fields=(pending.fields if pending else {}) | moved,
            )
        else:
            joined.full_clean()
            joined.save()
    _email_owners(
        producer,
        "hub_join_answered",
        {"hub_name": join.hub.name, "accepted": accept, "waits_for_staff": waits},
    )


@transaction.atomic
def hub_tenant_remove(*, hub: Hub, producer: Producer, by: User) -> None:
    """The hub's managers take a producer out of the hub. It keeps its town and pin but no
    longer shows the hub's street as its own."""
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if producer.hub_id != hub.pk:
        raise TransitionError(_("This producer is not in the hub."))
    if producer.uses_hub_address:
        producer.address_line = ""
    producer.hub, producer.uses_hub_address = None, False
    producer.full_clean()
    producer.save()
    _email_owners(producer, "hub_tenant_removed", {"hub_name": hub.name})


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
    *,
    listing: Hub | Producer,
    email: str,
    role: str,
    by: User,
    as_tenant: bool = False,
    template: str = "invitation",
) -> Invitation:
    """An emailed invitation to manage the listing (`template`: the email to send)."""
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
    # Written in the language of the account at that address, if there is one.
    invitee = User.objects.filter(email__iexact=email).only("language").first()
    language = language_of(invitee) if invitee else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "listing_name": listing.name,
            "inviter": by.display_name(),
            "as_tenant": as_tenant,
            "role": str(invitation.get_role_display()),
            "invitation_path": reverse("producers:invitation", kwargs={"token": invitation.token}),
            "days": INVITATION_DAYS,
        }
    transaction.on_commit(
        partial(
            send_templated_email.enqueue,
            to=[email],
            template=template,
            values=context,
            language=language,
        )
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
    if invitation.producer and invitation.producer.is_unclaimed and membership.role == "owner":
        # The owner of a workshop neighbours suggested, invited at the address they gave.
        Producer.objects.filter(pk=invitation.producer_id).update(claimed_at=timezone.now())
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
