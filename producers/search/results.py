"""One page of result cards, the typo suggestions, and the widenings of an empty result."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.utils.translation import gettext

from hubdir.geo.units import radius_label, uses_miles
from hubdir.rows import instances, model_columns

from ..models import Hub, Producer, ProducerSearch
from .facets import Facets, current_version_row
from .index import index_for
from .params import (
    FACET_LABELS,
    FEW_RESULTS,
    PAGE_SIZE,
    SIMILARITY,
    TABLE,
    WIDER_RADII,
    SearchState,
    Sql,
    _place_condition,
    all_conditions,
    compile_q,
    expression_sql,
    open_now_sql,
    search_db,
    sql_of,
    url_with,
)
from .ranking import RANKED_AT_LEAST, WALK_AT_LEAST, page_of, ranks_words
from .shared import ids_of

# The card's columns: what the ORM would load with select_related("producer__hub") and
# these deferred (the long texts no card shows, and the search row's own search columns).
_CARD_MODELS: tuple[tuple[type[Model], str, set[str]], ...] = (
    (ProducerSearch, f'"{TABLE}"', {"document", "open_hours", "facet_keys"}),
    (Producer, "p", {"description", "made_on_site", "resold"}),
    (Hub, "h", set()),
)
_CARD_COLUMNS = [
    model_columns(
        model, alias, {f.attname for f in model._meta.concrete_fields if f.name not in deferred}
    )
    for model, alias, deferred in _CARD_MODELS
]


class _Counted:
    """The ordered rows as the paginator sees them: the total is known from the facet
    statement (no second COUNT), and a page is fetched in two steps inside one statement."""

    ordered = True  # what the paginator asks: the rows come sorted by `order`

    def __init__(self, state: SearchState, total: int):
        self.state, self.total = state, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[ProducerSearch]:
        start = index.start or 0
        # An empty result asks for no rows: no statement, as the ORM's [0:0] runs none.
        return _cards(self.state, start, index.stop - start) if index.stop > start else []


def matching(state: SearchState) -> QuerySet[ProducerSearch]:
    """Every search row the state finds, as a QuerySet: a saved search's alerts."""
    return ProducerSearch.objects.filter(all_conditions(state))


def results(state: SearchState, total: int) -> Page:
    """One page of result rows in one statement, each with its producer, hub, first photo,
    distance and whether it is open now."""
    paginator: Paginator = Paginator(_Counted(state, total), PAGE_SIZE)  # type: ignore[arg-type]
    return paginator.get_page(min(state.page, max(1, paginator.num_pages)))


def _order(state: SearchState) -> list[str]:
    """The sort, on the columns the page's first step selects."""
    order = []
    if state.sort not in ("rating", "lead_time", "distance"):
        # Best match: a listing nobody has confirmed for STALE_AFTER comes after the rest.
        order.append("stale ASC")
    if state.sort == "rating":
        order.append("rating DESC NULLS LAST")
    elif state.sort == "lead_time":
        order.append("lead_time_days ASC NULLS LAST")
    elif state.sort == "distance":
        order.append("distance_km ASC")
    if state.text:
        order.append("rank DESC")
    if state.location is not None:
        order.append("distance_km ASC")
    # Names compare as code points ("C"), as the kept orders compare them (ranking.Row).
    return [*order, "verified DESC", 'name COLLATE "C" ASC', "producer_id ASC"]


