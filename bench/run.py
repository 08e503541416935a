"""The directory search benchmark: QUALITY.md's ratio table, per data size.

    .venv/bin/python bench/run.py --sizes 10000,100000 [--rounds 5] [--duration 5]

For each size: generate the data into its own database (<name>_<size>), start gunicorn
with production settings on a free loopback port, warm up, then run wrk against the bare
hello view and the typical search page in interleaved rounds (hello, search, hello, ...);
stop gunicorn and time the facet-count SQL against a bare COUNT(*) in-process
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
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit

import psycopg
from facet_timing import FILTERED, STATES

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
RESULTS = BENCH / "results-latest.json"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/hubdir_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/1"
WRK_THREADS, WRK_CONNECTIONS = 2, 4
HELLO = "/hello/"
SEARCH = "/search/?" + STATES["typical"]
TARGET_SIZE = 100_000
# figure -> (comparison, target at 100k producers), as QUALITY.md states them.
TARGETS = {
    "page floor ratio": (">=", 0.08),
    "facet ratio": ("<=", 3.0),
    "landing ratio": ("<=", 1.0),
    "p99 ms": ("<=", 60.0),
    "scaling exponent": ("<=", 0.3),
}


# --- Processes ---


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str, *, redis_url: str, static_root: Path, port: int) -> dict:
    """Production settings as deployed, but plain http and workers that are not recycled."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_STATIC_ROOT=str(static_root),
        DEBUG="0",
        HUBDIR_TESTING="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        # A fresh namespace per run: no cached counts from other data.
        CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
        # wrk speaks plain http; production redirects it to https.
        SECURE_SSL_REDIRECT="0",
        # Recycling workers every ~2000 requests would restart them several times per
        # hello run, costing the fast baseline far more than the search page.
        GUNICORN_MAX_REQUESTS="0",
    )
    return env


def collectstatic(env: dict) -> None:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


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

    def check(self, path: str) -> None:
        status, _body = get(self.base + path)
        if status != 200:
            self.fail(f"{path} answered {status}, not 200")

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


# --- wrk ---

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(url: str, *, seconds: float) -> dict:
    output = subprocess.run(
        ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M).groups()
        return float(value) * UNITS_MS[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


# --- One size ---


def database_for(base_url: str, size: int) -> str:
    parts = urlsplit(base_url)
    return parts._replace(path=f"{parts.path}_{size}").geturl()


def producer_count(url: str) -> int | None:
    try:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT count(*) FROM producers_producer").fetchone()[0]
    except psycopg.Error:
        return None


def bench_size(size: int, args: argparse.Namespace, workdir: Path) -> dict:
    database = database_for(args.database, size)
    if args.reuse and producer_count(database) == size:
        print(f"\n== {size:,} producers: reusing {urlsplit(database).path[1:]}", flush=True)
        generation = None
    else:
        print(f"\n== {size:,} producers: generating", flush=True)
        started = time.monotonic()
        subprocess.run(
            [PYTHON, str(BENCH / "generate.py"), "--producers", str(size), "--database", database],
            check=True,
        )
        generation = round(time.monotonic() - started, 1)

    port = free_port()
    env = production_env(database, redis_url=args.redis, static_root=workdir / "static", port=port)
    if not (workdir / "static" / "staticfiles.json").exists():
        collectstatic(env)
    server = Server(env, port=port, workers=args.workers, log=workdir / f"gunicorn-{size}.log")
    rounds = []
    try:
        server.wait_ready()
        server.check(SEARCH)
        for path in (HELLO, SEARCH):
            wrk(server.base + path, seconds=args.warmup)
        for number in range(1, args.rounds + 1):
            hello = wrk(server.base + HELLO, seconds=args.duration)
            page = wrk(server.base + SEARCH, seconds=args.duration)
            for name, result in (("hello", hello), ("search", page)):
                if result["non_2xx"]:
                    server.fail(f"{result['non_2xx']} {name} responses were not 2xx")
            rounds.append({"hello": hello, "search": page})
            print(
                f"round {number}: hello {hello['requests_per_s']:.0f} req/s,"
                f" search {page['requests_per_s']:.0f} req/s"
                f" (p50 {page['p50_ms']:.1f} ms, p99 {page['p99_ms']:.1f} ms)",
                flush=True,
            )
    finally:
        server.stop()

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
        "producers": sql["producers"],
        "published": sql["published"],
        "wrk_rounds": rounds,
        "sql": sql["states"],
    }


