"""Open data: the published listings as JSON, GeoJSON (RFC 7946), CSV and iCal.

Any search is also a feed: the parameters are the search page's, parsed by the same
`search.parse()`, and the rows are the same search table's, which holds published producers
only (drafts, pending, rejected and suspended listings have no row). Field names follow Open
Referral HSDS (organization, location, regular_schedule) and schema.org where they fit.
Nothing here reads members, requests, buyers or files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .models import Hub, OpeningHours, Producer, ProducerSearch
from .search import catalogue, parse
from .search.params import all_conditions

LICENSE = {
    "name": "Open Data Commons Open Database License (ODbL) 1.0",
    "url": "https://opendatacommons.org/licenses/odbl/1-0/",
    "attribution": "Hubdir contributors",
}
PAGE_SIZES = {"json": 100, "geojson": 100, "csv": 1000}
# Parameters only a feed takes; everything else is the search page's.
FEED_PARAMS = ("after", "modified_after")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
CSV_COLUMNS = (
    "id",
    "name",
    "description",
    "url",
    "website",
    "email",
    "phone",
    "services",
    "latitude",
    "longitude",
    "address_1",
    "city",
    "state_province",
    "postal_code",
    "country",
    "hub_id",
    "hub_name",
    "verified",
    "confirmed_by_owner",
    "created",
    "last_modified",
    "assured_date",
)


class FeedError(ValueError):
    """A feed-only parameter that cannot be read; the message says which and why."""


@dataclass
class FeedPage:
    items: list[dict]
    next_url: str | None
    notices: list[str] = field(default_factory=list)


def public_location(listing: Producer | Hub) -> dict:
    """The point and address a public output may show, in HSDS names: the listing's own
    public_point() and, for a home workshop that shows only an approximate location, no
    street or postcode (public_address() is its town and region)."""
    point = listing.public_point()
    if point is not None:
        point = (round(point[0], 6), round(point[1], 6))
        # A 0,0 point is a missing location mistaken for one, never a workshop.
        if point == (0, 0):
            point = None
    approximate = listing.approximate_location
    return {
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "address_1": None if approximate else listing.address_line,
        "city": listing.town,
        "state_province": listing.region,
        "postal_code": None if approximate else listing.postcode,
        "country": listing.country_code,
        "approximate": approximate,
    }


def _after(query: QueryDict) -> tuple[int, datetime | None]:
    raw_after = query.get("after", "")
    after = 0
    if raw_after:
        if not raw_after.isdigit() or len(raw_after) > 12:
            raise FeedError("“after” must be the id of the last item of the previous page.")
        after = int(raw_after)
    raw = query.get("modified_after", "")
    if not raw:
        return after, None
    try:
        when = parse_datetime(raw)
        day = None if when else parse_date(raw)
    except ValueError:
        when = day = None
    if day:
        when = datetime.combine(day, datetime.min.time())
    if not when:
        raise FeedError(
            "“modified_after” must be a date or time, like 2026-01-31 or 2026-01-31T12:00:00Z."
        )
    if timezone.is_naive(when):
        when = timezone.make_aware(when, UTC)
    return after, when


def feed_page(query: QueryDict, *, fmt: str, base: str, path: str) -> FeedPage:
    """One page of the search the parameters ask for, in id order (stable across harvests):
    `after` is the last id seen, `modified_after` keeps only listings changed since;
    links start with `base` (scheme and host)."""
    after, modified_after = _after(query)
    search_query = query.copy()
    for name in (*FEED_PARAMS, "page", "sort", "expand"):
        search_query.pop(name, None)
    state = parse(search_query)
    if state.place_error:
        # The search page shows everything with the error beside it; a harvester would take
        # the whole directory for the place it asked for.
        raise FeedError(state.place_error)
    rows = ProducerSearch.objects.filter(all_conditions(state), pk__gt=after)
    if modified_after:
        rows = rows.filter(producer__updated_at__gt=modified_after)
    size = PAGE_SIZES[fmt]
    rows = (
        rows.select_related("producer__hub")
        # Long texts and search columns no item shows: loading them was a third of a page.
        .defer("document", "facet_keys", "open_hours", "producer__description")
        # The hours ride in the same statement, as a JSON list per row.
        .annotate(
            hours_json=ArraySubquery(
                OpeningHours.objects.filter(producer=OuterRef("pk"))
                .order_by("weekday", "opens")
                .values(
                    json=JSONObject(
                        weekday="weekday", opens="opens", closes="closes", walk_in="walk_in"
                    )
                )
            )
        )
        .order_by("pk")[: size + 1]
    )
    found = list(rows)
    links = _Links(base)
    items = [_item(row, links) for row in found[:size]]
    next_url = None
    if len(found) > size:
        following = query.copy()
        following["after"] = str(items[-1]["id"])
        next_url = f"{base}{path}?{following.urlencode()}"
    return FeedPage(items, next_url, list(state.notices))


class _Links:
    """What every item of a page links with, worked out once per page: each address is
    reversed once with a stand-in slug and each item's slug put in its place (three
    reverse() calls per item were a tenth of a page's CPU; a slug needs no quoting), and
    the catalogue's services by id."""

    STAND_IN = "slug-stand-in"

    def __init__(self, base: str):
        self.profile = self._slugged(base, "producers:profile")
        self.calendar = self._slugged(base, "producers:feed_producer_ics")
        self.hub = self._slugged(base, "producers:hub")
        self.services = {pk: (slug, name) for slug, (pk, name) in catalogue()["capability"].items()}

    @classmethod
    def _slugged(cls, base: str, name: str) -> Callable[[str], str]:
        head, _, tail = reverse(name, args=[cls.STAND_IN]).rpartition(cls.STAND_IN)
        return lambda slug: f"{base}{head}{slug}{tail}"


