"""Deterministic benchmark data for the directory search, loaded with PostgreSQL COPY.

    .venv/bin/python bench/generate.py --producers 100000 \\
        --database postgres://postgres@127.0.0.1:5432/hubdir_bench

The database name must contain "bench": every producer, hub and what hangs off them is
wiped. The database is created if missing, migrated, and given the catalogue and the
gazetteer if it lacks them. The same --producers and --seed always give the same rows.

The data:
- producers clustered around US cities weighted by population, gaussian scatter of a few km
  (wider for big cities); 1% without a location;
- capability popularity Zipf-like over a fixed ranking (3D printing, laser cutting, ...);
  further capabilities mostly from the first one's category; materials Zipf-like from a
  list that suits the category (plywood first for fabrication); batch bands, minimum
  quantities and lead times per capability; machines for some capabilities;
- 95% published (the rest draft, pending, rejected or suspended), 30% of those verified;
  15% are tenants of one of producers/50 hubs; 35% hold certifications;
- opening hours from a few common patterns, shifted by up to an hour; walk-in mostly for
  repair; 10% by appointment only (no hours);
- descriptions: common workshop words drawn Zipf-like (a few are in nearly every
  description) plus 1-3 rare invented words (each in a handful of descriptions).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import math
import os
import queue
import random
import resource
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import market
import psycopg
from django.utils.text import slugify
from psycopg import sql

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 2026
# Producers generated and copied at a time: bounds memory, keeps one random stream.
CHUNK = 5000
# Timestamps count back from the anchor day's midnight (UTC), --today, by default the day
# of the run: open requests must still be due when the benchmark runs. The same --today
# gives identical rows.

# Most popular first; the rest of the catalogue follows in catalogue order.
POPULAR_CAPABILITIES = [
    "3d-printing",
    "laser-cutting",
    "sewing-and-alterations",
    "baking",
    "bike-repair",
    "screen-printing",
    "furniture-making",
    "welding",
    "embroidery",
    "commercial-kitchen",
    "electronics-repair",
    "vinyl-cutting",
    "cnc-routing",
    "label-printing",
    "upholstery",
]
# Materials that suit each category, most used first.
CATEGORY_MATERIALS = {
    "fabrication": [
        "plywood", "acrylic", "mild-steel", "aluminium", "pla", "stainless-steel", "mdf",
        "birch-plywood", "petg", "abs", "resin", "brass", "nylon", "polycarbonate", "copper",
        "glass",
    ],
    "textiles": ["cotton", "polyester", "denim", "canvas", "wool", "leather", "felt", "vinyl"],
    "food-and-drink": ["food-ingredients", "glass", "paper", "cardboard"],
    "print-and-signage": [
        "vinyl", "paper", "acrylic", "cardboard", "polyester", "aluminium", "mdf", "foam",
        "canvas",
    ],
    "woodworking": ["oak", "pine", "plywood", "walnut", "ash", "birch-plywood", "mdf", "osb"],
    "electronics": ["fr-4", "abs", "aluminium", "copper", "silicone", "nylon"],
    "repair": ["leather", "cotton", "oak", "mild-steel", "wool", "foam", "brass", "denim"],
    "packaging": ["cardboard", "corrugated-board", "paper", "foam", "vinyl", "polyester"],
}  # fmt: skip
SERVICES_BY_CATEGORY = {
    "repair": ["repair"],
    "food-and-drink": ["make", "pack"],
    "packaging": ["pack", "assemble"],
    "electronics": ["make", "assemble"],
}
# Roughly the zone of each state's biggest cities.
TIME_ZONES = {
    "America/New_York": "CT DC DE FL GA IN KY MA MD ME MI NC NH NJ NY OH PA RI SC VA VT WV",
    "America/Chicago": "AL AR IA IL KS LA MN MO MS ND NE OK SD TN TX WI",
    "America/Denver": "CO ID MT NM UT WY",
    "America/Phoenix": "AZ",
    "America/Los_Angeles": "CA NV OR WA",
    "America/Anchorage": "AK",
    "Pacific/Honolulu": "HI",
}
STATE_TIME_ZONE = {state: zone for zone, states in TIME_ZONES.items() for state in states.split()}

COMMON_WORDS = [
    "local", "small", "custom", "quality", "made", "work", "batch", "order", "design",
    "studio", "team", "finish", "project", "prototype", "parts", "hand", "fast", "friendly",
    "independent", "sustainable", "family", "community", "business", "residents", "samples",
    "materials", "tools", "experience", "years", "careful", "precise", "reliable", "quote",
    "deliver", "collect", "repair", "build", "clean", "durable", "simple", "modern",
    "traditional", "craft", "bespoke", "runs", "sizes", "colours", "range", "stock",
    "recycled", "reclaimed", "packaging", "shop", "neighbourhood", "open", "weekends",
    "evenings", "appointment", "welcome", "students", "artists", "designers", "startups",
    "restaurants", "schools", "events", "gifts", "signs", "furniture", "clothing", "prints",
    "labels", "boxes", "fixtures", "brackets", "panels", "covers", "displays", "kits", "jigs",
    "moulds", "models", "spares", "upgrades", "alterations", "restoration", "maintenance",
    "servicing", "installation", "delivery", "pickup", "shipping", "wholesale", "retail",
    "trade", "engraving", "etched", "finishing", "assembly", "testing", "sourcing", "advice",
    "drawings", "files", "cad",
]  # fmt: skip
NAME_FIRST = [
    "Copper", "Oak", "Anvil", "Bright", "North", "Harbor", "Maple", "Iron", "Cedar", "River",
    "Juniper", "Granite", "Linden", "Willow", "Fern", "Bramble", "Hollow", "Summit", "Quarry",
    "Lantern", "Kestrel", "Heron", "Thistle", "Birch", "Ember", "Salt", "Driftwood", "Blue",
    "Red", "Golden", "Little", "Old", "New", "East", "West", "South", "Union", "Market",
    "Mill", "Foxglove",
]  # fmt: skip
NAME_LAST = [
    "Works", "Workshop", "Studio", "Makers", "Fabrication", "Lab", "Collective", "Co.", "Shop",
    "Manufacturing", "Craft", "Supply", "Bench", "Forge", "Press", "Kitchen", "Atelier",
    "Garage", "Factory", "Guild",
]  # fmt: skip
STREETS = [
    "Main", "Oak", "Market", "Mill", "Water", "Union", "Church", "Park", "Front", "Pine",
    "Elm", "Station", "Harbor",
]  # fmt: skip
STREET_KINDS = ["St", "Ave", "Rd", "Blvd", "Way", "Ln"]
HUB_WORDS = ["Makerspace", "Maker Hall", "Kitchen Collective", "Workshops", "Trade Yard"]
HUB_KINDS = ["maker_space", "kitchen", "storefront", "light_industrial", "garage"]
AMENITIES = [
    "three_phase", "ventilation", "loading", "wash_down", "storage", "step_free", "parking",
    "wifi",
]  # fmt: skip
MACHINE_MAKES = [
    "Trotec", "ShopBot", "Prusa", "Brother", "Miller", "Juki", "Epson", "Roland", "Haas",
    "Bernina", "Hobart", "Rancilio",
]  # fmt: skip
WORK_AREAS = ["300 × 200 mm", "600 × 400 mm", "1000 × 600 mm", "1300 × 900 mm", "2440 × 1220 mm"]
# (weight, [(weekdays, opens, closes), ...]); an empty list is "by appointment only".
HOURS_PATTERNS = [
    (40, [(range(5), 9, 17)]),
    (20, [(range(5), 8, 18), ([5], 10, 14)]),
    (15, [(range(1, 6), 10, 18)]),
    (10, [(range(5), 8, 12), (range(5), 13, 17)]),
    (5, [(range(7), 10, 16)]),
    (10, []),
]
BATCH_BANDS = {  # band: (weight, minimum quantities)
    "one_off": (25, [1]),
    "short": (45, [1, 2, 5, 10]),
    "medium": (22, [25, 50, 100]),
    "large": (8, [250, 500, 1000]),
}
LEAD_TIMES = [7, 5, 3, 14, 10, 1, 2, 21, 28, 42, 60]  # Zipf-like, so a week is typical
STATUSES = [("published", 950), ("draft", 30), ("pending", 10), ("rejected", 5), ("suspended", 5)]

PRODUCER_COLUMNS = (
    "id", "address_line", "town", "region", "postcode", "country_code", "lat", "lng",
    "time_zone", "name", "slug", "tagline", "description", "hub_id", "uses_hub_address",
    "website", "phone", "public_email", "services", "customer_types", "accepts_custom_jobs",
    "made_on_site", "resold", "status", "rejection_reason", "submitted_at", "published_at",
    "verified", "verified_at", "checked_equipment", "checked_hours", "checked_businesses",
    "checked_examples", "origin", "created_at", "updated_at",
)  # fmt: skip
HUB_COLUMNS = (
    "id", "address_line", "town", "region", "postcode", "country_code", "lat", "lng",
    "time_zone", "name", "slug", "kind", "description", "amenities", "website", "status",
    "rejection_reason", "created_at", "updated_at",
)  # fmt: skip
# Tables in COPY order (parents first), with the columns each row gives.
COLUMNS = {
    "producers_hub": HUB_COLUMNS,
    "producers_producer": PRODUCER_COLUMNS,
    "producers_producercapability": (
        "id", "producer_id", "capability_id", "batch_band", "min_quantity", "lead_time_days",
        "notes",
    ),
    "producers_producercapability_materials": ("producercapability_id", "material_id"),
    "producers_machine": (
        "id", "producer_id", "capability_id", "make_model", "work_area", "max_thickness_mm",
    ),
    "producers_machine_materials": ("machine_id", "material_id"),
    "producers_producercertification": (
        "producer_id", "certification_id", "reference", "expires_on",
    ),
    "producers_openinghours": ("producer_id", "hub_id", "weekday", "opens", "closes", "walk_in"),
}  # fmt: skip
COLUMNS_WITH_IDS = [table for table, columns in COLUMNS.items() if columns[0] == "id"]
# Wiped before loading; producersearch has no foreign key, so CASCADE would not reach it.
# Every user goes too (CASCADE takes what hangs off them), and with them every session.
WIPED = list(
    dict.fromkeys(
        [
            *COLUMNS,
            "producers_photo",
            "producers_membership",
            "producers_invitation",
            "producers_bay",
            "producers_producersearch",
            *market.COLUMNS,
            "orders_attachment",
            "django_session",
        ]
    )
)


class Zipf:
    """Draws from `items`, the k-th with weight 1/k**s: a few popular, a long tail."""

    def __init__(self, items: Sequence, s: float = 1.0) -> None:
        self.items = list(items)
        self.cum_weights = list(itertools.accumulate(1 / k**s for k in range(1, len(items) + 1)))

    def draw(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum_weights)[0]

    def draw_distinct(self, rng: random.Random, k: int) -> list:
        picked: list = []
        while len(picked) < min(k, len(self.items)):
            item = self.draw(rng)
            if item not in picked:
                picked.append(item)
        return picked


def weighted(rng: random.Random, pairs: Sequence[tuple]):
    """One value from (value, weight) pairs."""
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Invented words, each then used by only a handful of descriptions."""
    onsets = [
        "b", "br", "c", "cr", "d", "dr", "f", "fl", "g", "gl", "h", "j", "k", "kl", "l", "m",
        "n", "p", "pl", "qu", "r", "s", "sk", "st", "t", "tr", "v", "w", "z",
    ]  # fmt: skip
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    codas = ["", "", "n", "r", "x", "l", "nd", "st", "m"]
    words: set[str] = set()
    while len(words) < count:
        syllables = rng.choice([2, 2, 3])
        words.add(
            "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))
            + rng.choice(codas)
        )
    return sorted(words)


