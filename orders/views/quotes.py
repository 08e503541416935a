"""Quoting, revising, withdrawing and accepting, and the producers' request board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubdir.geo.units import uses_miles
from hubdir.limits import posted, posting_limit

from .. import filters, selectors, services
from ..cards import board_card_html
from ..forms import QuoteForm
from .access import acting_url, job_viewer, quote_for_buyer, quote_for_producer
from .requests import render_detail


@require_POST
@login_required
@posting_limit("quotes")
def quote_create(request: HttpRequest, pk: int) -> HttpResponse:
    job, viewer = job_viewer(request, pk)
    if viewer.producer is None:
        raise Http404
    form = QuoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_detail(request, job, viewer, quote_form=form)
    data = form.cleaned_data
    try:
        services.quote_create(
            job=job,
            producer=viewer.producer,
            by=request.user,
            price=data["price"],
            ready_by=data["ready_by"],
            valid_until=data["valid_until"],
            note=data["note"],
            files=data["files"],
        )
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        posted(request)
        messages.success(
            request,
            _("Your quote is sent as %(producer)s. The buyer is told.")
            % {"producer": viewer.producer.name},
        )
    return redirect(acting_url(job, viewer.producer))


@require_http_methods(["GET", "POST"])
@login_required
@posting_limit("quotes")
def quote_revise(request: HttpRequest, pk: int) -> HttpResponse:
    quote = quote_for_producer(request, pk)
    form = QuoteForm(request.POST or None, instance=quote)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.quote_revise(
                quote=quote,
                by=request.user,
                price=data["price"],
                ready_by=data["ready_by"],
                valid_until=data["valid_until"],
                note=data["note"],
            )
        except services.TransitionError as error:
            messages.error(request, str(error))
        else:
            posted(request)
            messages.success(request, _("Your quote is revised; the buyer sees the new version."))
        return redirect(acting_url(quote.job_request, quote.producer))
    if request.method == "POST":
        # The form holds what was typed; the row itself was not touched.
        quote.refresh_from_db()
    return render(request, "orders/quote_form.html", {"form": form, "quote": quote})


@require_POST
@login_required
def quote_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    quote = quote_for_producer(request, pk)
    try:
        services.quote_withdraw(quote=quote, by=request.user)
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The quote of %(producer)s is withdrawn.") % {"producer": quote.producer.name},
        )
    return redirect(acting_url(quote.job_request, quote.producer))


@require_http_methods(["GET", "POST"])
@login_required
def quote_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks the buyer to confirm the price, date and producer; POST accepts."""
    quote = quote_for_buyer(request, pk)
    if request.method == "GET":
        if not quote.can_accept:
            messages.error(request, _("This quote can no longer be accepted."))
            return redirect(quote.job_request)
        return render(request, "orders/quote_accept.html", {"quote": quote})
    try:
        order = services.quote_accept(quote=quote, by=request.user)
    except services.TransitionError as error:
        messages.error(request, str(error))
        return redirect(quote.job_request)
    messages.success(
        request,
        _("You accepted %(producer)s's quote. The order has started.")
        % {"producer": quote.producer.name},
    )
    return redirect(order)


@require_GET
@login_required
def board(request: HttpRequest) -> HttpResponse:
    """Open requests the person's producer may quote on, with facets."""
    producers = selectors.producers_of(request.user)
    if not producers:
        return render(request, "orders/board.html", {"producers": []})
    wanted = request.GET.get("as")
    producer = next((p for p in producers if p.slug == wanted), producers[0])
    found = filters.board(producer, request.GET)
    miles = uses_miles(producer.country_code)
    context = {
        "producers": producers,
        "producer": producer,
        "board": found,
        "cards": [board_card_html(job, producer=producer, miles=miles) for job in found.requests],
    }
    template = "orders/board.html#results" if request.htmx else "orders/board.html"
    return render(request, template, context)
