from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .geocode import suggest_places

SUGGESTIONS = 8


@require_GET
@cache_control(max_age=3600, public=True)
def suggest(request: HttpRequest) -> HttpResponse:
    """Type-ahead for place fields: <option>s for the field's <datalist>, fetched by htmx."""
    places = suggest_places(request.GET.get("place", ""), limit=SUGGESTIONS)
    return render(request, "includes/_place_options.html", {"places": places})