class Generator:
    """One random stream from the seed; rows are yielded per table in COPY order."""

    def __init__(
        self, *, producers: int, seed: int, catalogue: dict, cities: list, epoch: datetime
    ) -> None:
        self.rng = random.Random(seed)
        self.epoch = epoch
        self.producers = producers
        self.catalogue = catalogue
        self.cities = cities
        self.city_weights = list(itertools.accumulate(c[4] for c in cities))
        capabilities = catalogue["capabilities"]  # slug -> (id, name, category slug)
        ranking = POPULAR_CAPABILITIES + [s for s in capabilities if s not in POPULAR_CAPABILITIES]
        self.capabilities = Zipf(ranking)
        self.capabilities_in = {
            category: Zipf([s for s in ranking if capabilities[s][2] == category])
            for category in CATEGORY_MATERIALS
        }
        self.materials_in = {c: Zipf(slugs) for c, slugs in CATEGORY_MATERIALS.items()}
        certifications = catalogue["certifications"]  # [(id, kind)] in catalogue order
        self.certifications_food = Zipf(
            [i for i, kind in certifications if kind in ("food", "insurance")]
        )
        self.certifications_other = Zipf([i for i, kind in certifications if kind != "food"])
        self.common_words = Zipf(COMMON_WORDS, s=1.1)
        self.rare_words = rare_words(self.rng, 20_000)
        self.lead_times = Zipf(LEAD_TIMES)
        self.hubs: list[tuple] = []  # (id, town, region, lat, lng, time zone)
        self.ids = {"pc": 0, "machine": 0}
        self.listings: list[market.Listing] = []  # what the market generator builds on

    # --- places and times ---

    def city(self) -> tuple:
        return self.rng.choices(self.cities, cum_weights=self.city_weights)[0]

    def scatter(self, lat: float, lng: float, km: float) -> tuple[float, float]:
        north, east = self.rng.gauss(0, km), self.rng.gauss(0, km)
        lat = max(-90.0, min(90.0, lat + north / 111.2))
        lng = lng + east / (111.2 * math.cos(math.radians(lat)))
        return round(lat, 6), round(lng, 6)

    def location(self) -> tuple[str, str, float, float, str]:
        """A point near a city picked by population; bigger cities spread wider."""
        name, region, lat, lng, population = self.city()
        km = min(12.0, 2.0 + 1.5 * math.sqrt(population / 100_000))
        lat, lng = self.scatter(lat, lng, km)
        return name, region, lat, lng, STATE_TIME_ZONE.get(region, "America/New_York")

    def street(self) -> str:
        rng = self.rng
        return f"{rng.randint(1, 9999)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"

    def moment(self, after: datetime | None = None, days: int = 1500) -> datetime:
        rng = self.rng
        if after is None:
            return self.epoch - timedelta(days=rng.randint(30, days), seconds=rng.randint(0, 86399))
        return after + timedelta(days=rng.randint(0, 20), seconds=rng.randint(0, 86399))

    def hours(self, *, walk_in: float) -> list[tuple[int, clock, clock, bool]]:
        """A week of opening hours; with probability `walk_in`, most of them walk-in."""
        rng = self.rng
        offers_walk_in = rng.random() < walk_in
        pattern = weighted(rng, [(p, w) for w, p in HOURS_PATTERNS])
        shift = rng.choice([-60, -30, 0, 0, 0, 30, 60])
        rows = []
        for weekdays, opens, closes in pattern:
            start, end = opens * 60 + shift, closes * 60 + shift
            for weekday in weekdays:
                rows.append(
                    (
                        weekday,
                        clock(start // 60, start % 60),
                        clock(end // 60, end % 60),
                        offers_walk_in and rng.random() < 0.7,
                    )
                )
        return rows

    def sentence(self, low: int, high: int) -> str:
        words = [self.common_words.draw(self.rng) for _ in range(self.rng.randint(low, high))]
        return " ".join(words).capitalize() + "."

    # --- tables ---

    def hub_rows(self) -> Iterator[tuple[str, tuple]]:
        rng = self.rng
        for hub_id in range(1, max(2, self.producers // 50) + 1):
            town, region, lat, lng, zone = self.location()
            name = f"{town} {rng.choice(HUB_WORDS)}"
            created = self.moment()
            self.hubs.append((hub_id, town, region, lat, lng, zone))
            yield (
                "producers_hub",
                (
                    hub_id, self.street(), town, region, "", "US", lat, lng, zone, name,
                    f"{slug(name)}-{hub_id}", rng.choice(HUB_KINDS), self.sentence(10, 40),
                    sorted(rng.sample(AMENITIES, rng.randint(0, 5))),
                    f"https://hub{hub_id}.example.com", "published", "", created, created,
                ),
            )  # fmt: skip
            for weekday, opens, closes, walk_in in self.hours(walk_in=0.0):
                yield "producers_openinghours", (None, hub_id, weekday, opens, closes, walk_in)

    def producer_rows(self, pid: int) -> Iterator[tuple[str, tuple]]:
        rng, capabilities = self.rng, self.catalogue["capabilities"]
        first = self.capabilities.draw(rng)
        category = capabilities[first][2]
        chosen = [first]
        for _ in range(weighted(rng, [(1, 40), (2, 30), (3, 20), (4, 10)]) - 1):
            pool = self.capabilities_in[category] if rng.random() < 0.7 else self.capabilities
            extra = pool.draw(rng)
            if extra not in chosen:
                chosen.append(extra)
        cap_names = [capabilities[s][1] for s in chosen]
        repairs = any(capabilities[s][2] == "repair" for s in chosen)

        hub_id = None
        if rng.random() < 0.15:
            hub_id, town, region, lat, lng, zone = rng.choice(self.hubs)
            uses_hub_address = rng.random() < 0.8
            if not uses_hub_address:
                lat, lng = self.scatter(lat, lng, 0.5)
        else:
            uses_hub_address = False
            town, region, lat, lng, zone = self.location()
            if rng.random() < 0.01:
                lat = lng = None

        # Some names say what the workshop does: "River Laser Guild".
        trade = f" {cap_names[0].split()[0].title()}" if rng.random() < 0.3 else ""
        name = f"{rng.choice(NAME_FIRST)}{trade} {rng.choice(NAME_LAST)}"

        capability_rows = list(self.capability_rows(pid, chosen))
        # Materials come from the capabilities and machines: the description names them all.
        material_ids = {row[-1] for table, row in capability_rows if table.endswith("_materials")}

        status = weighted(rng, STATUSES)
        created = self.moment()
        submitted = self.moment(created) if status != "draft" else None
        published = self.moment(submitted) if status in ("published", "suspended") else None
        verified = published is not None and rng.random() < 0.3
        verified_at = self.moment(published) if verified else None
        material_names = [m for m, i in self.catalogue["materials_by_name"] if i in material_ids]
        description = (
            f"{name} is an independent workshop in {town}. We offer {', '.join(cap_names)}"
            + (f" in {', '.join(material_names)}" if material_names else "")
            + f". {self.sentence(6, 60)} Ask us about "
            + " and ".join(rng.sample(self.rare_words, rng.randint(1, 3)))
            + "."
        )
        services = set(SERVICES_BY_CATEGORY.get(category, ["make"]))
        services.update(s for s in ("make", "assemble", "finish", "pack") if rng.random() < 0.15)
        row = (
            pid, self.street(), town, region, "", "US", lat, lng, zone, name,
            f"{slug(name)}-{pid}",
            f"{' and '.join(cap_names[:2])} in {town}",
            description,
            hub_id,
            uses_hub_address,
            f"https://workshop{pid}.example.com" if rng.random() < 0.6 else "",
            f"+1 {rng.randint(201, 989)} 555 {rng.randint(0, 9999):04d}",
            f"hello@workshop{pid}.example.com" if rng.random() < 0.5 else "",
            [s for s in ("make", "assemble", "repair", "finish", "pack") if s in services],
            weighted(
                rng,
                [(["residents", "businesses"], 50), (["businesses"], 30), (["residents"], 20)],
            ),
            rng.random() < 0.8,
            f"{cap_names[0]} for {self.sentence(2, 6).lower()}",
            "Spare parts and tools." if rng.random() < 0.1 else "",
            status,
            "Photos do not show work made on site." if status == "rejected" else "",
            submitted,
            published,
            verified,
            verified_at,
            verified, verified, verified and rng.random() < 0.8, verified,
            "owner",
            created,
            verified_at or published or submitted or created,
        )  # fmt: skip
        yield "producers_producer", row
        yield from capability_rows
        accepts_custom_jobs = row[PRODUCER_COLUMNS.index("accepts_custom_jobs")]
        self.listings.append(
            market.Listing(
                pid=pid,
                lat=lat,
                lng=lng,
                town=town,
                region=region,
                takes_jobs=status == "published" and accepts_custom_jobs,
                published=status == "published",
                capability_ids=[capabilities[s][0] for s in chosen],
                category=category,
            )
        )

        if rng.random() < 0.35:
            food = category == "food-and-drink"
            pool = self.certifications_food if food else self.certifications_other
            for certification_id in pool.draw_distinct(rng, rng.randint(1, 3)):
                expires = self.epoch.date() + timedelta(days=rng.randint(-60, 900))
                yield (
                    "producers_producercertification",
                    (
                        pid,
                        certification_id,
                        f"REF-{rng.randint(10000, 99999)}" if rng.random() < 0.6 else "",
                        expires if rng.random() < 0.7 else None,
                    ),
                )
        for weekday, opens, closes, walk_in in self.hours(walk_in=0.6 if repairs else 0.03):
            yield "producers_openinghours", (pid, None, weekday, opens, closes, walk_in)

    def capability_rows(self, pid: int, chosen: list[str]) -> Iterator[tuple[str, tuple]]:
        """The producer's capabilities with their materials, and machines for some."""
        rng, capabilities = self.rng, self.catalogue["capabilities"]
        material_id = self.catalogue["materials"]
        for cap_slug in chosen:
            cap_id, _name, category = capabilities[cap_slug]
            materials = self.materials_in[category].draw_distinct(
                rng, weighted(rng, [(0, 10), (1, 35), (2, 30), (3, 15), (4, 10)])
            )
            band = weighted(rng, [(b, w) for b, (w, _) in BATCH_BANDS.items()])
            self.ids["pc"] += 1
            pc_id = self.ids["pc"]
            yield (
                "producers_producercapability",
                (
                    pc_id, pid, cap_id, band, rng.choice(BATCH_BANDS[band][1]),
                    self.lead_times.draw(rng), "Ask for samples." if rng.random() < 0.1 else "",
                ),
            )  # fmt: skip
            for material in materials:
                yield "producers_producercapability_materials", (pc_id, material_id[material])
            if rng.random() < 0.35:
                self.ids["machine"] += 1
                machine_id = self.ids["machine"]
                thickness = rng.choice([None, None, 3, 6, 12, 25, 50])
                yield (
                    "producers_machine",
                    (
                        machine_id, pid, cap_id,
                        f"{rng.choice(MACHINE_MAKES)} {rng.randint(1, 9)}00",
                        rng.choice(WORK_AREAS),
                        None if thickness is None else Decimal(thickness),
                    ),
                )  # fmt: skip
                # Usually the capability's materials; sometimes one more only the machine takes.
                machine_materials = set(materials)
                if rng.random() < 0.2:
                    machine_materials.add(self.materials_in[category].draw(rng))
                for material in sorted(machine_materials):
                    yield "producers_machine_materials", (machine_id, material_id[material])


def slug(text: str) -> str:
    # ASCII, as the app's slugify makes them: URL patterns take [-a-zA-Z0-9_] only
    # ("Makaīwa" made a hub no feed could link to).
    return slugify(text)


# --- Database ---


def database_create_if_missing(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to wipe {name!r}: the benchmark database's name must contain 'bench'.")
    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubdir.settings")
    # A loader, not a server: DEBUG=1 spares it the production-only settings.
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def reference_data() -> tuple[dict, list, list]:
    """The catalogue, the US cities and ZIP codes, loading them if the database lacks them."""
    from django.core.management import call_command

    from hubdir.geo.models import Place
    from producers.models import Capability, Category, Certification, Material
    from producers.services import catalogue_load

    if not Category.objects.exists():
        catalogue_load()
    if not Place.objects.cities().in_country("US").exists():
        call_command("load_places")
    catalogue = {
        "capabilities": {
            c.slug: (c.id, c.name, c.category.slug)
            for c in Capability.objects.select_related("category").order_by("id")
        },
        "materials": dict(Material.objects.order_by("id").values_list("slug", "id")),
        "materials_by_name": list(Material.objects.order_by("id").values_list("name", "id")),
        "certifications": list(Certification.objects.order_by("id").values_list("id", "kind")),
    }
    cities = list(
        Place.objects.cities()
        .in_country("US")
        .filter(population__gte=20_000)
        .order_by("-population", "geonameid")
        .values_list("name", "region", "lat", "lng", "population")
    )
    postcodes = list(
        Place.objects.postcodes()
        .in_country("US")
        .order_by("postcode")
        .values_list("postcode", "name", "region", "lat", "lng")
    )
    return catalogue, cities, postcodes


@functools.cache
def defaults_for(table: str, given: tuple[str, ...]) -> tuple[tuple[str, ...], tuple]:
    """Columns the model has that the generator does not give, with their model defaults:
    a field added to the app later (a flag with a default) does not break the load."""
    from django.apps import apps
    from django.db import connection

    model = next(
        (m for m in apps.get_models(include_auto_created=True) if m._meta.db_table == table),
        None,
    )
    columns, values = [], []
    for f in model._meta.concrete_fields if model else []:
        if f.column in given or f.primary_key or f.has_db_default():
            continue
        if f.null and not f.has_default():
            continue
        # A blank text field (an optional translation, say) defaults to "" like a form's.
        if not f.has_default() and not (f.blank and f.empty_strings_allowed):
            sys.exit(f"{table}.{f.column} has no default: bench/generate.py must fill it.")
        columns.append(f.column)
        values.append(f.get_db_prep_save(f.get_default(), connection))
    return tuple(columns), tuple(values)


def copy_rows(cursor, rows: list[tuple[str, tuple]], columns_of: dict = COLUMNS) -> None:
    by_table: dict[str, list[tuple]] = {table: [] for table in columns_of}
    for table, row in rows:
        by_table[table].append(row)
    for table, table_rows in by_table.items():
        if not table_rows:
            continue
        extra_columns, extra_values = defaults_for(table, tuple(columns_of[table]))
        columns = sql.SQL(", ").join(map(sql.Identifier, (*columns_of[table], *extra_columns)))
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), columns)
        with cursor.copy(statement) as copy:
            if extra_values:
                for row in table_rows:
                    copy.write_row(row + extra_values)
            else:
                for row in table_rows:
                    copy.write_row(row)


class BackgroundCopy:
    """COPY chunks of rows from a second thread, on the same connection and transaction,
    while the caller generates the next chunk; one chunk waits at most."""

    def __init__(self, conn, columns_of: dict) -> None:
        self.conn, self.columns_of = conn, columns_of
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.work, daemon=True)

    def work(self) -> None:
        try:
            with self.conn.cursor() as cursor:
                while (rows := self.queue.get()) is not None:
                    copy_rows(cursor, rows, self.columns_of)
        except BaseException as error:  # handed to the generating thread
            self.error = error
            while self.queue.get() is not None:  # unblock the producer until it stops
                pass

    def put(self, rows: list) -> None:
        if self.error:
            raise self.error
        self.queue.put(rows)

    def __enter__(self) -> BackgroundCopy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error and not exc[0]:
            raise self.error


def set_sequences(cursor, tables: list[str]) -> None:
    """Ids were given explicitly; the identity sequences carry on after them."""
    for table in tables:
        cursor.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), coalesce(max(id), 0) + 1, false)"
                " FROM {}"
            ).format(sql.Identifier(table)),
            [table],
        )


