"""Distances as people read them: miles for US visitors reading English, kilometres for
everyone else (Spanish readers included: most metric-reading countries speak it).

Distances are kept and filtered in kilometres; only what is shown changes. Who is a "US
visitor" is decided by one function, uses_miles(), from the place the page is about (docs/
decisions.md, "Miles or kilometres").
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from hubdir.accounts.language import reading_language

from .geocode import us_states

MILES_PER_KM = 0.621371
# A reader's own choice ("km" or "mi", the footer's form), which beats every rule below.
UNITS_COOKIE = "units"
UNITS = ("km", "mi")
_chosen: ContextVar[str] = ContextVar("chosen_units", default="")


def chosen_units(request: HttpRequest) -> str:
    value = request.COOKIES.get(UNITS_COOKIE, "")
    return value if value in UNITS else ""


class ChosenUnitsMiddleware:
    """Makes the reader's chosen units what uses_miles() answers during their request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _chosen.set(chosen_units(request))
        try:
            return self.get_response(request)
        finally:
            _chosen.reset(token)


def uses_miles(country_code: str | None = None) -> bool:
    """Whether a page shows miles: the country of the place it is about (the search's place,
    the request's place, the listing's address) is the US. A page about no place yet (an
    empty search, a new request) follows the site's region hint: miles when
    GEO_PREFER_REGIONS names a US state. Only in English: a Spanish page shows kilometres.
    A reader who chose their units (the footer's form) gets those everywhere."""
    if chosen := _chosen.get():
        return chosen == "mi"
    if reading_language() != "en":
        return False
    if country_code:
        return country_code.upper() == "US"
    return any(region.upper() in us_states() for region in settings.GEO_PREFER_REGIONS)


def distance_label(km: float, *, miles: bool) -> str:
    """'3.2 mi' or '5.1 km', to a tenth."""
    return f"{km * MILES_PER_KM:.1f} mi" if miles else f"{km:.1f} km"


def radius_label(km: int, *, miles: bool) -> str:
    """A search radius, whole: '16 mi' for 25 km, or '25 km'."""
    return f"{round(km * MILES_PER_KM)} mi" if miles else f"{km} km"
