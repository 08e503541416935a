"""Facet-count SQL against a bare COUNT(*) of the same filter, timed in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hubdir_bench_100000 \\
        .venv/bin/python bench/facet_timing.py --rounds 5

For each search state, the facet counts and `bare_count(state)` are computed alternately
(which goes first alternates too) for about --seconds per round; a round's figure is the
median call of each, and its ratio facets / count. The app keeps each filter's counts in
the cache for a minute, so a filtered state is timed as the cache miss a new search is:
the counting itself (producers.search.facets' `_compute_facets`, with the landing counts
it builds on cached as in use). The landing state (no filter) is served from the cache by
design: its first call fills the cache and is not timed, the warm call is. Prints JSON;
bench/run.py runs this with the benchmark server's environment.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parent.parent

# name -> query string. "typical" is QUALITY.md's typical search page: text, 2 facets, 25 km
# around a city the generator clusters producers at; laser cutting and plywood are among the
# most popular capability and material there.
STATES = {
    "typical": "q=laser&capability=laser-cutting&material=plywood&place=Portland%2C+OR&radius=25",
    # The most popular capability: the widest facet filter, the most rows to count.
    "capability": "capability=3d-printing",
    # A word in nearly every description: text search over almost every row.
    "common word": "q=local",
    "landing": "",
}
FILTERED = [name for name, query in STATES.items() if query]


def interleaved(
    first: Callable[[], object], second: Callable[[], object], *, seconds: float
) -> tuple[float, float]:
    """Median milliseconds of each function, called in alternation for about `seconds`."""
    times: tuple[list[float], list[float]] = ([], [])
    deadline = time.perf_counter() + seconds
    while len(times[0]) < 10 or time.perf_counter() < deadline:
        order = (0, 1) if len(times[0]) % 2 == 0 else (1, 0)
        for index in order:
            started = time.perf_counter()
            (first, second)[index]()
            times[index].append((time.perf_counter() - started) * 1000)
    return median(times[0]), median(times[1])


def statements(call: Callable[[], object]) -> int:
    """How many SQL statements one call runs."""
    from django.db import connection

    executed = []
    with connection.execute_wrapper(lambda execute, *args: executed.append(1) or execute(*args)):
        call()
    return len(executed)


def uncached_facets() -> Callable:
    """The facet counts as computed on a cache miss, without reading or filling the cache."""
    from producers import search

    try:
        module = importlib.import_module("producers.search.facets")
    except ModuleNotFoundError:
        module = search
    compute = getattr(module, "_compute_facets", None)
    if compute is None:  # before the counts were cached, facets() itself computed them
        return search.facets

    def counting(state):
        version = module.search_version()
        return compute(state, landing=module._needs_landing(state), version=version)

    return counting


def measure(*, rounds: int, seconds: float) -> dict:
    from django.db import connection
    from django.http import QueryDict

    from producers import search

    def state(name: str):
        # Parsed again each round: the landing cache key and "open now" follow the clock.
        return search.parse(QueryDict(STATES[name]))

    counting = uncached_facets()

    def facets(current) -> object:
        return search.facets(current) if current.is_unfiltered else counting(current)

    results: dict = {
        name: {"query": query, "facets_ms": [], "count_ms": [], "ratio": []}
        for name, query in STATES.items()
    }
    for name in STATES:
        current = state(name)
        search.facets(current)  # warms the cache (landing, catalogue, geocoded place)
        results[name]["total"] = search.bare_count(current)
        results[name]["statements"] = {
            "facets": statements(lambda s=current: facets(s)),
            "count": statements(lambda s=current: search.bare_count(s)),
        }
    for _ in range(rounds):
        for name, figures in results.items():
            current = state(name)
            facets_ms, count_ms = interleaved(
                lambda s=current: facets(s),
                lambda s=current: search.bare_count(s),
                seconds=seconds,
            )
            figures["facets_ms"].append(facets_ms)
            figures["count_ms"].append(count_ms)
            figures["ratio"].append(facets_ms / count_ms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM producers_producer),"
            " (SELECT count(*) FROM producers_producersearch)"
        )
        producers, published = cursor.fetchone()
    return {"producers": producers, "published": published, "states": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--seconds", type=float, default=1.0, help="per state and round (at least 10 calls)"
    )
    args = parser.parse_args()
    if "bench" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Set DATABASE_URL to a benchmark database (its name contains 'bench').")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubdir.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    print(json.dumps(measure(rounds=args.rounds, seconds=args.seconds), indent=2))


if __name__ == "__main__":
    main()