def load(*, producers: int, seed: int, today: date) -> dict[str, float]:
    """Wipe the listings and the market and load `producers` listings with the market on
    top; returns seconds per phase."""
    from django.db import connection, transaction

    timings: dict[str, float] = {}
    started = time.monotonic()
    catalogue, cities, postcodes = reference_data()
    timings["reference data"] = time.monotonic() - started

    started = time.monotonic()
    epoch = datetime(today.year, today.month, today.day, tzinfo=UTC)
    generator = Generator(
        producers=producers, seed=seed, catalogue=catalogue, cities=cities, epoch=epoch
    )
    sources = [sql.Identifier(table) for table in COLUMNS]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
                sql.SQL(", ").join(map(sql.Identifier, WIPED))
            )
        )
        # Foreign keys are checked row by row, parents being copied first; deferred, they
        # would queue millions of checks and block re-enabling the triggers.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # The search table is rebuilt once below instead of per COPY statement.
        for table in sources:
            cursor.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER USER").format(table))
        copy_rows(cursor, list(generator.hub_rows()))
        for first in range(1, producers + 1, CHUNK):
            last = min(producers, first + CHUNK - 1)
            rows = [row for pid in range(first, last + 1) for row in generator.producer_rows(pid)]
            copy_rows(cursor, rows)
        for table in sources:
            cursor.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER USER").format(table))
        set_sequences(cursor, COLUMNS_WITH_IDS)
    timings["generate and copy"] = time.monotonic() - started

    with connection.cursor() as cursor:
        started = time.monotonic()
        # Without statistics on the fresh rows the planner scans every material row per
        # producer (quadratic: ten minutes at 100k); with them it takes the indexes.
        cursor.execute(sql.SQL("ANALYZE {}").format(sql.SQL(", ").join(sources)))
        cursor.execute("SELECT producers_search_rebuild()")
        timings["search rebuild"] = time.monotonic() - started

    started = time.monotonic()
    timings |= load_market(generator, catalogue, cities, postcodes, seed=seed, today=today)
    timings["market"] = time.monotonic() - started

    with connection.cursor() as cursor:
        started = time.monotonic()
        for table in WIPED:
            cursor.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))
        timings["vacuum analyze"] = time.monotonic() - started
    return timings


