"""The best-match order of a broad text's rows, kept in process beside the facet index.

Ranking is what a broad word costs PostgreSQL on every results page: `ts_rank` over each
document the word matches (93k for `q=local` at 100k producers: about 0.3 s, on top of the
match itself). The order of a text's rows by (rank, verified, name, id) depends only on the
rows, so a worker keeps it, as the facet index keeps id lists, and takes a page from it:
the next rows that pass the state's filters (the facet index's bitmaps of the same
version), the fresh listings before the stale ones as the SQL sorts them. The kept orders
are patched through edits in the statement that catches the facet index up (the changed
rows ranked again), so they are exact at the index's version; a whole rereading of the
index drops them.

Only words without a place go this way (a place narrows the rows to a few hundred through
its box index); the best match, rating and lead time sorts are each kept (distance needs a
place).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache

from ..models import Producer
from .params import TABLE, SearchState, expression_sql, sql_of
from .shared import SHARED_SECONDS, bitmap

# Below this many rows for the words, PostgreSQL ranks them about as fast as a page is
# taken from a kept order (and keeping it costs memory and a first read).
RANKED_AT_LEAST = 5000
# Fewer rows than this passing every filter: PostgreSQL ranks just those (their ids given),
# which beats walking a long order for a few of its rows.
WALK_AT_LEAST = 500
# Rows kept across every text's order, per worker (about 250 bytes each).
RANKED_BUDGET = 200_000

# (-rank, not verified, name, producer id, confirmed_at, rating, lead_time_days): the first
# four sort as the SQL orders the best match (rank DESC, verified DESC, name COLLATE "C",
# producer_id); confirmed_at, in seconds since the epoch, says stale or not (a number, not a
# datetime: reading ninety thousand timestamps cost more than the rest of the rows); the last
# two are the other sorts' columns.
Row = tuple[float, bool, str, int, float | None, float | None, int | None]
# The shared cache's name for kept orders; a new name whenever Row changes, so a worker of
# the release before never hands its rows to this one (or back) at the same version.
SHARED_KIND = "ranked-epoch"
SORTS = ("relevance", "rating", "lead_time")


def ranks_words(state: SearchState) -> bool:
    """Whether the state's cards may come from its words' kept order: words without a
    place, in one of the kept sorts."""
    return bool(state.text) and state.location is None and state.sort in SORTS


def _by_rating(row: Row) -> tuple:
    # rating DESC NULLS LAST, then as the best match
    return (row[5] is None, -(row[5] or 0.0), *row[:4])


def _by_lead_time(row: Row) -> tuple:
    # lead_time_days ASC NULLS LAST, then as the best match
    return (row[6] is None, row[6] or 0, *row[:4])


_KEYS = {"rating": _by_rating, "lead_time": _by_lead_time}


@dataclass
class Ranked:
    text: str
    rows: list[Row]  # in best-match order
    members: int  # bitmap of the rows' producer ids
    # The words' condition and rank on the search table, to rank changed rows again.
    where: tuple[str, list]
    rank: tuple[str, list]
    # The other sorts' orders, made from `rows` when first asked.
    sorted_by: dict[str, list[Row]] = field(default_factory=dict)

    def order(self, sort: str) -> list[Row]:
        if sort == "relevance":
            return self.rows
        if sort not in self.sorted_by:
            self.sorted_by[sort] = sorted(self.rows, key=_KEYS[sort])
        return self.sorted_by[sort]


def _patched(order: list[Row], changed: set[int], added: list[Row], key) -> list[Row]:
    """The order without the changed rows, with `added` put where they sort (a handful a
    catch-up: each found by bisection, not by sorting all again)."""
    kept = [row for row in order if row[3] not in changed]
    for row in added:
        bisect.insort(kept, row, key=key)
    return kept


def _row(producer_id, rank, verified, name, confirmed, rating, lead_time) -> Row:
    return (-rank, not verified, name, producer_id, confirmed, rating, lead_time)


def row_sql(rank: tuple[str, list]) -> tuple[str, list]:
    """The columns of a Row, on the search table."""
    return (
        f'"{TABLE}".producer_id, ({rank[0]})::float8, verified, name,'
        " extract(epoch FROM confirmed_at)::float8, rating, lead_time_days",
        rank[1],
    )


class RankedOrders:
    """A worker's kept orders for one database, least recently used first; all at the
    facet index's version, which holds them and takes the lock around their use."""

    def __init__(self):
        self.orders: OrderedDict[str, Ranked] = OrderedDict()

    def clear(self) -> None:
        self.orders.clear()

    def patch_parts(self) -> tuple[list[str], list]:
        """For the catch-up statement (FacetIndex.read_changes): per kept order, the changed
        rows (CTE c) that match its words, ranked again, as JSON."""
        parts, params = [], []
        for ranked in self.orders.values():
            columns, column_params = row_sql(ranked.rank)
            parts.append(
                f", (SELECT coalesce(json_agg(json_build_array({columns})), '[]')"
                f' FROM "{TABLE}" WHERE "{TABLE}".producer_id IN (SELECT producer_id FROM c)'
                f" AND {ranked.where[0]})"
            )
            params += column_params + ranked.where[1]
        return parts, params

    def patch(self, changed: set[int], changed_bits: int, found: list) -> None:
        """Takes the changed rows out of each order and puts back the ones still matching,
        where they now sort (found: per order, patch_parts' JSON rows)."""
        for ranked, rows in zip(list(self.orders.values()), found, strict=True):
            if not rows and not ranked.members & changed_bits:
                continue
            added = [_row(*row) for row in rows]
            ranked.rows = _patched(ranked.rows, changed, added, None)
            for sort, order in ranked.sorted_by.items():
                ranked.sorted_by[sort] = _patched(order, changed, added, _KEYS[sort])
            ranked.members = (ranked.members & ~changed_bits) | bitmap(r[3] for r in added)

    def get(self, db, state: SearchState, version: int, key_of) -> Ranked | None:
        """The kept order of the state's words, read if need be; None if the database
        moved on while it was read (the caller ranks in PostgreSQL then)."""
        ranked = self.orders.get(state.text)
        if ranked is not None:
            self.orders.move_to_end(state.text)
            return ranked
        where = sql_of(state, "text")
        rank = expression_sql(state, "rank")
        key = key_of(db, version, SHARED_KIND, state.text)
        rows = cache.get(key)
        if rows is not None:  # another worker's, exact at the same version
            return self._keep(Ranked(state.text, rows, bitmap(r[3] for r in rows), where, rank))
        columns, column_params = row_sql(rank)
        with db.cursor() as cursor:
            cursor.execute(
                "SELECT v.version, r.* FROM (SELECT coalesce(max(version), 0) AS version"
                " FROM producers_searchversion) v LEFT JOIN LATERAL"
                f' (SELECT {columns} FROM "{TABLE}" WHERE {where[0]}'
                # Sorted here too: Python's sort below then finds one run (linear time).
                ' ORDER BY 2 DESC, verified DESC, name COLLATE "C", producer_id) r ON true',
                column_params + where[1],
            )
            fetched = cursor.fetchall()
        if fetched[0][0] != version:
            return None
        rows = sorted(_row(*row[1:]) for row in fetched if row[1] is not None)
        cache.set(key, rows, SHARED_SECONDS)
        return self._keep(Ranked(state.text, rows, bitmap(r[3] for r in rows), where, rank))

    def _keep(self, ranked: Ranked) -> Ranked:
        self.orders[ranked.text] = ranked
        total = sum(len(kept.rows) for kept in self.orders.values())
        while total > RANKED_BUDGET and len(self.orders) > 1:
            _text, evicted = self.orders.popitem(last=False)
            total -= len(evicted.rows)
        return ranked


def page_of(ranked: Ranked, sort: str, passing: int, now: datetime, offset: int, limit: int):
    """(producer id, rank) of rows offset..offset+limit of the sort's order among those
    passing; for the best match, fresh listings first, then the stale ones."""
    bits = passing.to_bytes((passing.bit_length() + 7) // 8, "little")
    size = len(bits)
    stale_before = (now - Producer.STALE_AFTER).timestamp()
    wanted = offset + limit
    found: list[tuple[int, float]] = []
    for stale in (False, True) if sort == "relevance" else (None,):
        for neg_rank, _unverified, _name, producer_id, confirmed, _r, _l in ranked.order(sort):
            if stale is not None and (
                (confirmed is not None and confirmed < stale_before) is not stale
            ):
                continue
            byte = producer_id >> 3
            if byte < size and bits[byte] >> (producer_id & 7) & 1:
                found.append((producer_id, -neg_rank))
                if len(found) == wanted:
                    return found[offset:]
    return found[offset:]
