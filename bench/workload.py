"""The mixed workload's URL lists, built from the benchmark data with a fixed seed.

    DATABASE_URL=... SECRET_KEY=... .venv/bin/python bench/workload.py --out DIR

bench/run.py runs this with the benchmark server's environment. For each page kind it
writes DIR/<kind>.urls, one "path<TAB>cookie" line per URL (the cookie is empty for
anonymous visitors), and prints a JSON summary. The paths depend only on the data and the
seed: the same list every run. The cookies are Django sessions created here in the
benchmark database for the people the lists log in as (existing sessions are deleted);
they are signed with the server's SECRET_KEY, so they are made for each run.

Page kinds:
- search: text from the data's common and rare words, capability and material names (or
  none), 0-3 facet values, a city or ZIP code where producers are, radius, sort, page 1-3;
- profile: distinct published producers' profiles, mostly anonymous, some as buyers;
- board: the request board as distinct producers' owners, with 0-2 of its filters;
- buyer_dashboard: /dashboard/ as distinct buyers, the more active ones more likely;
- producer_dashboard: /dashboard/ as distinct producers' owners, likewise;
- request: request pages as their buyer or as a producer the request reached;
- feed: the open data feeds (/feeds/producers.json, .geojson, .csv) with search lists'
  parameters, some from a later page (`after`) or only what changed (`modified_after`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import secrets
import string
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SEED = 2026
KINDS = ("search", "profile", "board", "buyer_dashboard", "producer_dashboard", "request", "feed")
DEFAULT_COUNTS = {kind: 2000 for kind in KINDS} | {
    # Search pages are cached per URL for a minute: a list that wrapped around inside that
    # minute would measure cache hits. It is cheap to make long.
    "search": 10_000,
}
CELL = 0.25

SEARCH_TEXT = [
    ("", 15),
    ("capability", 25),
    ("common", 15),
    ("material", 10),
    ("capability material", 10),
    ("rare", 10),
    ("common common", 10),
    ("typo", 5),
]
FACET_KINDS = [
    ("capability", 30), ("material", 20), ("verified", 10), ("open_now", 8), ("service", 8),
    ("certification", 6), ("category", 6), ("walk_in", 3), ("customer", 3), ("batch", 3),
    ("lead_time", 3),
]  # fmt: skip
RADII = [("25", 50), ("10", 15), ("50", 20), ("5", 7), ("100", 8)]
SORTS = [("", 60), ("distance", 15), ("rating", 15), ("lead_time", 10)]
PAGES = [(1, 80), (2, 13), (3, 7)]


def pick(rng: random.Random, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, each drawn with probability proportional to its weight
    (Efraimidis-Spirakis: the k largest u ** (1 / w))."""
    keyed = sorted(
        ((rng.random() ** (1 / w), i) for i, w in enumerate(weights) if w > 0), reverse=True
    )
    return [items[i] for _key, i in keyed[:k]]


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


# --- Reading the data ---


def fetch(sql: str, params=()) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Data:
    """What the URL lists are drawn from, read in a fixed order."""

    def __init__(self) -> None:
        from generate import COMMON_WORDS  # noqa: PLC0415 (bench/ is on sys.path)

        self.common_words = COMMON_WORDS
        self.capabilities = fetch("SELECT id, slug, name FROM producers_capability ORDER BY id")
        self.materials = fetch("SELECT id, slug, name FROM producers_material ORDER BY id")
        self.certifications = fetch("SELECT id, slug FROM producers_certification ORDER BY id")
        self.categories = fetch("SELECT id, slug FROM producers_category ORDER BY id")
        # How often each facet value occurs among published producers: the popular ones
        # are chosen more, as visitors do.
        self.capability_use = self.usage("capability_ids")
        self.material_use = self.usage("material_ids")
        self.certification_use = self.usage("certification_ids")
        self.category_use = self.usage("category_ids")
        producers = fetch(
            "SELECT p.id, p.slug, p.town, p.region, p.lat, p.lng, p.description"
            " FROM producers_producer p JOIN producers_producersearch s ON s.producer_id = p.id"
            " ORDER BY p.id"
        )
        self.published = [(pid, slug) for pid, slug, *_ in producers]
        towns = Counter((town, region) for _, _, town, region, *_ in producers)
        self.towns = sorted(towns.items())
        rare = Counter()
        for *_, description in producers:
            if found := re.search(r"Ask us about (.*)\.$", description):
                rare.update(found[1].split(" and "))
        self.rare_words = sorted(rare)
        # ZIP codes near producers: a producer's grid cell, then any ZIP code in it.
        zips: dict[tuple[int, int], list[str]] = {}
        for code, lat, lng in fetch(
            "SELECT postcode, lat, lng FROM geo_place WHERE kind = 'postcode'"
            " AND country_code = 'US' ORDER BY postcode"
        ):
            zips.setdefault((math.floor(lat / CELL), math.floor(lng / CELL)), []).append(code)
        self.producer_zips = [
            zips[key]
            for *_, lat, lng, _description in producers
            if lat is not None and (key := (math.floor(lat / CELL), math.floor(lng / CELL))) in zips
        ]

    @staticmethod
    def usage(column: str) -> dict[int, int]:
        return dict(
            fetch(
                f"SELECT v, count(*) FROM producers_producersearch, unnest({column}) v"  # noqa: S608
                " GROUP BY v ORDER BY v"
            )
        )