def _cards(state: SearchState, offset: int, limit: int) -> list[ProducerSearch]:
    """The page's rows with their producer and hub, as the ORM would build them. The sort
    runs over the narrow search rows alone (or is taken from a broad word's kept order, see
    _ranked); only the page's rows are joined to their listing, hub and first photo, then
    put back in the same order. Written as SQL because building it with the ORM cost more
    than the statement itself."""
    ranked = _ranked(state, offset, limit)
    if ranked is not None and ranked[0] == "page":
        ids, ranks = zip(*ranked[1], strict=True) if ranked[1] else ((), ())
        page = Sql().add(
            "SELECT producer_id, rank, ord FROM unnest(%s::bigint[], %s::float8[])"
            " WITH ORDINALITY AS page(producer_id, rank, ord)"
        )
        page.params += [list(ids), list(ranks)]
        order = ["ord"]
    else:
        page = Sql().add("SELECT producer_id, rating, lead_time_days, verified, name")
        page.add(", %s AS stale", _stale_sql(state.now))
        if state.text:
            page.add(", %s AS rank", expression_sql(state, "rank"))
        if state.location is not None:
            page.add(", %s AS distance_km", expression_sql(state, "distance"))
        page.add(f' FROM "{TABLE}" WHERE %s', sql_of(state, "text", "place", *state.conditions))
        if ranked is not None:  # ("among", ids): rank only the few rows that pass
            page.add(" AND producer_id = ANY(%s)")
            page.params.append(ranked[1])
        order = _order(state)
        page.add(f" ORDER BY {', '.join(order)} LIMIT %s OFFSET %s")
        page.params += [limit, offset]
    sql = Sql().add("WITH page AS (%s) SELECT ", (str(page), page.params))
    sql.add("page.rank, " if state.text else "NULL, ")
    sql.add("page.distance_km, " if state.location is not None else "NULL, ")
    sql.add("%s, ", open_now_sql(state.now))
    sql.add(
        "(SELECT thumb_sm FROM producers_photo WHERE producers_photo.producer_id = page.producer_id"
        f" ORDER BY position, id LIMIT 1), {', '.join(c.sql for c in _CARD_COLUMNS)}"
        f' FROM page JOIN "{TABLE}" ON "{TABLE}".producer_id = page.producer_id'
        " JOIN producers_producer p ON p.id = page.producer_id"
        " LEFT JOIN producers_hub h ON h.id = p.hub_id"
        f" ORDER BY {', '.join(f'page.{key}' for key in order)}"
    )
    rows = []
    db = search_db().alias
    stale_before = state.now - Producer.STALE_AFTER
    for rank, distance, open_now, photo, *values in _fetch(sql):
        row, producer, producer.hub = instances(db, _CARD_COLUMNS, values)
        row.producer = producer
        stale = row.confirmed_at is not None and row.confirmed_at < stale_before
        vars(row).update(
            rank=rank, distance_km=distance, open_now=open_now, photo=photo, stale=stale
        )
        rows.append(row)
    return rows


def _ranked(state: SearchState, offset: int, limit: int) -> tuple[str, list] | None:
    """What the facet index's bitmaps (of the page's version) save PostgreSQL: ("among",
    ids) when so few rows pass every filter that ranking and sorting only those beats
    evaluating the words and the place again (a word near a city: about 14 ms down to 4 at
    100k producers); for words without a place, which PostgreSQL would rank in full for
    each page, ("page", [(producer id, rank)]) taken from the worker's kept order of the
    words (producers.search.ranking). None for every other state, for words matching fewer
    than RANKED_AT_LEAST rows, or where the index may not be used. A place's bitmaps are
    used only if the counts left them in this worker (they may have come from the shared
    cache): reading them for this alone costs what it saves."""
    if not settings.SEARCH_FACET_INDEX:
        return None
    near = state.location is not None
    if not near and not ranks_words(state):
        return None
    version, logged_since, writing = state.version_row or current_version_row()
    if writing:  # what it would read could still roll back (see index.py)
        return None
    db = search_db()
    index = index_for(db)
    with index.lock:
        # The counts may have brought the copy past the version they read: never back.
        if index.version is None or version > index.version:
            index.catch_up(db, version, logged_since)
        masks = index.read_masks(db, state, kept_only=near)
        if masks is None:
            return None
        if not near and masks["scope"].bit_count() < RANKED_AT_LEAST:
            return None
        passing = index.passing(state, masks)
        if passing.bit_count() < WALK_AT_LEAST:
            return "among", ids_of(passing)
        if near:
            return None
        assert index.version is not None
        kept = index.ranked.get(db, state, index.version, index.shared_key)
        if kept is None:
            return None
        return "page", page_of(kept, state.sort, passing, state.now, offset, limit)


