"""Every write about requests, quotes, orders, messages and reviews.

Each service checks the state it needs under a row lock and raises TransitionError (with a
message for the person) when the action is not allowed now; nothing is written then.
Notifications are rows in the same transaction; their emails are enqueued after commit, so
a rollback sends nothing and a mail failure loses nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hubdir.accounts.models import User
from hubdir.tasks import send_templated_email
from producers.models import Capability, Material, Producer

from . import selectors
from .files import CleanFile
from .models import (
    Attachment,
    Decline,
    JobRequest,
    Lead,
    Message,
    Notification,
    Order,
    OrderEvent,
    Quote,
    QuoteRevision,
    Review,
    Thread,
)

UNSUBSCRIBE_SALT = "hubdir.unsubscribe"


class TransitionError(Exception):
    """The action is not allowed in the object's current state; the message says why."""


# --- Notifications ---


def producer_people(producer: Producer) -> list[User]:
    return list(User.objects.filter(memberships__producer=producer, is_active=True).distinct())


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def notify(*, users: Iterable[User], kind: str, title: str, url: str, body: str = "") -> None:
    """An in-app notification for each person, and an email after commit unless they muted it."""
    users = [u for u in {u.pk: u for u in users}.values()]
    Notification.objects.bulk_create(
        Notification(user=u, kind=kind, title=title[:200], url=url) for u in users
    )
    for user in users:
        if kind in user.email_muted or not user.email:
            continue
        unsubscribe = reverse("orders:unsubscribe", kwargs={"token": unsubscribe_token(user, kind)})
        context = {
            "title": title,
            "body": body,
            "url": url,
            "unsubscribe_url": unsubscribe,
            "kind_label": str(Notification.Kind(kind).label),
        }
        transaction.on_commit(
            partial(
                send_templated_email.enqueue,
                to=[user.email],
                template="notification",
                context=context,
            )
        )


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def email_preferences_save(*, user: User, muted: Iterable[str]) -> None:
    user.email_muted = sorted(set(muted) & set(Notification.Kind.values))
    user.save(update_fields=["email_muted"])


