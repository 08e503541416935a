"""The app's CPU per request for each page kind, measured in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hubdir_bench_10000 \\
    REDIS_URL=redis://127.0.0.1:6379/1 \\
        .venv/bin/python bench/cpu_profile.py --urls 200 [--kinds search,profile] [--profile search]

wrk's req/s moves with whatever else the shared machine runs; the CPU one process spends
on a request moves much less. This runs Django with the benchmark server's settings
(bench/settings.py: DEBUG=0, Redis, the cached template loaders, whitenoise's manifest
storage over a temporary collectstatic) and sends the first --urls URLs of each
workload.py list through the Django test client, each with its session cookie, after a
warm-up on other URLs of the same list. For each page kind it prints the median and mean
CPU ms per request (time.process_time: this process only, so PostgreSQL's own time is not
in it; the client-side work of the database driver is), the median, mean and p99 wall ms
and the SQL statements per request. --profile KIND runs that kind's URLs again under cProfile and
prints the functions with the most time. Every run gets a fresh cache key prefix, so no
cached page or count survives from the last one: the same URLs cost the same work.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import mean, median

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from workload import KINDS, build  # noqa: E402

WARMUP = 20


def setup(static_root: Path) -> None:
    """The benchmark server's environment (bench/run.py's production_env), in this process."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_STATIC_ROOT=str(static_root),
        DEBUG="0",
        HUBDIR_TESTING="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
        ALLOWED_HOSTS="testserver",
        SITE_URL="http://testserver",
        CACHE_KEY_PREFIX=f"cpu-{secrets.token_hex(4)}",
        SECURE_SSL_REDIRECT="0",
    )
    os.environ.pop("SEARCH_CACHE_SECONDS", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=os.environ,
        check=True,
    )
    import django

    django.setup()


def read_list(path: Path) -> list[tuple[str, str]]:
    lines = path.read_text().splitlines()
    return [tuple(line.split("\t", 1)) for line in lines]  # type: ignore[misc]


def run(
    urls: list[tuple[str, str]], shapes: dict[str, list[tuple[float, str]]] | None = None
) -> list[tuple[float, float, int]]:
    """(CPU ms, wall ms, statements) per URL; anything but a 200 stops the run. With
    `shapes`, each statement's wall ms and URL are added under its shape (see _shape)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    figures = []
    for path, cookie in urls:
        with CaptureQueriesContext(connection) as queries:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(path, HTTP_COOKIE=cookie)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        figures.append((cpu * 1000, wall * 1000, len(queries)))
        if shapes is not None:
            for query in queries:
                ms = float(query["time"]) * 1000
                shapes.setdefault(_shape(query["sql"]), []).append((ms, path))
    return figures


def _shape(sql: str) -> str:
    """A statement with its literals and numbers blanked and cut to 110 characters: the
    statements one piece of code runs share a shape."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return re.sub(r"\s+", " ", sql)[:110]


