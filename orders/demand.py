"""The unmet-demand map: what people asked for near a place and did not find.

Three signals, each with who asked (only to count distinct people, never shown):
- a published request that reached no workshop: no lead at all, so neither the match at
  publication (selectors.matching_rows, the one match definition) nor an invitation found one;
- a request that expired without a single quote;
- a search near a place that found nothing (producers.SearchMiss, no personal data).

They are grouped by what was asked (the capability, or the words of a search naming none)
and by a ~5 km grid cell (hubdir.geo.grid). A group shows only when at least K different
people are in it; smaller groups are pooled into their ~20 km cell, which shows on the same
rule, and what is still under K is left out (docs/decisions.md, "The unmet-demand map").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import cos, radians, sqrt

from django.core.cache import cache
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from hubdir.geo.grid import cell_bounds, cell_centre, coarse_cell, grid_cell
from producers.models import SearchMiss
from producers.search import catalogue

from .models import JobRequest, Lead, Quote

K = 3
PERIODS = {
    30: gettext_lazy("the last 30 days"),
    90: gettext_lazy("the last 90 days"),
    365: gettext_lazy("the last year"),
}
DEFAULT_PERIOD = 365
CACHE_SECONDS = 300

UNREACHED, UNQUOTED, SEARCH = "unreached", "unquoted", "search"


@dataclass(frozen=True)
class Signal:
    """One person's one unmet ask. `who` tells people apart: ("buyer", id) for requests,
    ("visitor", day, hash) for searches (a day's sessionless visitors count as one)."""

    what: tuple[str, str]  # ("capability", slug) or ("words", the words)
    cell: tuple[int, int]
    who: tuple
    kinds: frozenset[str]
    day: date


@dataclass
class DemandRow:
    what: tuple[str, str]
    label: str
    cell: tuple[int, int]
    coarse: bool
    unreached: int = 0
    unquoted: int = 0
    searches: int = 0
    requests: int = 0
    people: int = 0
    signals: list[Signal] = field(default_factory=list, repr=False)

    @property
    def total(self) -> int:
        """Unmet demand: requests left unanswered, plus visitors whose search found nothing."""
        return self.requests + self.searches

    @property
    def area(self) -> str:
        return "about 20 km" if self.coarse else "about 5 km"

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return cell_bounds(self.cell, coarse=self.coarse)

    @property
    def centre(self) -> tuple[float, float]:
        return cell_centre(self.cell, coarse=self.coarse)


def _row(
    what: tuple[str, str], cell: tuple[int, int], coarse: bool, group: list[Signal]
) -> DemandRow:
    names = {slug: name for slug, (_pk, name) in catalogue()["capability"].items()}
    label = names.get(what[1], what[1]) if what[0] == "capability" else f"“{what[1]}”"
    row = DemandRow(what, label, cell, coarse, signals=group)
    row.unreached = sum(UNREACHED in s.kinds for s in group)
    row.unquoted = sum(UNQUOTED in s.kinds for s in group)
    row.requests = sum(bool(s.kinds - {SEARCH}) for s in group)
    row.searches = len({s.who for s in group if SEARCH in s.kinds})
    row.people = len({s.who for s in group})
    return row


def aggregate(signals: list[Signal], *, k: int = K) -> list[DemandRow]:
    """The rows the map may show, most unmet demand first: (what, 5 km cell) groups with at
    least k people; the rest pooled per (what, 20 km cell), shown on the same rule."""
    fine: dict[tuple, list[Signal]] = defaultdict(list)
    for signal in signals:
        fine[(signal.what, signal.cell)].append(signal)
    rows, pooled = [], defaultdict(list)
    for (what, cell), group in fine.items():
        if len({s.who for s in group}) >= k:
            rows.append(_row(what, cell, False, group))
        else:
            pooled[(what, coarse_cell(cell))].extend(group)
    for (what, cell), group in pooled.items():
        if len({s.who for s in group}) >= k:
            rows.append(_row(what, cell, True, group))
    rows.sort(key=lambda r: (-r.total, -r.people, r.label, r.coarse, r.cell))
    return rows


def signals(*, period: int, today: date | None = None) -> list[Signal]:
    """Every demand signal of the last `period` days: two statements, cached for a few
    minutes (the map is a view over months, not a live count)."""
    today = today or timezone.localdate()
    key = f"demand:signals:{period}:{today.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = _signals(since=today - timedelta(days=period - 1), today=today)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _signals(*, since: date, today: date) -> list[Signal]:
    slugs = {pk: slug for slug, (pk, _name) in catalogue()["capability"].items()}
    expired = Q(status=JobRequest.Status.EXPIRED) | Q(
        status=JobRequest.Status.OPEN, needed_by__lt=today
    )
    requests = (
        JobRequest.objects.exclude(status=JobRequest.Status.DRAFT)
        .filter(published_at__date__gte=since, lat__isnull=False)
        .annotate(
            reached=Exists(Lead.objects.filter(job_request=OuterRef("pk"))),
            quoted=Exists(Quote.objects.filter(job_request=OuterRef("pk"))),
            expired=ExpressionWrapper(expired, output_field=BooleanField()),
        )
        .filter(Q(reached=False) | Q(expired=True, quoted=False))
        .values_list(
            "buyer_id",
            "capability_id",
            "lat",
            "lng",
            "published_at",
            "reached",
            "expired",
            "quoted",
        )
    )
    found = []
    for buyer, capability, lat, lng, published, reached, is_expired, quoted in requests:
        kinds = set()
        if not reached:
            kinds.add(UNREACHED)
        if is_expired and not quoted:
            kinds.add(UNQUOTED)
        found.append(
            Signal(
                ("capability", slugs.get(capability, str(capability))),
                grid_cell(lat, lng),
                ("buyer", buyer),
                frozenset(kinds),
                timezone.localdate(published),
            )
        )
    misses = SearchMiss.objects.filter(day__gte=since, day__lte=today).values_list(
        "capability_id", "words", "cell_row", "cell_col", "visitor", "day"
    )
    for capability, words, row, col, visitor, day in misses:
        what = ("capability", slugs[capability]) if capability in slugs else ("words", words)
        if what[1]:
            found.append(
                Signal(what, (row, col), ("visitor", day, visitor), frozenset({SEARCH}), day)
            )
    return found


def _within(row: DemandRow, lat: float, lng: float, km: float) -> bool:
    c_lat, c_lng = row.centre
    dy = (c_lat - lat) * 111.2
    dx = (c_lng - lng) * 111.2 * cos(radians(lat))
    return sqrt(dx * dx + dy * dy) <= km


@dataclass
class DemandMap:
    rows: list[DemandRow]
    trend: list[tuple[str, int | None]]  # (bucket label, unmet demand or None if held back)
    period: int


def demand_map(
    *,
    period: int = DEFAULT_PERIOD,
    capability: str = "",
    near: tuple[float, float, float] | None = None,
    today: date | None = None,
) -> DemandMap:
    """The rows for the page and the CSV, filtered by capability and by an area (lat, lng,
    km) around a place, and the trend of what they hold, week by week or month by month."""
    today = today or timezone.localdate()
    rows = aggregate(signals(period=period, today=today))
    if capability:
        rows = [r for r in rows if r.what == ("capability", capability)]
    if near:
        rows = [r for r in rows if _within(r, *near)]
    return DemandMap(rows, trend(rows, period=period, today=today), period)


def _bucket(day: date, period: int) -> date:
    if period > 90:
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def trend(rows: list[DemandRow], *, period: int, today: date) -> list[tuple[str, int | None]]:
    """Unmet demand in the shown rows per week (or month, over a year); a bucket fewer than
    K people are in is held back (None), as a cell would be."""
    start = today - timedelta(days=period - 1)
    buckets: list[date] = []
    day = _bucket(start, period)
    while day <= today:
        buckets.append(day)
        day = (day + timedelta(days=32)).replace(day=1) if period > 90 else day + timedelta(days=7)
    requests: dict[date, int] = defaultdict(int)
    searches: dict[date, set] = defaultdict(set)
    people: dict[date, set] = defaultdict(set)
    for row in rows:
        for s in row.signals:
            b = _bucket(s.day, period)
            people[b].add(s.who)
            if SEARCH in s.kinds:
                searches[b].add(s.who)
            else:
                requests[b] += 1
    # The month's short name in the reader's language ("Mar" in English, as %b wrote it).
    label = "M Y" if period > 90 else "j M"
    return [
        (date_format(b, label), requests[b] + len(searches[b]) if len(people[b]) >= K else None)
        for b in buckets
    ]