def market_builder(
    generator: Generator, catalogue: dict, cities: list, postcodes: list, *, seed: int, today: date
) -> market.Market:
    ranking = POPULAR_CAPABILITIES + [
        s for s in catalogue["capabilities"] if s not in POPULAR_CAPABILITIES
    ]
    return market.Market(
        listings=generator.listings,
        hub_count=len(generator.hubs),
        catalogue=catalogue,
        cities=cities,
        postcodes=postcodes,
        ranking=ranking,
        category_materials=CATEGORY_MATERIALS,
        seed=seed,
        today=today,
    )


def count_only(*, producers: int, seed: int, today: date) -> None:
    """Every row generated as a load would, none written: rows per table, seconds, memory.
    For estimating a size before loading it (the database only lends its reference data)."""
    catalogue, cities, postcodes = reference_data()
    started = time.monotonic()
    epoch = datetime(today.year, today.month, today.day, tzinfo=UTC)
    generator = Generator(
        producers=producers, seed=seed, catalogue=catalogue, cities=cities, epoch=epoch
    )
    counted: Counter[str] = Counter(table for table, _row in generator.hub_rows())
    for pid in range(1, producers + 1):
        counted.update(table for table, _row in generator.producer_rows(pid))
    timings = {"listings": time.monotonic() - started}
    started = time.monotonic()
    builder = market_builder(generator, catalogue, cities, postcodes, seed=seed, today=today)
    counted.update(
        table for table, _row in itertools.chain(builder.people_rows(), builder.profile_view_rows())
    )
    for chunk in builder.chunks():
        counted.update(table for table, _row in chunk)
    timings["market"] = time.monotonic() - started
    for table, count in counted.items():
        print(f"{table:42} {count:>10,}")
    print(f"{'rows':42} {sum(counted.values()):>10,}")
    for phase, seconds in timings.items():
        print(f"{phase + ' (generating only)':42} {seconds:>9.1f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory':42} {peak:>9.0f} MB")


