"""The Hubdir benchmark: QUALITY.md's ratio table, per data size.

    .venv/bin/python bench/run.py --sizes 10000,100000 [--rounds 5] [--duration 5]

For each size: generate the data into its own database (<name>_<size>), build the mixed
workload's URL lists from it (bench/workload.py: thousands of distinct URLs per page kind,
logged-in ones with a session cookie each), start gunicorn with production settings on a
free loopback port, warm up, then run wrk in interleaved rounds on the same server: hello,
each page kind's mixed list (bench/mixed.lua), the single repeated search URL, hello again;
then hello and the single search URL on a second server with the page cache off. Each wrk
run also reads the CPU time the gunicorn processes and the database's backends spent.
After the servers stop, the facet-count SQL is timed against a bare COUNT(*) in-process
(bench/facet_timing.py). Prints the table with median, min and max over the rounds and
writes everything to bench/results-latest.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit

import psycopg
from facet_timing import FILTERED, STATES
from workload import KINDS as MIXED

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
MIXED_LUA = BENCH / "mixed.lua"
RESULTS = BENCH / "results-latest.json"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/hubdir_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/1"
WRK_THREADS, WRK_CONNECTIONS = 2, 4
HELLO = "/hello/"
SEARCH = "/search/?" + STATES["typical"]
TARGET_SIZE = 100_000
# Data generated this many days before the run is regenerated even with --reuse: its open
# requests have fallen due and the dashboards' "last 30 days" have moved on.
STALE_DAYS = 3
# Secondary rows: one search URL repeated, on the deployed server (a page-cache hit) and
# on a second server with the page cache off (computed every time).
SECONDARY = ("search_single", "search_computed")
PAGES = (*MIXED, *SECONDARY, "facets")
LABELS = {
    "search": "search",
    "profile": "profile",
    "board": "request board",
    "buyer_dashboard": "buyer dashboard",
    "producer_dashboard": "producer dashboard",
    "request": "request page",
    "feed": "open data feed",
    "search_single": "one search URL, page-cache hit",
    "search_computed": "one search URL, computed",
    "hello": "hello",
}
# figure -> (comparison, target at 100k producers), as QUALITY.md states them.
TARGETS = {
    "search ratio": (">=", 0.08),
    "search p99 ms": ("<=", 60.0),
    "profile ratio": (">=", 0.15),
    "request board ratio": (">=", 0.08),
    "buyer dashboard ratio": (">=", 0.08),
    "producer dashboard ratio": (">=", 0.08),
    "request page ratio": (">=", 0.08),
    # Issue #15: a feed page costs no more than a search page.
    "open data feed ratio": (">=", 0.08),
    "facet ratio": ("<=", 3.0),
    "landing ratio": ("<=", 1.0),
    "scaling exponent": ("<=", 0.3),
}
COUNTED = {
    "published": "producers_producersearch",
    "requests": "orders_jobrequest",
    "quotes": "orders_quote",
    "orders": "orders_order",
    "reviews": "orders_review",
    "users": "accounts_user",
}


# --- Processes ---


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(
    database_url: str, *, redis_url: str, static_root: Path, port: int, secret_key: str
) -> dict:
    """Production settings as deployed, but plain http and workers that are not recycled."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_STATIC_ROOT=str(static_root),
        DEBUG="0",
        HUBDIR_TESTING="0",
        # The workload's session cookies are signed with it: one key per run and size.
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        # A fresh namespace per server: no cached counts or pages from other data.
        CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
        # wrk speaks plain http; production redirects it to https.
        SECURE_SSL_REDIRECT="0",
        # Recycling workers every ~2000 requests would restart them several times per
        # hello run, costing the fast baseline far more than the pages.
        GUNICORN_MAX_REQUESTS="0",
    )
    env.pop("SEARCH_CACHE_SECONDS", None)  # as deployed: the production default
    return env


def collectstatic(env: dict) -> None:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )


def get(url: str, cookie: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process, from /proc/<pid>/stat."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rfind(")") + 2 :].split()[1]) == pid:
                found.append(int(entry.name))
    return found


