"""One page of result cards, the typo suggestions, and the widenings of an empty result."""

from __future__ import annotations

from datetime import datetime
from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import OrderBy

from hubdir.geo.units import radius_label, uses_miles

from ..models import (
    Photo,
    Producer,
    ProducerSearch,
)
from .facets import Facets
from .params import (
    FACET_LABELS,
    PAGE_SIZE,
    SIMILARITY,
    TABLE,
    WIDER_RADII,
    SearchState,
    _distance,
    _place_condition,
    _scope_place,
    all_conditions,
    open_now_expression,
    search_db,
    url_with,
)


class _Counted:
    """The ordered rows as the paginator sees them: the total is known from the facet
    statement (no second COUNT), and a page is fetched in two steps inside one statement."""

    ordered = True  # what the paginator asks: the rows come sorted by `order`

    def __init__(self, sorted_rows: QuerySet, cards: QuerySet, order: list, total: int):
        self.sorted_rows, self.cards, self.order, self.total = sorted_rows, cards, order, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[ProducerSearch]:
        # The sort runs over the narrow search rows alone; only the page's twenty are joined
        # to their listing, hub and first photo, then put back in the same order.
        page_ids = self.sorted_rows.values("pk")[index]
        return list(self.cards.filter(pk__in=page_ids).order_by(*self.order))


def matching(state: SearchState) -> QuerySet[ProducerSearch]:
    """Every search row the state finds: the page's results and a saved search's alerts."""
    return ProducerSearch.objects.filter(all_conditions(state))


def results(state: SearchState, total: int) -> Page:
    """One page of result rows in one statement, each with its producer, hub, first photo,
    distance and whether it is open now."""
    ordered = matching(state)
    first_photo = Photo.objects.filter(producer=OuterRef("producer")).order_by("position", "id")
    cards = (
        ProducerSearch.objects.select_related("producer__hub")
        .defer(
            "document",
            "open_hours",
            "facet_keys",
            "producer__description",
            "producer__made_on_site",
            "producer__resold",
        )
        .annotate(
            photo=Subquery(first_photo.values("thumb_sm")[:1]),
            open_now=open_now_expression(state.now),
            stale=stale_expression(state.now),
        )
    )
    order: list[str | OrderBy] = []
    if state.sort not in ("rating", "lead_time", "distance"):
        # Best match: a listing nobody has confirmed for STALE_AFTER comes after the rest.
        ordered = ordered.annotate(stale=stale_expression(state.now))
        order.append("stale")
    if state.text:
        rank = SearchRank(F("document"), state.search_query())
        ordered, cards = ordered.annotate(rank=rank), cards.annotate(rank=rank)
    if state.location is not None:
        distance = _distance(state.location)
        ordered, cards = (
            ordered.annotate(distance_km=distance),
            cards.annotate(distance_km=distance),
        )
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
    rows = _Counted(ordered.order_by(*order), cards, order, total)
    paginator: Paginator = Paginator(rows, PAGE_SIZE)  # type: ignore[arg-type]
    return paginator.get_page(min(state.page, max(1, paginator.num_pages)))


def stale_expression(now: datetime) -> ExpressionWrapper:
    """Whether the listing's details were last confirmed more than STALE_AFTER before now."""
    return ExpressionWrapper(
        Q(confirmed_at__lt=now - Producer.STALE_AFTER), output_field=BooleanField()
    )


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
    with search_db().cursor() as cursor:
        cursor.execute(sql, [text, text, text, text, SIMILARITY, text, text, text, text])
        return [row[0] for row in cursor.fetchall()]


def widenings(state: SearchState, found: Facets) -> list[tuple[str, str, int]]:
    """For an empty result: (what to change, the link's query string, results it would
    give), nearest first: a larger radius, then dropping one filter or the words."""
    options: list[tuple[str, str, int]] = []
    facet_filters = reduce(and_, state.conditions.values(), Q())
    text = Q(document=state.search_query()) if state.text else Q()
    if state.location is not None:
        miles = uses_miles(state.location.country)
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
                            f"Search within {radius_label(r, miles=miles)}",
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
