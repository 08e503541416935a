"""The marketplace half of the benchmark data: people, requests, quotes, orders, reviews.

bench/generate.py loads the listings first, then hands this module what it generated (the
producers, their capabilities and places) to build years of market history on top:

- people: one owner per producer (user id = producer id) and per hub, a second member for
  10% of producers, and buyers, each with a verified primary allauth EmailAddress;
- job requests arriving over four years, more of them lately, placed where the buyer lives
  (a town that has producers, as a "City, ST" or a ZIP code the gazetteer knows);
  capabilities are taken from producers near the buyer, so they follow local popularity;
- most requests are long closed (ordered, expired, cancelled); those still due are open
  unless a quote was accepted already; a few are drafts;
- 0-8 quotes per request from producers the request reaches (capability and radius);
  producers' activity is Pareto-distributed, so a few answer thousands of requests and
  collect thousands of reviews; some quotes were revised (QuoteRevision per version);
- an order per accepted quote, in production, ready, completed or cancelled according to
  its dates, with its timeline (OrderEvent); a review for 90% of completed orders;
- conversations (Thread and Message), declines, leads, notifications and profile views.

Everything comes from one random stream seeded from --seed and from the anchor day
(--today), so the same arguments give the same rows.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from hubdir.geo.distance import EARTH_RADIUS_KM, bounding_box, haversine_km  # noqa: E402

# Per 100,000 producers (scaled linearly with --producers).
REQUESTS_PER_100K = 780_000
BUYERS_PER_100K = 250_000
HISTORY_DAYS = 4 * 365
# Request arrivals grow: the density of a request's age in days is exp(-age / GROWTH_DAYS).
GROWTH_DAYS = 730
# Requests published within this many days (or still open) hold every lead the app made
# when publishing (each matching producer); older ones keep only the leads that answered
# or were invited. See bench/README.md: the full history would grow with producers squared.
FULL_LEADS_DAYS = 30
CHUNK_ROWS = 200_000  # rows generated and copied at a time: bounds memory
CELL = 0.25  # degrees: the grid that finds producers near a point
QUOTE_CAP = 8
REVIEW_RATE = 0.93
# Notifications are kept for the events of the last this many days: older ones would all
# be read, and the pages measured count only the unread ones (an index range per person).
NOTIFICATION_DAYS = 90

RADII = [(25, 55), (50, 20), (10, 12), (100, 8), (5, 5)]
LEAD_DAYS = [14, 21, 7, 30, 10, 28, 45, 60, 5, 90]
QUANTITY_BANDS = [
    ((1, 1), 30),
    ((2, 10), 22),
    ((11, 100), 28),
    ((101, 1000), 15),
    ((1001, 5000), 5),
]
# Quotes per request, by outcome: (count, weight).
QUOTES_ORDERED = [(1, 66), (2, 18), (3, 8), (4, 4), (5, 2), (6, 1), (7, 0.6), (8, 0.4)]
QUOTES_OTHER = [(0, 45), (1, 25), (2, 13), (3, 7), (4, 4), (5, 2.5), (6, 1.5), (7, 1), (8, 1)]
REVISIONS = [(1, 85), (2, 11), (3, 3), (4, 1)]
DECLINE_REASONS = [
    ("capacity", 35), ("deadline", 20), ("no_file", 12), ("quantity", 15), ("no_material", 10),
    ("other", 8),
]  # fmt: skip
ITEMS = {
    "fabrication": [
        "brackets", "enclosures", "acrylic panels", "spacers", "name plates", "coasters",
        "prototype parts", "display stands", "jigs", "table signs", "gears", "cable clips",
    ],
    "textiles": [
        "aprons", "tote bags", "curtains", "cushion covers", "uniform alterations", "banners",
        "patches", "costumes", "bags", "hemmed trousers",
    ],
    "food-and-drink": [
        "sourdough loaves", "cookie boxes", "a wedding cake", "granola packs", "catering trays",
        "jars of jam", "pastries", "hot sauce bottles",
    ],
    "print-and-signage": [
        "window lettering", "labels", "posters", "stickers", "T-shirts", "menus", "a shop sign",
        "vehicle decals", "business cards",
    ],
    "woodworking": [
        "shelves", "a dining table", "cutting boards", "planters", "a counter top",
        "picture frames", "benches", "a bookcase",
    ],
    "electronics": [
        "PCB assemblies", "LED controllers", "an amplifier repair", "sensor boxes",
        "cable harnesses", "custom keyboards",
    ],
    "repair": [
        "a bike tune-up", "a jacket zip", "chair restoration", "shoe resoling", "lamp rewiring",
        "a sofa reupholstery", "a phone screen",
    ],
    "packaging": ["gift boxes", "mailer boxes", "product inserts", "shipping cartons", "sleeves"],
}  # fmt: skip
PURPOSES = [
    "for our café", "for a pop-up", "for a school event", "for the farmers market",
    "for a wedding", "for our shop", "for a trade show", "for a community garden",
    "for a product launch", "for the office", "for a birthday", "for a film set",
]  # fmt: skip
REQUEST_CANCEL_REASONS = [
    "Plans changed.", "We found a solution in-house.", "The event was cancelled.",
    "The budget was cut.", "Posted by mistake.", "The deadline moved too far out.",
]  # fmt: skip
ORDER_CANCEL_REASONS = [
    "The buyer no longer needs it.", "A machine broke down; we cannot make the date.",
    "We could not agree on the finish.", "Material out of stock for weeks.",
    "Duplicate order.",
]  # fmt: skip
QUOTE_NOTES = [
    "Price includes material and finishing.", "We can start next week.",
    "Happy to send a sample first.", "Delivery within 10 km included.",
    "Files need small changes; we can do that.", "", "", "",
]  # fmt: skip
MESSAGES_BUYER = [
    "Hi, could you do this in a darker finish?", "Is the price for the whole batch?",
    "Can I collect on Saturday?", "Attached the updated drawing.", "Thanks, that works for us.",
    "Could you do it a few days sooner?", "What file format do you need?",
    "Great, see you then.", "Would a thicker material change the price?",
]  # fmt: skip
MESSAGES_PRODUCER = [
    "Yes, no problem.", "We need a vector file, SVG or DXF.", "That would add about a day.",
    "Saturday 10-14 works.", "The price covers everything, tax included.",
    "We can send a photo of the first piece.", "Thanks for the files, they look fine.",
    "Could you confirm the quantity?", "We have that material in stock.",
]  # fmt: skip
REVIEW_PHRASES = [
    "Great work and quick replies.", "Exactly what we asked for.", "Careful, precise work.",
    "A little late but worth the wait.", "Friendly and helpful from start to finish.",
    "Would order again.", "The finish is beautiful.", "Communication could be better.",
    "Fair price for the quality.", "They suggested a better material.",
    "Ready earlier than promised.", "Packaging was excellent.",
]  # fmt: skip
REPLIES = [
    "Thank you, it was a pleasure!", "Thanks for the kind words.",
    "Sorry about the delay; glad you like it.", "Thanks, see you next time.",
]  # fmt: skip
FIRST_NAMES = [
    "Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn",
    "Maria", "José", "Wei", "Aisha", "Priya", "Tom", "Lena", "Omar", "Grace", "Noah",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Garcia", "Chen", "Johnson", "Patel", "Nguyen", "Brown", "Lopez", "Kim",
    "Williams", "Okafor", "Müller", "Rossi", "Cohen", "Silva", "Davis",
]  # fmt: skip
UNUSABLE_PASSWORD = "!bench-no-password"  # Django's unusable prefix: nobody logs in with it

# COPY order (parents first) and the columns each row gives.
COLUMNS = {
    "accounts_user": (
        "id", "password", "last_login", "is_superuser", "is_staff", "is_active", "date_joined",
        "email", "name", "email_muted",
    ),
    "account_emailaddress": ("id", "email", "verified", "primary", "user_id"),
    "producers_membership": ("id", "role", "created_at", "hub_id", "user_id", "producer_id"),
    "producers_profileview": ("id", "producer_id", "day", "count"),
    "orders_jobrequest": (
        "id", "buyer_id", "title", "description", "capability_id", "second_capability_id",
        "material_id", "quantity", "needed_by", "budget_min", "budget_max", "place",
        "place_label", "lat", "lng", "handover", "radius_km", "visibility", "quote_cap",
        "status", "cancel_reason", "submission_token", "published_at", "closed_at",
        "created_at", "updated_at",
    ),
    "orders_quote": (
        "id", "job_request_id", "producer_id", "author_id", "price", "ready_by", "valid_until",
        "note", "status", "status_reason", "version", "created_at", "updated_at",
    ),
    "orders_quoterevision": (
        "id", "quote_id", "version", "price", "ready_by", "valid_until", "note", "created_at",
    ),
    "orders_order": (
        "id", "job_request_id", "quote_id", "buyer_id", "producer_id", "price", "ready_by",
        "status", "first_piece", "cancel_reason", "cancelled_by_id", "created_at", "ready_at",
        "completed_at", "cancelled_at",
    ),
    "orders_orderevent": ("id", "order_id", "text", "note", "by_id", "created_at"),
    "orders_review": (
        "id", "order_id", "producer_id", "buyer_id", "quality", "speed", "communication",
        "text", "reply", "replied_at", "created_at",
    ),
    "orders_thread": (
        "id", "job_request_id", "producer_id", "buyer_read_at", "producer_read_at",
        "last_message_at",
    ),
    "orders_message": (
        "id", "thread_id", "sender_id", "from_buyer", "body", "submission_token", "created_at",
    ),
    "orders_lead": ("id", "job_request_id", "producer_id", "invited", "created_at",
                    "first_response_at", "reached_at"),
    "orders_decline": ("id", "job_request_id", "producer_id", "by_id", "reason", "note",
                       "created_at"),
    "orders_notification": ("id", "user_id", "kind", "title", "url", "created_at", "read_at"),
}  # fmt: skip
# Loaded with their user triggers off: the quote cap (a locked count per row), the
# rating refresh (an UPDATE of the search row per review), recomputed once afterwards, and
# a lead's reached_at (a lookup of its request per row), given in its row instead.
TRIGGERED = ["orders_quote", "orders_review", "orders_lead"]


@dataclass
class Listing:
    """What the market needs of a producer the listings generator made."""

    pid: int
    lat: float | None
    lng: float | None
    town: str
    region: str
    takes_jobs: bool  # published and accepting custom jobs: requests can reach it
    published: bool
    capability_ids: list[int]
    category: str


def cell_of(lat: float, lng: float) -> tuple[int, int]:
    return math.floor(lat / CELL), math.floor(lng / CELL)


@functools.cache
def cells_around(lat: float, lng: float, km: float) -> list[tuple[int, int]]:
    """The grid cells the circle's bounding box touches (requests share a few points)."""
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, km)
    return [
        (row, col)
        for row in range(math.floor(min_lat / CELL), math.floor(max_lat / CELL) + 1)
        for col in range(math.floor(min_lng / CELL), math.floor(max_lng / CELL) + 1)
    ]


