"""Demo requests, quotes, orders in every state, messages and reviews, after the
producers' demo neighbourhood (`manage.py seed_demo`).

Everything goes through the services, so the demo holds exactly what real use would:
leads, notifications, timelines and revisions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from io import TextIOBase

from django.db import transaction
from django.http import QueryDict
from django.test.utils import override_settings
from django.utils import timezone

from hubdir.accounts.models import User
from hubdir.geo.grid import grid_cell
from producers import saved, search, suggestions
from producers.demand import visitor_hash
from producers.demo import seed_demo
from producers.models import Capability, Hub, Material, Producer, SavedSearch, SearchMiss

from . import services
from .models import JobRequest

PORTLAND_SE = {
    "place": "97214",
    "place_label": "97214 (Portland, OR)",
    "lat": 45.5149,
    "lng": -122.6434,
}

REQUESTS = [
    # (title, capability, material, quantity, days, state)
    ("40 engraved walnut coasters for our café", "laser-cutting", "walnut", 40, 21, "open"),
    ("Acrylic table signs, 25 pieces", "laser-cutting", "acrylic", 25, 14, "open"),
    ("Vinyl window lettering for a new shop", "vinyl-cutting", None, 1, 10, "open"),
    ("Gift tags for the holiday market", "laser-cutting", "plywood", 300, 30, "draft"),
    ("Engraved acrylic name plates for 12 doors", "laser-cutting", "acrylic", 12, 18, "production"),
    ("Engraved cutting boards, 20 pieces", "laser-cutting", "walnut", 20, 12, "ready"),
    ("Plywood display stands for a pop-up", "laser-cutting", "plywood", 8, 9, "completed"),
    ("Laser-cut stencils for a mural", "laser-cutting", "cardboard", 6, 15, "cancelled"),
    ("Steel shelf brackets, 30 pieces", "welding", "mild-steel", 30, 20, "completed"),
    ("Reupholster six café chairs", "upholstery", "leather", 6, 25, "completed"),
    ("Sourdough loaves for a launch party", "baking", "food-ingredients", 60, 7, "completed"),
    ("Embroidered logo on 25 aprons", "embroidery", "cotton", 25, 16, "completed"),
]
# The buyer's review of each completed order: (quality, speed, communication, text, reply).
REVIEWS = {
    "Plywood display stands for a pop-up": (
        5,
        4,
        5,
        "Clean cuts, exactly on size, and ready a day early.",
        "Thank you! Good luck with the pop-up.",
    ),
    "Steel shelf brackets, 30 pieces": (4, 3, 4, "Solid welds; a couple of days late.", ""),
    "Reupholster six café chairs": (
        5,
        5,
        4,
        "The chairs look new and the leather is lovely.",
        "",
    ),
    "Sourdough loaves for a launch party": (3, 5, 3, "Tasty, but two loaves were underbaked.", ""),
    "Embroidered logo on 25 aprons": (5, 4, 5, "Crisp stitching, colours matched.", "Thanks!"),
}


def _details(
    capability: Capability, material: Material | None, title: str, qty: int, days: int
) -> services.RequestDetails:
    return services.RequestDetails(
        **{
            "title": title,
            "description": f"{title}. Files attached where we have them; happy to talk through "
            "finishes and packing. Pickup on the east side works for us.",
            "capability": capability,
            "second_capability": None,
            "material": material,
            "quantity": qty,
            "needed_by": timezone.localdate() + timedelta(days=days),
            "budget_min": Decimal(qty * 3),
            "budget_max": Decimal(qty * 9),
            "handover": "pickup",
            "radius_km": 25,
            "visibility": "open",
            **PORTLAND_SE,
        }
    )


def seed_everything(*, stdout: TextIOBase | None = None) -> dict[str, User]:
    """The whole demo: the neighbourhood (producers' demo), then its market. Idempotent."""
    users = seed_demo()
    seed_market(buyer=users["buyer"])
    seed_keeping(buyer=users["buyer"], staff=users["staff"])
    seed_demand()
    if stdout:
        stdout.write(
            f"Demo: {len(users)} accounts, {Hub.objects.count()} hubs, "
            f"{Producer.objects.published().count()} published producers, "
            f"{JobRequest.objects.count()} job requests with quotes, orders and reviews."
        )
    return users


def seed_market(*, buyer: User) -> int:
    """Add the demo market once; returns how many requests it made (0 when present)."""
    if JobRequest.objects.filter(buyer=buyer).exists():
        return 0
    # Seeding notifies like real use would. The override wraps the commit too, so the emails
    # that the immediate task backend sends on commit (as in `make run`) go to memory, not out.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        for title, cap_slug, material_slug, qty, days, state in REQUESTS:
            capability = Capability.objects.get(slug=cap_slug)
            material = Material.objects.filter(slug=material_slug).first()
            job = services.request_create(
                buyer=buyer,
                details=_details(capability, material, title, qty, days),
                publish=state != "draft",
            )
            if state == "draft":
                continue
            quoting = list(Producer.objects.filter(leads__job_request=job).order_by("pk")[:3])
            quotes = []
            for n, producer in enumerate(quoting):
                person = producer.memberships.order_by("pk").first().user
                quotes.append(
                    services.quote_create(
                        job=job,
                        producer=producer,
                        by=person,
                        price=Decimal(qty * (4 + 2 * n)),
                        ready_by=timezone.localdate() + timedelta(days=max(days - 3 + n, 1)),
                        valid_until=timezone.localdate() + timedelta(days=14),
                        note="Price includes setup and one test piece.",
                    )
                )
            if quotes and state == "open":
                services.message_send(
                    job=job,
                    producer=quotes[0].producer,
                    by=buyer,
                    from_buyer=True,
                    body="Could you do a darker finish for the same price?",
                )
                first = quotes[0]
                services.quote_revise(
                    quote=first,
                    by=first.author,
                    price=(first.price * Decimal("0.95")).quantize(Decimal("0.01")),
                    ready_by=first.ready_by,
                    valid_until=first.valid_until,
                    note="Darker finish included; a little cheaper as we have stock.",
                )
            if state in ("production", "ready", "completed", "cancelled") and quotes:
                order = services.quote_accept(quote=quotes[0], by=buyer)
                maker = quotes[0].author
                if state == "cancelled":
                    services.order_cancel(order=order, by=buyer, reason="The mural was postponed.")
                if state in ("ready", "completed"):
                    services.order_mark_ready(order=order, by=maker, note="On the pickup shelf.")
                if state == "completed":
                    services.order_complete(order=order, by=buyer)
                    quality, speed, communication, text, reply = REVIEWS[title]
                    review = services.review_create(
                        order=order,
                        by=buyer,
                        quality=quality,
                        speed=speed,
                        communication=communication,
                        text=text,
                    )
                    if reply:
                        services.review_reply(review=review, by=maker, reply=reply)
    return len(REQUESTS)


def seed_keeping(*, buyer: User, staff: User) -> None:
    """The buyer's saved search, shortlist, and workshops neighbours suggested (one listed
    unclaimed, one waiting for staff). Once."""
    if buyer.saved_searches.exists():
        return
    state = search.parse(QueryDict("capability=laser-cutting&place=97214&radius=25"))
    kept = saved.saved_search_create(
        user=buyer, state=state, name="Laser cutting near me", frequency="daily"
    )
    # Saved before the demo's workshops were listed, so `send_search_alerts` has news at once.
    SavedSearch.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=30))
    for producer in Producer.objects.receiving_requests().filter(
        capabilities__slug="laser-cutting"
    )[:3]:
        saved.favourite_add(user=buyer, producer=producer)
    place = {"place": "97211", "place_label": "97211 (Portland, OR)"}
    listed = suggestions.suggestion_create(
        by=buyer,
        name="Alberta Street Sign Shop",
        capabilities=Capability.objects.filter(slug__in=["vinyl-cutting", "laser-cutting"]),
        lat=45.5646,
        lng=-122.6466,
        note="Behind the bike shop; hand-painted and vinyl signs, I saw a laser cutter inside.",
        **place,
    )
    suggestions.suggestion_accept(suggestion=listed, by=staff)
    suggestions.suggestion_create(
        by=buyer,
        name="Garage Upholstery on NE 30th",
        capabilities=Capability.objects.filter(slug="upholstery"),
        lat=45.5500,
        lng=-122.6350,
        contact_email="garage.upholstery@demo.hubdir.test",
        note="Open Saturdays, redid our café chairs.",
        **place,
    )


