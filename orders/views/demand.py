"""The unmet-demand map (/demand/) and its table as CSV: public, aggregated, no identifiers."""

from __future__ import annotations

import csv
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.views.decorators.http import require_GET

from producers.feeds import safe_cell

from .. import demand
from ..forms import DemandFilterForm

CSV_COLUMNS = (
    "capability_or_words",
    "kind",
    "area",
    "latitude",
    "longitude",
    "south",
    "west",
    "north",
    "east",
    "requests_reaching_no_workshop",
    "requests_expired_without_quote",
    "searches_finding_nothing",
    "unmet_demand",
)
CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM = 640, 200, 16, 36


def _filtered(request: HttpRequest) -> tuple[DemandFilterForm, demand.DemandMap]:
    form = DemandFilterForm(request.GET or None)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        found = demand.demand_map(
            period=data["period"], capability=data["capability"], near=form.near()
        )
    else:
        found = demand.demand_map()
    return form, found


def _short(label: str, *, first: bool) -> str:
    """Under a month's bar only the month ("Mar"); the year on the first bar and January's."""
    month, _, year = label.partition(" ")
    january = date_format(date(2000, 1, 1), "M")
    return label if first or not year.isdigit() or month == january else month


def _chart(trend: list[tuple[str, int | None]]) -> dict:
    """Bars for the server-drawn SVG: positions worked out here, the template only prints."""
    top = max([value or 0 for _label, value in trend] + [1])
    slot = CHART_WIDTH / max(len(trend), 1)
    usable = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    bars = []
    for index, (label, value) in enumerate(trend):
        height = round(usable * (value or 0) / top, 1)
        bars.append(
            {
                "label": label,
                "value": value,
                "x": round(index * slot + slot * 0.15, 1),
                "width": round(slot * 0.7, 1),
                "y": round(CHART_TOP + usable - height, 1),
                "height": height,
                "value_y": round(CHART_TOP + usable - height - 4, 1),
                "text_x": round(index * slot + slot / 2, 1),
                "short": _short(label, first=index == 0),
                # Every other label when the bars are many, so they never overlap.
                "show_label": len(trend) <= 14 or index % 2 == 0,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_HEIGHT - CHART_BOTTOM,
        "label_y": CHART_HEIGHT - CHART_BOTTOM + 16,
        "top": top,
    }


@require_GET
def demand_page(request: HttpRequest) -> HttpResponse:
    form, found = _filtered(request)
    cells = [
        {"label": r.label, "total": r.total, "area": r.area, "bounds": r.bounds}
        for r in found.rows[:500]
    ]
    return render(
        request,
        "orders/demand.html",
        {
            "form": form,
            "found": found,
            "rows": found.rows,
            "cells": cells,
            "chart": _chart(found.trend),
            "k": demand.K,
            "period_label": demand.PERIODS[found.period],
            "csv_query": request.GET.urlencode(),
        },
    )


@require_GET
def demand_csv(request: HttpRequest) -> HttpResponse:
    _form, found = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hubdir-unmet-demand.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for row in found.rows:
        south, west, north, east = row.bounds
        writer.writerow(
            [
                safe_cell(row.label if row.what[0] == "capability" else row.what[1]),
                row.what[0],
                row.area,
                *row.centre,
                south,
                west,
                north,
                east,
                row.unreached,
                row.unquoted,
                row.searches,
                row.total,
            ]
        )
    return response
