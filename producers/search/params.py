"""The search page's parameters: validated through a django-filter FilterSet, unknown or
malformed ones dropped with a notice, the place resolved through the gazetteer, and each
filter turned into a condition on the narrow search table."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import and_
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.exceptions import FullResultSet
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BooleanField,
    F,
    FloatField,
    Func,
    Q,
    TextField,
    Value,
)
from django.db.models.expressions import Expression, RawSQL
from django.db.models.lookups import LessThanOrEqual
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from hubdir.geo.distance import bounding_box, distance_km_sql
from hubdir.geo.geocode import geocode, locate
from hubdir.geo.models import Place
from hubdir.geo.text import clean_query

from ..models import (
    Hub,
    Producer,
    ProducerCapability,
    ProducerSearch,
)
from .catalogue import catalogue

PAGE_SIZE = 20
MAX_PAGE = 500
RADIUS_CHOICES = [(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")]
DEFAULT_RADIUS = 25
WIDER_RADII = [50, 100, 250, 500]
LEAD_TIME_CHOICES = [
    (3, gettext_lazy("3 days")),
    (7, gettext_lazy("a week")),
    (14, gettext_lazy("2 weeks")),
    (30, gettext_lazy("a month")),
]
SORT_CHOICES = [
    ("relevance", gettext_lazy("Best match")),
    ("distance", gettext_lazy("Nearest")),
    ("rating", gettext_lazy("Highest rated")),
    ("lead_time", gettext_lazy("Shortest lead time")),
]
# Full text finding fewer than this many producers triggers the trigram "did you mean".
FEW_RESULTS = 3
# Options a long facet shows before "Show all".
FACET_SHOWN = 8
SIMILARITY = 0.3
LANDING_SECONDS = 60
TABLE = ProducerSearch._meta.db_table


def search_db() -> BaseDatabaseWrapper:
    """The database this request's search statements run on: the replica for a directory
    read (hubdir.replica), else the primary. The version and the rows it keys in the cache
    are read from the same one, so a lagging replica never stores old rows under a new
    version (docs/decisions.md)."""
    return connections[router.db_for_read(ProducerSearch)]


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
CHOICE_FACETS = {
    "service": Producer.Service.choices,
    "customer": Producer.CustomerType.choices,
    "batch": ProducerCapability.BatchBand.choices,
    "hub_kind": Hub.Kind.choices,
}
FACET_LABELS = {
    "category": gettext_lazy("Category"),
    "capability": gettext_lazy("Capability"),
    "material": gettext_lazy("Material"),
    "certification": gettext_lazy("Certification"),
    "service": gettext_lazy("Service"),
    "customer": gettext_lazy("Works for"),
    "batch": gettext_lazy("Batch size"),
    "hub_kind": gettext_lazy("Kind of space"),
    "verified": gettext_lazy("Verified"),
    "open_now": gettext_lazy("Open now"),
    "walk_in": gettext_lazy("Walk-in repairs"),
    "lead_time": gettext_lazy("Ready within"),
    "quantity": gettext_lazy("Quantity"),
    "expand": gettext_lazy("Show all"),
}
FLAG_LABELS = {
    "verified": gettext_lazy("Verified by Hubdir"),
    "open_now": gettext_lazy("Open now"),
    "walk_in": gettext_lazy("Walk-in repairs"),
}


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class DirectoryFilter(django_filters.FilterSet):
    """The search page's parameters. Validation only: conditions are built by `parse()`
    because the facet counts need each one on its own, not just the filtered queryset."""

    q = django_filters.CharFilter(label=gettext_lazy("What do you need made?"), max_length=200)
    place = django_filters.CharFilter(label=gettext_lazy("Near"), max_length=200)
    lat = django_filters.NumberFilter(min_value=-90, max_value=90)
    lng = django_filters.NumberFilter(min_value=-180, max_value=180)
    # "lat,lng" of the search the person came from: a place of the typed name near it wins.
    near = django_filters.CharFilter(max_length=40)
    radius = django_filters.TypedChoiceFilter(
        label=gettext_lazy("Within"), choices=RADIUS_CHOICES, coerce=int, empty_value=None
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
        label=gettext_lazy("Ready within"), choices=LEAD_TIME_CHOICES, coerce=int, empty_value=None
    )
    quantity = IntegerFilter(label=gettext_lazy("Quantity"), min_value=1, max_value=1_000_000)
    sort = django_filters.ChoiceFilter(label=gettext_lazy("Sort by"), choices=SORT_CHOICES)
    # Labelled for the notice that names what a link got wrong ("We ignored “Page”").
    page = IntegerFilter(label=gettext_lazy("Page"), min_value=1, max_value=MAX_PAGE)
    # "Search instead for …": the words exactly as typed, no spelling correction.
    verbatim = django_filters.BooleanFilter()
    expand = django_filters.MultipleChoiceFilter(
        choices=[(name, name) for name in (*ARRAY_FACETS, "hub_kind")]
    )

    class Meta:
        model = ProducerSearch
        fields: list[str] = []

    # The form's fields depend only on the catalogue, and building them (and deep-copying
    # the catalogue's choices into every form) cost about 2 ms a search: the class is kept
    # while the catalogue is the same object, and its choices are read through a callable.
    _form_class: tuple[object, type[forms.Form]] | None = None

    def __init__(self, data, *, catalogue_index, **kwargs):
        super().__init__(data, queryset=ProducerSearch.objects.all(), **kwargs)
        self.catalogue_index = catalogue_index
        for name, options in catalogue_index.items():
            choices = [(slug, label) for slug, (_, label) in options.items()]
            # A function, not a list: forms deep-copy their fields' choices, not functions.
            self.filters[name].extra["choices"] = lambda choices=choices: choices

    def get_form_class(self) -> type[forms.Form]:
        kept = DirectoryFilter._form_class
        if kept is None or kept[0] is not self.catalogue_index:
            kept = (self.catalogue_index, super().get_form_class())
            DirectoryFilter._form_class = kept
        return kept[1]


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
    country: str = ""


@dataclass
class SearchState:
    params: QueryDict  # the cleaned, valid parameters: every link is built from these
    form: forms.Form | None
    text: str = ""
    location: Location | None = None
    conditions: dict[str, Q] = field(default_factory=dict)  # facet name -> its filter
    # facet name -> the facet keys (ProducerSearch.facet_keys) a row passing it has one of;
    # for every condition but "open_now" and "quantity" (producers.search.index)
    condition_keys: dict[str, list[str]] = field(default_factory=dict)
    selected: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    notices: list[str] = field(default_factory=list)
    place_error: str = ""
    place_exact: bool = True
    place_alternatives: list[str] = field(default_factory=list)
    now: datetime = field(default_factory=timezone.now)
    # Each condition's SQL, compiled once: the facet counts, the results and the widenings
    # all combine the same few (see `sql()`).
    compiled: dict[str, tuple[str, list]] = field(default_factory=dict, repr=False)
    # The search table's version as the facet counts read it (facets.current_version_row):
    # the results page reads at the same one, without asking again.
    version_row: tuple[int, int, bool] | None = field(default=None, repr=False)

    @property
    def is_unfiltered(self) -> bool:
        return not self.text and self.location is None and not self.conditions

    def search_query(self) -> SearchQuery:
        """The words as English or as Spanish, whatever the reader's language: the document
        holds each language's words stemmed as that language (producers/0016), and people
        type the words they know."""
        return SearchQuery(
            _unaccent(self.text), search_type="websearch", config="english"
        ) | SearchQuery(_unaccent(self.text), search_type="websearch", config="spanish")


def _unaccent(text: str) -> Func:
    # The immutable wrapper (migration 0018), which PostgreSQL folds into a constant.
    return Func(Value(text), function="producers_unaccent", output_field=TextField())


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
            notices.append(
                gettext("We ignored the unknown parameter “%(name)s”.") % {"name": _printable(key)}
            )
            continue
        if key in MULTI:
            choices = _choices(key, index)
            kept = [v for v in dict.fromkeys(values) if v in choices]
            if len(kept) < len(set(values)):
                notices.append(
                    gettext("We ignored an unknown %(facet)s in the link.")
                    % {"facet": str(FACET_LABELS[key]).lower()}
                )
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
            notices.append(
                gettext("We ignored “%(label)s”: the value in the link was not valid.")
                % {"label": label}
            )
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
        notices.append(
            gettext("Sorting by distance needs a place; showing the best matches instead.")
        )
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
    # Where the person is or last searched: a tie-breaker among places of the typed name.
    near = _near(cleaned.get("near") or "")
    if place:
        if lat is not None and lng is not None:
            near = (float(lat), float(lng))
        # A typed place wins over coordinates left in the link by an earlier "use my location".
        lat = lng = None
        state.params.pop("lat", None)
        state.params.pop("lng", None)
    if lat is not None and lng is not None:
        country = cached_country(float(lat), float(lng))
        state.location = Location(float(lat), float(lng), radius, gettext("your location"), country)
        return
    if (lat is None) != (lng is None):
        state.notices.append(gettext("We ignored a location with only one coordinate."))
        state.params.pop("lat", None)
        state.params.pop("lng", None)
    if not place:
        return
    found = cached_locate(place, near=near)
    if found is None:
        state.place_error = gettext(
            "We could not find “%(place)s”. Try a town, “town, state” or a ZIP code."
        ) % {"place": place}
        return
    lat, lng, label, exact, alternatives, country = found
    state.location = Location(lat, lng, radius, label, country)
    # Never silently wrong: a name that is only similar, or shared with other places, is
    # said so beside the heading, with the other places one click away.
    state.place_exact = exact
    state.place_alternatives = alternatives


def _near(text: str) -> tuple[float, float] | None:
    """The "near" hint, "45.51,-122.68", rounded to about 10 km (it only breaks ties, and
    the rounding keeps the lookup cache small); None when malformed."""
    try:
        lat, lng = (round(float(part), 1) for part in text.split(","))
    except ValueError:
        return None
    return (lat, lng) if -90 <= lat <= 90 and -180 <= lng <= 180 else None


def cached_locate(
    text: str, *, near: tuple[float, float] | None = None
) -> tuple[float, float, str, bool, list[str], str] | None:
    """locate() for the search page, once a day per text and context: (lat, lng, label,
    whether the name is the place's own, the labels of the other places it could mean, the
    place's country)."""
    near = (round(near[0], 1), round(near[1], 1)) if near else None
    key = "search:locate:" + hashlib.sha256(f"{text.casefold()}|{near}".encode()).hexdigest()
    hit = cache.get(key)
    if hit is None:
        match = locate(text, prefer_regions=tuple(settings.GEO_PREFER_REGIONS), near=near)
        hit = (
            (
                match.place.lat,
                match.place.lng,
                match.place.label,
                match.exact,
                [p.label for p in match.alternatives],
                match.place.country_code,
            )
            if match
            else ()
        )
        cache.set(key, hit, 24 * 3600)
    return tuple(hit) or None


def cached_country(lat: float, lng: float) -> str:
    """The country of the nearest town to a point ("" far from any), once a day per ~10 km."""
    lat, lng = round(lat, 1), round(lng, 1)
    key = f"search:country:{lat}:{lng}"
    hit = cache.get(key)
    if hit is None:
        town = Place.objects.cities().near(lat, lng, km=100).values("country_code").first()
        hit = town["country_code"] if town else ""
        cache.set(key, hit, 24 * 3600)
    return hit


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
    keys = state.condition_keys
    for name, column in ARRAY_FACETS.items():
        values = cleaned.get(name) or []
        if not values:
            continue
        state.selected[name] = list(values)
        if name in index:
            values = [index[name][slug][0] for slug in values]
        conditions[name] = Q(**{f"{column}__overlap": list(values)})
        keys[name] = [f"{name}:{value}" for value in values]
    if kinds := cleaned.get("hub_kind"):
        state.selected["hub_kind"] = list(kinds)
        conditions["hub_kind"] = Q(hub_kind__in=list(kinds))
        keys["hub_kind"] = [f"hub_kind:{kind}" for kind in kinds]
    if cleaned.get("verified"):
        conditions["verified"] = Q(verified=True)
        keys["verified"] = ["verified:yes"]
    if cleaned.get("open_now"):
        conditions["open_now"] = Q(open_now_expression(state.now))
    if cleaned.get("walk_in"):
        conditions["walk_in"] = Q(walk_in=True)
        keys["walk_in"] = ["walk_in:yes"]
    if days := cleaned.get("lead_time"):
        conditions["lead_time"] = Q(lead_time_days__lte=days)
        # The key's bands are LEAD_TIME_CHOICES, the only values the form accepts.
        keys["lead_time"] = [f"lead_time:{days}"]
    if quantity := cleaned.get("quantity"):
        conditions["quantity"] = Q(min_quantity__lte=quantity)
    state.conditions = conditions


# The zones nearly every listing is in: their minute of the week is worked out once per
# search in Python instead of once per row in SQL; any other zone is still read per row.
COMMON_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
)


