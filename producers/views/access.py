"""Who may see and change a listing. Outsiders get 404, never 403, so existence never leaks."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from ..models import Hub, Membership, Producer

Listing = Hub | Producer


def get_visible(
    request: HttpRequest, model: type[Listing], slug: str, *, related: tuple[str, ...] = ()
) -> Listing:
    """Published listings for everyone; drafts for their members and staff."""
    listings = model.objects.visible_to(request.user).select_related(*related)
    return get_object_or_404(listings, slug=slug)


def get_for_member(request: HttpRequest, model: type[Listing], slug: str) -> Listing:
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(model.objects.managed_by(request.user), slug=slug)


def get_for_owner(request: HttpRequest, model: type[Listing], slug: str) -> Listing:
    listing = get_for_member(request, model, slug)
    if not listing.memberships.filter(user=request.user, role=Membership.Role.OWNER).exists():
        raise Http404
    return listing


def is_owner(user, listing: Listing) -> bool:
    return (
        user.is_authenticated
        and listing.memberships.filter(user=user, role=Membership.Role.OWNER).exists()
    )


def is_member(user, listing: Listing) -> bool:
    return user.is_authenticated and listing.memberships.filter(user=user).exists()