@dataclass
class Cell:
    pids: list[int] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    lngs: list[float] = field(default_factory=list)
    # For the haversine test: latitude and longitude in radians, cos(latitude).
    phis: list[float] = field(default_factory=list)
    lambdas: list[float] = field(default_factory=list)
    cosines: list[float] = field(default_factory=list)
    cum: list[float] = field(default_factory=list)  # cumulative activity weights
    points: list[tuple] = field(default_factory=list)  # (pid, phi, lambda, cos) together


class Circle:
    """Whether points are within `km` of a centre: haversine_km(...) <= km, with the square
    root and arcsine moved to the limit (both sides are monotonic), as it runs millions of
    times."""

    def __init__(self, lat: float, lng: float, km: float) -> None:
        self.phi, self.lam = math.radians(lat), math.radians(lng)
        self.cos = math.cos(self.phi)
        self.limit = math.sin(min(math.pi / 2, km / (2 * EARTH_RADIUS_KM))) ** 2

    def holds(self, phi: float, lam: float, cos: float) -> bool:
        a = (
            math.sin((phi - self.phi) / 2) ** 2
            + self.cos * cos * math.sin((lam - self.lam) / 2) ** 2
        )
        return a <= self.limit


class Reach:
    """Which producers a request reaches: per capability, a grid of the producers offering
    it, with each producer's activity weight for drawing who answers."""

    def __init__(self, listings: Sequence[Listing], weight: dict[int, float]) -> None:
        self.grid: dict[int, dict[tuple[int, int], Cell]] = {}
        for listing in listings:
            if not listing.takes_jobs or listing.lat is None:
                continue
            key = cell_of(listing.lat, listing.lng)
            for capability_id in listing.capability_ids:
                cell = self.grid.setdefault(capability_id, {}).setdefault(key, Cell())
                cell.pids.append(listing.pid)
                cell.lats.append(listing.lat)
                cell.lngs.append(listing.lng)
                cell.phis.append(math.radians(listing.lat))
                cell.lambdas.append(math.radians(listing.lng))
                cell.cosines.append(math.cos(math.radians(listing.lat)))
                cell.points.append((listing.pid, cell.phis[-1], cell.lambdas[-1], cell.cosines[-1]))
                cell.cum.append((cell.cum[-1] if cell.cum else 0.0) + weight[listing.pid])

    def _cells(self, capability_ids: list[int], lat: float, lng: float, km: float) -> list[Cell]:
        cells = []
        for capability_id in capability_ids:
            grid = self.grid.get(capability_id, {})
            cells += [grid[key] for key in cells_around(lat, lng, km) if key in grid]
        return cells

    @functools.lru_cache(maxsize=8192)  # noqa: B019 (one Reach per load)
    def _area(
        self, capability_ids: tuple[int, ...], lat: float, lng: float, km: float
    ) -> tuple[list[Cell], list[float], Circle]:
        """The cells to draw from, their cumulative weights and the circle, per place."""
        cells = self._cells(list(capability_ids), lat, lng, km)
        totals = list(itertools.accumulate(cell.cum[-1] for cell in cells))
        return cells, totals, Circle(lat, lng, km)

    def draw(
        self,
        rng: random.Random,
        capability_ids: list[int],
        lat: float,
        lng: float,
        km: float,
        count: int,
        exclude: Sequence[int] = (),
    ) -> list[int]:
        """Up to `count` distinct producers within `km`, drawn by activity weight."""
        if count <= 0:
            return []
        cells, totals, circle = self._area(tuple(capability_ids), lat, lng, km)
        if not cells:
            return []
        picked: list[int] = []
        for _ in range(count * 6):
            cell = cells[bisect.bisect_right(totals, rng.random() * totals[-1])]
            i = min(len(cell.pids) - 1, bisect.bisect_right(cell.cum, rng.random() * cell.cum[-1]))
            pid = cell.pids[i]
            if pid in picked or pid in exclude:
                continue
            if circle.holds(cell.phis[i], cell.lambdas[i], cell.cosines[i]):
                picked.append(pid)
                if len(picked) == count:
                    break
        return picked

    @functools.lru_cache(maxsize=8192)  # noqa: B019 (one Reach per load)
    def everyone(
        self, capability_ids: tuple[int, ...], lat: float, lng: float, km: float
    ) -> list[int]:
        """Every producer the app's matching_rows() would find, in id order. Circle.holds()
        written out: this runs tens of millions of times at 100k producers, and requests
        share their places (a city's point, a ZIP code's), so answers are remembered."""
        circle = Circle(lat, lng, km)
        phi0, lam0, cos0, limit = circle.phi, circle.lam, circle.cos, circle.limit
        sin = math.sin
        found: set[int] = set()
        for cell in self._cells(list(capability_ids), lat, lng, km):
            found.update(
                [
                    pid
                    for pid, phi, lam, cos in cell.points
                    if (a := sin((phi - phi0) / 2)) * a
                    + cos0 * cos * (b := sin((lam - lam0) / 2)) * b
                    <= limit
                ]
            )
        return sorted(found)