def minute_of_week(now: datetime, zone: str) -> int:
    """As producers_minute_of_week(): Monday 00:00 in that zone is 0."""
    local = now.astimezone(ZoneInfo(zone))
    return (local.isoweekday() - 1) * 1440 + local.hour * 60 + local.minute


def open_now_sql(now: datetime) -> tuple[str, list]:
    """Whether the producer's hours hold `now`, read in the producer's own time zone: SQL
    on the search table, with its parameters. Written out rather than built from ORM
    expressions because every search needs it and compiling that Case cost over a
    millisecond each time; the zones are this module's constants."""
    column = f'"{TABLE}"'
    cases = " ".join(f"WHEN '{zone}' THEN {minute_of_week(now, zone)}" for zone in COMMON_ZONES)
    return (
        f"COALESCE({column}.open_hours @> CASE {column}.time_zone {cases}"
        f" ELSE producers_minute_of_week(%s::timestamptz, {column}.time_zone) END, false)",
        [now],
    )


def open_now_expression(now: datetime) -> RawSQL:
    """open_now_sql() for the ORM, in queries over the search table alone."""
    sql, params = open_now_sql(now)
    return RawSQL(sql, params, output_field=BooleanField())


def distance_from(lat: float, lng: float) -> RawSQL:
    """Kilometres from (lat, lng) to a search row, for queries over the search table."""
    column = f'"{TABLE}"'
    sql, params = distance_km_sql(f"{column}.lat", f"{column}.lng", lat, lng)
    return RawSQL(sql, params, output_field=FloatField())


