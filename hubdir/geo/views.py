from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .geocode import suggest_places
from .units import UNITS, UNITS_COOKIE

SUGGESTIONS = 8


@require_GET
@cache_control(max_age=3600, public=True)
def suggest(request: HttpRequest) -> HttpResponse:
    """Type-ahead for place fields: <option>s for the field's <datalist>, fetched by htmx."""
    places = suggest_places(request.GET.get("place", ""), limit=SUGGESTIONS)
    return render(request, "includes/_place_options.html", {"places": places})


# On cached pages like the language switcher, so without a token: it sets only a cookie.
@csrf_exempt
@require_POST
def choose_units(request: HttpRequest) -> HttpResponse:
    """The footer's "distances in miles / kilometres": a cookie for a year, then back to the
    page (only a page of this site)."""
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    units = request.POST.get("units", "")
    if units in UNITS:
        response.set_cookie(
            UNITS_COOKIE, units, max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure()
        )
    return response
