"""Facet counts: every facet's counts and the total from one aggregate statement,
disjunctive (each facet's counts apply every other active filter but not its own). The
unfiltered counts are computed once a minute and shared (the landing page).

SQL text here is assembled only from constants (column names, facet names) and from
Django-compiled conditions; every user value travels as a query parameter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import and_, or_

from django.core.cache import cache
from django.core.exceptions import FullResultSet
from django.db import connection
from django.db.models import Q
from django.http import QueryDict

from ..models import (
    ProducerSearch,
)
from .params import (
    ARRAY_FACETS,
    FACETS,
    FLAG_FACETS,
    LANDING_SECONDS,
    LEAD_TIME_CHOICES,
    TABLE,
    SearchState,
    _scope,
    all_conditions,
    open_now_expression,
)


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