class Server:
    """gunicorn as in production (gunicorn.conf.py), on a loopback port."""

    def __init__(self, env: dict, *, port: int, workers: int, log: Path) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self.process = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(workers), "hubdir.wsgi"],
            cwd=REPO,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail("gunicorn exited")
            if get(self.base + HELLO)[0] == 200:
                return
            time.sleep(0.2)
        self.fail("gunicorn did not answer /hello/")

    def check(self, path: str, cookie: str = "") -> None:
        status, _body = get(self.base + path, cookie)
        if status != 200:
            self.fail(f"{path} answered {status}, not 200")

    def pids(self) -> list[int]:
        return [self.process.pid, *children(self.process.pid)]

    def fail(self, message: str) -> None:
        self.stop()
        tail = self.log.read_text(errors="replace").splitlines()[-30:]
        sys.exit(f"{message}. The end of {self.log}:\n" + "\n".join(tail))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: graceful shutdown of the workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Backends:
    """The database's server processes for one database: their CPU time from /proc, when
    PostgreSQL runs on this machine (pids from pg_stat_activity, this monitor excluded)."""

    def __init__(self, url: str) -> None:
        self.conn = psycopg.connect(url, autocommit=True)
        self.name = urlsplit(url).path.lstrip("/")

    def snapshot(self) -> dict[int, float]:
        pids = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.name],
        ).fetchall()
        found = {pid: cpu_seconds(pid) for (pid,) in pids}
        return {pid: seconds for pid, seconds in found.items() if seconds is not None}

    def close(self) -> None:
        self.conn.close()


def spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two snapshots; a process that appeared meanwhile counts whole."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


# --- wrk ---

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(url: str, *, seconds: float, script: list[str] | None = None) -> dict:
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(MIXED_LUA), url, "--", *script]
    else:
        command.append(url)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M).groups()
        return float(value) * UNITS_MS[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    mixed = re.search(r"mixed: (\d+) non-200 \(first status (\d+)\)", output)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "non_200": int(mixed.group(1)) if mixed else None,
        "first_non_200_status": int(mixed.group(2)) if mixed else None,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


class Target:
    """One thing wrk runs against: a single URL, or a mixed list walked on from run to run."""

    def __init__(self, name: str, server: Server, path: str = "", urls: Path | None = None):
        self.name, self.server, self.path, self.urls = name, server, path, urls
        self.done = 0  # requests made from the list so far: where the next run starts
        self.size = sum(1 for _ in urls.open()) if urls else 1

    def run(self, seconds: float, backends: Backends) -> dict:
        app_before = {pid: cpu_seconds(pid) or 0.0 for pid in self.server.pids()}
        db_before = backends.snapshot()
        script = [str(self.urls), str(self.done), str(WRK_THREADS)] if self.urls else None
        result = wrk(self.server.base + self.path, seconds=seconds, script=script)
        db_after = backends.snapshot()
        app_after = {pid: cpu_seconds(pid) or 0.0 for pid in self.server.pids()}
        self.done += result["requests"]
        requests = max(1, result["requests"])
        result["app_cpu_ms"] = spent(app_before, app_after) * 1000 / requests
        result["db_cpu_ms"] = spent(db_before, db_after) * 1000 / requests if db_after else None
        bad = result["non_200"] if result["non_200"] is not None else result["non_2xx"]
        if bad:
            status = result["first_non_200_status"]
            self.server.fail(
                f"{bad} {self.name} responses were not 200"
                + (f" (the first was {status})" if status else "")
            )
        return result


# --- One size ---


def database_for(base_url: str, size: int) -> str:
    parts = urlsplit(base_url)
    return parts._replace(path=f"{parts.path}_{size}").geturl()


def generated(url: str) -> dict | None:
    """What generate.py stamped on the database (producers, seed, today), if anything."""
    try:
        with psycopg.connect(url) as conn:
            row = conn.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                " WHERE datname = current_database()"
            ).fetchone()
    except psycopg.Error:
        return None
    try:
        return json.loads(row[0]) if row and row[0] else None
    except json.JSONDecodeError:
        return None


def reusable(url: str, size: int) -> str | None:
    """Why the database cannot be reused, or None if it can."""
    stamp = generated(url)
    if stamp is None:
        return "no data from this generator"
    if int(stamp.get("producers", 0)) != size:
        return f"it holds {stamp.get('producers')} producers"
    age = (datetime.now(UTC).date() - date.fromisoformat(stamp["today"])).days
    if age > STALE_DAYS:
        return f"its data is {age} days old: open requests have fallen due"
    return None


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {
            name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for name, table in COUNTED.items()
        }