def catalogue_pick(rng: random.Random, rows: list[tuple], use: dict[int, int]) -> tuple:
    """A catalogue row, by how many producers have it (a fifth of the time, any row)."""
    if rng.random() < 0.2 or not use:
        return rng.choice(rows)
    present = [row for row in rows if use.get(row[0])]
    return rng.choices(present, weights=[use[row[0]] for row in present])[0]


# --- The lists ---


def search_urls(rng: random.Random, data: Data, count: int) -> list[str]:
    capability_names = [name.lower() for _, _, name in data.capabilities]
    material_names = [name.lower() for _, _, name in data.materials]
    common = data.common_words
    common_weights = [1 / k**1.1 for k in range(1, len(common) + 1)]
    town_weights = [n for _, n in data.towns]

    def text() -> str:
        kind = pick(rng, SEARCH_TEXT)
        cap = capability_names[data.capabilities.index(
            catalogue_pick(rng, data.capabilities, data.capability_use))]  # fmt: skip
        mat = material_names[data.materials.index(
            catalogue_pick(rng, data.materials, data.material_use))]  # fmt: skip
        word = rng.choices(common, weights=common_weights)[0]
        return {
            "": "",
            "capability": cap,
            "common": word,
            "material": mat,
            "capability material": f"{cap.split()[0]} {mat}",
            "rare": rng.choice(data.rare_words) if data.rare_words else word,
            "common common": " ".join(dict.fromkeys([word, *rng.choices(common, common_weights)])),
            "typo": typo(rng, cap.split()[0]),
        }[kind]

    def facet(kind: str) -> tuple[str, str]:
        if kind == "capability":
            return kind, catalogue_pick(rng, data.capabilities, data.capability_use)[1]
        if kind == "material":
            return kind, catalogue_pick(rng, data.materials, data.material_use)[1]
        if kind == "certification":
            return kind, catalogue_pick(rng, data.certifications, data.certification_use)[1]
        if kind == "category":
            return kind, catalogue_pick(rng, data.categories, data.category_use)[1]
        if kind in ("verified", "open_now", "walk_in"):
            return kind, "true"
        if kind == "service":
            return kind, rng.choice(["make", "make", "assemble", "repair", "finish", "pack"])
        if kind == "customer":
            return kind, rng.choice(["residents", "businesses"])
        if kind == "batch":
            return kind, rng.choice(["one_off", "short", "medium", "large"])
        return "lead_time", rng.choice(["3", "7", "14", "30"])

    urls: dict[str, None] = {}
    attempts = 0
    while len(urls) < count and attempts < count * 20:
        attempts += 1
        params: list[tuple[str, str]] = []
        if q := text():
            params.append(("q", q))
        has_place = rng.random() < 0.8
        if has_place:
            if rng.random() < 0.6 or not data.producer_zips:
                town, region = rng.choices(data.towns, weights=town_weights)[0][0]
                params.append(("place", f"{town}, {region}"))
            else:
                params.append(("place", rng.choice(rng.choice(data.producer_zips))))
            params.append(("radius", pick(rng, RADII)))
        kinds: list[str] = []
        for _ in range(pick(rng, [(0, 35), (1, 35), (2, 20), (3, 10)])):
            kind = pick(rng, FACET_KINDS)
            if kind not in kinds:
                kinds.append(kind)
        params += [facet(kind) for kind in kinds]
        sort = pick(rng, SORTS)
        if sort == "distance" and not has_place:
            sort = ""
        if sort:
            params.append(("sort", sort))
        if (page := pick(rng, PAGES)) > 1:
            params.append(("page", str(page)))
        urls["/search/?" + urlencode(params) if params else "/search/"] = None
    return list(urls)


