"""The facet counts against a bare COUNT(*) of the same filter, timed in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hubdir_bench_100000 \\
        .venv/bin/python bench/facet_timing.py --rounds 5

For each search state, the facet counts and `bare_count(state)` are computed alternately
(which goes first alternates too) for about --seconds per round; a round's figure is the
median call of each, and its ratio facets / count. The app keeps each filter's counts in
the cache for a minute, so every state is timed as the cache miss a new search is: the
app's own path (producers.search.facets' `_indexed_facets`, the in-process facet index,
caught up to the database's version once) with the rows of the state's words, place and
quantity read from PostgreSQL again on each call. Only the ids open this minute over the
whole table stay kept between calls, as every search without a place in that
minute shares them. The same counting in PostgreSQL (`_compute_facets`, which the app uses
inside a transaction that has written) is timed beside it for the named states.

Besides the named states, a sweep over the broadest ones: each capability alone, each
material alone, the 10 most common description words alone, and combinations of the most
popular of them; it reports each state's median ratio and the worst. Prints JSON;
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
# The generator's description words, most common first (bench/generate.py).
COMMON_WORDS_TIMED = 10


def interleaved(
    first: Callable[[], object],
    second: Callable[[], object],
    *,
    seconds: float,
    calls: int = 10,
) -> tuple[float, float]:
    """Median milliseconds of each function, called in alternation for about `seconds`
    and at least `calls` times."""
    times: tuple[list[float], list[float]] = ([], [])
    deadline = time.perf_counter() + seconds
    while len(times[0]) < calls or time.perf_counter() < deadline:
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


def facets_module():
    # producers.search re-exports the function facets(), which hides the module's name.
    return importlib.import_module("producers.search.facets")


def facets_on_a_miss() -> Callable:
    """The app's facet counts for a state as on a cache miss, without reading or filling
    the cache: the facet index's path, the state's rows read from PostgreSQL again."""
    from producers.search.index import index_for
    from producers.search.params import search_db

    module = facets_module()

    def counting(state):
        row = module.current_version_row()
        index = index_for(search_db())
        with index.lock:
            for key in list(index.masks):
                # ("open_now", minute, place): kept only when shared by every state without a place
                if key[0] != "open_now" or key[2] is not None:
                    del index.masks[key]
        counted = module._indexed_facets(state, *row)
        assert counted is not None, "the facet index is off (SEARCH_FACET_INDEX)"
        return counted[0]

    return counting


def facets_in_postgresql(state):
    module = facets_module()
    version = module.search_version()
    return module._compute_facets(state, landing=module._needs_landing(state), version=version)


def broad_states() -> dict[str, str]:
    """Each capability and each material alone and the most common words alone."""
    from generate import COMMON_WORDS

    from producers.models import Capability, Material

    states = {f"capability={slug}": f"capability={slug}" for slug in
              Capability.objects.order_by("slug").values_list("slug", flat=True)}  # fmt: skip
    states |= {f"material={slug}": f"material={slug}" for slug in
               Material.objects.order_by("slug").values_list("slug", flat=True)}  # fmt: skip
    states |= {f"q={word}": f"q={word}" for word in COMMON_WORDS[:COMMON_WORDS_TIMED]}
    return states


def combinations(totals: dict[str, int]) -> dict[str, str]:
    """Pairs of the broadest single states: the three most common capabilities with the
    three most common materials and words, and the two most common words together."""

    def top(prefix: str, n: int) -> list[str]:
        found = [name for name in totals if name.startswith(prefix)]
        return sorted(found, key=lambda name: -totals[name])[:n]

    capabilities, materials, words = top("capability=", 3), top("material=", 3), top("q=", 2)
    pairs = [(c, m) for c in capabilities for m in materials]
    pairs += [(c, w) for c in capabilities for w in words]
    states = {f"{a}&{b}": f"{a}&{b}" for a, b in pairs}
    first, second = (word.removeprefix("q=") for word in words)
    states[f"q={first}+{second}"] = f"q={first}+{second}"
    return states


def measure(*, rounds: int, seconds: float, sweep_seconds: float) -> dict:
    from django.db import connection
    from django.http import QueryDict

    from producers import search

    def state(query: str):
        # Parsed again each round: the landing cache key and "open now" follow the clock.
        return search.parse(QueryDict(query))

    counting = facets_on_a_miss()

    results: dict = {
        name: {"query": query, "facets_ms": [], "count_ms": [], "ratio": [], "sql_ms": []}
        for name, query in STATES.items()
    }
    for figures in results.values():
        current = state(figures["query"])
        search.facets(current)  # warms the index, the catalogue and the geocoded place
        figures["total"] = search.bare_count(current)
        figures["statements"] = {
            "facets": statements(lambda s=current: counting(s)),
            "count": statements(lambda s=current: search.bare_count(s)),
        }
    for _ in range(rounds):
        for figures in results.values():
            current = state(figures["query"])
            facets_ms, count_ms = interleaved(
                lambda s=current: counting(s),
                lambda s=current: search.bare_count(s),
                seconds=seconds,
            )
            figures["facets_ms"].append(facets_ms)
            figures["count_ms"].append(count_ms)
            figures["ratio"].append(facets_ms / count_ms)
            # The same counts made in PostgreSQL, for what the index moved (fewer calls).
            figures["sql_ms"].append(
                interleaved(
                    lambda s=current: facets_in_postgresql(s),
                    lambda: None,
                    seconds=seconds / 4,
                    calls=3,
                )[0]
            )

    singles = broad_states()
    totals = {name: search.bare_count(state(query)) for name, query in singles.items()}
    swept = singles | combinations(totals)
    sweep: dict = {}
    for name, query in swept.items():
        current = state(query)
        ratios, facet_times, count_times = [], [], []
        for _ in range(rounds):
            facets_ms, count_ms = interleaved(
                lambda s=current: counting(s),
                lambda s=current: search.bare_count(s),
                seconds=sweep_seconds,
                calls=5,
            )
            ratios.append(facets_ms / count_ms)
            facet_times.append(facets_ms)
            count_times.append(count_ms)
        sweep[name] = {
            "total": search.bare_count(current),
            "ratio": median(ratios),
            "facets_ms": median(facet_times),
            "count_ms": median(count_times),
        }
    worst = max(sweep, key=lambda name: sweep[name]["ratio"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM producers_producer),"
            " (SELECT count(*) FROM producers_producersearch)"
        )
        producers, published = cursor.fetchone()
    return {
        "producers": producers,
        "published": published,
        "states": results,
        "sweep": {"states": sweep, "worst": worst},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--seconds", type=float, default=1.0, help="per state and round (at least 10 calls)"
    )
    parser.add_argument(
        "--sweep-seconds", type=float, default=0.2, help="per broad state and round (5 calls)"
    )
    args = parser.parse_args()
    if "bench" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Set DATABASE_URL to a benchmark database (its name contains 'bench').")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubdir.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "bench"))
    import django

    django.setup()
    print(
        json.dumps(
            measure(rounds=args.rounds, seconds=args.seconds, sweep_seconds=args.sweep_seconds),
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
