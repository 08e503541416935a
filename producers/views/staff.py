"""Staff review queue: approve (optionally verified against the checklist) or reject."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import forms, services
from ..models import Hub, ListingChange, ListingStatus, Producer

MODELS = {"producer": Producer, "hub": Hub}


@staff_member_required
def review_queue(request: HttpRequest) -> HttpResponse:
    context = {
        "producers": Producer.objects.filter(status=ListingStatus.PENDING)
        .select_related("hub")
        .order_by("submitted_at"),
        "hubs": Hub.objects.filter(status=ListingStatus.PENDING).order_by("updated_at"),
        "changes": ListingChange.objects.filter(status=ListingChange.Status.PENDING)
        .select_related("producer", "hub")
        .order_by("proposed_at"),
    }
    return render(request, "producers/staff/queue.html", context)


@staff_member_required
def review(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    model = MODELS.get(kind)
    if model is None:
        raise Http404
    listing = get_object_or_404(model, slug=slug)
    approve_form = forms.ApproveForm(
        request.POST if request.POST.get("decision") == "approve" else None,
        prefix="approve",
        gaps=listing.checklist_gaps() if isinstance(listing, Producer) else None,
    )
    reject_form = forms.RejectForm(
        request.POST if request.POST.get("decision") == "reject" else None, prefix="reject"
    )
    if request.method == "POST":
        try:
            if approve_form.is_bound and approve_form.is_valid():
                data = dict(approve_form.cleaned_data)
                verify = data.pop("verify")
                services.listing_approve(
                    listing=listing,
                    by=request.user,
                    verify=verify,
                    checklist=data if kind == "producer" else None,
                )
                messages.success(request, _("%(name)s is published.") % {"name": listing.name})
                return redirect("producers:review_queue")
            if reject_form.is_bound and reject_form.is_valid():
                services.listing_reject(
                    listing=listing, by=request.user, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(
                    request, _("%(name)s was sent back to its owner.") % {"name": listing.name}
                )
                return redirect("producers:review_queue")
        except services.TransitionError as e:
            messages.error(request, str(e))
    context = {
        "listing": listing,
        "kind": kind,
        "approve_form": approve_form,
        "reject_form": reject_form,
    }
    return render(request, "producers/staff/review.html", context)


@staff_member_required
def change_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A published producer's material change: the diff, then approve or reject it."""
    change = get_object_or_404(
        ListingChange.objects.select_related("producer__hub", "hub"),
        pk=pk,
        status=ListingChange.Status.PENDING,
    )
    decision = request.POST.get("decision")
    approve_form = forms.ChangeApproveForm(
        request.POST if decision == "approve" else None, prefix="approve"
    )
    reject_form = forms.RejectForm(request.POST if decision == "reject" else None, prefix="reject")
    if request.method == "POST":
        try:
            if approve_form.is_bound and approve_form.is_valid():
                services.listing_change_approve(
                    change=change,
                    by=request.user,
                    keep_verified=approve_form.cleaned_data["keep_verified"],
                )
                messages.success(
                    request,
                    _("The change to %(name)s is published.") % {"name": change.listing.name},
                )
                return redirect("producers:review_queue")
            if reject_form.is_bound and reject_form.is_valid():
                services.listing_change_reject(
                    change=change, by=request.user, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, _("The change was sent back to its owner."))
                return redirect("producers:review_queue")
        except services.TransitionError as e:
            messages.error(request, str(e))
    context = {
        "change": change,
        "listing": change.listing,
        "renames_verified": bool(change.producer and change.producer.verified)
        and "name" in change.fields,
        "approve_form": approve_form,
        "reject_form": reject_form,
    }
    return render(request, "producers/staff/change.html", context)
