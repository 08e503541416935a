from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hubdir.site import site_url

# Seconds the 503 page asks browsers and crawlers to wait while the database is unreachable.
OUTAGE_RETRY_AFTER = 30


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the directory (workshops, hubs, the catalogue, the search page);
    accounts, dashboards, the request board, requests, orders and files are not for them."""
    sitemap = site_url() + reverse("django.contrib.sitemaps.views.sitemap")
    return render(request, "robots.txt", {"sitemap": sitemap}, content_type="text/plain")


@require_GET
def hello(request: HttpRequest) -> HttpResponse:
    """The bare baseline the benchmarks divide by."""
    return HttpResponse("hello", content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request Django would not read: too many fields, a body too big, a broken form."""
    return render(request, "400.html", status=400)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database.
    from django.template import loader

    # Django calls this inside its `except`: the error at hand is the one being handled.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        # The database did not answer (down, restarting, unreachable): not a bug, a wait.
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def too_many_requests(request: HttpRequest, exception: Exception) -> HttpResponse:
    """django-ratelimit's refusal: a friendly page, status 429; the view never ran."""
    message = _("You have posted a lot in a short time. Please wait a little and try again.")
    return render(request, "429.html", {"message": message}, status=429)