def _stale_sql(now: datetime) -> tuple[str, list]:
    """Whether the row's listing was last confirmed more than STALE_AFTER before now (a
    listing with no confirmation date counts as fresh, as the card shows it)."""
    return "COALESCE(confirmed_at < %s, false)", [now - Producer.STALE_AFTER]


def suggestions(state: SearchState) -> list[str]:
    """Catalogue words and producer names that look like what was typed (typos), for a
    search that found fewer than FEW_RESULTS. None when the words on their own find that
    many: a common word narrowed to nothing by filters or a place is no typo, and names
    like it only mislead. That check is a condition PostgreSQL asks once, first (a
    one-time filter), so the look through the names, a tenth of the search table's reads,
    is never run for such a search."""
    text = state.text.casefold()
    sql = Sql().add(f"""
        SELECT term FROM (
            SELECT name AS term FROM producers_capability
            UNION SELECT unnest(synonyms) FROM producers_capability
            UNION SELECT name FROM producers_material
            UNION (SELECT name FROM "{TABLE}" WHERE name %% %s
                   ORDER BY similarity(name, %s) DESC LIMIT 5)
        ) AS terms
        WHERE greatest(similarity(term, %s), word_similarity(%s, term)) >= %s
          AND lower(term) <> %s
    """)
    sql.params += [text, text, text, text, SIMILARITY, text]
    if state.conditions or state.location:
        # A common word's scan stops at the third row; a rare one is read from its index.
        sql.add(f'AND (SELECT count(*) FROM (SELECT FROM "{TABLE}" WHERE %s', sql_of(state, "text"))
        sql.add(f" LIMIT {FEW_RESULTS:d}) AS alone) < {FEW_RESULTS:d}")
    sql.add("""
        ORDER BY greatest(similarity(term, %s), word_similarity(%s, term)) DESC,
                 similarity(term, %s) DESC, term
        LIMIT 3
    """)
    sql.params += [text, text, text]
    return [row[0] for row in _fetch(sql)]


def widenings(state: SearchState, found: Facets) -> list[tuple[str, str, int]]:
    """For an empty result: (what to change, the link's query string, results it would
    give), nearest first: a larger radius, then dropping one filter or the words."""
    options: list[tuple[str, str, int]] = []
    if state.location is not None:
        miles = uses_miles(state.location.country)
        wider = [r for r in WIDER_RADII if r > state.location.radius]
        if wider:
            # One pass over the widest circle's box counts every wider radius.
            sql = Sql().add(
                "SELECT " + ", ".join(f"count(*) FILTER (WHERE d <= {r:d})" for r in wider)
            )
            sql.add(" FROM (SELECT %s AS d", expression_sql(state, "distance"))
            sql.add(f' FROM "{TABLE}" WHERE %s', sql_of(state, "text", *state.conditions))
            sql.add(" AND %s) AS wider", compile_q(_place_condition(state.location, wider[-1])))
            counts = dict(zip(wider, _fetch(sql)[0], strict=True))
            for r in wider:
                if counts[r]:
                    options.append(
                        (
                            gettext("Search within %(radius)s")
                            % {"radius": radius_label(r, miles=miles)},
                            url_with(state.params, page=None, radius=r),
                            counts[r],
                        )
                    )
                    break
    for name, count in found.without.items():
        if count:
            options.append(
                (
                    gettext("Remove the %(facet)s filter")
                    % {"facet": str(FACET_LABELS[name]).lower()},
                    url_with(state.params, page=None, **{name: None}),
                    count,
                )
            )
    if state.text:
        sql = Sql().add(
            f'SELECT count(*) FROM "{TABLE}" WHERE %s', sql_of(state, "place", *state.conditions)
        )
        (count,) = _fetch(sql)[0]
        if count:
            options.append(
                (
                    gettext("Search without “%(words)s”") % {"words": state.text},
                    url_with(state.params, page=None, q=None),
                    count,
                )
            )
    return options


def _fetch(sql: Sql) -> list[tuple]:
    with search_db().cursor() as cursor:
        cursor.execute(str(sql), sql.params)
        return cursor.fetchall()
