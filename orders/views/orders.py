"""Orders and their timeline, reviews, conversations, private files and the dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubdir.limits import posted, posting_limit

from .. import selectors, services
from ..forms import (
    CancelForm,
    FirstPieceAnswerForm,
    FirstPieceForm,
    MessageForm,
    NoteForm,
    ReplyForm,
    ReviewForm,
)
from ..models import Order, Review, Thread
from .access import attachment_for, order_for, order_party, producer_for_member, thread_party


def _render_order(request: HttpRequest, order: Order, side: str, status: int = 200, **forms):
    context = {
        "order": order,
        "side": side,
        "job": order.job_request,
        "events": list(order.events.select_related("by")),
        "photos": list(order.attachments.all()),
        "review": Review.objects.filter(order=order).first(),
        "first_piece_form": forms.get("first_piece_form") or FirstPieceForm(),
        "answer_form": forms.get("answer_form") or FirstPieceAnswerForm(),
        "ready_form": NoteForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "review_form": forms.get("review_form") or ReviewForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(),
    }
    return render(request, "orders/order_detail.html", context, status=status)


@require_GET
@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order, side = order_party(request, pk)
    return _render_order(request, order, side)


def _transition(request: HttpRequest, order: Order, action, success: str, **kwargs) -> HttpResponse:
    try:
        action(order=order, by=request.user, **kwargs)
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        posted(request)  # counts toward the view's posting limit, if it has one
        messages.success(request, success)
    return redirect(order)


@require_POST
@login_required
def order_first_piece(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_for(request, pk, "producer")
    form = FirstPieceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_order(request, order, "producer", first_piece_form=form)
    return _transition(
        request,
        order,
        services.order_first_piece_send,
        _("The first piece is sent; the buyer is asked to approve it."),
        photo=form.cleaned_data["photo"],
        note=form.cleaned_data["note"],
    )


@require_POST
@login_required
def order_first_piece_answer(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_for(request, pk, "buyer")
    form = FirstPieceAnswerForm(request.POST)
    if not form.is_valid():
        return _render_order(request, order, "buyer", answer_form=form)
    approve = form.cleaned_data["decision"] == "approve"
    return _transition(
        request,
        order,
        services.order_first_piece_answer,
        _("First piece approved.") if approve else _("The workshop is asked for changes."),
        approve=approve,
        note=form.cleaned_data["note"],
    )


@require_POST
@login_required
def order_ready(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_for(request, pk, "producer")
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _transition(
        request, order, services.order_mark_ready, _("Marked ready; the buyer is told."), note=note
    )


@require_POST
@login_required
def order_complete(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_for(request, pk, "buyer")
    return _transition(
        request, order, services.order_complete, _("Completed. Thank you! Now, how did it go?")
    )


@require_POST
@login_required
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    order, side = order_party(request, pk)
    if side == "staff":
        raise Http404
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _render_order(request, order, side, cancel_form=form)
    return _transition(
        request,
        order,
        services.order_cancel,
        _("The order is cancelled; the other side is told."),
        reason=form.cleaned_data["reason"],
    )


@require_POST
@login_required
@posting_limit("reviews")
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_for(request, pk, "buyer")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _render_order(request, order, "buyer", review_form=form)
    return _transition(
        request,
        order,
        services.review_create,
        _("Thank you: your review is on the workshop's profile."),
        **form.cleaned_data,
    )


@require_POST
@login_required
@posting_limit("reviews")
def review_reply(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(
        Review.objects.select_related("order", "producer"),
        pk=pk,
        producer__memberships__user=request.user,
    )
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_order(request, review.order, "producer", reply_form=form)
    try:
        services.review_reply(review=review, by=request.user, reply=form.cleaned_data["reply"])
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        posted(request)
        messages.success(request, _("Your reply is published under the review."))
    return redirect(review.order)


@require_http_methods(["GET", "POST"])
@login_required
@posting_limit("messages")
def thread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    job, producer, side = thread_party(request, pk, slug)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if side == "staff":
            raise Http404
        if form.is_valid():
            try:
                services.message_send(
                    job=job,
                    producer=producer,
                    by=request.user,
                    from_buyer=side == "buyer",
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                    submission_token=form.cleaned_data["token"],
                )
            except services.TransitionError as error:
                messages.error(request, str(error))
            else:
                posted(request)
            return redirect("orders:thread", pk=job.pk, slug=producer.slug)
    found = Thread.objects.filter(job_request=job, producer=producer).first()
    items = []
    if found:
        items = list(found.messages.select_related("sender").prefetch_related("attachments"))
        if side != "staff":
            services.thread_mark_read(thread=found, buyer_side=side == "buyer")
    status = 400 if form.errors else 200
    context = {
        "job": job,
        "producer": producer,
        "side": side,
        "thread": found,
        "messages_list": items,
        "form": form,
    }
    return render(request, "orders/thread.html", context, status=status)


@require_GET
@login_required
def attachment_download(request: HttpRequest, uuid) -> FileResponse:
    attachment = attachment_for(request, uuid)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type="application/octet-stream",
    )
    # A download is never rendered on our origin, whatever the file claims to be.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Totals first: the buyer's requests and orders, then each managed listing as one row
    of figures, its quotes and orders one click away."""
    context = selectors.buyer_dashboard(request.user)
    sections = selectors.producer_sections(request.user)
    context["sections"] = sections
    context["totals"] = sum((s.figures for s in sections), selectors.ProducerFigures())
    return render(request, "orders/dashboard.html", context)


@require_GET
@login_required
def dashboard_listing(request: HttpRequest, slug: str) -> HttpResponse:
    producer = producer_for_member(request, slug)
    (section,) = selectors.producer_sections(request.user, only=producer)
    return render(request, "orders/dashboard_listing.html", {"s": section})
