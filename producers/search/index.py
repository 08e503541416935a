"""The facet counts from an in-process copy of the search table's facet keys, one bitmap per
key (a Python int, bit n for producer n), kept exact by the change log the version trigger
writes (migration 0019).

Counting in PostgreSQL costs about half a microsecond per (row, facet value) pair, so a
broad state (a popular capability alone, a common word) took 0.3-1 s on 2 cores
(docs/decisions.md). Here a count is an AND and a popcount of two ints: every facet of a
state at 100k producers in about a millisecond. PostgreSQL still decides which rows the
words, the place, the quantity and "open now" keep (one statement, ids only, kept and
patched through edits like the keys); the keys say the rest.

Exactness: the copy is labelled with the version it holds and is used only at that version.
Each page reads the version first; a newer one is caught up by reading the rows the log
names (and testing them against the conditions of the longest id lists), in the same statement
as the version it brings the copy to, and the ids of a condition are read with the version
too, so a count never mixes two versions. A copy is read
anew when the version went back (a restored database), when the log no longer reaches back
to it, or when too much changed; and it is never touched from a transaction that has written
(its rows may yet roll back): the caller counts in PostgreSQL then.
"""

from __future__ import annotations

import heapq
import threading
from collections import OrderedDict
from collections.abc import Iterable

from django.core.cache import cache
from django.db.backends.base.base import BaseDatabaseWrapper

from .params import FACETS, FLAG_FACETS, LEAD_TIME_CHOICES, TABLE, SearchState, open_now_sql, sql_of
from .ranking import RankedOrders, ranks_words
from .shared import SHARED_AT_LEAST, SHARED_SECONDS, bitmap, shared_key

# Past this many changed rows since the copy's version, reading the table anew is cheaper.
MOST_CHANGES = 2000
# The id lists a catch-up patches: the longest, which cost the most to read again (a common
# word alone: about 150 ms at 100k producers); the others are read again when asked.
PATCHED_MASKS = 32
# The ids kept per condition, in bytes of bitmap (about 5,000 conditions at 100k producers).
MASK_BUDGET = 64 * 2**20


