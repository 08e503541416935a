"""Workshops residents suggest, staff review, and their owners claim.

An accepted suggestion is a published listing with no owner (`origin=suggested`,
`claimed_at` empty): it is found and shown, marked as not confirmed, and takes no requests
(the database refuses an unclaimed listing that accepts jobs or is verified). Its owner
claims it through an invitation sent to the address the resident gave, or by asking staff,
who check the claim first.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hubdir.accounts.language import language_of
from hubdir.accounts.models import User
from hubdir.tasks import send_templated_email

from .models import (
    Capability,
    ClaimRequest,
    ListingStatus,
    Membership,
    Producer,
    ProducerCapability,
    Suggestion,
)
from .services import TransitionError, _unique_slug, membership_invite

MAX_CAPABILITIES = 5


@transaction.atomic
def suggestion_create(
    *,
    by: User,
    name: str,
    capabilities: Iterable[Capability],
    place: str,
    place_label: str,
    lat: float,
    lng: float,
    contact_email: str = "",
    note: str = "",
) -> Suggestion:
    suggestion = Suggestion(
        suggested_by=by,
        name=" ".join(name.split()),
        place=place.strip(),
        place_label=place_label,
        lat=lat,
        lng=lng,
        contact_email=contact_email.strip().lower(),
        note=note.strip(),
    )
    suggestion.full_clean()
    suggestion.save()
    suggestion.capabilities.set(list(capabilities)[:MAX_CAPABILITIES])
    return suggestion


def _decided(obj: Suggestion | ClaimRequest, status: str, by: User) -> None:
    obj.status, obj.decided_by, obj.decided_at = status, by, timezone.now()


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by: User) -> Producer:
    """The suggestion becomes an unclaimed listing at the rough place; the owner is invited
    when the resident gave an address."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not suggestion.awaits_review:
        raise TransitionError(_("This suggestion was already reviewed."))
    producer = Producer(
        name=suggestion.name,
        slug=_unique_slug(Producer, suggestion.name),
        origin=Producer.Origin.SUGGESTED,
        status=ListingStatus.PUBLISHED,
        published_at=timezone.now(),
        accepts_custom_jobs=False,
        # The place's centre, never a street address: the rough place the resident gave.
        town=suggestion.place_label[:100],
        lat=suggestion.lat,
        lng=suggestion.lng,
    )
    producer.full_clean()
    producer.save()
    ProducerCapability.objects.bulk_create(
        ProducerCapability(producer=producer, capability=c) for c in suggestion.capabilities.all()
    )
    _decided(suggestion, Suggestion.Status.ACCEPTED, by)
    suggestion.producer = producer
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "producer"])
    if suggestion.contact_email:
        membership_invite(
            listing=producer,
            email=suggestion.contact_email,
            role=Membership.Role.OWNER,
            by=by,
            template="claim_invitation",
        )
    return producer


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, by: User, reason: str) -> None:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not suggestion.awaits_review:
        raise TransitionError(_("This suggestion was already reviewed."))
    _decided(suggestion, Suggestion.Status.REJECTED, by)
    suggestion.reason = reason.strip()
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "reason"])


@transaction.atomic
def claim_request_create(*, producer: Producer, user: User, note: str) -> ClaimRequest:
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if not producer.is_unclaimed:
        raise TransitionError(_("This listing already has an owner."))
    if producer.claims.filter(user=user, status=ClaimRequest.Status.PENDING).exists():
        raise TransitionError(_("You asked already: staff will write to you."))
    return ClaimRequest.objects.create(producer=producer, user=user, note=note.strip())


@transaction.atomic
def claim_request_answer(*, claim: ClaimRequest, by: User, approve: bool) -> None:
    """Staff checked the claim: approved, the claimant owns the listing and the others who
    asked are told no; refused, the listing stays unclaimed."""
    claim = ClaimRequest.objects.select_for_update().select_related("user").get(pk=claim.pk)
    producer = Producer.objects.select_for_update().get(pk=claim.producer_id)
    if not claim.awaits_review:
        raise TransitionError(_("This claim was already answered."))
    if approve and not producer.is_unclaimed:
        raise TransitionError(_("This listing already has an owner."))
    _decided(claim, ClaimRequest.Status.APPROVED if approve else ClaimRequest.Status.REJECTED, by)
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    answered = [claim]
    if approve:
        Membership.objects.create(user=claim.user, producer=producer, role=Membership.Role.OWNER)
        producer.claimed_at = timezone.now()
        producer.save(update_fields=["claimed_at", "updated_at"])
        others = list(
            producer.claims.filter(status=ClaimRequest.Status.PENDING).select_related("user")
        )
        for other in others:
            _decided(other, ClaimRequest.Status.REJECTED, by)
            other.save(update_fields=["status", "decided_by", "decided_at"])
        answered += others
    for each in answered:
        language = language_of(each.user)
        with translation.override(language):
            context = {
                "listing_name": producer.name,
                "listing_url": producer.get_absolute_url(),
                "approved": each.status == ClaimRequest.Status.APPROVED,
            }
        transaction.on_commit(
            partial(
                send_templated_email.enqueue,
                to=[each.user.email],
                template="claim_answered",
                values=context,
                language=language,
            )
        )