# --- Figures ---


def spread(values: list[float]) -> dict:
    return {"median": median(values), "min": min(values), "max": max(values)}


def figures(result: dict) -> dict:
    rounds = result["wrk_rounds"]
    hello = [r["hello"]["requests_per_s"] for r in rounds]
    page = [r["search"]["requests_per_s"] for r in rounds]
    found = {
        "page floor ratio": spread([p / h for p, h in zip(page, hello, strict=True)]),
        "hello req/s": spread(hello),
        "search req/s": spread(page),
        "search p50 ms": spread([r["search"]["p50_ms"] for r in rounds]),
        "p99 ms": spread([r["search"]["p99_ms"] for r in rounds]),
    }
    for name in FILTERED:
        state = result["sql"][name]
        found[f"facet ratio, {name}"] = spread(state["ratio"])
        found[f"facets ms, {name}"] = spread(state["facets_ms"])
        found[f"count ms, {name}"] = spread(state["count_ms"])
    landing = result["sql"]["landing"]
    found["landing ratio"] = spread(landing["ratio"])
    found["facets ms, landing"] = spread(landing["facets_ms"])
    found["count ms, landing"] = spread(landing["count_ms"])
    return found


def exponent(small: dict, large: dict, growth: float) -> dict:
    """ln(large / small) / ln(growth) from the medians; min and max pair the extremes."""
    scale = math.log(growth)
    return {
        "median": math.log(large["median"] / small["median"]) / scale,
        "min": math.log(large["min"] / small["max"]) / scale,
        "max": math.log(large["max"] / small["min"]) / scale,
    }


def scaling(results: list[dict]) -> list[dict]:
    pairs = []
    for small, large in zip(results, results[1:], strict=False):
        growth = large["size"] / small["size"]
        pairs.append(
            {
                "from": small["size"],
                "to": large["size"],
                "search page p50 (wrk)": exponent(
                    small["figures"]["search p50 ms"], large["figures"]["search p50 ms"], growth
                ),
                "facets SQL, typical": exponent(
                    small["figures"]["facets ms, typical"],
                    large["figures"]["facets ms, typical"],
                    growth,
                ),
            }
        )
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


def table(results: list[dict], pairs: list[dict], meta: dict) -> list[str]:
    lines = [
        f"Hubdir search benchmark, {meta['date']}: {meta['rounds']} rounds,"
        f" wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{meta['duration']}s,"
        f" gunicorn {meta['workers']} sync workers, {meta['cpus']} CPUs, {meta['postgres']}",
        f"typical page: {SEARCH}",
    ]
    header = f"{'':46}{'median':>10}{'min':>10}{'max':>10}  target at 100k"
    for result in results:
        found, judged = result["figures"], result["size"] == TARGET_SIZE
        lines += [
            "",
            f"{result['size']:,} producers ({result['published']:,} published)",
            header,
            line("page floor ratio", found["page floor ratio"], digits=3, judged=judged),
            line("  hello req/s", found["hello req/s"], digits=0),
            line("  search req/s", found["search req/s"], digits=0),
            line("  search p50 ms", found["search p50 ms"], digits=1),
            line("p99 ms, search page at c4", found["p99 ms"], digits=1, judged=judged),
        ]
        for name in [*FILTERED, "landing"]:
            ratio = "landing ratio" if name == "landing" else f"facet ratio, {name}"
            lines += [
                line(ratio, found[ratio], judged=judged),
                line(f"  facets ms ({result['sql'][name]['total']:,} rows)",
                     found[f"facets ms, {name}"]),
                line("  count ms", found[f"count ms, {name}"]),
            ]  # fmt: skip
    for pair in pairs:
        judged = (pair["from"], pair["to"]) == (TARGET_SIZE // 10, TARGET_SIZE)
        lines += ["", f"scaling exponent {pair['from']:,} -> {pair['to']:,}", header]
        lines += [
            line(f"scaling exponent, {basis}", pair[basis], judged=judged)
            for basis in ("search page p50 (wrk)", "facets SQL, typical")
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
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk per URL first")
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
        "--reuse", action="store_true", help="skip generating a size whose database holds it"
    )
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk).")
    if args.rounds < 5:
        print("QUALITY.md asks for at least 5 rounds.", file=sys.stderr)

    meta = {
        "date": datetime.now(UTC).date().isoformat(),
        "rounds": args.rounds,
        "duration": args.duration,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "postgres": postgres_version(args.database),
        "typical page": SEARCH,
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