def pick(rng: random.Random, pairs: Sequence[tuple]):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


class Picker:
    """Fast weighted draws from fixed (value, weight) pairs."""

    def __init__(self, pairs: Sequence[tuple]) -> None:
        self.values = [v for v, _ in pairs]
        self.cum = list(itertools.accumulate(w for _, w in pairs))

    def __call__(self, rng: random.Random):
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def zipf(items: Sequence) -> Picker:
    """The k-th item with weight 1/k: a few popular, a long tail."""
    return Picker([(item, 1 / k) for k, item in enumerate(items, 1)])


class Market:
    """Rows of the market tables, in COPY order, chunk by chunk."""

    def __init__(
        self,
        *,
        listings: Sequence[Listing],
        hub_count: int,
        catalogue: dict,
        cities: list,
        postcodes: list,
        ranking: list[str],
        category_materials: dict[str, list[str]],
        seed: int,
        today: date,
    ) -> None:
        # Its own stream: the listings stay the same whatever the market does.
        self.rng = rng = random.Random(f"{seed}-market")
        self.today = today
        self.now = datetime(today.year, today.month, today.day, tzinfo=UTC)
        self.last = self.now - timedelta(seconds=1)  # the latest moment anything happened
        self.notified_since = self.now - timedelta(days=NOTIFICATION_DAYS)
        self.listings = list(listings)
        self.by_pid = {listing.pid: listing for listing in self.listings}
        self.hub_count = hub_count
        self.catalogue = catalogue
        scale = len(self.listings) / 100_000
        self.request_count = max(50, round(REQUESTS_PER_100K * scale))
        self.buyer_count = max(20, round(BUYERS_PER_100K * scale))

        # Activity: Pareto, so a few producers answer a large share of what reaches them.
        self.weight = {
            listing.pid: min(5000.0, rng.paretovariate(1.1)) for listing in self.listings
        }
        self.reach = Reach(self.listings, self.weight)
        # The places buyers live: towns that have producers (most), or any city by size.
        self.cities = cities  # (name, region, lat, lng, population)
        self.city_index = {(c[0], c[1]): i for i, c in enumerate(cities)}
        self.city_cum = list(itertools.accumulate(c[4] for c in cities))
        self.producer_towns = [
            self.city_index[(x.town, x.region)]
            for x in self.listings
            if (x.town, x.region) in self.city_index and x.lat is not None
        ]
        self.nearby: dict[tuple[int, int], list[Listing]] = {}
        for listing in self.listings:
            if listing.takes_jobs and listing.lat is not None:
                self.nearby.setdefault(cell_of(listing.lat, listing.lng), []).append(listing)
        self.zips: dict[tuple[int, int], list[tuple]] = {}
        self.city_zips: dict[int, list[tuple]] = {}
        for code, name, region, lat, lng in postcodes:  # in postcode order
            self.zips.setdefault(cell_of(lat, lng), []).append((code, name, region, lat, lng))

        capabilities = catalogue["capabilities"]  # slug -> (id, name, category slug)
        self.capability = {
            cid: (slug, name, cat) for slug, (cid, name, cat) in capabilities.items()
        }
        # The listings' popularity: Zipf over their ranking, materials that suit the category.
        self.popular = zipf([capabilities[s][0] for s in ranking])
        self.in_category = {
            category: zipf([capabilities[s][0] for s in ranking if capabilities[s][2] == category])
            for category in category_materials
        }
        material_id = catalogue["materials"]
        self.materials_in = {
            category: zipf([material_id[m] for m in slugs if m in material_id])
            for category, slugs in category_materials.items()
        }
        self.material_name = {i: n for n, i in catalogue["materials_by_name"]}
        self.radius = Picker(RADII)
        self.lead_days = zipf(LEAD_DAYS)
        self.quantity_band = Picker(QUANTITY_BANDS)
        self.quotes_ordered = Picker(QUOTES_ORDERED)
        self.quotes_other = Picker(QUOTES_OTHER)
        self.revisions = Picker(REVISIONS)
        self.decline_reason = Picker(DECLINE_REASONS)

        # People. Owners first: user id = producer id, then hub owners, members, buyers.
        self.producer_count = max(x.pid for x in self.listings)
        self.hub_owner_first = self.producer_count + 1
        self.member_first = self.hub_owner_first + hub_count
        self.members = [x.pid for x in self.listings if rng.random() < 0.10]
        self.buyer_first = self.member_first + len(self.members)
        # Requests per buyer are skewed: a few businesses post thousands, most post one or two.
        self.buyer_cum = list(
            itertools.accumulate(1 / k**0.6 for k in range(1, self.buyer_count + 1))
        )
        self.buyer_home = [self.home() for _ in range(self.buyer_count)]
        self.ids = dict.fromkeys(COLUMNS, 0)
        self.counts = dict.fromkeys(COLUMNS, 0)

    # --- helpers ---

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def home(self) -> int:
        rng = self.rng
        if self.producer_towns and rng.random() < 0.9:
            return rng.choice(self.producer_towns)
        return bisect.bisect_right(self.city_cum, rng.random() * self.city_cum[-1])

    def buyer(self) -> int:
        i = bisect.bisect_right(self.buyer_cum, self.rng.random() * self.buyer_cum[-1])
        return min(i, self.buyer_count - 1)

    def later(self, moment: datetime, low_hours: float, high_hours: float) -> datetime:
        """A moment `low`-`high` hours after `moment`, never after now."""
        hours = low_hours + (high_hours - low_hours) * self.rng.random()
        found = moment + timedelta(hours=hours)
        return found if found < self.last else self.last

    def owner(self, pid: int) -> int:
        return pid

    def name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    # --- people ---

    def people_rows(self) -> Iterator[tuple[str, tuple]]:
        rng = self.rng
        joined_floor = self.now - timedelta(days=HISTORY_DAYS + 200)

        def user(uid: int, email: str, joined: datetime) -> Iterator[tuple[str, tuple]]:
            last_login = self.later(joined, 0, 24 * 900) if rng.random() < 0.8 else None
            yield (
                "accounts_user",
                (uid, UNUSABLE_PASSWORD, last_login, False, False, True, joined, email,
                 self.name(), []),
            )  # fmt: skip
            yield "account_emailaddress", (self.next_id("account_emailaddress"), email, True,
                                           True, uid)  # fmt: skip

        def joined() -> datetime:
            return joined_floor + timedelta(days=rng.uniform(0, HISTORY_DAYS))

        for x in self.listings:
            yield from user(x.pid, f"owner{x.pid}@workshop.example.com", joined())
        for hub in range(1, self.hub_count + 1):
            yield from user(self.hub_owner_first + hub - 1, f"hub{hub}@hub.example.com", joined())
        for n, pid in enumerate(self.members):
            yield from user(self.member_first + n, f"member{pid}@workshop.example.com", joined())
        for n in range(self.buyer_count):
            yield from user(self.buyer_first + n, f"buyer{n + 1}@buyer.example.com", joined())
        for x in self.listings:
            yield (
                "producers_membership",
                (self.next_id("producers_membership"), "owner", joined(), None, x.pid, x.pid),
            )
        for hub in range(1, self.hub_count + 1):
            yield (
                "producers_membership",
                (self.next_id("producers_membership"), "owner", joined(), hub,
                 self.hub_owner_first + hub - 1, None),
            )  # fmt: skip
        for n, pid in enumerate(self.members):
            yield (
                "producers_membership",
                (self.next_id("producers_membership"), "member", joined(), None,
                 self.member_first + n, pid),
            )  # fmt: skip

    def profile_view_rows(self) -> Iterator[tuple[str, tuple]]:
        """Views per published producer per day over the last 60 days, by popularity."""
        rng = self.rng
        for x in self.listings:
            if not x.published:
                continue
            popularity = self.weight[x.pid] ** 0.5
            chance = min(0.95, 0.05 + 0.08 * popularity)
            for back in range(60, 0, -1):
                if rng.random() < chance:
                    count = 1 + int(rng.expovariate(1 / popularity))
                    yield (
                        "producers_profileview",
                        (self.next_id("producers_profileview"), x.pid,
                         self.today - timedelta(days=back), count),
                    )  # fmt: skip

    # --- requests ---

    def request_times(self) -> list[datetime]:
        """Creation times of every request, oldest first (ids grow with time, as in use)."""
        rng = self.rng
        span = 1 - math.exp(-HISTORY_DAYS / GROWTH_DAYS)
        ages = sorted(
            (-GROWTH_DAYS * math.log(1 - rng.random() * span) for _ in range(self.request_count)),
            reverse=True,
        )
        return [self.now - timedelta(days=age) for age in ages]

    def chunks(self) -> Iterator[list[tuple[str, tuple]]]:
        """The requests and what hangs off them, about CHUNK_ROWS rows at a time."""
        rows: list[tuple[str, tuple]] = []
        for created in self.request_times():
            rows.extend(self.request_rows(self.next_id("orders_jobrequest"), created))
            if len(rows) >= CHUNK_ROWS:
                yield rows
                rows = []
        if rows:
            yield rows

    def zips_near(self, city: int) -> list[tuple]:
        near = self.city_zips.get(city)
        if near is None:
            _name, _region, lat, lng, _population = self.cities[city]
            near = self.city_zips[city] = [
                z
                for z in self.zips.get(cell_of(lat, lng), [])
                if haversine_km(lat, lng, z[3], z[4]) <= 15
            ]
        return near

    def place(self, city: int) -> tuple[str, str, float, float]:
        """(place, place_label, lat, lng) as the geocoder would give them for the text typed:
        the city's point, or a ZIP code near it."""
        rng = self.rng
        name, region, lat, lng, _population = self.cities[city]
        if rng.random() < 0.45:
            near = self.zips_near(city)
            if near:
                code, town, zip_region, zlat, zlng = rng.choice(near)
                return code, f"{code} ({town}, {zip_region})", zlat, zlng
        return f"{name}, {region}", f"{name}, {region}, US", lat, lng

    def request_rows(self, rid: int, created: datetime) -> Iterator[tuple[str, tuple]]:
        rng = self.rng
        buyer_n = self.buyer()
        buyer = self.buyer_first + buyer_n
        place, place_label, lat, lng = self.place(self.buyer_home[buyer_n])

        # What is asked: mostly what producers near the buyer make.
        near = self.nearby.get(cell_of(lat, lng))
        if near and rng.random() < 0.75:
            maker = rng.choice(near)
            capability_id = (
                maker.capability_ids[0] if rng.random() < 0.6 else rng.choice(maker.capability_ids)
            )
        else:
            capability_id = self.popular(rng)
        _slug, capability_name, category = self.capability[capability_id]
        second = None
        if rng.random() < 0.12:
            other = self.in_category[category](rng)
            second = other if other != capability_id else None
        material = self.materials_in[category](rng) if rng.random() < 0.65 else None
        low, high = self.quantity_band(rng)
        quantity = rng.randint(low, high)
        item = rng.choice(ITEMS[category])
        title = f"{quantity} × {item}" if quantity > 1 else item[0].upper() + item[1:]
        if material:
            title += f" in {self.material_name[material].lower()}"
        if rng.random() < 0.4:
            title += f" {rng.choice(PURPOSES)}"
        description = (
            f"{title}. We need {capability_name.lower()}"
            + (f" in {self.material_name[material].lower()}" if material else "")
            + f". {rng.choice(QUOTE_NOTES) or 'Drawings attached.'} "
            + ("Pickup works for us." if rng.random() < 0.6 else "Please deliver.")
        )
        needed_by = created.date() + timedelta(days=self.lead_days(rng))
        budget_min = budget_max = None
        if rng.random() < 0.55:
            unit = math.exp(rng.gauss(2.5, 1.0))
            budget_max = Decimal(max(10, round(unit * quantity**0.8))).quantize(Decimal("1.00"))
            if rng.random() < 0.7:
                budget_min = (budget_max * Decimal("0.5")).quantize(Decimal("1.00"))
        radius = self.radius(rng)
        invited_only = rng.random() < 0.06
        handover = "pickup" if rng.random() < 0.6 else "delivery"
        capability_ids = [capability_id] + ([second] if second else [])

        # What became of it.
        draft = rng.random() < 0.015
        published = None if draft else self.later(created, 0.02, 6)
        due = needed_by >= self.today
        if draft:
            outcome = "draft"
        elif due:
            outcome = pick(rng, [("ordered", 35), ("cancelled", 3), ("open", 62)])
        else:
            outcome = pick(rng, [("ordered", 84), ("expired", 10), ("cancelled", 6)])
        invited: list[int] = []
        if invited_only and not draft:
            invited = self.reach.draw(rng, capability_ids, lat, lng, 100, rng.randint(1, 3))
            if not invited:
                invited_only = False
        # When it closed: accepted, cancelled or expired.
        closed = None
        if outcome in ("ordered", "cancelled"):
            window = (datetime(needed_by.year, needed_by.month, needed_by.day, tzinfo=UTC)
                      - published).total_seconds() / 3600  # fmt: skip
            closed = self.later(published, min(4, window / 2), max(5, window * 0.7))
            if closed >= self.now - timedelta(hours=1) and outcome == "ordered" and due:
                outcome = "open"  # too new to have been accepted
                closed = None
        elif outcome == "expired":
            closed = min(
                self.now - timedelta(seconds=1),
                datetime(needed_by.year, needed_by.month, needed_by.day, tzinfo=UTC)
                + timedelta(days=1, minutes=5),
            )

        # Who answered.
        quoters: list[int] = []
        if not draft:
            count = self.quotes_ordered(rng) if outcome == "ordered" else self.quotes_other(rng)
            if invited_only:
                quoters = [p for p in invited if rng.random() < 0.8][:count]
            else:
                quoters = self.reach.draw(rng, capability_ids, lat, lng, radius, count)
            if outcome == "ordered" and not quoters:
                outcome = "open" if due else "expired"
                if outcome == "expired":
                    closed = min(
                        self.now - timedelta(seconds=1),
                        datetime(needed_by.year, needed_by.month, needed_by.day, tzinfo=UTC)
                        + timedelta(days=1, minutes=5),
                    )
                else:
                    closed = None
        status = outcome
        cancel_reason = rng.choice(REQUEST_CANCEL_REASONS) if status == "cancelled" else ""
        last_change = closed or published or created
        yield (
            "orders_jobrequest",
            (rid, buyer, title[:120], description, capability_id, second, material, quantity,
             needed_by, budget_min, budget_max, place, place_label, lat, lng, handover, radius,
             "invited" if invited_only else "open", QUOTE_CAP, status, cancel_reason, None,
             published, closed, created, last_change),
        )  # fmt: skip
        self.counts["orders_jobrequest"] += 1
        if draft:
            return

        leads: dict[int, list] = {}  # pid -> [invited, created_at, first_response_at]
        for pid in invited:
            leads[pid] = [True, published, None]

        def responded(pid: int, moment: datetime) -> None:
            lead = leads.setdefault(pid, [False, published, None])
            if lead[2] is None or moment < lead[2]:
                lead[2] = moment

        # Quotes, before the request closed (or now).
        until = closed or self.now
        quotes = []
        for pid in quoters:
            quoted = self.later(published, 0.2, max(0.3, (until - published).total_seconds()
                                                     / 3600 * 0.8))  # fmt: skip
            if quoted >= until:
                quoted = published + (until - published) / 2
            quotes.append(self.quote(rid, pid, quoted, until, quantity, needed_by, budget_max))
            responded(pid, quoted)
        accepted = None
        if status == "ordered":
            live = [q for q in quotes if q["status"] == "active"]
            if not live:
                quotes[0]["status"] = "active"
                quotes[0]["reason"] = ""
                live = [quotes[0]]
            weights = [self.weight[q["pid"]] ** 0.5 / float(q["price"]) ** 0.3 for q in live]
            accepted = rng.choices(live, weights=weights)[0]
            # It was current when accepted.
            accepted["valid_until"] = max(accepted["valid_until"], closed.date())
        for q in quotes:
            if q is accepted:
                q["status"], q["updated"] = "accepted", closed
            elif q["status"] == "active" and status == "ordered":
                q["status"], q["reason"] = "declined", "The buyer chose another quote."
                q["updated"] = closed
            elif q["status"] == "active" and status == "cancelled":
                q["status"], q["reason"] = "declined", "The buyer cancelled the request."
                q["updated"] = closed
        for q in quotes:
            yield from self.quote_rows(q, buyer)

        # Declines and questions from others the request reached.
        others = []
        if not invited_only and rng.random() < 0.3:
            others = self.reach.draw(
                rng, capability_ids, lat, lng, radius, rng.randint(1, 2), exclude=quoters
            )
        decliners = others[:1] if others and rng.random() < 0.7 else []
        for pid in decliners:
            moment = self.later(published, 0.5, 72)
            if moment < until:
                yield (
                    "orders_decline",
                    (self.next_id("orders_decline"), rid, pid, self.owner(pid),
                     self.decline_reason(rng), "" if rng.random() < 0.7 else "Sorry, not now.",
                     moment),
                )  # fmt: skip
                responded(pid, moment)
        askers = [p for p in others if p not in decliners]
        talkers = [p for p in quoters if rng.random() < 0.35] + askers
        for pid in talkers:
            leads.setdefault(pid, [False, published, None])
            yield from self.thread_rows(rid, pid, buyer, published, until, responded)

        # The order.
        if accepted is not None:
            yield from self.order_rows(rid, accepted, buyer, closed, handover)

        # Leads: every producer reached while it is recent or open, else those that answered.
        if not invited_only and (status == "open" or published >= self.now - timedelta(
                days=FULL_LEADS_DAYS)):  # fmt: skip
            for pid in self.reach.everyone(tuple(capability_ids), lat, lng, radius):
                leads.setdefault(pid, [False, published, None])
        first_id = self.ids["orders_lead"] + 1
        self.ids["orders_lead"] += len(leads)
        for n, pid in enumerate(sorted(leads)):
            # Every lead here is made at the request's publication: it reached then.
            yield "orders_lead", (first_id + n, rid, pid, *leads[pid], published)

    def quote(self, rid, pid, quoted, until, quantity, needed_by, budget_max) -> dict:
        rng = self.rng
        if budget_max is not None and rng.random() < 0.7:
            price = float(budget_max) * rng.uniform(0.6, 1.15)
        else:
            price = math.exp(rng.gauss(2.6, 0.9)) * quantity**0.8 + 15
        ready_by = needed_by - timedelta(days=rng.randint(0, 5))
        if rng.random() < 0.1:
            ready_by = needed_by + timedelta(days=rng.randint(1, 7))  # late
        ready_by = max(ready_by, quoted.date() + timedelta(days=1))
        status, reason = "active", ""
        if rng.random() < 0.04:
            status, reason = "withdrawn", "Withdrawn by the workshop."
        return {
            "id": self.next_id("orders_quote"),
            "rid": rid,
            "pid": pid,
            "price": Decimal(round(max(1.0, price), 2)).quantize(Decimal("1.00")),
            "ready_by": ready_by,
            "valid_until": quoted.date() + timedelta(days=rng.choice([14, 21, 30, 45])),
            "note": rng.choice(QUOTE_NOTES),
            "status": status,
            "reason": reason,
            "created": quoted,
            "updated": (
                min(until - timedelta(seconds=1), self.later(quoted, 1, 48))
                if status == "withdrawn"
                else quoted
            ),
            "until": until,
        }

    def quote_rows(self, q: dict, buyer: int) -> Iterator[tuple[str, tuple]]:
        rng = self.rng
        versions = self.revisions(rng)
        moment, price = q["created"], q["price"]
        # Earlier versions asked more; the quote row holds the last.
        history = []
        for version in range(1, versions + 1):
            factor = Decimal(1 + 0.08 * (versions - version))
            history.append((version, (price * factor).quantize(Decimal("1.00")), moment))
            if version < versions:
                moment = min(q["until"] - timedelta(seconds=version), self.later(moment, 2, 72))
                moment = max(moment, history[-1][2] + timedelta(seconds=1))
        updated = max(q["updated"], history[-1][2])
        yield (
            "orders_quote",
            (q["id"], q["rid"], q["pid"], self.owner(q["pid"]), price, q["ready_by"],
             q["valid_until"], q["note"], q["status"], q["reason"], versions, q["created"],
             updated),
        )  # fmt: skip
        self.counts["orders_quote"] += 1
        for version, version_price, at in history:
            yield (
                "orders_quoterevision",
                (self.next_id("orders_quoterevision"), q["id"], version, version_price,
                 q["ready_by"], q["valid_until"], q["note"], at),
            )  # fmt: skip
        yield from self.notification(
            buyer, "quote", f"New quote on request #{q['rid']}", f"/requests/{q['rid']}/",
            q["created"],
        )  # fmt: skip

    def notification(self, user, kind, title, url, at) -> Iterator[tuple[str, tuple]]:
        if at < self.notified_since:
            return
        rng = self.rng
        read = None
        if at < self.now - timedelta(days=14) or rng.random() < 0.5:
            read = self.later(at, 0.1, 96)
        yield "orders_notification", (self.next_id("orders_notification"), user, kind, title,
                                      url, at, read)  # fmt: skip

    def thread_rows(self, rid, pid, buyer, published, until, responded):
        rng = self.rng
        tid = self.next_id("orders_thread")
        messages = []
        moment = self.later(published, 0.5, 96)
        from_buyer = rng.random() < 0.6
        for _ in range(1 + min(9, int(rng.expovariate(0.5)))):
            if moment >= self.now:
                break
            messages.append((moment, from_buyer))
            from_buyer = not from_buyer if rng.random() < 0.8 else from_buyer
            moment = self.later(moment, 0.2, 48)
        if not messages:
            return
        last = messages[-1][0]
        recent = last > self.now - timedelta(days=7)
        buyer_read = last if not recent or rng.random() < 0.5 else None
        producer_read = last if not recent or rng.random() < 0.5 else None
        yield "orders_thread", (tid, rid, pid, buyer_read, producer_read, last)
        for at, mine in messages:
            body = rng.choice(MESSAGES_BUYER if mine else MESSAGES_PRODUCER)
            yield (
                "orders_message",
                (self.next_id("orders_message"), tid, buyer if mine else self.owner(pid), mine,
                 body, None, at),
            )  # fmt: skip
            if not mine:
                responded(pid, at)
            yield from self.notification(
                self.owner(pid) if mine else buyer, "message", f"New message on #{rid}",
                f"/requests/{rid}/", at,
            )  # fmt: skip

    def order_rows(self, rid, q, buyer, accepted_at, handover) -> Iterator[tuple[str, tuple]]:
        rng = self.rng
        oid = self.next_id("orders_order")
        owner = self.owner(q["pid"])
        url = f"/orders/{oid}/"
        events = [(accepted_at, "Quote accepted; in production", "", buyer)]
        ready_by = q["ready_by"]
        ready_day = datetime(ready_by.year, ready_by.month, ready_by.day, 15, tzinfo=UTC)
        first_piece = ""
        if rng.random() < 0.08:
            sent = self.later(accepted_at, 12, 96)
            events.append((sent, "First piece sent for approval", "", owner))
            first_piece = "pending"
            if sent < self.now - timedelta(days=1) or rng.random() < 0.5:
                answered = self.later(sent, 1, 48)
                if rng.random() < 0.85:
                    events.append((answered, "First piece approved", "", buyer))
                    first_piece = "approved"
                else:
                    events.append(
                        (answered, "Changes asked on the first piece", "A bit darker, please.",
                         buyer)
                    )  # fmt: skip
                    first_piece = "changes"
                    if answered < self.now - timedelta(days=2):
                        resent = self.later(answered, 12, 48)
                        events.append((resent, "First piece sent for approval", "", owner))
                        approved = self.later(resent, 1, 24)
                        events.append((approved, "First piece approved", "", buyer))
                        first_piece = "approved"
        start = events[-1][0]
        ready_at = ready_day + timedelta(hours=rng.uniform(-72, 96))
        ready_at = max(ready_at, start + timedelta(hours=2))
        status = "production"
        cancelled_at = completed_at = None
        cancel_reason = ""
        cancelled_by = None
        if rng.random() < 0.05:
            hours = max(7.0, (ready_at - start).total_seconds() / 3600)
            cancelled_at = self.later(start, 6, hours)
            if cancelled_at < self.now - timedelta(minutes=1):
                status = "cancelled"
                cancel_reason = rng.choice(ORDER_CANCEL_REASONS)
                cancelled_by = buyer if rng.random() < 0.5 else owner
                events.append((cancelled_at, "Cancelled", cancel_reason, cancelled_by))
        holds = first_piece in ("pending", "changes")
        if status == "production" and not holds and ready_at < self.now:
            status = "ready"
            text = "Ready to collect" if handover == "pickup" else "Ready for delivery"
            events.append((ready_at, text, "", owner))
            completed_at = ready_at + timedelta(hours=rng.uniform(2, 24 * 7))
            if completed_at < self.now and rng.random() < 0.985:
                status = "completed"
                events.append((completed_at, "Received and completed", "", buyer))
            else:
                completed_at = None
        if status not in ("ready", "completed"):
            ready_at = None
        yield (
            "orders_order",
            (oid, rid, q["id"], buyer, q["pid"], q["price"], ready_by, status, first_piece,
             cancel_reason, cancelled_by, accepted_at, ready_at, completed_at, cancelled_at),
        )  # fmt: skip
        self.counts["orders_order"] += 1
        for at, text, note, by in events:
            yield "orders_orderevent", (self.next_id("orders_orderevent"), oid, text, note, by, at)
            other = owner if by == buyer else buyer
            yield from self.notification(other, "order", text, url, at)
        if status == "completed" and rng.random() < REVIEW_RATE:
            reviewed = self.later(completed_at, 1, 24 * 10)
            if reviewed < self.now - timedelta(minutes=1):
                yield from self.review_rows(oid, q["pid"], buyer, reviewed, url)

    def review_rows(self, oid, pid, buyer, at, url) -> Iterator[tuple[str, tuple]]:
        rng = self.rng
        # Each producer has its own level; most reviews are good.
        level = 3.6 + 1.3 * ((self.weight[pid] * 7919) % 1)

        def score() -> int:
            return max(1, min(5, round(rng.gauss(level, 0.8))))

        text = " ".join(rng.sample(REVIEW_PHRASES, rng.randint(1, 3)))
        reply, replied = "", None
        if rng.random() < 0.25:
            replied = self.later(at, 2, 24 * 5)
            reply = rng.choice(REPLIES)
        yield (
            "orders_review",
            (self.next_id("orders_review"), oid, pid, buyer, score(), score(), score(), text,
             reply, replied, at),
        )  # fmt: skip
        self.counts["orders_review"] += 1
        yield from self.notification(self.owner(pid), "review", "New review", url, at)