def load_market(
    generator: Generator, catalogue: dict, cities: list, postcodes: list, *, seed: int, today: date
) -> dict[str, float]:
    """People, requests, quotes, orders, reviews, messages, leads, notifications, views."""
    from django.db import connection, transaction

    timings: dict[str, float] = {}
    started = time.monotonic()
    builder = market_builder(generator, catalogue, cities, postcodes, seed=seed, today=today)
    timings["  market setup"] = time.monotonic() - started
    with transaction.atomic(), connection.cursor() as cursor:
        # Checked row by row, the foreign keys took half the load time: they are dropped
        # and added back after, which checks every row in one pass per key.
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)"
            " ORDER BY 1, 2",
            [list(market.COLUMNS)],
        )
        foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
            )
        # Likewise the indexes that back no constraint (unique ones included): built once
        # from the loaded rows instead of row by row, which also checks their uniqueness.
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
            " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
            " WHERE t.relname = ANY(%s) AND NOT i.indisprimary"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
            " ORDER BY 1",
            [list(market.COLUMNS)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
        for table in market.TRIGGERED:
            cursor.execute(
                sql.SQL("ALTER TABLE {} DISABLE TRIGGER USER").format(sql.Identifier(table))
            )
        started = time.monotonic()
        rows: list[tuple[str, tuple]] = []
        for row in itertools.chain(builder.people_rows(), builder.profile_view_rows()):
            rows.append(row)
            if len(rows) >= 200_000:
                copy_rows(cursor, rows, market.COLUMNS)
                rows = []
        copy_rows(cursor, rows, market.COLUMNS)
        timings["  people and profile views"] = time.monotonic() - started
        started = time.monotonic()
        # PostgreSQL takes in one chunk while the next is generated: two cores, not one.
        with BackgroundCopy(connection.connection, market.COLUMNS) as copier:
            for chunk in builder.chunks():
                copier.put(chunk)
        timings["  requests to reviews"] = time.monotonic() - started
        for table in market.TRIGGERED:
            cursor.execute(
                sql.SQL("ALTER TABLE {} ENABLE TRIGGER USER").format(sql.Identifier(table))
            )
        set_sequences(cursor, list(market.COLUMNS))
        started = time.monotonic()
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        timings["  indexes built"] = time.monotonic() - started
        started = time.monotonic()
        for table, name, definition in foreign_keys:
            cursor.execute(
                sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                    sql.Identifier(table), sql.Identifier(name), sql.SQL(definition)
                )
            )
        timings["  foreign keys checked"] = time.monotonic() - started
        started = time.monotonic()
        # What the disabled review trigger maintains: migrations 0003's and 0008's refresh.
        cursor.execute(
            "UPDATE producers_producersearch SET rating = orders_producer_rating(producer_id),"
            " review_count = orders_producer_review_count(producer_id)"
        )
        timings["  ratings"] = time.monotonic() - started
    return timings


