"""The directory search: parameters -> filters -> facet counts, results and widenings.

Everything reads the narrow search table (ProducerSearch), never the listings' joins:
- `parse()` validates the GET parameters through a django-filter FilterSet, drops what is
  unknown or malformed with a notice, and resolves the place through the gazetteer.
- `facets()` returns every facet's counts and the total from ONE aggregate statement:
  disjunctive, so each facet's counts apply every other active filter but not its own.
  The unfiltered counts are computed once a minute and cached (the landing page).
- `results()` is one query for a page of cards; the total comes from `facets()`, so the
  paginator never runs a second COUNT.

SQL text here is assembled only from this module's constants (column names, facet names)
and from Django-compiled conditions; every user value travels as a query parameter.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import and_, or_
from time import monotonic

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.exceptions import FullResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Count, F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.lookups import LessThanOrEqual
from django.http import QueryDict
from django.utils import timezone

from hubdir.geo.distance import bounding_box, distance_km_expression
from hubdir.geo.geocode import geocode
from hubdir.geo.text import clean_query

from .models import (
    Capability,
    Category,
    Certification,
    Hub,
    Material,
    Photo,
    Producer,
    ProducerCapability,
    ProducerSearch,
)

PAGE_SIZE = 20
MAX_PAGE = 500
RADIUS_CHOICES = [(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")]
DEFAULT_RADIUS = 25
WIDER_RADII = [50, 100, 250, 500]
LEAD_TIME_CHOICES = [(3, "3 days"), (7, "a week"), (14, "2 weeks"), (30, "a month")]
SORT_CHOICES = [
    ("relevance", "Best match"),
    ("distance", "Nearest"),
    ("rating", "Highest rated"),
    ("lead_time", "Shortest lead time"),
]
# Full text finding fewer than this many producers triggers the trigram "did you mean".
FEW_RESULTS = 3
# Options a long facet shows before "Show all".
FACET_SHOWN = 8
SIMILARITY = 0.3
LANDING_SECONDS = 60
CATALOGUE_SECONDS = 300
CATALOGUE_KEY = "search:catalogue:v2"

TABLE = ProducerSearch._meta.db_table

# Facets counted per value of an array column.
ARRAY_FACETS = {
    "category": "category_ids",
    "capability": "capability_ids",
    "material": "material_ids",
    "certification": "certification_ids",
    "service": "services",
    "customer": "customer_types",
    "batch": "batch_bands",
}
FLAG_FACETS = ("verified", "open_now", "walk_in")
# Facets: counted options. "quantity" filters but has no counts of its own.
FACETS = (*ARRAY_FACETS, "hub_kind", *FLAG_FACETS, "lead_time")
CATALOGUE_FACETS = {
    "category": Category,
    "capability": Capability,
    "material": Material,
    "certification": Certification,
}
CHOICE_FACETS = {
    "service": Producer.Service.choices,
    "customer": Producer.CustomerType.choices,
    "batch": ProducerCapability.BatchBand.choices,
    "hub_kind": Hub.Kind.choices,
}
FACET_LABELS = {
    "category": "Category",
    "capability": "Capability",
    "material": "Material",
    "certification": "Certification",
    "service": "Service",
    "customer": "Works for",
    "batch": "Batch size",
    "hub_kind": "Kind of space",
    "verified": "Verified",
    "open_now": "Open now",
    "walk_in": "Walk-in repairs",
    "lead_time": "Ready within",
    "quantity": "Quantity",
    "expand": "Show all",
}
FLAG_LABELS = {
    "verified": "Verified by Hubdir",
    "open_now": "Open now",
    "walk_in": "Walk-in repairs",
}


# --- The catalogue, as the search page needs it: small, read on every search, so cached. ---


# Each worker also keeps the catalogue for a few seconds: the search page reads it several
# times per request (choices, option labels, card tags), and a shared-cache round trip each
# time cost more than the facet SQL. Edits reach other workers within these seconds.
_LOCAL_SECONDS = 5.0
_local: tuple[float, dict] | None = None


def catalogue() -> dict[str, dict[str, tuple[int, str]]]:
    """{facet: {slug: (id, name)}} for the catalogue facets; ids in the search table."""
    return _catalogue()["facets"]


def _catalogue() -> dict:
    global _local
    if _local is not None and _local[0] > monotonic():
        return _local[1]
    data = cache.get(CATALOGUE_KEY)
    if data is None:
        facets = {
            name: {
                slug: (pk, label)
                for pk, slug, label in model.objects.values_list("pk", "slug", "name")
            }
            for name, model in CATALOGUE_FACETS.items()
        }
        names = {pk: label for pk, label in facets["capability"].values()}
        data = {"facets": facets, "capability_names": names}
        cache.set(CATALOGUE_KEY, data, CATALOGUE_SECONDS)
    _local = (monotonic() + _LOCAL_SECONDS, data)
    return data


def forget_catalogue(**kwargs) -> None:
    """Signal receiver: a catalogue edit shows up in the search page at once."""
    global _local
    _local = None
    cache.delete(CATALOGUE_KEY)


# --- Parameters ---


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class DirectoryFilter(django_filters.FilterSet):
    """The search page's parameters. Validation only: conditions are built by `parse()`
    because the facet counts need each one on its own, not just the filtered queryset."""

    q = django_filters.CharFilter(label="What do you need made?", max_length=200)
    place = django_filters.CharFilter(label="Near", max_length=200)
    lat = django_filters.NumberFilter(min_value=-90, max_value=90)
    lng = django_filters.NumberFilter(min_value=-180, max_value=180)
    radius = django_filters.TypedChoiceFilter(
        label="Within", choices=RADIUS_CHOICES, coerce=int, empty_value=None
    )
    category = django_filters.MultipleChoiceFilter()
    capability = django_filters.MultipleChoiceFilter()
    material = django_filters.MultipleChoiceFilter()
    certification = django_filters.MultipleChoiceFilter()
    service = django_filters.MultipleChoiceFilter(choices=CHOICE_FACETS["service"])
    customer = django_filters.MultipleChoiceFilter(choices=CHOICE_FACETS["customer"])
    batch = django_filters.MultipleChoiceFilter(choices=CHOICE_FACETS["batch"])
    hub_kind = django_filters.MultipleChoiceFilter(choices=CHOICE_FACETS["hub_kind"])
    verified = django_filters.BooleanFilter()
    open_now = django_filters.BooleanFilter()
    walk_in = django_filters.BooleanFilter()
    lead_time = django_filters.TypedChoiceFilter(
        label="Ready within", choices=LEAD_TIME_CHOICES, coerce=int, empty_value=None
    )
    quantity = IntegerFilter(label="Quantity", min_value=1, max_value=1_000_000)
    sort = django_filters.ChoiceFilter(label="Sort by", choices=SORT_CHOICES)
    page = IntegerFilter(min_value=1, max_value=MAX_PAGE)
    expand = django_filters.MultipleChoiceFilter(
        choices=[(name, name) for name in (*ARRAY_FACETS, "hub_kind")]
    )

    class Meta:
        model = ProducerSearch
        fields: list[str] = []

    def __init__(self, data, *, catalogue_index, **kwargs):
        super().__init__(data, queryset=ProducerSearch.objects.all(), **kwargs)
        for name, options in catalogue_index.items():
            self.filters[name].extra["choices"] = [
                (slug, label) for slug, (_, label) in options.items()
            ]


MULTI = {
    name
    for name, f in DirectoryFilter.base_filters.items()
    if isinstance(f, django_filters.MultipleChoiceFilter)
}
TEXT = ("q", "place")


@dataclass
class Location:
    lat: float
    lng: float
    radius: int
    label: str


@dataclass
class SearchState:
    params: QueryDict  # the cleaned, valid parameters: every link is built from these
    form: forms.Form
    text: str = ""
    location: Location | None = None
    conditions: dict[str, Q] = field(default_factory=dict)  # facet name -> its filter
    selected: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    notices: list[str] = field(default_factory=list)
    place_error: str = ""
    now: datetime = field(default_factory=timezone.now)

    @property
    def is_unfiltered(self) -> bool:
        return not self.text and self.location is None and not self.conditions

    def search_query(self) -> SearchQuery:
        return SearchQuery(_unaccent(self.text), search_type="websearch", config="english")


def _unaccent(text: str) -> Func:
    return Func(Value(text), function="unaccent", output_field=TextField())


def _printable(text: str) -> str:
    return clean_query(text)[:60] or "?"


def parse(query: QueryDict, *, now: datetime | None = None) -> SearchState:
    """The search the parameters ask for; anything unknown or malformed is dropped with a
    notice, so a hand-edited or truncated URL still gives a page (never an error)."""
    index = catalogue()
    notices: list[str] = []
    data = QueryDict(mutable=True)
    for key in query:
        values = [v for v in query.getlist(key) if v != ""]
        if not values:
            continue
        if key not in DirectoryFilter.base_filters:
            notices.append(f"We ignored the unknown parameter “{_printable(key)}”.")
            continue
        if key in MULTI:
            choices = _choices(key, index)
            kept = [v for v in dict.fromkeys(values) if v in choices]
            if len(kept) < len(set(values)):
                notices.append(f"We ignored an unknown {FACET_LABELS[key].lower()} in the link.")
            data.setlist(key, kept)
        elif key in TEXT:
            data[key] = clean_query(values[-1])
        else:
            data[key] = values[-1]  # a repeated single value: the last one wins, like Django

    filterset = DirectoryFilter(data, catalogue_index=index)
    form = filterset.form
    if not form.is_valid():
        for name in form.errors:
            label = FACET_LABELS.get(name) or form.fields[name].label or name
            notices.append(f"We ignored “{label}”: the value in the link was not valid.")
            data.pop(name, None)
        filterset = DirectoryFilter(data, catalogue_index=index)
        form = filterset.form
        form.is_valid()
    cleaned = form.cleaned_data

    state = SearchState(params=data, form=form, notices=notices, now=now or timezone.now())
    state.text = cleaned.get("q") or ""
    state.page = cleaned.get("page") or 1
    _locate(state, cleaned)
    _add_conditions(state, cleaned, index)
    state.sort = cleaned.get("sort") or "relevance"
    if state.sort == "distance" and state.location is None:
        notices.append("Sorting by distance needs a place; showing the best matches instead.")
        state.sort = "relevance"
    return state


def _choices(name: str, index) -> set[str]:
    if name in index:
        return set(index[name])
    if name == "expand":
        return {*ARRAY_FACETS, "hub_kind"}
    return {value for value, _ in CHOICE_FACETS[name]}


def _locate(state: SearchState, cleaned: dict) -> None:
    radius = cleaned.get("radius") or DEFAULT_RADIUS
    lat, lng, place = cleaned.get("lat"), cleaned.get("lng"), cleaned.get("place") or ""
    if place:
        # A typed place wins over coordinates left in the link by an earlier "use my location".
        lat = lng = None
        state.params.pop("lat", None)
        state.params.pop("lng", None)
    if lat is not None and lng is not None:
        state.location = Location(float(lat), float(lng), radius, place or "your location")
        return
    if (lat is None) != (lng is None):
        state.notices.append("We ignored a location with only one coordinate.")
        state.params.pop("lat", None)
        state.params.pop("lng", None)
    if not place:
        return
    found = cached_geocode(place)
    if found is None:
        state.place_error = f"We could not find “{place}”. Try a town, “town, state” or a ZIP code."
        return
    state.location = Location(found[0], found[1], radius, found[2])


def cached_geocode(text: str) -> tuple[float, float, str] | None:
    """The gazetteer never changes while the app runs, so a place is looked up once a day."""
    key = "search:place:" + hashlib.sha256(text.casefold().encode()).hexdigest()
    hit = cache.get(key)
    if hit is None:
        place = geocode(text)
        hit = (place.lat, place.lng, place.label) if place else ()
        cache.set(key, hit, 24 * 3600)
    return tuple(hit) or None


def _add_conditions(state: SearchState, cleaned: dict, index) -> None:
    conditions: dict[str, Q] = {}
    for name, column in ARRAY_FACETS.items():
        values = cleaned.get(name) or []
        if not values:
            continue
        state.selected[name] = list(values)
        if name in index:
            values = [index[name][slug][0] for slug in values]
        conditions[name] = Q(**{f"{column}__overlap": list(values)})
    if kinds := cleaned.get("hub_kind"):
        state.selected["hub_kind"] = list(kinds)
        conditions["hub_kind"] = Q(hub_kind__in=list(kinds))
    if cleaned.get("verified"):
        conditions["verified"] = Q(verified=True)
    if cleaned.get("open_now"):
        conditions["open_now"] = Q(open_now_expression(state.now))
    if cleaned.get("walk_in"):
        conditions["walk_in"] = Q(walk_in=True)
    if days := cleaned.get("lead_time"):
        conditions["lead_time"] = Q(lead_time_days__lte=days)
    if quantity := cleaned.get("quantity"):
        conditions["quantity"] = Q(min_quantity__lte=quantity)
    state.conditions = conditions


def open_now_expression(now: datetime) -> RawSQL:
    """Whether the producer's hours hold `now`, read in the producer's own time zone."""
    return RawSQL(
        f'COALESCE("{TABLE}"."open_hours"'
        f' @> producers_minute_of_week(%s, "{TABLE}"."time_zone"), false)',
        [now],
        output_field=BooleanField(),
    )


def _distance(location: Location):
    return distance_km_expression("lat", "lng", location.lat, location.lng)


def _place_condition(location: Location, radius: float | None = None) -> Q:
    """Inside the circle: a bounding box the (lat, lng) index answers, refined exactly."""
    radius = location.radius if radius is None else radius
    min_lat, max_lat, min_lng, max_lng = bounding_box(location.lat, location.lng, radius)
    return Q(lat__range=(min_lat, max_lat), lng__range=(min_lng, max_lng)) & Q(
        LessThanOrEqual(_distance(location), Value(float(radius)))
    )


def _scope(state: SearchState) -> list[Q]:
    """The conditions that are not facets: the text and the place."""
    text = [Q(document=state.search_query())] if state.text else []
    return text + _scope_place(state)


def all_conditions(state: SearchState) -> Q:
    return reduce(and_, [*_scope(state), *state.conditions.values()], Q())


# --- Facet counts ---


@dataclass
class Facets:
    total: int
    counts: dict[str, dict[str, int]]  # facet -> {value: count}; flags under "yes"
    without: dict[str, int]  # active facet -> the total if it were dropped


def facets(state: SearchState) -> Facets:
    if state.is_unfiltered:
        return landing_facets(state.now)
    return _compute_facets(state, landing=_needs_landing(state))


def landing_facets(now: datetime) -> Facets:
    """The unfiltered counts, shared by everyone for a minute ("open now" moves with time)."""
    key = f"search:landing:{int(now.timestamp()) // LANDING_SECONDS}"
    hit = cache.get(key)
    if hit is None:
        empty = SearchState(params=QueryDict(), form=None, now=now)
        hit = _compute_facets(empty, landing=set())
        cache.set(key, hit, LANDING_SECONDS * 2)
    return hit


def _needs_landing(state: SearchState) -> set[str]:
    """Active facets whose "every other filter" is empty: their counts are the landing ones."""
    if state.text or state.location is not None or len(state.conditions) != 1:
        return set()
    (only,) = state.conditions
    return {only} if only in FACETS else set()


def _compile(condition: Q) -> tuple[str, list]:
    query = ProducerSearch.objects.filter(condition).query
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = compiler.compile(query.where)
    except FullResultSet:  # an empty Q: no condition at all
        return "TRUE", []
    return sql or "TRUE", list(params)


class _Sql:
    """A statement built from parts, keeping the parameters in order with the text."""

    def __init__(self):
        self.parts: list[str] = []
        self.params: list = []

    def add(self, sql: str, params=()) -> _Sql:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def __str__(self) -> str:
        return "".join(self.parts)


def _compute_facets(state: SearchState, *, landing: set[str]) -> Facets:
    conditions = state.conditions
    flags = {name: f"f_{name}" for name in conditions}

    def others(facet: str) -> str:
        rest = [flags[name] for name in conditions if name != facet]
        return " AND ".join(rest) or "TRUE"

    everything = " AND ".join(flags.values()) or "TRUE"
    computed = [name for name in conditions if name not in landing]
    # Rows any count needs: those passing every filter but at most one computed facet's.
    needed = [
        reduce(and_, [c for n, c in conditions.items() if n != name], Q()) for name in computed
    ]
    needed.append(reduce(and_, conditions.values(), Q()))
    # An empty Q means "every row"; Django's `|` would drop it instead of absorbing the rest.
    restriction = Q() if any(not q for q in needed) else reduce(or_, needed)

    sql = _Sql().add("WITH base AS MATERIALIZED (SELECT ")
    sql.add(
        ", ".join([*ARRAY_FACETS.values(), "hub_kind", "verified", "walk_in", "lead_time_days"])
    )
    open_sql, open_params = _compile(Q(open_now_expression(state.now)))
    sql.add(f", {open_sql} AS open_now", open_params)
    for name, condition in conditions.items():
        cond_sql, cond_params = _compile(condition)
        sql.add(f", ({cond_sql}) AS {flags[name]}", cond_params)
    where_sql, where_params = _compile(reduce(and_, [*_scope(state), restriction], Q()))
    sql.add(f' FROM "{TABLE}" WHERE {where_sql})', where_params)

    scalars = {"total": everything}
    scalars |= {f"without:{name}": others(name) for name in conditions}
    scalars |= {f"{name}:yes": f"{name} AND {others(name)}" for name in FLAG_FACETS}
    scalars |= {
        f"lead_time:{days}": f"lead_time_days <= {days} AND {others('lead_time')}"
        for days, _ in LEAD_TIME_CHOICES
    }
    keys = ", ".join(f"'{key}'" for key in scalars)
    counts = ", ".join(f"count(*) FILTER (WHERE {where})" for where in scalars.values())
    sql.add(
        f" SELECT u.k, NULL::text, u.n FROM (SELECT ARRAY[{keys}] AS ks, ARRAY[{counts}] AS ns"
        " FROM base) AS s, unnest(s.ks, s.ns) AS u(k, n)"
    )
    for name, column in ARRAY_FACETS.items():
        if name in landing:
            continue
        sql.add(
            f" UNION ALL SELECT '{name}', v::text, count(*) FROM base, unnest(base.{column}) AS v"
            f" WHERE {others(name)} GROUP BY v"
        )
    if "hub_kind" not in landing:
        sql.add(
            " UNION ALL SELECT 'hub_kind', hub_kind, count(*) FROM base"
            f" WHERE hub_kind IS NOT NULL AND {others('hub_kind')} GROUP BY hub_kind"
        )

    with connection.cursor() as cursor:
        cursor.execute(str(sql), sql.params)
        rows = cursor.fetchall()

    result = Facets(total=0, counts={name: {} for name in FACETS}, without={})
    for key, value, count in rows:
        if key == "total":
            result.total = count
        elif key.startswith("without:"):
            result.without[key.removeprefix("without:")] = count
        elif value is None:  # "verified:yes", "lead_time:7"
            name, option = key.split(":")
            result.counts[name][option] = count
        else:
            result.counts[key][value] = count
    if landing:
        shared = landing_facets(state.now)
        for name in landing:
            # The base held only rows passing this facet: its counts and "without" are global.
            result.counts[name] = shared.counts[name]
            result.without[name] = shared.total
    return result


def bare_count(state: SearchState) -> int:
    """The plain COUNT(*) of the same filter: the baseline the facet benchmark divides by."""
    return ProducerSearch.objects.filter(all_conditions(state)).count()


# --- Results ---


class _Counted:
    """A queryset the paginator slices, with the total known from the facet statement."""

    def __init__(self, queryset, total: int):
        self.queryset, self.total = queryset, total

    def count(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.queryset[index]


def results(state: SearchState, total: int) -> Page:
    """One page of result rows in one query, each with its producer, hub, first photo,
    distance and whether it is open now."""
    first_photo = Photo.objects.filter(producer=OuterRef("producer")).order_by("position", "id")
    rows = (
        ProducerSearch.objects.filter(all_conditions(state))
        .select_related("producer__hub")
        .defer(
            "document",
            "open_hours",
            "producer__description",
            "producer__made_on_site",
            "producer__resold",
        )
        .annotate(
            photo=Subquery(first_photo.values("thumb_sm")[:1]),
            open_now=open_now_expression(state.now),
        )
    )
    order = []
    if state.text:
        rows = rows.annotate(rank=SearchRank(F("document"), state.search_query()))
    if state.location is not None:
        rows = rows.annotate(distance_km=_distance(state.location))
    if state.sort == "rating":
        order.append(F("rating").desc(nulls_last=True))
    elif state.sort == "lead_time":
        order.append(F("lead_time_days").asc(nulls_last=True))
    elif state.sort == "distance":
        order.append("distance_km")
    if state.text:
        order.append("-rank")
    if state.location is not None:
        order.append("distance_km")
    order += ["-verified", "name", "pk"]
    paginator = Paginator(_Counted(rows.order_by(*order), total), PAGE_SIZE)
    return paginator.get_page(min(state.page, max(1, paginator.num_pages)))


def suggestions(state: SearchState) -> list[str]:
    """Catalogue words and producer names that look like what was typed (typos)."""
    text = state.text.casefold()
    sql = f"""
        SELECT term FROM (
            SELECT name AS term FROM producers_capability
            UNION SELECT unnest(synonyms) FROM producers_capability
            UNION SELECT name FROM producers_material
            UNION (SELECT name FROM "{TABLE}" WHERE name %% %s
                   ORDER BY similarity(name, %s) DESC LIMIT 5)
        ) AS terms
        WHERE greatest(similarity(term, %s), word_similarity(%s, term)) >= %s
          AND lower(term) <> %s
        ORDER BY greatest(similarity(term, %s), word_similarity(%s, term)) DESC,
                 similarity(term, %s) DESC, term
        LIMIT 3
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [text, text, text, text, SIMILARITY, text, text, text, text])
        return [row[0] for row in cursor.fetchall()]