# The unmet-demand map's demo: asks no demo workshop answers, from several residents, spread
# over the last months. (place, lat, lng, capability, residents, expired, days ago of the first)
DEMAND = [
    ("97214 (Portland, OR)", 45.5149, -122.6434, "leatherwork", 5, False, 150),
    ("Gresham, OR", 45.4987, -122.4313, "coffee-roasting", 3, True, 100),
    ("Beaverton, OR", 45.4871, -122.8037, "pcb-assembly", 4, False, 60),
    # Two people only: under the threshold, so the map leaves it out.
    ("Milwaukie, OR", 45.4462, -122.6393, "watch-and-clock-repair", 2, False, 40),
]
# Searches near a place that found nothing: (lat, lng, words, visitors, days ago of the first)
DEMAND_SEARCHES = [
    (45.5149, -122.6434, "glassblowing", 6, 120),
    (45.4871, -122.8037, "pottery kiln", 3, 30),
]


def seed_demand() -> int:
    """Requests no workshop reached (some expired without a quote) and searches that found
    nothing, so `make run` shows a demand map with areas in it. Idempotent."""
    if SearchMiss.objects.exists():
        return 0
    today = timezone.localdate()
    made = 0
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        for place, lat, lng, cap_slug, residents, expire, first in DEMAND:
            capability = Capability.objects.get(slug=cap_slug)
            for n in range(residents):
                resident, _ = User.objects.get_or_create(
                    email=f"resident{made + 1}@demo.hubdir.test",
                    defaults={"name": f"Demo resident {made + 1}"},
                )
                details = replace(
                    _details(capability, None, f"{capability.name} near {place}", 10, 30),
                    place=place,
                    place_label=place,
                    lat=lat,
                    lng=lng,
                    radius_km=10,
                )
                job = services.request_create(buyer=resident, details=details, publish=True)
                published = timezone.now() - timedelta(days=first - n * (first // residents))
                changes = {"published_at": published}
                if expire:
                    changes |= {
                        "status": JobRequest.Status.EXPIRED,
                        "needed_by": today - timedelta(days=2),
                        "closed_at": timezone.now(),
                    }
                JobRequest.objects.filter(pk=job.pk).update(**changes)
                made += 1
        misses = []
        for lat, lng, words, visitors, first in DEMAND_SEARCHES:
            row, col = grid_cell(lat, lng)
            for n in range(visitors):
                day = today - timedelta(days=first - n * (first // visitors))
                misses.append(
                    SearchMiss(
                        day=day,
                        words=words,
                        cell_row=row,
                        cell_col=col,
                        visitor=visitor_hash(f"demo-session-{n}", day),
                    )
                )
        SearchMiss.objects.bulk_create(misses)
    return made + len(misses)