def _services(capability_ids: list[int], by_id: dict[int, tuple[str, str]]) -> list[dict]:
    return [{"id": by_id[pk][0], "name": by_id[pk][1]} for pk in capability_ids if pk in by_id]


def _schedule(hours: list[dict]) -> list[dict]:
    """HSDS's regular_schedule: each opening as a weekday and local times ("09:00")."""
    return [
        {
            "byday": WEEKDAYS[h["weekday"]],
            "opens_at": h["opens"][:5],
            "closes_at": h["closes"][:5],
            "walk_in": h["walk_in"],
        }
        for h in hours
    ]


def _assured(producer: Producer) -> str | None:
    """HSDS's assured_date: when staff last approved the listing or verified it on site."""
    dates = [d for d in (producer.published_at, producer.verified_at) if d]
    return max(dates).date().isoformat() if dates else None


def _item(row: ProducerSearch, links: _Links) -> dict:
    producer = row.producer
    hub = producer.hub if producer.hub and producer.hub.is_published else None
    return {
        "id": producer.pk,
        "name": producer.name,
        "description": producer.tagline,
        "url": links.profile(producer.slug),
        "website": producer.website,
        "email": producer.public_email,
        "phone": producer.phone,
        "services": _services(row.capability_ids, links.services),
        "location": public_location(producer),
        "hub": ({"id": hub.pk, "name": hub.name, "url": links.hub(hub.slug)} if hub else None),
        "verified": producer.verified,
        # False for a workshop neighbours suggested and no owner has claimed yet: its
        # details are hearsay, not facts (it never receives requests).
        "confirmed_by_owner": not producer.is_unclaimed,
        "time_zone": producer.time_zone,
        "regular_schedule": _schedule(row.hours_json),  # type: ignore[attr-defined]
        "calendar": links.calendar(producer.slug),
        "created": producer.created_at.isoformat(),
        "last_modified": producer.updated_at.isoformat(),
        "assured_date": _assured(producer),
    }


def as_json(page: FeedPage) -> dict:
    return {
        "license": LICENSE,
        "items": page.items,
        "next": page.next_url,
        "notices": page.notices,
    }


def as_geojson(page: FeedPage) -> dict:
    """A FeatureCollection: [longitude, latitude] to 6 decimals, no `crs` (RFC 7946 §4),
    a listing without a point has a null geometry (§3.2), never a 0,0 one."""
    features = []
    for item in page.items:
        location = dict(item["location"])
        lat, lng = location.pop("latitude"), location.pop("longitude")
        geometry = {"type": "Point", "coordinates": [lng, lat]} if lat is not None else None
        features.append(
            {
                "type": "Feature",
                "id": item["id"],
                "geometry": geometry,
                "properties": {**item, "location": location},
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "license": LICENSE,
        "next": page.next_url,
    }


def safe_cell(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP);
    numbers stay numbers, so a negative longitude is still a number."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def as_csv(page: FeedPage) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in page.items:
        flat = {
            **item,
            **item["location"],
            "services": "; ".join(s["name"] for s in item["services"]),
            "hub_id": item["hub"]["id"] if item["hub"] else None,
            "hub_name": item["hub"]["name"] if item["hub"] else None,
            "verified": "yes" if item["verified"] else "no",
            "confirmed_by_owner": "yes" if item["confirmed_by_owner"] else "no",
        }
        writer.writerow([safe_cell(flat[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _first_on_or_after(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def opening_hours_calendar(listing: Producer | Hub, *, base: str) -> bytes:
    """The listing's opening hours as weekly recurring events in its own time zone, with the
    VTIMEZONE a calendar needs to read them; one event per opening."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Hubdir//Opening hours//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("%(name)s: opening hours") % {"name": listing.name})
    calendar.add("x-wr-timezone", listing.time_zone)
    try:
        zone = ZoneInfo(listing.time_zone)
    except (ValueError, KeyError):
        zone = ZoneInfo("UTC")
    kind = "hub" if isinstance(listing, Hub) else "producer"
    # The series start on the week the listing was created: a fixed date, so the events
    # stay the same from one download to the next.
    start = listing.created_at.astimezone(zone).date()
    for hours in listing.hours.all():
        day = _first_on_or_after(start, hours.weekday)
        event = icalendar.Event()
        event.add("uid", f"hours-{kind}-{listing.pk}-{hours.pk}@hubdir")
        summary = (
            _("%(name)s open (walk-in repairs)") if hours.walk_in else _("%(name)s open")
        ) % {"name": listing.name}
        event.add("summary", summary)
        event.add("dtstamp", listing.updated_at)
        event.add("dtstart", datetime.combine(day, hours.opens, tzinfo=zone))
        event.add("dtend", datetime.combine(day, hours.closes, tzinfo=zone))
        event.add("rrule", {"freq": "weekly", "byday": WEEKDAYS[hours.weekday]})
        event.add("url", base + listing.get_absolute_url())
        calendar.add_component(event)
    # The zone's rules from the first opening on, for twenty years of weeks.
    calendar.add_missing_timezones(first_date=start, last_date=date(start.year + 20, 1, 1))
    return calendar.to_ical()
