"""The open data feeds and the page that documents them: anonymous, read-only, GET only.

The list feeds answer 304 through Django's `condition`: their ETag is the search table's
version (bumped by every write that changes a row) with the query, so an unchanged harvest
costs one statement. CORS headers come from django-cors-headers (CORS_URLS_REGEX)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.views.decorators.http import condition, conditional_page, require_GET, require_safe

from hubdir.replica import directory_read

from .. import feeds
from ..models import Hub, Producer
from ..search import search_version

CONTENT_TYPES = {
    "json": "application/json",
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
}


def _version(request: HttpRequest) -> int:
    # The ETag and Last-Modified functions both need it; read it once per request.
    if not hasattr(request, "_feed_version"):
        request._feed_version = search_version()  # type: ignore[attr-defined]
    return request._feed_version  # type: ignore[attr-defined]


def _etag(request: HttpRequest, fmt: str) -> str:
    # The links in the body start with the host asked for, so it is part of the tag too.
    key = f"{_version(request)}:{fmt}:{request.get_host()}:{request.GET.urlencode()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, fmt: str) -> datetime:
    """When this version of the search table was first served: nothing in it is newer."""
    seen = cache.get_or_set(f"feeds:seen:{_version(request)}", timezone.now, 7 * 24 * 3600)
    return seen or timezone.now()


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# GET and HEAD: a harvester may ask only for the headers.
@require_safe
@directory_read
@condition(etag_func=_etag, last_modified_func=_last_modified)
def producers_feed(request: HttpRequest, fmt: str) -> HttpResponse:
    """/feeds/producers.json|.geojson|.csv: the search page's parameters, a page at a time."""
    # Data for programs, in the site's language whoever asks: its ETag and 304s, and the
    # notices it carries from the search, are the same for every harvester.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            page = feeds.feed_page(request.GET, fmt=fmt, base=_base(request), path=request.path)
        except feeds.FeedError as error:
            return JsonResponse({"error": str(error)}, status=400)
        if fmt == "csv":
            response = HttpResponse(feeds.as_csv(page), content_type=CONTENT_TYPES["csv"])
            response["Content-Disposition"] = 'inline; filename="hubdir-producers.csv"'
        else:
            body = feeds.as_json(page) if fmt == "json" else feeds.as_geojson(page)
            response = HttpResponse(
                json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
                content_type=CONTENT_TYPES[fmt],
            )
    links = [f'<{feeds.LICENSE["url"]}>; rel="license"']
    if page.next_url:
        links.append(f'<{page.next_url}>; rel="next"')
    response["Link"] = ", ".join(links)
    return response


def _ics(listing: Producer | Hub, request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        feeds.opening_hours_calendar(listing, base=_base(request)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{listing.slug}-hours.ics"'
    return response


# The calendar's ETag is its content's (conditional_page): opening hours are their own rows.
@require_safe
@directory_read
@conditional_page
def producer_ics(request: HttpRequest, slug: str) -> HttpResponse:
    producer = get_object_or_404(Producer.objects.published(), slug=slug)
    return _ics(producer, request)


@require_safe
@directory_read
@conditional_page
def hub_ics(request: HttpRequest, slug: str) -> HttpResponse:
    hub = get_object_or_404(Hub.objects.published(), slug=slug)
    return _ics(hub, request)


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    example = Producer.objects.published().order_by("pk").first()
    hub = Hub.objects.published().order_by("pk").first()
    return render(
        request,
        "producers/open_data.html",
        {"license": feeds.LICENSE, "example": example, "example_hub": hub},
    )
