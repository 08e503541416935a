"""Quoting, revising, withdrawing and accepting (which makes the order)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubdir.accounts.models import User
from producers.models import Producer

from ..files import CleanFile
from ..models import (
    Decline,
    JobRequest,
    Notification,
    Order,
    OrderEvent,
    Quote,
    QuoteRevision,
)
from .common import TransitionError, attach_files, producer_people, responded
from .notifications import notify

# A date as each recipient's language writes it, when their notification is written.
_lazy_date = lazy(date_format, str)


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
    attach_files(files, by=by, quote=quote)
    Decline.objects.filter(job_request=job, producer=producer).delete()
    responded(job, producer)
    notify(
        users=[job.buyer],
        kind=Notification.Kind.QUOTE,
        title=format_lazy(
            gettext_lazy("New quote from {producer} on “{title}”"),
            producer=producer,
            title=job.title,
        ),
        url=job.get_absolute_url(),
        body=format_lazy(
            gettext_lazy("{price}, ready by {date}."), price=price, date=_lazy_date(ready_by)
        ),
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
        title=format_lazy(
            gettext_lazy("{producer} revised its quote on “{title}”"),
            producer=quote.producer,
            title=job.title,
        ),
        url=job.get_absolute_url(),
        body=format_lazy(
            gettext_lazy("Now {price}, ready by {date}."), price=price, date=_lazy_date(ready_by)
        ),
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
        title=format_lazy(gettext_lazy("Your quote on “{title}” was accepted"), title=job.title),
        url=order.get_absolute_url(),
        body=format_lazy(
            gettext_lazy("{price}, ready by {date}."),
            price=quote.price,
            date=_lazy_date(quote.ready_by),
        ),
    )
    for other in others:
        notify(
            users=producer_people(other.producer),
            kind=Notification.Kind.QUOTE_RESULT,
            title=format_lazy(
                gettext_lazy("Your quote on “{title}” was not chosen"), title=job.title
            ),
            url=job.get_absolute_url(),
        )
    return order
