"""Facet counts: every facet's counts and the total from one aggregate statement,
disjunctive (each facet's counts apply every other active filter but not its own). The
unfiltered counts are computed once a minute and shared (the landing page).

SQL text here is assembled only from constants (column names, facet names) and from
Django-compiled conditions; every user value travels as a query parameter."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict

from ..models import (
    ProducerSearch,
)
from .index import index_for
from .params import (
    FACETS,
    FLAG_FACETS,
    LANDING_SECONDS,
    LEAD_TIME_CHOICES,
    TABLE,
    SearchState,
    Sql,
    all_conditions,
    open_now_sql,
    search_db,
    sql_of,
)


@dataclass
class Facets:
    total: int
    counts: dict[str, dict[str, int]]  # facet -> {value: count}; flags under "yes"
    without: dict[str, int]  # active facet -> the total if it were dropped


def facets(state: SearchState, *, version_row: tuple[int, int, bool] | None = None) -> Facets:
    """The counts of the state's filters, shared through the cache: keyed by the search
    table's version (so an edit anywhere makes them be counted again) and by the minute
    (what "open now" is read at), they are exact whenever they are served. `version_row`
    is current_version_row() if the caller has just read it (the search view keys its page
    cache by it)."""
    row = state.version_row = version_row or current_version_row()
    if state.is_unfiltered:
        return landing_facets(state.now, version_row=row)
    return _cached("facets", state, row, _filters(state))


def landing_facets(now: datetime, *, version_row: tuple[int, int, bool] | None = None) -> Facets:
    """The unfiltered counts, shared by everyone (the landing page)."""
    empty = SearchState(params=QueryDict(), form=None, now=now)
    return _cached("landing", empty, version_row or current_version_row(), "")


def _cached(kind: str, state: SearchState, row: tuple[int, int, bool], filters: str) -> Facets:
    """The state's counts from the cache, else counted (by the facet index where it may be
    used) and kept under the version they were counted at."""
    version, logged_since, writing = row
    hit = cache.get(_cache_key(kind, version, state.now, filters))
    if hit is None:
        counted = _indexed_facets(state, version, logged_since, writing)
        if counted is None:
            hit = _compute_facets(state, landing=_needs_landing(state), version=version)
        else:
            hit, version = counted
        cache.set(_cache_key(kind, version, state.now, filters), hit, LANDING_SECONDS * 2)
    return hit


def search_version() -> int:
    return current_version_row()[0]


def current_version_row() -> tuple[int, int, bool]:
    """(version, logged_since, whether this connection's transaction has written): one
    statement, as each search page reads it first."""
    with search_db().cursor() as cursor:
        cursor.execute(
            "SELECT version, logged_since, txid_current_if_assigned() IS NOT NULL"
            " FROM producers_searchversion"
        )
        row = cursor.fetchone()
    return tuple(row) if row else (0, 0, True)


def _indexed_facets(
    state: SearchState, version: int, logged_since: int, writing: bool
) -> tuple[Facets, int] | None:
    """The counts from the in-process facet index and the version they are exact at; None
    when it must not be used: switched off, or inside a transaction that has written (what
    it read could still roll back), or a database that kept changing while it read."""
    if writing or not settings.SEARCH_FACET_INDEX:
        return None
    db = search_db()
    index = index_for(db)
    with index.lock:
        index.catch_up(db, version, logged_since)
        masks = index.read_masks(db, state)
        if masks is None:
            return None
        total, counts, without = index.count(state, masks)
        assert index.version is not None
        return Facets(total=total, counts=counts, without=without), index.version


def _filters(state: SearchState) -> str:
    """What the counts depend on: the words, the place and the filters (not sort or page)."""
    place = state.location and (state.location.lat, state.location.lng, state.location.radius)
    chosen = sorted((k, state.params.getlist(k)) for k in state.params if k in state.conditions)
    return repr((state.text, place, chosen))


def _cache_key(kind: str, version: int, now: datetime, filters: str) -> str:
    # "Open now" is read to the minute, so within a minute the counts cannot differ.
    minute = int(now.timestamp()) // LANDING_SECONDS
    digest = hashlib.sha256(filters.encode()).hexdigest()[:32]
    return f"search:{kind}:{version}:{minute}:{digest}"


def _needs_landing(state: SearchState) -> set[str]:
    """Active facets whose "every other filter" is empty: their counts are the landing ones."""
    if state.text or state.location is not None or len(state.conditions) != 1:
        return set()
    (only,) = state.conditions
    return {only} if only in FACETS else set()


def _compute_facets(state: SearchState, *, landing: set[str], version: int) -> Facets:
    """One pass over the rows any count needs: each row's facet keys are unnested once and
    grouped by key and by which active filters the row passes; Python then adds up, for
    each facet, the groups that pass every filter but that facet's own."""
    active = list(state.conditions)
    computed = [name for name in active if name not in landing]
    # Rows any count needs: those passing every filter but at most one computed facet's.
    needed = [sql_of(state, *(n for n in active if n != name)) for name in computed]
    needed.append(sql_of(state, *active))

    sql = Sql().add("WITH base AS MATERIALIZED (SELECT facet_keys")
    sql.add(", %s AS open_now", open_now_sql(state.now))
    for number, name in enumerate(active):
        sql.add(f", (%s) AS f{number}", sql_of(state, name))
    sql.add(f' FROM "{TABLE}" WHERE %s', sql_of(state, "text", "place"))
    # "TRUE" (a state with no other filter) needs every row, whatever the rest say.
    if all(part != "TRUE" for part, _params in needed):
        sql.add(" AND (").add(" OR ".join(f"({part})" for part, _ in needed))
        sql.params.extend(param for _part, params in needed for param in params)
        sql.add(")")
    groups = ", ".join(["k", "open_now", *(f"f{n}" for n in range(len(active)))])
    sql.add(f") SELECT {groups}, count(*)")
    sql.add(f" FROM base, unnest(base.facet_keys) AS k GROUP BY {groups}")
    with search_db().cursor() as cursor:
        cursor.execute(str(sql), sql.params)
        rows = cursor.fetchall()

    result = Facets(total=0, counts={name: {} for name in FACETS}, without={})
    # Flags and lead-time bands are counted even when no row has them.
    for name in FLAG_FACETS:
        result.counts[name]["yes"] = 0
    result.counts["lead_time"] = {str(days): 0 for days, _label in LEAD_TIME_CHOICES}
    without = dict.fromkeys(active, 0)
    for key, is_open, *passes, count in rows:
        failed = [name for name, passed in zip(active, passes, strict=True) if not passed]
        if len(failed) > 1:
            continue
        name, _, value = key.partition(":")
        if not key:  # the key every row has: totals
            for name in failed or active:
                without[name] += count
            if not failed:
                result.total += count
            if is_open and failed in ([], ["open_now"]):
                _add(result.counts["open_now"], "yes", count)
        elif name not in landing and failed in ([], [name]):
            _add(result.counts[name], value, count)
    result.without = without
    if landing:
        # Counted in PostgreSQL too: this path is taken where the index may not be used.
        shared = landing_facets(state.now, version_row=(version, 0, True))
        for name in landing:
            # The base held only rows passing this facet: its counts and "without" are global.
            result.counts[name] = shared.counts[name]
            result.without[name] = shared.total
    return result


def _add(counts: dict[str, int], value: str, count: int) -> None:
    counts[value] = counts.get(value, 0) + count


def bare_count(state: SearchState) -> int:
    """The plain COUNT(*) of the same filter: the baseline the facet benchmark divides by."""
    return ProducerSearch.objects.filter(all_conditions(state)).count()