def row_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in [*COLUMNS, "producers_producersearch", *market.COLUMNS]:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def backend_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL backend, if the server runs here."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stamp(url: str, **generated) -> None:
    """What the database holds, in its comment: run.py --reuse reads it back."""
    name = urlsplit(url).path.lstrip("/")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name),
                sql.Literal(json.dumps({k: str(v) for k, v in generated.items()})),
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--producers", type=int, required=True)
    parser.add_argument(
        "--database",
        default=os.environ.get("DATABASE_URL"),
        help="postgres://… whose name contains 'bench' (default: $DATABASE_URL)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--count-only",
        action="store_true",
        help="generate every row but write none; print rows per table, time and memory",
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=datetime.now(UTC).date(),
        help="the anchor day timestamps count back from (default: today, UTC)",
    )
    args = parser.parse_args()
    if not args.database:
        parser.error("give --database or set DATABASE_URL")

    if args.count_only:
        django_setup(args.database)
        count_only(producers=args.producers, seed=args.seed, today=args.today)
        return
    started = time.monotonic()
    database_create_if_missing(args.database)
    django_setup(args.database)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    timings = {"create and migrate": time.monotonic() - started}
    timings |= load(producers=args.producers, seed=args.seed, today=args.today)
    timings["total"] = time.monotonic() - started
    stamp(args.database, producers=args.producers, seed=args.seed, today=args.today)

    for table, count in row_counts().items():
        print(f"{table:42} {count:>10,}")
    for phase, seconds in timings.items():
        print(f"{phase:42} {seconds:>9.1f} s")
    # CPU rather than wall time: what to scale from on a machine shared with other work.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"{'CPU of this process':42} {usage.ru_utime + usage.ru_stime:>9.1f} s")
    if (backend := backend_cpu()) is not None:
        print(f"{'CPU of its PostgreSQL backend':42} {backend:>9.1f} s")


if __name__ == "__main__":
    main()
