"""An order from acceptance to completion: first piece, ready, received, cancelled; then
the buyer's review and the producer's reply."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_stubs_ext import StrOrPromise

from hubdir.accounts.models import User

from ..files import CleanFile
from ..models import (
    Notification,
    Order,
    OrderEvent,
    Review,
)
from .common import TransitionError, attach_files, producer_people
from .notifications import notify


def _locked_order(order: Order) -> Order:
    return (
        Order.objects.select_for_update().select_related("job_request", "producer").get(pk=order.pk)
    )


def _order_event(
    order: Order, *, text: StrOrPromise, by: User, note: str = "", tell: list[User]
) -> None:
    """`text` is lazy: the order's history keeps it in the language of the person acting,
    and each person told reads it in their own."""
    OrderEvent.objects.create(order=order, text=str(text), note=note, by=by)
    notify(
        users=tell,
        kind=Notification.Kind.ORDER,
        title=format_lazy("{title}: {text}", title=order.job_request.title, text=text),
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
    attach_files([photo], by=by, order=order)
    order.first_piece = Order.FirstPiece.PENDING
    order.save(update_fields=["first_piece"])
    _order_event(
        order,
        text=gettext_lazy("First piece sent for approval"),
        by=by,
        note=note,
        tell=[order.buyer],
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
    text = (
        gettext_lazy("First piece approved")
        if approve
        else gettext_lazy("Changes asked on the first piece")
    )
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
        gettext_lazy("Ready to collect")
        if order.job_request.handover == "pickup"
        else gettext_lazy("Ready for delivery")
    )
    _order_event(order, text=handover, by=by, note=note.strip(), tell=[order.buyer])
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
        order,
        text=gettext_lazy("Received and completed"),
        by=by,
        tell=producer_people(order.producer),
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
    _order_event(
        order,
        text=pgettext_lazy("order", "Cancelled"),
        by=by,
        note=order.cancel_reason,
        tell=other_side,
    )
    return order


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
        title=format_lazy(gettext_lazy("New review for {producer}"), producer=order.producer),
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
        title=format_lazy(
            gettext_lazy("{producer} replied to your review"), producer=review.producer
        ),
        url=review.producer.get_absolute_url(),
    )
    return review
