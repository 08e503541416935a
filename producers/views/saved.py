"""Saved searches (save, list, rename, delete, unsubscribe) and the shortlist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubdir.types import AuthenticatedHttpRequest

from .. import saved, search, selectors
from ..forms import SavedSearchForm
from ..models import Producer, SavedSearch
from ..services import TransitionError


def _saved_search_for_owner(request: AuthenticatedHttpRequest, pk: int) -> SavedSearch:
    """The person's own saved search; 404 for anyone else's."""
    return get_object_or_404(SavedSearch, pk=pk, user=request.user)


@require_http_methods(["GET", "POST"])
@login_required
def saved_search_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Save the search the GET parameters (or, on POST, the `query` field) describe."""
    # Bounded before parsing; a longer search than a saved one holds is refused in words.
    query = QueryDict(request.POST.get("query", "")[:10_000]) if request.POST else request.GET
    state = search.parse(query)
    form = SavedSearchForm(
        request.POST or None,
        initial={"name": saved.describe(state), "frequency": SavedSearch.Frequency.WEEKLY},
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = saved.saved_search_create(user=request.user, state=state, **form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your search “%(name)s” is saved.") % {"name": made.name})
            return redirect("producers:saved_searches")
    context = {
        "form": form,
        "state": state,
        "query": search.saved_query(state),
        "dropped_open_now": "open_now" in state.params,
    }
    return render(request, "producers/saved/new.html", context)


@require_GET
@login_required
def saved_searches(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = list(request.user.saved_searches.all())
    context = {"items": items, "most": saved.SAVED_SEARCHES_PER_PERSON}
    return render(request, "producers/saved/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def saved_search_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _saved_search_for_owner(request, pk)
    form = SavedSearchForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            saved.saved_search_update(saved=item, **form.cleaned_data)
        except TransitionError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("Saved search “%(name)s” updated.") % {"name": item.name})
            return redirect("producers:saved_searches")
    return render(request, "producers/saved/edit.html", {"form": form, "item": item})


@require_POST
@login_required
def saved_search_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _saved_search_for_owner(request, pk)
    saved.saved_search_delete(saved=item)
    messages.success(request, _("Saved search “%(name)s” deleted.") % {"name": item.name})
    return redirect("producers:saved_searches")


@require_http_methods(["GET", "POST"])
def saved_search_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every alert. GET asks (mail scanners follow links); POST stops the alert."""
    try:
        item = saved.unsubscribe_read(token)
    except signing.SignatureExpired:
        return render(request, "producers/saved/unsubscribe.html", {"expired": True}, status=410)
    if item is None:
        return render(request, "producers/saved/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        saved.saved_search_unsubscribe(saved=item)
        return render(request, "producers/saved/unsubscribe.html", {"done": True, "item": item})
    return render(request, "producers/saved/unsubscribe.html", {"item": item})


# --- The shortlist ---


def _back(request: HttpRequest, producer: Producer) -> str:
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return producer.get_absolute_url()


@require_POST
@login_required
def favourite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Add to or remove from the shortlist; htmx swaps the button, a plain form goes back."""
    producer = get_object_or_404(Producer.objects.published(), slug=slug)
    action = request.POST.get("action")
    if action not in ("add", "remove"):
        raise Http404
    try:
        if action == "add":
            saved.favourite_add(user=request.user, producer=producer)
        else:
            saved.favourite_remove(user=request.user, producer=producer)
    except TransitionError as error:
        if request.htmx:
            context = {"producer": producer, "favourite_ids": (), "error": str(error)}
            return render(request, "includes/_favourite_button.html", context)
        messages.error(request, str(error))
        return redirect(_back(request, producer))
    if request.htmx:
        context = {"producer": producer, "favourite_ids": {producer.pk} if action == "add" else ()}
        return render(request, "includes/_favourite_button.html", context)
    if action == "add":
        messages.success(request, _("%(name)s is on your shortlist.") % {"name": producer.name})
    else:
        messages.success(request, _("%(name)s is off your shortlist.") % {"name": producer.name})
    return redirect(_back(request, producer))


@require_GET
@login_required
def shortlist(request: AuthenticatedHttpRequest) -> HttpResponse:
    producers = list(
        selectors.producer_cards(
            Producer.objects.published().filter(favourites__user=request.user)
        ).order_by("-favourites__created_at", "pk")
    )
    can_invite = [p for p in producers if p.can_receive_requests]
    context = {
        "producers": producers,
        "favourite_ids": {p.pk for p in producers},
        "invite": can_invite[: saved.INVITE_AT_ONCE],
        "left_out": max(0, len(can_invite) - saved.INVITE_AT_ONCE),
        "cannot_invite": [p for p in producers if not p.can_receive_requests],
        "most": saved.FAVOURITES_PER_PERSON,
    }
    return render(request, "producers/saved/shortlist.html", context)