def _distance(location: Location) -> RawSQL:
    return distance_from(location.lat, location.lng)


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


def _scope_place(state: SearchState) -> list[Q]:
    return [_place_condition(state.location)] if state.location is not None else []


# What a saved search leaves out: where in the results one was, how they were laid out, and
# "open now", which says nothing about a listing by the time an alert is read.
NOT_SAVED = ("page", "expand", "verbatim", "open_now")


def saved_query(state: SearchState) -> str:
    """The search as it is kept: the valid parameters only, in one order, without NOT_SAVED,
    so the same search typed twice is the same string."""
    keep = QueryDict(mutable=True)
    for key in sorted(state.params):
        if key not in NOT_SAVED:
            keep.setlist(key, sorted(state.params.getlist(key)))
    return keep.urlencode()


def compile_q(condition: Q) -> tuple[str, list]:
    """A condition on the search table as SQL and its parameters ("TRUE" for no condition)."""
    query = ProducerSearch.objects.filter(condition).query
    compiler = query.get_compiler(connection=search_db())
    try:
        sql, params = compiler.compile(query.where)
    except FullResultSet:  # an empty Q: no condition at all
        return "TRUE", []
    return sql or "TRUE", list(params)


class Sql:
    """A statement built from parts, keeping the parameters in order with the text."""

    def __init__(self):
        self.parts: list[str] = []
        self.params: list = []

    def add(self, sql: str, fragment: tuple[str, list] | None = None) -> Sql:
        """Appends the text; with a fragment (SQL, parameters), the text's %s is the
        fragment's SQL and its parameters follow."""
        if fragment is not None:
            sql = sql.replace("%s", fragment[0])
            self.params.extend(fragment[1])
        self.parts.append(sql)
        return self

    def __str__(self) -> str:
        return "".join(self.parts)