def check_lists(server: Server, lists: dict[str, Path], sample: int = 20) -> None:
    """Some URLs of each list, with their cookies, must answer 200 before timing starts."""
    for kind, path in lists.items():
        lines = path.read_text().splitlines()
        step = max(1, len(lines) // sample)
        for line in lines[::step][:sample]:
            url, _tab, cookie = line.partition("\t")
            server.check(url, cookie)
        print(f"  {kind}: {len(lines):,} URLs, {min(sample, len(lines))} checked", flush=True)


def bench_size(size: int, args: argparse.Namespace, workdir: Path) -> dict:
    database = database_for(args.database, size)
    why = reusable(database, size) if args.reuse else "no --reuse"
    if why is None:
        print(f"\n== {size:,} producers: reusing {urlsplit(database).path[1:]}", flush=True)
        generation = None
    else:
        print(f"\n== {size:,} producers: generating ({why})", flush=True)
        started = time.monotonic()
        subprocess.run(
            [PYTHON, str(BENCH / "generate.py"), "--producers", str(size), "--database", database],
            check=True,
        )
        generation = round(time.monotonic() - started, 1)
    rows = counts(database)

    pages = args.pages
    secret_key = secrets.token_urlsafe(50)
    port, computed_port = free_port(), free_port()
    env = production_env(
        database,
        redis_url=args.redis,
        static_root=workdir / "static",
        port=port,
        secret_key=secret_key,
    )
    if not (workdir / "static" / "staticfiles.json").exists():
        collectstatic(env)
    if generation is None:
        # A reused database gets the migrations added since it was generated (new indexes,
        # say): measured on the old schema, the code would look slower or faster than it is.
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "1"],
            cwd=REPO,
            env=env,
            check=True,
        )

    kinds = [kind for kind in MIXED if kind in pages]
    workload = {}
    lists: dict[str, Path] = {}
    if kinds:
        print("building the mixed workload's URL lists", flush=True)
        listing = subprocess.run(
            [PYTHON, str(BENCH / "workload.py"), "--out", str(workdir / f"urls-{size}")]
            + ["--kinds", ",".join(kinds)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        workload = json.loads(listing.stdout)
        lists = {kind: Path(workload[kind]["file"]) for kind in kinds}

    servers = [Server(env, port=port, workers=args.workers, log=workdir / f"gunicorn-{size}.log")]
    computed = None
    if "search_computed" in pages:
        computed_env = production_env(
            database,
            redis_url=args.redis,
            static_root=workdir / "static",
            port=computed_port,
            secret_key=secret_key,
        )
        computed_env["SEARCH_CACHE_SECONDS"] = "0"
        computed = Server(
            computed_env,
            port=computed_port,
            workers=args.workers,
            log=workdir / f"gunicorn-{size}-computed.log",
        )
        servers.append(computed)
    deployed = servers[0]
    backends = Backends(database)
    rounds = []
    try:
        for server in servers:
            server.wait_ready()
            server.check(SEARCH)
        check_lists(deployed, lists)
        targets = {"hello": Target("hello", deployed, HELLO)}
        targets |= {kind: Target(kind, deployed, "/", lists[kind]) for kind in kinds}
        if "search_single" in pages:
            targets["search_single"] = Target("search_single", deployed, SEARCH)
        if computed:
            targets["hello_computed"] = Target("hello_computed", computed, HELLO)
            targets["search_computed"] = Target("search_computed", computed, SEARCH)
        for target in targets.values():
            target.run(args.warmup, backends)
        for number in range(1, args.rounds + 1):
            found = {"hello": targets["hello"].run(args.duration, backends)}
            for name in [*kinds, "search_single"]:
                if name in targets:
                    found[name] = targets[name].run(args.duration, backends)
            found["hello_end"] = targets["hello"].run(args.duration, backends)
            if computed:
                found["hello_computed"] = targets["hello_computed"].run(args.duration, backends)
                found["search_computed"] = targets["search_computed"].run(args.duration, backends)
            rounds.append(found)
            baseline = (found["hello"]["requests_per_s"] + found["hello_end"]["requests_per_s"]) / 2
            print(
                f"round {number}: hello {baseline:.0f} req/s; "
                + ", ".join(
                    f"{name} {found[name]['requests_per_s']:.0f}"
                    for name in found
                    if not name.startswith("hello")
                ),
                flush=True,
            )
        wrapped = {
            kind: round(targets[kind].done / targets[kind].size, 2)
            for kind in kinds
            if targets[kind].done > targets[kind].size
        }
    finally:
        backends.close()
        for server in servers:
            server.stop()
    if "search" in wrapped:
        print(
            f"note: the search list wrapped around ({wrapped['search']}x its length), so some"
            " requests were page-cache hits; give workload.py more search URLs",
            flush=True,
        )

    sql = None
    if "facets" in pages:
        print("facet SQL against bare count, in-process", flush=True)
        timing = subprocess.run(
            [PYTHON, str(BENCH / "facet_timing.py"), "--rounds", str(args.rounds)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        sql = json.loads(timing.stdout)
    return {
        "size": size,
        "database": urlsplit(database).path[1:],
        "generation_s": generation,
        "generated": generated(database),
        "rows": rows,
        "producers": size,
        "published": rows["published"],
        # The lists live in a temporary folder: the results keep only their names.
        "workload": {
            kind: {**summary, "file": Path(summary["file"]).name}
            for kind, summary in workload.items()
        },
        "list_passes": {kind: round(targets[kind].done / targets[kind].size, 2) for kind in kinds},
        "wrk_rounds": rounds,
        "sql": sql["states"] if sql else None,
        "sweep": sql.get("sweep") if sql else None,
    }


# --- Figures ---


def spread(values: list[float]) -> dict:
    return {"median": median(values), "min": min(values), "max": max(values)}


def figures(result: dict) -> dict:
    rounds = result["wrk_rounds"]
    hello = [(r["hello"]["requests_per_s"] + r["hello_end"]["requests_per_s"]) / 2 for r in rounds]
    found: dict[str, dict] = {"hello req/s": spread(hello)}
    per_kind = {}
    for name in [*MIXED, *SECONDARY]:
        if name not in rounds[0]:
            continue
        runs = [r[name] for r in rounds]
        base = hello if name != "search_computed" else [
            r["hello_computed"]["requests_per_s"] for r in rounds
        ]  # fmt: skip
        label = LABELS[name]
        found[f"{label} ratio"] = spread(
            [run["requests_per_s"] / h for run, h in zip(runs, base, strict=True)]
        )
        detail = {
            "req/s": spread([run["requests_per_s"] for run in runs]),
            "p50 ms": spread([run["p50_ms"] for run in runs]),
            "p99 ms": spread([run["p99_ms"] for run in runs]),
            "app CPU ms": spread([run["app_cpu_ms"] for run in runs]),
        }
        if all(run["db_cpu_ms"] is not None for run in runs):
            detail["db CPU ms"] = spread([run["db_cpu_ms"] for run in runs])
        per_kind[name] = detail
        found[f"{label} p50 ms"] = detail["p50 ms"]
        found[f"{label} p99 ms"] = detail["p99 ms"]
    found["per kind"] = per_kind
    hello_runs = [r["hello"] for r in rounds] + [r["hello_end"] for r in rounds]
    found["per kind"]["hello"] = {
        "req/s": spread(hello),
        "p50 ms": spread([run["p50_ms"] for run in hello_runs]),
        "p99 ms": spread([run["p99_ms"] for run in hello_runs]),
        "app CPU ms": spread([run["app_cpu_ms"] for run in hello_runs]),
    }
    if result["sql"]:
        for name in FILTERED:
            state = result["sql"][name]
            found[f"facet ratio, {name}"] = spread(state["ratio"])
            found[f"facets ms, {name}"] = spread(state["facets_ms"])
            found[f"count ms, {name}"] = spread(state["count_ms"])
            if state.get("sql_ms"):
                found[f"in PostgreSQL ms, {name}"] = spread(state["sql_ms"])
        landing = result["sql"]["landing"]
        found["landing ratio"] = spread(landing["ratio"])
        found["facets ms, landing"] = spread(landing["facets_ms"])
        found["count ms, landing"] = spread(landing["count_ms"])
        if landing.get("sql_ms"):
            found["in PostgreSQL ms, landing"] = spread(landing["sql_ms"])
    if result.get("sweep"):
        # Each broad state's median ratio over the rounds; the row spreads over the states.
        ratios = [state["ratio"] for state in result["sweep"]["states"].values()]
        found["facet ratio, broad states"] = {
            "median": median(ratios), "min": min(ratios), "max": max(ratios)
        }  # fmt: skip
    return found


def exponent(small: dict, large: dict, growth: float) -> dict:
    """ln(large / small) / ln(growth) from the medians; min and max pair the extremes."""
    scale = math.log(growth)
    return {
        "median": math.log(large["median"] / small["median"]) / scale,
        "min": math.log(large["min"] / small["max"]) / scale,
        "max": math.log(large["max"] / small["min"]) / scale,
    }


SCALING_BASES = {
    "mixed search p50 (wrk)": "search p50 ms",
    "one search URL computed, p50 (wrk)": "one search URL, computed p50 ms",
    "facets SQL, typical": "facets ms, typical",
}


def scaling(results: list[dict]) -> list[dict]:
    pairs = []
    for small, large in zip(results, results[1:], strict=False):
        growth = large["size"] / small["size"]
        pair = {"from": small["size"], "to": large["size"]}
        for basis, figure in SCALING_BASES.items():
            if figure in small["figures"] and figure in large["figures"]:
                pair[basis] = exponent(small["figures"][figure], large["figures"][figure], growth)
        pairs.append(pair)
    return pairs


def target(figure: str, value: float, *, judged: bool) -> str:
    """The figure's target, with pass or FAIL when this size is the one it is set for."""
    key = next((k for k in TARGETS if figure.startswith(k)), None)
    if key is None:
        return ""
    comparison, limit = TARGETS[key]
    text = f"{comparison} {limit:g}"
    if not judged:
        return f"({text})"
    passed = value >= limit if comparison == ">=" else value <= limit
    return f"{text:8} {'pass' if passed else 'FAIL'}"


def line(label: str, values: dict, *, digits: int = 2, judged: bool | None = None) -> str:
    """One table row; `judged` None means the row has no target."""
    numbers = "".join(f"{values[k]:>10.{digits}f}" for k in ("median", "min", "max"))
    note = "" if judged is None else target(label, values["median"], judged=judged)
    return f"{label:46}{numbers}  {note}".rstrip()


def detail_lines(result: dict) -> list[str]:
    """Per page kind, the medians over the rounds."""
    per_kind = result["figures"]["per kind"]
    lines = [
        f"{'medians per page kind':34}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'app CPU':>9}{'db CPU':>8}{'URLs':>8}{'passes':>8}",
        f"{'':34}{'':>8}{'':>9}{'':>9}{'ms/req':>9}{'ms/req':>8}",
    ]
    for name in ["hello", *MIXED, *SECONDARY]:
        if name not in per_kind:
            continue
        figures_ = per_kind[name]
        db = figures_.get("db CPU ms")
        urls = result["workload"].get(name, {}).get("urls")
        passes = result["list_passes"].get(name)
        lines.append(
            f"{LABELS[name]:34}{figures_['req/s']['median']:>8.0f}"
            f"{figures_['p50 ms']['median']:>9.1f}{figures_['p99 ms']['median']:>9.1f}"
            f"{figures_['app CPU ms']['median']:>9.2f}"
            + (f"{db['median']:>8.2f}" if db else f"{'-':>8}")
            + (f"{urls:>8,}" if urls else f"{'1':>8}")
            + (f"{passes:>8.2f}" if passes is not None else "")
        )
    return lines


def table(results: list[dict], pairs: list[dict], meta: dict) -> list[str]:
    lines = [
        f"Hubdir benchmark, {meta['date']}: {meta['rounds']} rounds,"
        f" wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{meta['duration']}s,"
        f" gunicorn {meta['workers']} sync workers, {meta['cpus']} CPUs, {meta['postgres']}",
        "ratio = req/s of the page / req/s of /hello/ on the same server in the same round;"
        " mixed = thousands of distinct URLs per page kind, page cache on (as deployed)",
        f"one search URL: {SEARCH}",
    ]
    header = f"{'':46}{'median':>10}{'min':>10}{'max':>10}  target at 100k"
    for result in results:
        found, judged = result["figures"], result["size"] == TARGET_SIZE
        rows = result["rows"]
        lines += [
            "",
            f"{result['size']:,} producers ({rows['published']:,} published), {rows['users']:,}"
            f" users, {rows['requests']:,} requests, {rows['quotes']:,} quotes,"
            f" {rows['orders']:,} orders, {rows['reviews']:,} reviews",
            header,
        ]
        for name in MIXED:
            label = LABELS[name]
            if f"{label} ratio" not in found:
                continue
            lines.append(
                line(f"{label} ratio (mixed)", found[f"{label} ratio"], digits=3, judged=judged)
            )
            if name == "search":
                lines.append(
                    line("search p99 ms at c4 (mixed)", found["search p99 ms"], digits=1,
                         judged=judged)
                )  # fmt: skip
        if result["sql"]:
            for name in [*FILTERED, "landing"]:
                ratio = "landing ratio" if name == "landing" else f"facet ratio, {name}"
                lines += [
                    line(ratio, found[ratio], judged=judged),
                    line(f"  facets ms ({result['sql'][name]['total']:,} rows)",
                         found[f"facets ms, {name}"]),
                    line("  count ms", found[f"count ms, {name}"]),
                ]  # fmt: skip
                if f"in PostgreSQL ms, {name}" in found:
                    lines.append(line("  the same counted in PostgreSQL, ms",
                                      found[f"in PostgreSQL ms, {name}"]))  # fmt: skip
            if "facet ratio, broad states" in found:
                sweep = result["sweep"]
                worst = sweep["worst"]
                spread_ = found["facet ratio, broad states"]
                # Median, min and max over the states; judged by the worst: every one is to pass.
                lines += [
                    f"{'facet ratio, ' + str(len(sweep['states'])) + ' broad states':46}"
                    f"{spread_['median']:>10.2f}{spread_['min']:>10.2f}{spread_['max']:>10.2f}  "
                    + target("facet ratio", spread_["max"], judged=judged),
                    f"  worst: {worst} ({sweep['states'][worst]['total']:,} rows),"
                    f" {sweep['states'][worst]['facets_ms']:.2f} ms against"
                    f" {sweep['states'][worst]['count_ms']:.2f} ms",
                ]
        secondary = [name for name in SECONDARY if f"{LABELS[name]} ratio" in found]
        if secondary:
            lines.append("secondary rows (one URL repeated):")
        for name in secondary:
            label = LABELS[name]
            lines += [
                line(f"  {label} ratio", found[f"{label} ratio"], digits=3),
                line("    p50 ms", found[f"{label} p50 ms"], digits=1),
                line("    p99 ms", found[f"{label} p99 ms"], digits=1),
            ]
        lines += ["", *detail_lines(result)]
    for pair in pairs:
        judged = (pair["from"], pair["to"]) == (TARGET_SIZE // 10, TARGET_SIZE)
        lines += ["", f"scaling exponent {pair['from']:,} -> {pair['to']:,}", header]
        lines += [
            line(f"scaling exponent, {basis}", pair[basis], judged=judged)
            for basis in SCALING_BASES
            if basis in pair
        ]
    return lines


def postgres_version(url: str) -> str:
    with psycopg.connect(urlsplit(url)._replace(path="/postgres").geturl()) as conn:
        return "PostgreSQL " + conn.execute("SHOW server_version").fetchone()[0].split()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="producers, comma-separated")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk per target first")
    parser.add_argument(
        "--pages",
        default=",".join(PAGES),
        help=f"what to measure, comma-separated, of: {', '.join(PAGES)} (default: all)",
    )
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE),
        help="base URL; each size gets <name>_<size> (default: %(default)s)",
    )
    parser.add_argument("--redis", default=DEFAULT_REDIS)
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)),
        help="gunicorn workers (default: gunicorn.conf.py's, %(default)s here)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=f"skip generating a size whose database holds it (data under {STALE_DAYS} days old)",
    )
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    args.pages = [page for page in args.pages.split(",") if page]
    if unknown := set(args.pages) - set(PAGES):
        parser.error(f"unknown --pages: {', '.join(sorted(unknown))}")
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed. Install it with: apt-get install -y wrk")
    if args.rounds < 5:
        print("QUALITY.md asks for at least 5 rounds.", file=sys.stderr)

    meta = {
        "date": datetime.now(UTC).date().isoformat(),
        "rounds": args.rounds,
        "duration": args.duration,
        "warmup": args.warmup,
        "workers": args.workers,
        "pages": args.pages,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "postgres": postgres_version(args.database),
        "single search URL": SEARCH,
    }
    with tempfile.TemporaryDirectory(prefix="hubdir-bench-") as workdir:
        results = [bench_size(size, args, Path(workdir)) for size in sizes]
    for result in results:
        result["figures"] = figures(result)
    pairs = scaling(results)
    print("\n" + "\n".join(table(results, pairs, meta)))
    RESULTS.write_text(
        json.dumps({"meta": meta, "sizes": results, "scaling": pairs}, indent=2) + "\n"
    )
    print(f"\nWrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