FEED_FORMATS = [("json", 60), ("geojson", 25), ("csv", 15)]


def feed_urls(rng: random.Random, data: Data, count: int) -> list[str]:
    """Feeds of searches as a harvester or a map would ask for them: the search list's
    parameters (less sort and page, which feeds do not take), a format, and for some a later
    page (`after` a producer id) or an incremental harvest (`modified_after`)."""
    urls: dict[str, None] = {}
    for url in search_urls(rng, data, count * 2):
        if len(urls) >= count:
            break
        query = [
            part
            for part in url.partition("?")[2].split("&")
            if part and not part.startswith(("sort=", "page="))
        ]
        roll = rng.random()
        if roll < 0.15:
            query.append(f"after={rng.choice(data.published)[0]}")
        elif roll < 0.25:
            query.append(f"modified_after=2026-{rng.randint(1, 12):02d}-01")
        fmt = pick(rng, FEED_FORMATS)
        urls[f"/feeds/producers.{fmt}" + ("?" + "&".join(query) if query else "")] = None
    return list(urls)


def profile_urls(rng: random.Random, data: Data, count: int, buyers: list[int]):
    chosen = rng.sample(data.published, min(count, len(data.published)))
    return [
        (f"/workshops/{slug}/", rng.choice(buyers) if buyers and rng.random() < 0.2 else None)
        for _pid, slug in chosen
    ]


def board_urls(rng: random.Random, count: int):
    from orders import filters

    rows = fetch(
        "SELECT p.id, array_agg(c.slug ORDER BY c.slug)"
        " FROM producers_producer p"
        " JOIN producers_producersearch s ON s.producer_id = p.id"
        " JOIN producers_producercapability pc ON pc.producer_id = p.id"
        " JOIN producers_capability c ON c.id = pc.capability_id"
        " WHERE p.accepts_custom_jobs AND p.lat IS NOT NULL GROUP BY p.id ORDER BY p.id"
    )
    owners = owner_of([pid for pid, _ in rows])
    chosen = rng.sample(rows, min(count, len(rows)))
    urls = []
    for pid, slugs in chosen:
        params: list[tuple[str, str]] = []
        if rng.random() < 0.2:
            params.append(("fit", "all"))
        options = {
            "capability": slugs,
            "within": [v for v, _ in filters.WITHIN_CHOICES],
            "quantity": [v for v, _ in filters.QUANTITY_CHOICES],
            "deadline": ["7", "14", "30"],
        }
        for name in rng.sample(list(options), pick(rng, [(0, 50), (1, 35), (2, 15)])):
            params.append((name, rng.choice(options[name])))
        urls.append(("/board/" + ("?" + urlencode(params) if params else ""), owners[pid]))
    return urls


def owner_of(pids: list[int]) -> dict[int, int]:
    rows = fetch(
        "SELECT producer_id, min(user_id) FROM producers_membership"
        " WHERE role = 'owner' AND producer_id = ANY(%s) GROUP BY producer_id",
        [pids],
    )
    return dict(rows)


def active_sample(rng: random.Random, rows: list[tuple[int, int]], count: int) -> list[int]:
    """Distinct ids from (id, activity) rows, the more active ones more likely."""
    return weighted_sample(
        rng, [i for i, _ in rows], [math.sqrt(1 + n) for _, n in rows], min(count, len(rows))
    )


def buyer_rows() -> list[tuple[int, int]]:
    return fetch(
        "SELECT buyer_id, count(*) FROM orders_jobrequest GROUP BY buyer_id ORDER BY buyer_id"
    )


def producer_dashboard_urls(rng: random.Random, count: int):
    rows = fetch(
        "SELECT p.id, (SELECT count(*) FROM orders_quote q WHERE q.producer_id = p.id)"
        " FROM producers_producer p JOIN producers_producersearch s ON s.producer_id = p.id"
        " ORDER BY p.id"
    )
    owners = owner_of([pid for pid, _ in rows])
    return [("/dashboard/", owners[pid]) for pid in active_sample(rng, rows, count)]


