"""The request board's filters and their counts.

Each facet's counts apply every other active filter but not its own, so a producer can
widen a choice; all counts come from one read of the board's rows, counted in Python.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from hubdir.geo.units import radius_label, uses_miles
from producers.models import Producer

from . import selectors
from .models import JobRequest

# "Matches" is the one definition the notification and the live count use too
# (selectors.board_requests): every request the producer was told about or could quote on.
# "setup" narrows it to the materials it lists and the quantities it runs.
FIT_CHOICES = [
    ("mine", _("Matches my capabilities")),
    ("setup", _("Also fits my materials and minimum quantities")),
]
WITHIN_CHOICES = [
    ("5", _("within 5 km")),
    ("10", _("within 10 km")),
    ("25", _("within 25 km")),
    ("50", _("within 50 km")),
]
QUANTITY_CHOICES = [(key, label) for key, label, _low, _high in selectors.QUANTITY_BANDS]


class BoardFilter(django_filters.FilterSet):
    fit = django_filters.ChoiceFilter(
        label=_("Show"), choices=FIT_CHOICES, method="noop", empty_label=None
    )
    capability = django_filters.ChoiceFilter(
        label=_("Capability"), method="noop", empty_label=_("Any")
    )
    within = django_filters.ChoiceFilter(
        label=_("Distance"), choices=WITHIN_CHOICES, method="noop", empty_label=_("Any")
    )
    quantity = django_filters.ChoiceFilter(
        label=_("Quantity"), choices=QUANTITY_CHOICES, method="noop", empty_label=_("Any")
    )
    deadline = django_filters.ChoiceFilter(
        label=_("Needed"),
        choices=selectors.DEADLINE_CHOICES,
        method="noop",
        empty_label=_("Any time"),
    )

    def __init__(self, data, *, producer: Producer, capabilities: list[tuple[str, str]], **kwargs):
        self.producer = producer
        super().__init__(data, **kwargs)
        self.filters["capability"].extra["choices"] = capabilities
        miles = uses_miles(producer.country_code)
        self.filters["within"].extra["choices"] = [
            (
                value,
                gettext("within %(radius)s") % {"radius": radius_label(int(value), miles=miles)},
            )
            for value, _label in WITHIN_CHOICES
        ]

    def noop(self, queryset, name, value):
        # Conditions are applied by board(), which also counts each facet without its own.
        return queryset


@dataclass
class BoardFacet:
    """One facet as the board prints it: its options with their counts, worked out here so
    the template loops once (matching each choice to its count there was a loop in a loop)."""

    name: str
    label: StrOrPromise
    options: list[tuple[str, StrOrPromise, int]]  # (value, label, count)
    selected: object  # what the query string asked for, checked if it is an option


@dataclass
class Board:
    form: object
    requests: list
    page: Page  # of the board's rows, in the order shown; `requests` are its objects
    total: int
    facets: list[BoardFacet]  # in FACETS' order
    fit_options: list[tuple[str, StrOrPromise, int]]  # (value, label, count)
    fit: str


FACETS = ("capability", "within", "quantity", "deadline")
# A page of cards, as search shows: a hundred at once was a long scroll on a phone and
# most of the page's time, and left every request past the hundredth out of reach.
BOARD_PAGE = 25


def _condition(name: str, value: str, capabilities: dict[str, int]) -> Q:
    """The condition one facet value stands for."""
    if name == "capability":
        pk = capabilities[value]
        return Q(capability_id=pk) | Q(second_capability_id=pk)
    if name == "within":
        return Q(distance_km__lte=int(value))
    if name == "quantity":
        _key, _label, low, high = next(b for b in selectors.QUANTITY_BANDS if b[0] == value)
        return Q(quantity__gte=low) & (Q(quantity__lte=high) if high else Q())
    return Q(needed_by__lte=timezone.localdate() + timedelta(days=int(value)))


def _passes(name: str, value: str, row: tuple, capabilities: dict[str, int], today) -> bool:
    """Whether a board row (capability, second capability, distance, quantity, needed by)
    meets `_condition(name, value)`."""
    capability, second, distance, quantity, needed_by = row[:5]
    if name == "capability":
        return capabilities[value] in (capability, second)
    if name == "within":
        return distance is not None and distance <= int(value)
    if name == "quantity":
        _key, _label, low, high = next(b for b in selectors.QUANTITY_BANDS if b[0] == value)
        return quantity is not None and quantity >= low and (not high or quantity <= high)
    return needed_by is not None and needed_by <= today + timedelta(days=int(value))


def _conditions(cleaned: dict, fit: Q, capabilities: dict[str, int]) -> dict[str, Q]:
    found = {"fit": fit} if cleaned.get("fit") == "setup" else {}
    for name in FACETS:
        if value := cleaned.get(name):
            found[name] = _condition(name, value, capabilities)
    return found


def board(producer: Producer, params) -> Board:
    """The board for `producer` as `params` (the query string) filter it; `page` picks
    which BOARD_PAGE of the matching requests are listed (an unknown page shows the nearest)."""
    capability_rows = selectors.producer_capabilities(producer)
    base: QuerySet = selectors.board_requests(producer, capability_rows)
    fit = selectors.fits_producer(capability_rows)
    capabilities = {pc.capability.slug: pc.capability_id for pc in capability_rows}
    data = params.copy()
    if data.get("fit") in (None, "", "all"):  # "all" was the old name of today's default
        data["fit"] = "mine"
    form = BoardFilter(
        data,
        producer=producer,
        capabilities=[(pc.capability.slug, pc.capability.label) for pc in capability_rows],
        queryset=base,
    )
    cleaned = form.form.cleaned_data if form.is_valid() else {"fit": "mine"}
    conditions = _conditions(cleaned, fit, capabilities)

    options = {
        "capability": list(capabilities),
        "within": [v for v, _label in WITHIN_CHOICES],
        "quantity": [v for v, _label in QUANTITY_CHOICES],
        "deadline": [v for v, _label in selectors.DEADLINE_CHOICES],
    }
    # Every count from one pass over the board's rows in Python: a Count(filter=...) per
    # option compiled the same conditions some twenty times, which cost several times the
    # statement. `_passes` is `_condition` read on a row, as SQL would (NULL fails).
    rows = list(
        base.annotate(fits=ExpressionWrapper(fit, output_field=BooleanField())).values_list(
            "capability_id",
            "second_capability_id",
            "distance_km",
            "quantity",
            "needed_by",
            "fits",
            "pk",
            "published_at",
        )
    )
    today = timezone.localdate()
    active = {name: cleaned[name] for name in conditions if name != "fit"}
    setup = "fit" in conditions

    def passing(row: tuple, but: str) -> bool:
        if setup and but != "fit" and not row[5]:
            return False
        return all(
            _passes(name, value, row, capabilities, today)
            for name, value in active.items()
            if name != but
        )

    counts = {name: dict.fromkeys(values, 0) for name, values in options.items()}
    total = fit_mine = fit_setup = 0
    shown = []
    for row in rows:
        if passing(row, ""):
            total += 1
            shown.append(row)
        for name, values in options.items():
            if passing(row, name):
                for value in values:
                    counts[name][value] += _passes(name, value, row, capabilities, today)
        if passing(row, "fit"):
            fit_mine += 1
            fit_setup += bool(row[5])
    found = {"fit__mine": fit_mine, "fit__setup": fit_setup}
    # The rows above are the whole board, so the page's cards are picked from them and
    # fetched by id: filtering the open requests a second time cost as much as the first.
    # The order_by below, in Python: needed by, then newest published (NULL first, as
    # PostgreSQL sorts DESC), then id.
    shown.sort(key=lambda row: (row[4], -row[7].timestamp() if row[7] else -math.inf, row[6]))
    page = Paginator(shown, BOARD_PAGE).get_page(params.get("page"))
    page_ids = [row[6] for row in page.object_list]
    requests = list(
        selectors.board_figures(JobRequest.objects.filter(pk__in=page_ids), producer)
        .order_by("needed_by", "-published_at", "pk")
        .annotate(file_count=Count("attachments"))
    )
    return Board(
        form=form.form,
        requests=requests,
        page=page,
        total=total,
        facets=[
            BoardFacet(
                name=name,
                label=form.form.fields[name].label,
                options=[
                    (value, label, counts[name][value])
                    for value, label in form.form.fields[name].choices
                    if value in counts[name]
                ],
                selected=form.form[name].value(),
            )
            for name in FACETS
        ],
        fit_options=[(value, label, found[f"fit__{value}"]) for value, label in FIT_CHOICES],
        fit=cleaned.get("fit") or "mine",
    )