def sql_of(state: SearchState, *names: str) -> tuple[str, list]:
    """The conjunction of the named conditions: facet names from `state.conditions`, and
    "text" and "place" for the scope; "TRUE" when none applies. Each is compiled once per
    state, then only joined as text."""
    parts, params = [], []
    for name in names:
        if name not in state.compiled:
            if name == "text":
                condition = Q(document=state.search_query()) if state.text else Q()
            elif name == "place":
                condition = Q(*_scope_place(state))
            else:
                condition = state.conditions.get(name, Q())
            state.compiled[name] = compile_q(condition)
        part, part_params = state.compiled[name]
        if part != "TRUE":
            parts.append(f"({part})")
            params += part_params
    return " AND ".join(parts) or "TRUE", params


def expression_sql(state: SearchState, name: str) -> tuple[str, list]:
    """The SQL of "rank" (the words' full-text rank) or "distance" (km from the place),
    compiled once per state."""
    if name not in state.compiled:
        expression: Expression
        if name == "rank":
            expression = SearchRank(F("document"), state.search_query())
        else:
            assert state.location is not None
            expression = _distance(state.location)
        query = ProducerSearch.objects.annotate(value=expression).query
        sql, params = query.get_compiler(connection=search_db()).compile(query.annotations["value"])
        state.compiled[name] = sql, list(params)
    return state.compiled[name]


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