class FacetIndex:
    """One database's facet keys as bitmaps, at one version."""

    def __init__(self):
        self.version: int | None = None
        self.keys: dict[str, int] = {}
        # Condition -> its rows, all at self.version; least recently used first.
        self.masks: OrderedDict[tuple, int] = OrderedDict()
        # Key -> the condition's SQL and parameters, to test changed rows again, and the
        # number of ids it had when read.
        self.mask_sql: dict[tuple, tuple[str, list, int]] = {}
        # Broad words' best-match orders (producers.search.ranking), at self.version too.
        self.ranked = RankedOrders()
        self.database: str | None = None  # SearchVersion.database, read once
        self.lock = threading.Lock()

    def shared_key(self, db: BaseDatabaseWrapper, version: int, kind: str, key: object) -> str:
        if self.database is None:
            with db.cursor() as cursor:
                cursor.execute("SELECT database FROM producers_searchversion")
                row = cursor.fetchone()
            # No row yet (a new table): nothing to share with until its first change.
            self.database = str(row[0]) if row else ""
        return shared_key(self.database, version, kind, key)

    # --- keeping the copy at the database's version ---

    def catch_up(self, db: BaseDatabaseWrapper, version: int, logged_since: int) -> None:
        """Brings the copy to at least `version` (the one the page read)."""
        if self.version is None or version < self.version or self.version < logged_since:
            if self._shared_keys(db, version, logged_since):
                if self.version is not None and self.version < version:
                    self.read_changes(db)
            else:
                self.read_all(db)
        elif version > self.version:
            self.read_changes(db)

    def _shared_keys(self, db: BaseDatabaseWrapper, version: int, logged_since: int) -> bool:
        """Takes the keys another worker read (the latest it shared) if the change log
        still reaches back to them and they are not newer than the page's version: a new
        worker then reads only what changed since, not the whole table (about 2 s of
        PostgreSQL and Python at 100k producers)."""
        shared = cache.get(self.shared_key(db, 0, "keys", "latest"))
        if shared is None or not logged_since <= shared[0] <= version:
            return False
        self.keys = shared[1]
        self.ranked.clear()
        self._at(shared[0])
        return True

    def read_all(self, db: BaseDatabaseWrapper) -> None:
        with db.cursor() as cursor:
            cursor.execute(
                "SELECT v.version, v.database, g.k, g.ids"
                " FROM (SELECT coalesce(max(version), 0) AS version,"
                " coalesce(max(database::text), '') AS database FROM producers_searchversion) v"
                f' LEFT JOIN (SELECT k, array_agg(producer_id) AS ids FROM "{TABLE}",'
                " unnest(facet_keys) AS k GROUP BY k) g ON true"
            )
            rows = cursor.fetchall()
        self.keys = {key: bitmap(ids) for _version, _db, key, ids in rows if key is not None}
        self.ranked.clear()
        # A flushed table made its row anew, with another `database`: share under that one.
        self.database = rows[0][1]
        self._at(rows[0][0])
        if self.database:
            key = self.shared_key(db, 0, "keys", "latest")
            cache.set(key, (self.version, self.keys), SHARED_SECONDS)

    def read_changes(self, db: BaseDatabaseWrapper) -> None:
        """Patches the changed rows in: into the keys, and into the longest id lists, whose
        conditions are tested again on those rows alone in the same statement (a row's
        membership depends only on the row), so a common word's ids outlive an edit."""
        assert self.version is not None
        patched = self._worth_patching()
        parts, params = [], [self.version, MOST_CHANGES + 1]
        for mask in patched:
            sql, sql_params, _size = self.mask_sql[mask]
            parts.append(
                f', ARRAY(SELECT producer_id FROM "{TABLE}" WHERE "{TABLE}".producer_id IN'
                f" (SELECT producer_id FROM c) AND {sql})"
            )
            params += sql_params
        ranked_parts, ranked_params = self.ranked.patch_parts()
        parts += ranked_parts
        params += ranked_params
        with db.cursor() as cursor:
            cursor.execute(
                "WITH c AS (SELECT DISTINCT producer_id FROM producers_searchchange"
                "  WHERE version > %s LIMIT %s)"
                " SELECT v.version, v.logged_since, (SELECT coalesce(json_agg(json_build_array("
                f" c.producer_id, s.facet_keys)), '[]') FROM c LEFT JOIN \"{TABLE}\" s"
                "  ON s.producer_id = c.producer_id)"
                + "".join(parts)
                + " FROM producers_searchversion v",
                params,
            )
            row = cursor.fetchone()
        if row is None or row[1] > self.version or len(row[2]) > MOST_CHANGES:
            self.read_all(db)
            return
        version, _since, changed, *found = row
        if changed:
            changed_bits = bitmap(producer for producer, _keys in changed)
            self.ranked.patch(
                {producer for producer, _keys in changed}, changed_bits, found[len(patched) :]
            )
            cleared = ~changed_bits
            self.keys = {key: bits & cleared for key, bits in self.keys.items()}
            added: dict[str, list[int]] = {}
            for producer, keys in changed:
                for key in keys or ():  # None: the row was deleted
                    added.setdefault(key, []).append(producer)
            for key, ids in added.items():
                self.keys[key] = self.keys.get(key, 0) | bitmap(ids)
            for mask, ids in zip(patched, found[: len(patched)], strict=True):
                bits = (self.masks[mask] & cleared) | bitmap(ids)
                self.masks[mask] = bits
                self.mask_sql[mask] = (*self.mask_sql[mask][:2], bits.bit_count())
        self._at(version, keep=patched)

    def _worth_patching(self) -> list[tuple]:
        # "Open now" of a minute gone by will not be asked again (its key is the minute).
        minutes = [key[1] for key in self.masks if key[0] == "open_now"]
        now = max(minutes, default=None)
        current = [key for key in self.masks if key[0] != "open_now" or key[1] == now]
        return heapq.nlargest(PATCHED_MASKS, current, key=lambda key: self.mask_sql[key][2])

    def _at(self, version: int, *, keep: Iterable[tuple] = ()) -> None:
        self.version = version
        kept = {key: self.masks[key] for key in keep}
        self.masks.clear()
        self.masks.update(kept)
        self.mask_sql = {key: self.mask_sql[key] for key in kept}

    # --- the rows of the conditions the keys do not hold ---

    def read_masks(
        self, db: BaseDatabaseWrapper, state: SearchState, *, kept_only: bool = False
    ) -> dict[str, int] | None:
        """name -> rows, all at self.version, for what the keys do not hold (_mask_keys);
        None if the database kept moving under three tries, or, with `kept_only`, if any
        is not kept already (nothing is read then)."""
        wanted = _mask_keys(state)
        if kept_only and any(key not in self.masks for key in wanted.values()):
            return None
        for _attempt in range(3):
            missing = [name for name, key in wanted.items() if key not in self.masks]
            if missing:
                # Only lists over the whole table can be long enough to have been shared (a
                # place narrows them to a few hundred rows): no cache round trip for the rest.
                wide = {name: wanted[name] for name in missing if _is_wide(wanted[name])}
                if wide:
                    fetched = set(wide) - set(self._from_shared(db, state, wide))
                    missing = [name for name in missing if name not in fetched]
            if "scope" in missing and ranks_words(state):
                # The words' order holds their rows: one scan ranks them and gives the ids,
                # where the ids alone and then the order cost two (a common word: about 150
                # and 120 ms at 100k producers).
                assert self.version is not None
                ranked = self.ranked.get(db, state, self.version, self.shared_key)
                if ranked is not None:
                    self.masks[wanted["scope"]] = ranked.members
                    sql, params = _where(state, "scope")
                    self.mask_sql[wanted["scope"]] = (sql, params, ranked.members.bit_count())
                    missing.remove("scope")
                    self._evict()
            if missing:
                wheres = [_where(state, name) for name in missing]
                version, *found = self._read(db, wheres)
                if version != self.version:
                    self.catch_up(db, version, logged_since=0)
                    continue
                shared = {}
                for name, (sql, params), ids in zip(missing, wheres, found, strict=True):
                    bits = self.masks[wanted[name]] = bitmap(ids)
                    self.mask_sql[wanted[name]] = (sql, params, len(ids))
                    if len(ids) >= SHARED_AT_LEAST and _is_wide(wanted[name]):
                        at = self.shared_key(db, version, "ids", wanted[name])
                        shared[at] = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
                if shared:
                    cache.set_many(shared, SHARED_SECONDS)
                self._evict()
            masks = {}
            for name, key in wanted.items():
                self.masks.move_to_end(key)
                masks[name] = self.masks[key]
            return masks
        return None

    def _from_shared(
        self, db: BaseDatabaseWrapper, state: SearchState, wanted: dict[str, tuple]
    ) -> list[str]:
        """Takes the wanted id lists another worker put in the shared cache at this copy's
        version; returns the names still missing."""
        assert self.version is not None
        keys = {name: self.shared_key(db, self.version, "ids", key) for name, key in wanted.items()}
        found = cache.get_many(list(keys.values()))
        missing = []
        for name, key in wanted.items():
            data = found.get(keys[name])
            if data is None:
                missing.append(name)
                continue
            bits = self.masks[key] = int.from_bytes(data, "little")
            self.mask_sql[key] = (*_where(state, name), bits.bit_count())
        return missing

    def _read(self, db: BaseDatabaseWrapper, wheres: list[tuple[str, list]]) -> list:
        parts, params = [], []
        for sql, sql_params in wheres:
            parts.append(f'ARRAY(SELECT producer_id FROM "{TABLE}" WHERE {sql})')
            params += sql_params
        with db.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT coalesce(max(version), 0) FROM producers_searchversion), "
                + ", ".join(parts),
                params,
            )
            return list(cursor.fetchone())

    def _evict(self) -> None:
        size = max(1, (self.keys.get("", 0).bit_length() + 7) // 8)
        while len(self.masks) > max(16, MASK_BUDGET // size):
            evicted, _bits = self.masks.popitem(last=False)
            del self.mask_sql[evicted]

    # --- counting ---

    def _filters(self, state: SearchState, masks: dict[str, int]) -> tuple[int, dict[str, int]]:
        """The rows of the words and the place (every listed row without either), and of
        each active filter."""
        scope = self.keys.get("", 0)
        if "scope" in masks:
            scope &= masks["scope"]
        filters: dict[str, int] = {}
        for name in state.conditions:
            if name in state.condition_keys:
                bits = 0
                for key in state.condition_keys[name]:
                    bits |= self.keys.get(key, 0)
                filters[name] = bits
            else:
                filters[name] = masks[name]
        return scope, filters

    def passing(self, state: SearchState, masks: dict[str, int]) -> int:
        """The rows the state finds."""
        passing, filters = self._filters(state, masks)
        for bits in filters.values():
            passing &= bits
        return passing

    def count(
        self, state: SearchState, masks: dict[str, int]
    ) -> tuple[int, dict[str, dict[str, int]], dict[str, int]]:
        """(total, counts, without), as in facets.Facets, from the bitmaps."""
        keys = self.keys
        scope, filters = self._filters(state, masks)
        passing = scope
        for bits in filters.values():
            passing &= bits
        # Each active facet's counts apply every other filter but its own.
        bases = {}
        for name in filters:
            base = scope
            for other, bits in filters.items():
                if other != name:
                    base &= bits
            bases[name] = base

        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        # Flags and lead-time bands are shown even when no row has them.
        for name in FLAG_FACETS:
            counts[name]["yes"] = 0
        counts["lead_time"] = {str(days): 0 for days, _label in LEAD_TIME_CHOICES}
        for key, bits in keys.items():
            if not key:
                continue
            name, _, value = key.partition(":")
            found = (bases.get(name, passing) & bits).bit_count()
            if found:
                counts[name][value] = found
        is_open = bases.get("open_now", passing) & masks["open_now"]
        counts["open_now"]["yes"] = is_open.bit_count()
        without = {name: base.bit_count() for name, base in bases.items()}
        return passing.bit_count(), counts, without


def _where(state: SearchState, name: str) -> tuple[str, list]:
    """The SQL and parameters of one of _mask_keys' id lists, on the search table.

    The words and the place are read together: PostgreSQL starts from the narrower of the
    two indexes, so a common word near a city reads a few hundred ids, not tens of thousands.
    "Open now" is read over the whole table; the quantity inside the place, if any."""
    if name == "scope":
        return sql_of(state, "text", "place")
    if name == "open_now":
        return open_now_sql(state.now)
    condition, params = sql_of(state, name)
    place_sql, place_params = sql_of(state, "place")
    return f"({condition}) AND {place_sql}", params + place_params


def _mask_keys(state: SearchState) -> dict[str, tuple]:
    """The rows read from PostgreSQL a state needs, each with its key among the kept ones:
    "scope" (the words and the place together, if either is given), "quantity" and
    "open_now" (always: its count is shown whatever is ticked). The quantity is read inside
    the place when there is one (the box index makes that cheap), else over the whole
    table: inside a broad word alone it would match the word again. "Open now" is read over
    the whole table once a minute and shared by every state: read inside each place it
    visited the heap page of every row in the circle, about half the statement of a place
    search (some 5 ms at 100k producers), where the whole table costs one scan a minute."""
    wanted: dict[str, tuple] = {}
    where = state.location
    if state.text or where is not None:
        place = (where.lat, where.lng, where.radius) if where is not None else None
        wanted["scope"] = ("scope", state.text, place)
    inside = wanted["scope"] if where is not None else None
    if "quantity" in state.conditions:
        wanted["quantity"] = ("quantity", state.params.get("quantity"), inside)
    # "Open now" is read to the minute (minute_of_week), like the counts' cache key.
    wanted["open_now"] = ("open_now", int(state.now.timestamp()) // 60, None)
    return wanted


def _is_wide(key: tuple) -> bool:
    """Whether a _mask_keys key is over the whole table (no place: its last part is None)."""
    return key[-1] is None


_indexes: dict[str, FacetIndex] = {}
_indexes_lock = threading.Lock()


def index_for(db: BaseDatabaseWrapper) -> FacetIndex:
    """The copy for one database (the primary and a replica each have their own versions)."""
    with _indexes_lock:
        return _indexes.setdefault(db.alias, FacetIndex())