def unsubscribe_read(token: str) -> tuple[User, Notification.Kind] | None:
    """The person and the kind of email a signed unsubscribe link is for; None if forged."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return User.objects.get(pk=data["u"]), Notification.Kind(data["k"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError):
        return None


def email_unsubscribe(*, user: User, kind: str) -> None:
    if kind not in user.email_muted:
        email_preferences_save(user=user, muted=[*user.email_muted, kind])


# --- Files ---


def _attach(files: Iterable[CleanFile], *, by: User, **owner) -> None:
    for clean in files:
        attachment = Attachment(
            name=clean.name, kind=clean.kind, size=clean.size, uploaded_by=by, **owner
        )
        attachment.file.save(clean.name, clean.content, save=False)
        attachment.save()


# --- Requests ---


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
    _attach(files, by=by, job_request=job)
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
        title=_("New request: %(title)s") % {"title": job.title},
        url=job.get_absolute_url(),
        body=_("%(qty)s × %(cap)s, needed by %(date)s near %(place)s.")
        % {
            "qty": job.quantity,
            "cap": job.capability,
            "date": job.needed_by,
            "place": job.place_label,
        },
    )
    return job


@transaction.atomic
def request_invite(*, job: JobRequest, producer: Producer, by: User) -> Lead:
    job = JobRequest.objects.select_for_update().get(pk=job.pk)
    if not job.is_live:
        raise TransitionError(_("Only a draft or an open request can take invitations."))
    if not producer.is_published:
        raise TransitionError(_("This workshop is not listed."))
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
            title=_("You are invited to quote: %(title)s") % {"title": job.title},
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
            title=_("Request cancelled: %(title)s") % {"title": job.title},
            url=job.get_absolute_url(),
            body=_("The buyer's reason: %(reason)s") % {"reason": job.cancel_reason},
        )
    return job


@transaction.atomic
def request_delete(*, job: JobRequest, by: User) -> None:
    """Throw away a draft and its files; nobody but the buyer has seen it."""
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


def _responded(job: JobRequest, producer: Producer) -> None:
    """The producer answered (quote, decline or message): its response time starts counting."""
    lead, _created = Lead.objects.get_or_create(job_request=job, producer=producer)
    if lead.first_response_at is None:
        Lead.objects.filter(pk=lead.pk, first_response_at__isnull=True).update(
            first_response_at=timezone.now()
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
        _responded(job, producer)
    return decline


# --- Quotes ---


def _constraint(error: IntegrityError) -> str:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", "") or ""


@transaction.atomic
def quote_create(
    *,
    job: JobRequest,
    producer: Producer,
    by: User,
    price: Decimal,
    ready_by: date,
    valid_until: date,
    note: str = "",
    files: Iterable[CleanFile] = (),
) -> Quote:
    job = JobRequest.objects.select_for_update().get(pk=job.pk)
    if not job.accepts_quotes:
        raise TransitionError(_("This request is no longer taking quotes."))
    _check_quote_terms(price, ready_by, valid_until)
    quote = Quote(
        job_request=job,
        producer=producer,
        author=by,
        price=price,
        ready_by=ready_by,
        valid_until=valid_until,
        note=note.strip(),
    )
    try:
        with transaction.atomic():
            quote.save()
    except IntegrityError as error:
        if _constraint(error) == "quote_one_live_per_producer":
            raise TransitionError(
                _("You already have a quote on this request: revise it instead.")
            ) from None
        if _constraint(error) == "quote_cap_per_request":
            raise TransitionError(_("This request has all the quotes it takes.")) from None
        raise
    QuoteRevision.objects.create(
        quote=quote,
        version=1,
        price=price,
        ready_by=ready_by,
        valid_until=valid_until,
        note=quote.note,
    )
    _attach(files, by=by, quote=quote)
    Decline.objects.filter(job_request=job, producer=producer).delete()
    _responded(job, producer)
    notify(
        users=[job.buyer],
        kind=Notification.Kind.QUOTE,
        title=_("New quote from %(producer)s on “%(title)s”")
        % {"producer": producer, "title": job.title},
        url=job.get_absolute_url(),
        body=_("%(price)s, ready by %(date)s.") % {"price": price, "date": ready_by},
    )
    return quote


def _check_quote_terms(price: Decimal, ready_by: date, valid_until: date) -> None:
    if price <= 0:
        raise TransitionError(_("Enter a price above zero."))
    today = timezone.localdate()
    if ready_by < today:
        raise TransitionError(_("The ready-by date is in the past."))
    if valid_until < today:
        raise TransitionError(_("The quote would already have expired."))


@transaction.atomic
def quote_revise(
    *, quote: Quote, by: User, price: Decimal, ready_by: date, valid_until: date, note: str = ""
) -> Quote:
    job = JobRequest.objects.select_for_update().get(pk=quote.job_request_id)
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    quote.job_request = job
    if not quote.can_revise:
        raise TransitionError(_("Only a quote still waiting on an open request can be revised."))
    _check_quote_terms(price, ready_by, valid_until)
    quote.price, quote.ready_by, quote.valid_until, quote.note = (
        price,
        ready_by,
        valid_until,
        note.strip(),
    )
    # The row is locked, so a plain increment cannot lose a concurrent revision.
    quote.version += 1
    quote.save()
    QuoteRevision.objects.create(
        quote=quote,
        version=quote.version,
        price=price,
        ready_by=ready_by,
        valid_until=valid_until,
        note=quote.note,
    )
    notify(
        users=[job.buyer],
        kind=Notification.Kind.QUOTE,
        title=_("%(producer)s revised its quote on “%(title)s”")
        % {"producer": quote.producer, "title": job.title},
        url=job.get_absolute_url(),
        body=_("Now %(price)s, ready by %(date)s.") % {"price": price, "date": ready_by},
    )
    return quote


@transaction.atomic
def quote_withdraw(*, quote: Quote, by: User) -> Quote:
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if not quote.can_withdraw:
        raise TransitionError(_("Only a quote still waiting for the buyer can be withdrawn."))
    quote.status = Quote.Status.WITHDRAWN
    quote.status_reason = _("Withdrawn by the workshop.")
    quote.save(update_fields=["status", "status_reason", "updated_at"])
    return quote


@transaction.atomic
def quote_accept(*, quote: Quote, by: User) -> Order:
    """The buyer accepts one quote: it becomes an order, every other live quote is declined.

    The request row is locked first, so concurrent accepts queue and all but the first find
    it no longer open; the conditional unique constraint is the backstop.
    """
    job = JobRequest.objects.select_for_update().get(pk=quote.job_request_id)
    if job.status != JobRequest.Status.OPEN:
        raise TransitionError(_("This request already has an accepted quote or is closed."))
    if job.is_expired:
        raise TransitionError(_("This request has expired."))
    quote = Quote.objects.select_for_update().select_related("producer").get(pk=quote.pk)
    quote.job_request = job
    if not quote.can_accept:
        raise TransitionError(_("This quote is no longer open: it was withdrawn or has expired."))

    quote.status = Quote.Status.ACCEPTED
    quote.save(update_fields=["status", "updated_at"])
    others = list(
        job.quotes.select_for_update()
        .filter(status=Quote.Status.ACTIVE)
        .exclude(pk=quote.pk)
        .select_related("producer")
    )
    Quote.objects.filter(pk__in=[q.pk for q in others]).update(
        status=Quote.Status.DECLINED, status_reason=_("The buyer chose another quote.")
    )
    job.status = JobRequest.Status.ORDERED
    job.closed_at = timezone.now()
    job.save(update_fields=["status", "closed_at", "updated_at"])
    order = Order.objects.create(
        job_request=job,
        quote=quote,
        buyer=job.buyer,
        producer=quote.producer,
        price=quote.price,
        ready_by=quote.ready_by,
    )
    OrderEvent.objects.create(order=order, text=_("Quote accepted; in production"), by=by)
    notify(
        users=producer_people(quote.producer),
        kind=Notification.Kind.QUOTE_RESULT,
        title=_("Your quote on “%(title)s” was accepted") % {"title": job.title},
        url=order.get_absolute_url(),
        body=_("%(price)s, ready by %(date)s.") % {"price": quote.price, "date": quote.ready_by},
    )
    for other in others:
        notify(
            users=producer_people(other.producer),
            kind=Notification.Kind.QUOTE_RESULT,
            title=_("Your quote on “%(title)s” was not chosen") % {"title": job.title},
            url=job.get_absolute_url(),
        )
    return order


# --- Orders ---


def _locked_order(order: Order) -> Order:
    return (
        Order.objects.select_for_update().select_related("job_request", "producer").get(pk=order.pk)
    )


def _order_event(order: Order, *, text: str, by: User, note: str = "", tell: list[User]) -> None:
    OrderEvent.objects.create(order=order, text=text, note=note, by=by)
    notify(
        users=tell,
        kind=Notification.Kind.ORDER,
        title=f"{order.job_request.title}: {text}",
        url=order.get_absolute_url(),
        body=note,
    )


@transaction.atomic
def order_first_piece_send(*, order: Order, by: User, photo: CleanFile, note: str = "") -> Order:
    order = _locked_order(order)
    if not order.in_production:
        raise TransitionError(_("A first piece can be sent only while the order is in production."))
    if not order.can_send_first_piece:
        raise TransitionError(_("The buyer has not answered the last first piece yet."))
    _attach([photo], by=by, order=order)
    order.first_piece = Order.FirstPiece.PENDING
    order.save(update_fields=["first_piece"])
    _order_event(
        order, text=_("First piece sent for approval"), by=by, note=note, tell=[order.buyer]
    )
    return order


@transaction.atomic
def order_first_piece_answer(*, order: Order, by: User, approve: bool, note: str = "") -> Order:
    order = _locked_order(order)
    if not order.can_answer_first_piece:
        raise TransitionError(_("There is no first piece waiting for your answer."))
    if not approve and not note.strip():
        raise TransitionError(_("Say what should change."))
    order.first_piece = Order.FirstPiece.APPROVED if approve else Order.FirstPiece.CHANGES
    order.save(update_fields=["first_piece"])
    text = _("First piece approved") if approve else _("Changes asked on the first piece")
    _order_event(order, text=text, by=by, note=note.strip(), tell=producer_people(order.producer))
    return order


@transaction.atomic
def order_mark_ready(*, order: Order, by: User, note: str = "") -> Order:
    order = _locked_order(order)
    if not order.in_production:
        raise TransitionError(_("Only an order in production can be marked ready."))
    if not order.can_mark_ready:
        raise TransitionError(_("The buyer has not approved the first piece yet."))
    order.status = Order.Status.READY
    order.ready_at = timezone.now()
    order.save(update_fields=["status", "ready_at"])
    handover = (
        _("ready to collect") if order.job_request.handover == "pickup" else _("ready for delivery")
    )
    _order_event(
        order, text=str(handover).capitalize(), by=by, note=note.strip(), tell=[order.buyer]
    )
    return order


@transaction.atomic
def order_complete(*, order: Order, by: User) -> Order:
    order = _locked_order(order)
    if not order.can_complete:
        raise TransitionError(_("Only a ready order can be confirmed as received."))
    order.status = Order.Status.COMPLETED
    order.completed_at = timezone.now()
    order.save(update_fields=["status", "completed_at"])
    _order_event(
        order, text=_("Received and completed"), by=by, tell=producer_people(order.producer)
    )
    return order


@transaction.atomic
def order_cancel(*, order: Order, by: User, reason: str) -> Order:
    """Either side may cancel while the order is in production, with a reason; once it is
    ready the work is done, and a dispute goes to staff instead."""
    order = _locked_order(order)
    if not order.can_cancel:
        raise TransitionError(_("Only an order still in production can be cancelled."))
    if not reason.strip():
        raise TransitionError(_("Say why you are cancelling."))
    order.status = Order.Status.CANCELLED
    order.cancel_reason = reason.strip()
    order.cancelled_by = by
    order.cancelled_at = timezone.now()
    order.save(update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at"])
    other_side = producer_people(order.producer) if by.pk == order.buyer_id else [order.buyer]
    _order_event(order, text=_("Cancelled"), by=by, note=order.cancel_reason, tell=other_side)
    return order


# --- Messages ---


@transaction.atomic
def message_send(
    *,
    job: JobRequest,
    producer: Producer,
    by: User,
    from_buyer: bool,
    body: str,
    files: Iterable[CleanFile] = (),
    submission_token: uuid.UUID | None = None,
) -> Message:
    if job.status == JobRequest.Status.DRAFT:
        raise TransitionError(_("Publish the request before messaging about it."))
    thread, _created = Thread.objects.get_or_create(job_request=job, producer=producer)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if submission_token and (
        existing := thread.messages.filter(submission_token=submission_token).first()
    ):
        return existing
    now = timezone.now()
    message = Message.objects.create(
        thread=thread,
        sender=by,
        from_buyer=from_buyer,
        body=body.strip(),
        submission_token=submission_token,
    )
    _attach(files, by=by, message=message)
    thread.last_message_at = now
    if from_buyer:
        thread.buyer_read_at = now
    else:
        thread.producer_read_at = now
        _responded(job, producer)
    thread.save(update_fields=["last_message_at", "buyer_read_at", "producer_read_at"])
    notify(
        users=producer_people(producer) if from_buyer else [job.buyer],
        kind=Notification.Kind.MESSAGE,
        title=_("Message about “%(title)s” from %(who)s")
        % {"title": job.title, "who": by.get_short_name() if from_buyer else producer.name},
        url=thread.get_absolute_url(),
        body=message.body[:500],
    )
    return message


def thread_mark_read(*, thread: Thread, buyer_side: bool) -> None:
    field = "buyer_read_at" if buyer_side else "producer_read_at"
    Thread.objects.filter(pk=thread.pk).update(**{field: timezone.now()})


# --- Reviews ---


@transaction.atomic
def review_create(
    *, order: Order, by: User, quality: int, speed: int, communication: int, text: str
) -> Review:
    order = _locked_order(order)
    if not order.can_review:
        raise TransitionError(_("Only a completed order can be reviewed."))
    if Review.objects.filter(order=order).exists():
        raise TransitionError(_("You have already reviewed this order."))
    review = Review(
        order=order,
        producer=order.producer,
        buyer=order.buyer,
        quality=quality,
        speed=speed,
        communication=communication,
        text=text.strip(),
    )
    review.full_clean()
    review.save()
    notify(
        users=producer_people(order.producer),
        kind=Notification.Kind.REVIEW,
        title=_("New review for %(producer)s") % {"producer": order.producer},
        url=order.get_absolute_url(),
        body=review.text[:500],
    )
    return review


@transaction.atomic
def review_reply(*, review: Review, by: User, reply: str) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.reply:
        raise TransitionError(_("This review already has your reply."))
    if not reply.strip():
        raise TransitionError(_("Write a reply first."))
    review.reply = reply.strip()
    review.replied_at = timezone.now()
    review.save(update_fields=["reply", "replied_at"])
    notify(
        users=[review.buyer],
        kind=Notification.Kind.REVIEW,
        title=_("%(producer)s replied to your review") % {"producer": review.producer},
        url=review.producer.get_absolute_url(),
    )
    return review