def run_writes(count: int) -> list[tuple[float, float, int]]:
    """(CPU ms, wall ms, statements) of a workshop's owner posting a message to a buyer on
    `count` distinct open requests that reached the workshop (the most common write), each
    after its own login (not measured). All inside one transaction rolled back at the end,
    so the benchmark data stays as generated; the email each would queue after commit is
    the one part not measured."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from orders.models import JobRequest, Lead

    leads = list(
        Lead.objects.filter(job_request__status=JobRequest.Status.OPEN)
        .select_related("job_request", "producer")
        .prefetch_related("producer__memberships__user")
        .order_by("pk")[: count * 2]
    )
    figures: list[tuple[float, float, int]] = []
    with transaction.atomic():
        for lead in leads:
            members = [m.user for m in lead.producer.memberships.all()]
            if not members or len(figures) == count:
                continue
            client = Client()
            client.force_login(members[0])
            path = reverse("orders:thread", args=[lead.job_request_id, lead.producer.slug])
            body = {"body": f"Thanks, we can do this in walnut. Question {len(figures)}?"}
            with CaptureQueriesContext(connection) as queries:
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.post(path, body)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if response.status_code != 302:
                sys.exit(f"POST {path} answered {response.status_code}")
            figures.append((cpu * 1000, wall * 1000, len(queries)))
        transaction.set_rollback(True)
    return figures


def _row(figures: list[tuple[float, float, int]]) -> dict:
    cpu = [f[0] for f in figures]
    return {
        "urls": len(figures),
        "cpu ms median": round(median(cpu), 1),
        "cpu ms mean": round(mean(cpu), 1),
        "wall ms median": round(median(f[1] for f in figures), 1),
        # The broad states are a tenth of the URLs and most of the time: the median hides
        # them, the mean and the 99th percentile do not. Wall time includes PostgreSQL's.
        "wall ms mean": round(mean(f[1] for f in figures), 1),
        "wall ms p99": round(sorted(f[1] for f in figures)[int(len(figures) * 0.99)], 1),
        "statements median": median(f[2] for f in figures),
        "statements max": max(f[2] for f in figures),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=200, help="URLs measured per page kind")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated page kinds")
    parser.add_argument("--profile", default="", help="a page kind to run under cProfile")
    parser.add_argument("--top", type=int, default=40, help="functions cProfile prints")
    parser.add_argument(
        "--dump", type=Path, help="also save --profile's stats here (pstats: callers, callees)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--statements",
        action="store_true",
        help="also print, per page kind, the statement shapes with the most database time",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="also time --urls message posts (a write), rolled back afterwards",
    )
    args = parser.parse_args()
    if "bench" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Set DATABASE_URL to a benchmark database (its name contains 'bench').")
    kinds = [k for k in args.kinds.split(",") if k]
    if args.profile and args.profile not in kinds:
        kinds.append(args.profile)
    with tempfile.TemporaryDirectory(prefix="hubdir-cpu-") as work:
        setup(Path(work) / "static")
        # The lists as run.py builds them (the paths are the same every run for the same
        # data; the sessions are made afresh, signed with this process's SECRET_KEY).
        counts = {kind: max(2000, args.urls + WARMUP) for kind in KINDS} | {"search": 10_000}
        summary = build(Path(work) / "urls", counts, kinds)
        table = {}
        shapes: dict[str, dict[str, list[tuple[float, str]]]] = {}
        for kind in kinds:
            urls = read_list(Path(summary[kind]["file"]))
            run(urls[-WARMUP:])  # templates, the catalogue and connections warm
            figures = run(urls[: args.urls], shapes.setdefault(kind, {}))
            table[kind] = _row(figures)
        if args.write:
            run_writes(WARMUP)
            figures = run_writes(args.urls)
            table["write: message"] = _row(figures)
        print(f"{'page kind':<20} {'URLs':>5} {'CPU ms p50':>11} {'mean':>7} {'wall p50':>9} "
              f"{'mean':>7} {'p99':>7} {'SQL p50':>8} {'max':>4}")  # fmt: skip
        for kind, row in table.items():
            print(f"{kind:<20} {row['urls']:>5} {row['cpu ms median']:>11} "
                  f"{row['cpu ms mean']:>7} {row['wall ms median']:>9} "
                  f"{row['wall ms mean']:>7} {row['wall ms p99']:>7} "
                  f"{row['statements median']:>8} {row['statements max']:>4}")  # fmt: skip
        if args.statements:
            for kind, by_shape in shapes.items():
                print(
                    f"\n{kind}: wall ms per URL by statement shape (total / calls / max ms),"
                    " with the URL of the slowest"
                )
                ranked = sorted(by_shape.items(), key=lambda item: -sum(t for t, _ in item[1]))
                for shape, times in ranked[:12]:
                    slowest, where = max(times)
                    print(f"  {sum(t for t, _ in times) / args.urls:8.2f} {len(times):6}"
                          f" {slowest:8.1f}  {shape}\n{'':26}{where}")  # fmt: skip
        if args.json:
            args.json.write_text(json.dumps(table, indent=2) + "\n")
        if args.profile:
            from django.core.cache import cache

            # Misses again: the measured pass filled the page cache for these URLs.

            cache.key_prefix = f"cpu-{secrets.token_hex(4)}"
            urls = read_list(Path(summary[args.profile]["file"]))[: args.urls]
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            run(urls)
            profiler.disable()
            if args.dump:
                profiler.dump_stats(args.dump)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs()
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
