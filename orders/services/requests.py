"""Posting, editing, publishing, inviting to, cancelling, deleting and declining requests."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubdir.accounts.models import User
from producers.models import Capability, Material, Producer

from .. import selectors
from ..files import CleanFile
from ..models import (
    Decline,
    JobRequest,
    Lead,
    Notification,
    Quote,
    StaffAccess,
)
from .common import TransitionError, attach_files, producer_people, responded
from .notifications import notify


@dataclass(frozen=True)
class RequestDetails:
    """What the buyer says about the job, as the request form cleans it, and where the
    gazetteer placed the place they typed."""

    title: str
    description: str
    capability: Capability
    second_capability: Capability | None
    material: Material | None
    quantity: int
    needed_by: date
    budget_min: Decimal | None
    budget_max: Decimal | None
    place: str
    place_label: str
    lat: float
    lng: float
    handover: str
    radius_km: int
    visibility: str


def _write_details(job: JobRequest, details: RequestDetails) -> None:
    for name, value in asdict(details).items():
        setattr(job, name, value)
    job.full_clean(exclude=["buyer"])


def _after_save(
    job: JobRequest,
    *,
    by: User,
    files: Iterable[CleanFile],
    invite: Iterable[Producer],
    publish: bool,
) -> JobRequest:
    attach_files(files, by=by, job_request=job)
    for producer in invite:
        Lead.objects.get_or_create(job_request=job, producer=producer, defaults={"invited": True})
    return request_publish(job=job, by=by) if publish else job


@transaction.atomic
def request_create(
    *,
    buyer: User,
    details: RequestDetails,
    files: Iterable[CleanFile] = (),
    submission_token: uuid.UUID | None = None,
    invite: Iterable[Producer] = (),
    publish: bool = False,
) -> JobRequest:
    """A new request, as a draft or published at once. The same submission token again
    returns the first request unchanged (a double submit)."""
    if submission_token and (
        existing := JobRequest.objects.filter(
            buyer=buyer, submission_token=submission_token
        ).first()
    ):
        return existing
    job = JobRequest(buyer=buyer, submission_token=submission_token)
    _write_details(job, details)
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:
        # The same form, submitted twice at once: the other submission made it.
        existing = JobRequest.objects.filter(buyer=buyer, submission_token=submission_token).first()
        if existing is None:
            raise
        return existing
    return _after_save(job, by=buyer, files=files, invite=invite, publish=publish)


@transaction.atomic
def request_update(
    *,
    job: JobRequest,
    by: User,
    details: RequestDetails,
    files: Iterable[CleanFile] = (),
    invite: Iterable[Producer] = (),
    publish: bool = False,
) -> JobRequest:
    """The buyer edits a draft or an open request that has no quote yet (and may publish a
    draft)."""
    job = JobRequest.objects.select_for_update().get(pk=job.pk)
    _check_editable(job)
    _write_details(job, details)
    job.save()
    return _after_save(job, by=by, files=files, invite=invite, publish=publish)


def _check_editable(job: JobRequest) -> None:
    if not job.is_live:
        raise TransitionError(_("Only a draft or an open request can be edited."))
    if not job.can_edit:
        raise TransitionError(_("This request has quotes, so it can no longer be edited."))


@transaction.atomic
def request_publish(*, job: JobRequest, by: User) -> JobRequest:
    job = JobRequest.objects.select_for_update().get(pk=job.pk)
    if not job.can_publish:
        raise TransitionError(_("This request is already published."))
    if job.needed_by < timezone.localdate():
        raise TransitionError(_("The needed-by date has passed: change it before publishing."))
    if (
        job.visibility == JobRequest.Visibility.INVITED
        and not job.leads.filter(invited=True).exists()
    ):
        raise TransitionError(
            _(
                "Invite at least one workshop (from its profile), "
                "or open the request to workshops nearby."
            )
        )
    if job.lat is None or job.lng is None:
        raise TransitionError(_("Say where the job is (a town or ZIP code) before publishing."))
    job.status = JobRequest.Status.OPEN
    job.published_at = timezone.now()
    job.quote_cap = settings.QUOTES_PER_REQUEST
    job.save(update_fields=["status", "published_at", "quote_cap", "updated_at"])

    if job.visibility == JobRequest.Visibility.OPEN:
        matched = selectors.matching_rows(
            capability_ids=job.capability_ids, lat=job.lat, lng=job.lng, radius_km=job.radius_km
        ).values_list("producer_id", flat=True)
        Lead.objects.bulk_create(
            [Lead(job_request=job, producer_id=pid) for pid in matched], ignore_conflicts=True
        )
    producers = Producer.objects.filter(leads__job_request=job)
    people = User.objects.filter(memberships__producer__in=producers, is_active=True).exclude(
        pk=job.buyer_id
    )
    notify(
        users=people,
        kind=Notification.Kind.NEW_REQUEST,
        title=format_lazy(gettext_lazy("New request: {title}"), title=job.title),
        url=job.get_absolute_url(),
        body=format_lazy(
            gettext_lazy("{qty} × {cap}, needed by {date} near {place}."),
            qty=job.quantity,
            cap=job.capability,
            date=job.needed_by,
            place=job.place_label,
        ),
    )
    return job


@transaction.atomic
def request_invite(*, job: JobRequest, producer: Producer, by: User) -> Lead:
    job = JobRequest.objects.select_for_update().get(pk=job.pk)
    if not job.is_live:
        raise TransitionError(_("Only a draft or an open request can take invitations."))
    if not producer.is_published:
        raise TransitionError(_("This workshop is not listed."))
    if producer.is_unclaimed:
        raise TransitionError(
            _("Neighbours suggested this workshop and nobody has claimed it: it takes no requests.")
        )
    lead, created = Lead.objects.get_or_create(
        job_request=job, producer=producer, defaults={"invited": True}
    )
    if not created and not lead.invited:
        lead.invited = True
        lead.save(update_fields=["invited"])
    if job.status == JobRequest.Status.OPEN and created:
        notify(
            users=producer_people(producer),
            kind=Notification.Kind.NEW_REQUEST,
            title=format_lazy(gettext_lazy("You are invited to quote: {title}"), title=job.title),
            url=job.get_absolute_url(),
        )
    return lead


@transaction.atomic
def request_cancel(*, job: JobRequest, by: User, reason: str) -> JobRequest:
    job = JobRequest.objects.select_for_update().get(pk=job.pk)
    if job.can_delete:
        raise TransitionError(_("A draft is not published: delete it instead."))
    if not job.can_cancel:
        raise TransitionError(_("Only an open request can be cancelled."))
    if not reason.strip():
        raise TransitionError(_("Say why you are cancelling."))
    job.status = JobRequest.Status.CANCELLED
    job.cancel_reason = reason.strip()
    job.closed_at = timezone.now()
    job.save(update_fields=["status", "cancel_reason", "closed_at", "updated_at"])
    live = list(
        job.quotes.select_for_update().filter(status=Quote.Status.ACTIVE).select_related("producer")
    )
    job.quotes.filter(pk__in=[q.pk for q in live]).update(
        status=Quote.Status.DECLINED, status_reason=_("The buyer cancelled the request.")
    )
    for quote in live:
        notify(
            users=producer_people(quote.producer),
            kind=Notification.Kind.QUOTE_RESULT,
            title=format_lazy(gettext_lazy("Request cancelled: {title}"), title=job.title),
            url=job.get_absolute_url(),
            body=format_lazy(
                gettext_lazy("The buyer's reason: {reason}"), reason=job.cancel_reason
            ),
        )
    return job


@transaction.atomic
def request_delete(*, job: JobRequest, by: User) -> None:
    """Throw away a draft and its files; no workshop has seen it."""
    job = JobRequest.objects.select_for_update().get(pk=job.pk)
    if not job.can_delete:
        raise TransitionError(_("Only a draft can be deleted; cancel a published request."))
    files = [a.file for a in job.attachments.all()]
    job.delete()
    # The files go only once the rows are surely gone.
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


def requests_expire(*, today: date | None = None) -> int:
    """Close open requests whose needed-by date has passed (run daily; reads treat them as
    expired already)."""
    today = today or timezone.localdate()
    return JobRequest.objects.filter(status=JobRequest.Status.OPEN, needed_by__lt=today).update(
        status=JobRequest.Status.EXPIRED, closed_at=timezone.now()
    )


@transaction.atomic
def request_decline(
    *, job: JobRequest, producer: Producer, by: User, reason: str, note: str
) -> Decline:
    job = JobRequest.objects.select_for_update().get(pk=job.pk)
    if not job.accepts_quotes:
        raise TransitionError(_("This request is no longer open."))
    if job.quotes.filter(producer=producer, status=Quote.Status.ACTIVE).exists():
        raise TransitionError(_("Withdraw your quote first."))
    decline, created = Decline.objects.get_or_create(
        job_request=job,
        producer=producer,
        defaults={"by": by, "reason": reason, "note": note.strip()},
    )
    if created:
        responded(job, producer)
    return decline


def staff_access_record(*, staff: User, job: JobRequest, path: str) -> StaffAccess | None:
    """Log that a staff member opened someone else's request as staff; their own is not."""
    if job.buyer_id == staff.pk:
        return None
    return StaffAccess.objects.create(
        staff=staff,
        job_request=job,
        request_number=job.pk,
        request_status=job.status,
        path=path[:300],
    )
