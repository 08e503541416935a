"""Staff review queue: approve (optionally verified against the checklist) or reject."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from .. import forms, services
from ..models import Hub, ListingStatus, Producer

MODELS = {"producer": Producer, "hub": Hub}


@staff_member_required
def review_queue(request: HttpRequest) -> HttpResponse:
    context = {
        "producers": Producer.objects.filter(status=ListingStatus.PENDING)
        .select_related("hub")
        .order_by("submitted_at"),
        "hubs": Hub.objects.filter(status=ListingStatus.PENDING).order_by("updated_at"),
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
                messages.success(request, f"{listing.name} is published.")
                return redirect("producers:review_queue")
            if reject_form.is_bound and reject_form.is_valid():
                services.listing_reject(
                    listing=listing, by=request.user, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, f"{listing.name} was sent back to its owner.")
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
