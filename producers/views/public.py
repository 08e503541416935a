from __future__ import annotations

import json
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from hubdir.geo.units import chosen_units, radius_label, uses_miles
from hubdir.replica import directory_read

# The one place producers reads from orders: the public profile shows the market's figures.
from orders.selectors import profile_market, responsive_producers, responsive_rule

from .. import demand, saved, selectors, services
from .. import search as directory
from ..models import (
    Bay,
    Capability,
    Category,
    Hub,
    ListingStatus,
    Producer,
)
from .access import get_visible, is_member

PUBLISHED = Q(producers__status=ListingStatus.PUBLISHED)


@require_GET
@directory_read
def catalogue(request: HttpRequest) -> HttpResponse:
    categories = Category.objects.annotate(
        producer_count=Count(
            "capabilities__producers",
            filter=Q(capabilities__producers__status=ListingStatus.PUBLISHED),
            distinct=True,
        )
    ).prefetch_related(
        Prefetch(
            "capabilities",
            queryset=Capability.objects.annotate(
                producer_count=Count("producers", filter=PUBLISHED, distinct=True)
            ),
        )
    )
    return render(request, "producers/catalogue.html", {"categories": categories})


@require_GET
@directory_read
def category(request: HttpRequest, slug: str) -> HttpResponse:
    cat = get_object_or_404(Category, slug=slug)
    capabilities = cat.capabilities.annotate(
        producer_count=Count("producers", filter=PUBLISHED, distinct=True)
    )
    return render(
        request, "producers/category.html", {"category": cat, "capabilities": capabilities}
    )


@require_GET
@directory_read
def capability(request: HttpRequest, slug: str) -> HttpResponse:
    cap = get_object_or_404(Capability.objects.select_related("category"), slug=slug)
    producers = selectors.producer_cards(Producer.objects.published().filter(capabilities=cap))
    page = Paginator(producers, 24).get_page(request.GET.get("page"))
    return render(request, "producers/capability.html", {"capability": cap, "page": page})


def _open_now(hours: list, tz_name: str) -> tuple[bool, bool]:
    """(open now, walk-in now) in the listing's own time zone."""
    try:
        now = datetime.now(ZoneInfo(tz_name))
    except Exception:  # an unknown zone must not break the page
        return False, False
    today = [h for h in hours if h.weekday == now.weekday() and h.opens <= now.time() < h.closes]
    return bool(today), any(h.walk_in for h in today)


@require_GET
@directory_read
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    producer = get_visible(request, Producer, slug, related=("hub",))
    details = selectors.producer_profile(producer)
    open_now, walk_in_now = _open_now(details["hours"], producer.time_zone)
    can_edit = is_member(request.user, producer)
    favourite_ids = saved.favourite_ids(request.user, [producer.pk])
    if producer.is_published and not can_edit:
        services.profile_view_count(producer=producer)
    context = {
        "producer": producer,
        **details,
        **profile_market(producer=producer, user=request.user, can_edit=can_edit),
        "open_now": open_now,
        "walk_in_now": walk_in_now,
        "can_edit": can_edit,
        "miles": uses_miles(producer.country_code),
        "favourite_ids": favourite_ids,
        # Escaped like json_script: no "</script>" can close the block early.
        "json_ld": mark_safe(  # noqa: S308
            json.dumps(selectors.producer_json_ld(producer, details, request))
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        ),
    }
    return render(request, "producers/profile.html", context)


@require_GET
@directory_read
def hub(request: HttpRequest, slug: str) -> HttpResponse:
    the_hub = get_visible(request, Hub, slug)
    hours = list(the_hub.hours.all())
    context = {
        "hub": the_hub,
        "tenants": selectors.producer_cards(the_hub.tenants.published()),
        "bays": the_hub.bays.filter(status=Bay.Status.AVAILABLE),
        "hours": hours,
        "open_now": _open_now(hours, the_hub.time_zone)[0],
        "can_edit": is_member(request.user, the_hub),
    }
    return render(request, "producers/hub.html", context)


@require_GET
@directory_read
def search(request: HttpRequest) -> HttpResponse:
    """Find workshops: the rendered page is cached per URL for SEARCH_CACHE_SECONDS (read
    per request, so it can be changed in tests), and per version of the search table, so an
    edit, a suspension or a new listing shows at once; only "open now" may lag that long."""
    if not settings.SEARCH_CACHE_SECONDS:
        return _search(request)
    # The counts read the same row (one statement fewer on a miss).
    version_row = directory.current_version_row()
    # A signed-in person's page shows their shortlist: it is cached per shortlist too.
    shortlist = saved.shortlist_version(request.user)
    # And per chosen units (cookie): the language is in every cache key already.
    units = chosen_units(request)
    cached = cache_page(
        settings.SEARCH_CACHE_SECONDS,
        key_prefix=f"search-v{version_row[0]}-s{shortlist}-u{units}",
    )
    return cached(partial(_search, version_row=version_row))(request)


# Inside the cache, so the cache keys on these headers too.
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def _search(request: HttpRequest, version_row: tuple[int, int, bool] | None = None) -> HttpResponse:
    """Find workshops. Every state is a plain GET URL; htmx swaps only the results and
    counts, and pushes the same canonical URL a plain form submit would give."""
    found = directory.search_page(request.GET, version_row=version_row)
    if not found.found.total:
        # Inside the page cache: the same visitor asking again within it records nothing.
        demand.search_miss_record(state=found.state, session_key=request.session.session_key)
    rows = found.page.object_list
    responsive = responsive_producers([row.pk for row in rows], now=found.state.now)
    for row in rows:
        row.responsive = row.pk in responsive
    location = found.state.location
    miles = uses_miles(location.country if location else None)
    rule = responsive_rule()
    favourite_ids = saved.favourite_ids(request.user, [row.pk for row in rows])
    context = {
        "cards": [
            directory.card_html(
                row,
                miles=miles,
                responsive_rule=rule,
                user=request.user,
                favourite_ids=favourite_ids,
            )
            for row in rows
        ],
        "miles": miles,
        "state": found.state,
        "form": found.state.form,
        "found": found.found,
        "page": found.page,
        "groups": found.groups,
        "radius_choices": [
            (km, radius_label(km, miles=miles)) for km, _ in directory.RADIUS_CHOICES
        ],
        "radius": found.radius,
        "sort_choices": directory.SORT_CHOICES,
        "suggestions": found.suggestions,
        "widenings": found.widenings,
        "corrected_from": found.corrected_from,
        "found_query": directory.saved_query(found.state),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "producers/search.html#results", context)
        query = found.pushed_query
        return push_url(response, f"{request.path}?{query}" if query else request.path)
    return render(request, "producers/search.html", context)
