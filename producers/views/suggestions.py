"""Residents suggest workshops and owners claim them; staff review both (404 to others)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubdir.limits import posted, posting_limit
from hubdir.types import AuthenticatedHttpRequest

from .. import suggestions
from ..forms import ClaimForm, RejectForm, SuggestionForm
from ..models import Capability, ClaimRequest, Producer, Suggestion
from ..services import TransitionError


def _require_staff(request: AuthenticatedHttpRequest) -> None:
    if not request.user.is_staff:
        raise Http404


@require_http_methods(["GET", "POST"])
@login_required
@posting_limit("suggestions")
def suggestion_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        suggestions.suggestion_create(
            by=request.user,
            **{
                name: data[name]
                for name in ("name", "capabilities", "place", "place_label", "lat", "lng")
            },
            contact_email=data["contact_email"],
            note=data["note"],
        )
        posted(request)
        messages.success(
            request,
            _(
                "Thank you: staff will look at “%(name)s”. If it is listed, it shows as "
                "suggested by neighbours until its owner confirms it."
            )
            % {"name": data["name"]},
        )
        return redirect("producers:search")
    return render(request, "producers/suggestions/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
@posting_limit("suggestions")
def claim_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    producer = get_object_or_404(Producer.objects.published(), slug=slug)
    if not producer.is_unclaimed:
        raise Http404
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestions.claim_request_create(
                producer=producer, user=request.user, note=form.cleaned_data["note"]
            )
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            posted(request)
            messages.success(
                request, _("Thank you: staff will check your claim and write to you by email.")
            )
            return redirect(producer)
    return render(request, "producers/suggestions/claim.html", {"form": form, "producer": producer})


@require_GET
@login_required
def suggestion_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_staff(request)
    pending = (
        Suggestion.objects.filter(status=Suggestion.Status.PENDING)
        .select_related("suggested_by")
        .prefetch_related(Prefetch("capabilities", queryset=Capability.objects.order_by("name")))
    )
    claims = ClaimRequest.objects.filter(status=ClaimRequest.Status.PENDING).select_related(
        "producer", "user"
    )
    context = {"suggestions": list(pending), "claims": list(claims), "reject_form": RejectForm()}
    return render(request, "producers/suggestions/queue.html", context)


@require_POST
@login_required
def suggestion_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    suggestion = get_object_or_404(Suggestion, pk=pk)
    try:
        if request.POST.get("decision") == "accept":
            producer = suggestions.suggestion_accept(suggestion=suggestion, by=request.user)
            messages.success(
                request, _("“%(name)s” is listed, unclaimed.") % {"name": producer.name}
            )
        else:
            form = RejectForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            suggestions.suggestion_reject(suggestion=suggestion, by=request.user, reason=reason)
            messages.success(request, _("“%(name)s” is not listed.") % {"name": suggestion.name})
    except TransitionError as error:
        messages.error(request, str(error))
    return redirect("producers:suggestion_queue")


@require_POST
@login_required
def claim_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    claim = get_object_or_404(ClaimRequest.objects.select_related("producer", "user"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        suggestions.claim_request_answer(claim=claim, by=request.user, approve=approve)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        who = claim.user.display_name()
        messages.success(
            request,
            _("%(person)s now owns %(name)s.") % {"person": who, "name": claim.producer.name}
            if approve
            else _("%(person)s's claim is refused.") % {"person": who},
        )
    return redirect("producers:suggestion_queue")
