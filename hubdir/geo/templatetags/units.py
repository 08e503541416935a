"""{{ row.distance_km|distance:miles }} and {{ location.radius|radius:miles }}, where the
view puts `miles = uses_miles(<the page's country>)` in the context."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from ..units import distance_label, radius_label, uses_miles

register = template.Library()


@register.filter
def distance(km: float | None, miles: bool) -> str:
    return "" if km is None else distance_label(float(km), miles=bool(miles))


@register.filter
def radius(km: int | None, miles: bool) -> str:
    return "" if km is None else radius_label(int(km), miles=bool(miles))


@register.filter
def radius_in(km: int, country_code: str | None) -> str:
    """{{ 25|radius_in:listing.country_code }}: a radius around a listing, in its units."""
    return radius_label(int(km), miles=uses_miles(country_code))


@register.filter
def money(amount) -> str:
    """{{ quote.price|money }}: "US$1,450.00", grouped and pointed as the reader's language
    writes numbers (hubdir/formats); the directory's prices are US dollars."""
    if amount is None or amount == "":
        return ""
    return "US$" + number_format(amount, 2, force_grouping=True)