def widenings(state: SearchState, found: Facets) -> list[tuple[str, str, int]]:
    """For an empty result: (what to change, the link's query string, results it would
    give), nearest first: a larger radius, then dropping one filter or the words."""
    options: list[tuple[str, str, int]] = []
    facet_filters = reduce(and_, state.conditions.values(), Q())
    text = Q(document=state.search_query()) if state.text else Q()
    if state.location is not None:
        wider = [r for r in WIDER_RADII if r > state.location.radius]
        if wider:
            box = _place_condition(state.location, wider[-1])
            distance = _distance(state.location)
            counts = (
                ProducerSearch.objects.filter(facet_filters & box)
                .annotate(d=distance)
                .aggregate(**{f"r{r}": Count("pk", filter=text & Q(d__lte=r)) for r in wider})
            )
            for r in wider:
                if counts[f"r{r}"]:
                    options.append(
                        (
                            f"Search within {r} km",
                            url_with(state.params, page=None, radius=r),
                            counts[f"r{r}"],
                        )
                    )
                    break
    for name, count in found.without.items():
        if count:
            options.append(
                (
                    f"Remove the {FACET_LABELS[name].lower()} filter",
                    url_with(state.params, page=None, **{name: None}),
                    count,
                )
            )
    if state.text:
        count = ProducerSearch.objects.filter(
            reduce(and_, [*state.conditions.values(), *_scope_place(state)], Q())
        ).count()
        if count:
            options.append(
                (f"Search without “{state.text}”", url_with(state.params, page=None, q=None), count)
            )
    return options