def request_urls(rng: random.Random, count: int, now):
    """Request pages, mostly recent ones, as the buyer or as a producer that was reached."""
    recent = fetch(
        "SELECT id, buyer_id FROM orders_jobrequest WHERE status <> 'draft'"
        " AND published_at >= %s ORDER BY id",
        [now - timedelta(days=120)],
    )
    older = fetch(
        "SELECT id, buyer_id FROM orders_jobrequest WHERE status <> 'draft'"
        " AND published_at < %s ORDER BY id",
        [now - timedelta(days=120)],
    )
    chosen = rng.sample(recent, min(len(recent), round(count * 0.7)))
    chosen += rng.sample(older, min(len(older), count - len(chosen)))
    chosen.sort()
    reached: dict[int, list[int]] = {}
    for rid, pid in fetch(
        "SELECT job_request_id, producer_id FROM orders_lead"
        " WHERE job_request_id = ANY(%s) ORDER BY 1, 2",
        [[rid for rid, _ in chosen]],
    ):
        reached.setdefault(rid, []).append(pid)
    owners = owner_of(sorted({p for pids in reached.values() for p in pids}))
    urls = []
    for rid, buyer in chosen:
        viewer = buyer
        if reached.get(rid) and rng.random() < 0.5:
            viewer = owners[rng.choice(reached[rid])]
        urls.append((f"/requests/{rid}/", viewer))
    return urls


# --- Sessions ---


def sessions_for(user_ids: list[int]) -> dict[int, str]:
    """A logged-in session per user, as django.contrib.auth.login() would store it; returns
    user id -> the Cookie header value (with a CSRF cookie, as a browser would hold)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from hubdir.accounts.models import User

    Session.objects.all().delete()
    expires = timezone.now() + timedelta(days=2)
    store = SessionStore()
    cookies, sessions = {}, []
    alphabet = string.ascii_letters + string.digits
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        csrf = "".join(secrets.choice(alphabet) for _ in range(32))
        cookies[user.pk] = (
            f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={csrf}"
        )
    Session.objects.bulk_create(sessions, batch_size=5000)
    return cookies


def build(out: Path, counts: dict[str, int], kinds: list[str]) -> dict:
    from django.utils import timezone

    data = Data()
    buyers = buyer_rows()
    now = timezone.now()
    lists: dict[str, list[tuple[str, int | None]]] = {}
    # Each kind draws from its own stream, so leaving a kind out changes no other list.
    for kind in KINDS:
        kind_rng = random.Random(f"{SEED}-{kind}")
        if kind not in kinds:
            continue
        count = counts[kind]
        if kind == "search":
            lists[kind] = [(url, None) for url in search_urls(kind_rng, data, count)]
        elif kind == "profile":
            lists[kind] = profile_urls(kind_rng, data, count, [b for b, _ in buyers])
        elif kind == "board":
            lists[kind] = board_urls(kind_rng, count)
        elif kind == "buyer_dashboard":
            lists[kind] = [("/dashboard/", b) for b in active_sample(kind_rng, buyers, count)]
        elif kind == "producer_dashboard":
            lists[kind] = producer_dashboard_urls(kind_rng, count)
        elif kind == "request":
            lists[kind] = request_urls(kind_rng, count, now)
        elif kind == "feed":
            lists[kind] = [(url, None) for url in feed_urls(kind_rng, data, count)]
        # Heaviest first or in id order would not be how visitors come.
        kind_rng.shuffle(lists[kind])
    users = sorted({user for urls in lists.values() for _path, user in urls if user})
    cookies = sessions_for(users)
    out.mkdir(parents=True, exist_ok=True)
    summary = {}
    for kind, urls in lists.items():
        path = out / f"{kind}.urls"
        with path.open("w") as file:
            for url, user in urls:
                file.write(f"{url}\t{cookies[user] if user else ''}\n")
        summary[kind] = {
            "file": str(path),
            "urls": len(urls),
            "distinct paths": len({url for url, _ in urls}),
            "logged in": sum(1 for _, user in urls if user),
            "distinct users": len({user for _, user in urls if user}),
        }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for <kind>.urls")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated page kinds")
    for kind in KINDS:
        parser.add_argument(f"--{kind.replace('_', '-')}-urls", type=int,
                            default=DEFAULT_COUNTS[kind], dest=f"count_{kind}")  # fmt: skip
    args = parser.parse_args()
    if "bench" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Set DATABASE_URL to a benchmark database (its name contains 'bench').")
    kinds = [k for k in args.kinds.split(",") if k]
    if unknown := set(kinds) - set(KINDS):
        parser.error(f"unknown page kinds: {', '.join(sorted(unknown))}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubdir.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    counts = {kind: getattr(args, f"count_{kind}") for kind in KINDS}
    print(json.dumps(build(args.out, counts, kinds), indent=2))


if __name__ == "__main__":
    main()