def _scope_place(state: SearchState) -> list[Q]:
    return [_place_condition(state.location)] if state.location is not None else []


def url_with(params: QueryDict, **changes) -> str:
    """The query string with keys changed: None drops a key, a list sets every value."""
    copy = params.copy()
    for key, value in changes.items():
        if value is None:
            copy.pop(key, None)
        elif isinstance(value, list):
            copy.setlist(key, value)
        else:
            copy[key] = str(value)
    return copy.urlencode()


# --- What the page shows ---


@dataclass
class Option:
    """One checkbox or radio, with everything the template prints already worked out."""

    name: str  # the input's name
    value: str
    label: str
    count: int
    checked: bool
    kind: str = "checkbox"

    @property
    def id(self) -> str:
        return f"f-{self.name}-{self.value or 'any'}"


@dataclass
class FacetGroup:
    name: str
    label: str
    options: list[Option]
    hidden: int = 0  # options left out until the group is expanded
    expand_link: str = ""


def facet_groups(state: SearchState, found: Facets) -> list[FacetGroup]:
    """Options with their counts, most common first. Options no result has are left out
    unless chosen, and long groups show their top few until expanded (the `expand`
    parameter, a plain link): the template's cost grows with the options it prints."""
    index = catalogue()
    expanded = set(state.form.cleaned_data.get("expand") or []) if state.form else set()
    groups = []
    for name in (*ARRAY_FACETS, "hub_kind"):
        chosen = set(state.selected.get(name, []))
        counts = found.counts[name]
        if name in index:
            labels = {str(pk): (slug, label) for slug, (pk, label) in index[name].items()}
        else:
            labels = {value: (value, str(label)) for value, label in CHOICE_FACETS[name]}
        options = [
            Option(name, slug, label, counts.get(key, 0), slug in chosen)
            for key, (slug, label) in labels.items()
            if counts.get(key, 0) or slug in chosen
        ]
        options.sort(key=lambda o: (not o.checked, -o.count, o.label))
        group = FacetGroup(name, FACET_LABELS[name], options)
        if name not in expanded and len(options) > FACET_SHOWN + 2:
            group.hidden = len(options) - FACET_SHOWN
            group.options = options[:FACET_SHOWN]
            group.expand_link = url_with(state.params, expand=[*expanded, name])
        groups.append(group)
    flags = [
        Option(
            name,
            "true",
            FLAG_LABELS[name],
            found.counts[name].get("yes", 0),
            name in state.conditions,
        )
        for name in FLAG_FACETS
    ]
    groups.append(FacetGroup("flags", "Show only", flags))
    chosen_days = state.form.cleaned_data.get("lead_time") if state.form else None
    lead = [Option("lead_time", "", "Any time", 0, chosen_days is None, kind="radio")] + [
        Option(
            "lead_time",
            str(days),
            label,
            found.counts["lead_time"].get(str(days), 0),
            days == chosen_days,
            kind="radio",
        )
        for days, label in LEAD_TIME_CHOICES
    ]
    groups.append(FacetGroup("lead_time", FACET_LABELS["lead_time"], lead))
    return groups


def capability_names(capability_ids: list[int]) -> list[str]:
    names = _catalogue()["capability_names"]
    return [names[pk] for pk in capability_ids if pk in names]
