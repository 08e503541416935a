"""Reads that combine several tables: cards for lists, the whole profile, nearby producers."""

from __future__ import annotations

import json
from datetime import date, time
from functools import cache
from types import SimpleNamespace

from django.contrib.postgres.expressions import ArraySubquery
from django.core.files.storage import default_storage
from django.db import connections, router
from django.db.models import OuterRef, Prefetch, QuerySet
from django.db.models.functions import JSONObject
from django.http import HttpRequest
from django.urls import reverse

from hubdir.geo.distance import bounding_box, distance_km_sql
from hubdir.rows import instances, model_columns

from .models import (
    Hub,
    Machine,
    OpeningHours,
    Photo,
    Producer,
    ProducerCapability,
    ProducerCertification,
    ProducerSearch,
)
from .search import capability_names, catalogue

NEARBY_KM = 25


def producer_cards(queryset: QuerySet[Producer]) -> QuerySet[Producer]:
    """What a result card shows, in a constant number of queries."""
    return queryset.select_related("hub").prefetch_related(
        "capabilities",
        Prefetch("photos", queryset=Photo.objects.order_by("position", "id")),
    )


def _json_rows(queryset: QuerySet, **fields) -> ArraySubquery:
    """The rows of a related queryset as a JSON list, inside the statement that asks."""
    return ArraySubquery(queryset.values(json=JSONObject(**fields)))


# The profile's statement is the same for every producer but the id, and compiling its
# nested JSON subqueries cost several times running it: it is compiled once per process,
# with this number standing for the id.
_ANY_PRODUCER = -20_261_201


def _profile_rows(pk: int) -> QuerySet:
    capabilities = ProducerCapability.objects.filter(producer=OuterRef("pk")).order_by(
        "capability__name"
    )
    machines = Machine.objects.filter(producer=OuterRef("pk")).order_by("pk")
    certifications = ProducerCertification.objects.filter(producer=OuterRef("pk")).order_by(
        "certification__name"
    )
    return Producer.objects.filter(pk=pk).values(
        capabilities_json=_json_rows(
            capabilities,
            capability_id="capability_id",
            name="capability__name",
            slug="capability__slug",
            notes="notes",
            batch_band="batch_band",
            min_quantity="min_quantity",
            lead_time_days="lead_time_days",
            materials=ArraySubquery(
                ProducerCapability.materials.through.objects.filter(
                    producercapability=OuterRef("pk")
                )
                .order_by("material__name")
                .values("material__slug")
            ),
        ),
        machines_json=_json_rows(
            machines,
            make_model="make_model",
            capability="capability__slug",
            work_area="work_area",
            max_thickness_mm="max_thickness_mm",
            materials=ArraySubquery(
                Machine.materials.through.objects.filter(machine=OuterRef("pk"))
                .order_by("material__name")
                .values("material__slug")
            ),
        ),
        certifications_json=_json_rows(
            certifications, slug="certification__slug", expires_on="expires_on"
        ),
        hours_json=_json_rows(
            OpeningHours.objects.filter(producer=OuterRef("pk")).order_by("weekday", "opens"),
            weekday="weekday",
            opens="opens",
            closes="closes",
            walk_in="walk_in",
        ),
        photos_json=_json_rows(
            Photo.objects.filter(producer=OuterRef("pk")).order_by("position", "id"),
            image="image",
            thumb_md="thumb_md",
            caption="caption",
        ),
    )


@cache
def _profile_statement() -> tuple[str, tuple, list[str]]:
    query = _profile_rows(_ANY_PRODUCER).query
    sql, params = query.sql_with_params()
    assert params.count(_ANY_PRODUCER) == 1
    return sql, params, list(query.annotation_select)


def producer_profile(producer: Producer) -> dict:
    """The listing's capabilities, machines, certifications, hours and photos in ONE
    statement (JSON lists), and its nearby workshops in one more."""
    sql, params, names = _profile_statement()
    # Where the ORM would have run it: the replica for a directory read (hubdir.replica).
    with connections[router.db_for_read(Producer)].cursor() as cursor:
        cursor.execute(sql, [producer.pk if p == _ANY_PRODUCER else p for p in params])
        values = cursor.fetchone()
    # The JSON arrives as text, which the ORM would have decoded.
    row = {
        name: [json.loads(item) if isinstance(item, str) else item for item in value]
        for name, value in zip(names, values, strict=True)
    }
    bands = dict(ProducerCapability.BatchBand.choices)
    weekdays = dict(OpeningHours.Weekday.choices)
    # The statement carries slugs; the names, in the reader's language, are the cached
    # catalogue's (the statement stays one for every language).
    names = {
        facet: {slug: label for slug, (_pk, label) in options.items()}
        for facet, options in catalogue().items()
    }
    capability_rows = sorted(
        (
            SimpleNamespace(
                **pc | {"name": names["capability"].get(pc["slug"], pc["name"])},
                url=reverse("producers:capability", kwargs={"slug": pc["slug"]}),
                batch_label=bands.get(pc["batch_band"], ""),
                material_names=[names["material"].get(m, m) for m in pc["materials"]],
            )
            for pc in row["capabilities_json"]
        ),
        key=lambda pc: pc.name.casefold(),
    )
    machine_rows = [
        SimpleNamespace(
            **m
            | {
                "capability": names["capability"].get(m["capability"], m["capability"]),
                "materials": [names["material"].get(s, s) for s in m["materials"]],
            }
        )
        for m in row["machines_json"]
    ]
    return {
        "capabilities": capability_rows,
        "machines": machine_rows,
        "materials": sorted(
            {name for pc in capability_rows for name in pc.material_names}
            | {name for m in machine_rows for name in m.materials}
        ),
        "certifications": [
            SimpleNamespace(
                name=names["certification"].get(c["slug"], c["slug"]),
                expires_on=date.fromisoformat(c["expires_on"]) if c["expires_on"] else None,
            )
            for c in row["certifications_json"]
        ],
        "hours": [
            SimpleNamespace(
                weekday=h["weekday"],
                weekday_label=weekdays[h["weekday"]],
                opens=time.fromisoformat(h["opens"]),
                closes=time.fromisoformat(h["closes"]),
                walk_in=h["walk_in"],
            )
            for h in row["hours_json"]
        ],
        "photos": [
            SimpleNamespace(
                image_url=default_storage.url(p["image"]),
                thumb_md_url=default_storage.url(p["thumb_md"]),
                caption=p["caption"],
            )
            for p in row["photos_json"]
        ],
        "nearby": nearby_with_same_capabilities(
            producer, [pc.capability_id for pc in capability_rows]
        ),
    }


# What a nearby card shows: the search row's name, badge and capabilities, a few columns of
# its listing and hub.
_NEARBY_MODELS = (
    (ProducerSearch, "s", {"producer_id", "name", "verified", "capability_ids"}),
    (Producer, "p", {"id", "slug", "tagline", "town", "origin", "claimed_at", "hub_id"}),
    (Hub, "h", {"id", "name"}),
)
_NEARBY_COLUMNS = [model_columns(*spec) for spec in _NEARBY_MODELS]


@cache
def _nearby_sql() -> str:
    """The closest ids from the narrow search rows alone (the (lat, lng) box and the
    capability array's index, the exact distance, a LIMIT), and only those joined to their
    listing, hub and first photo: in a dense city some two thousand rows pass the box.
    Written as SQL, built once: composing it with the ORM cost more than running it."""
    distance, _params = distance_km_sql('"lat"', '"lng"', 0.0, 0.0)
    columns = ", ".join(c.sql for c in _NEARBY_COLUMNS)
    # Only table and column names from the models go in; every value is a parameter.
    return f"""
        WITH closest AS (
            SELECT producer_id, {distance} AS distance_km
              FROM "{ProducerSearch._meta.db_table}"
             WHERE producer_id <> %s AND capability_ids && %s::integer[]
               AND lat BETWEEN %s AND %s AND lng BETWEEN %s AND %s
        )
        SELECT c.distance_km,
               (SELECT thumb_sm FROM "{Photo._meta.db_table}" ph
                 WHERE ph.producer_id = c.producer_id ORDER BY ph.position, ph.id LIMIT 1),
               {columns}
          FROM (SELECT * FROM closest WHERE distance_km <= %s
                 ORDER BY distance_km, producer_id LIMIT %s) c
          JOIN "{ProducerSearch._meta.db_table}" s ON s.producer_id = c.producer_id
          JOIN "{Producer._meta.db_table}" p ON p.id = c.producer_id
          LEFT JOIN "{Hub._meta.db_table}" h ON h.id = p.hub_id
         ORDER BY c.distance_km, c.producer_id
    """  # noqa: S608


def nearby_with_same_capabilities(
    producer: Producer, capability_ids: list[int], limit: int = 6
) -> list[ProducerSearch]:
    """The closest published workshops sharing a capability (the search table holds only
    published ones), each with its listing and hub as the ORM would load them."""
    # From the point the public may see: distances from the exact one would give it away.
    point = producer.public_point()
    if point is None or not capability_ids:
        return []
    lat, lng = point
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, NEARBY_KM)
    _sql, distance_params = distance_km_sql('"lat"', '"lng"', lat, lng)
    params = [
        *distance_params,
        producer.pk,
        list(capability_ids),
        min_lat,
        max_lat,
        min_lng,
        max_lng,
        NEARBY_KM,
        limit,
    ]
    # Where the ORM would have run it: the replica for a directory read (hubdir.replica).
    db = router.db_for_read(ProducerSearch)
    with connections[db].cursor() as cursor:
        cursor.execute(_nearby_sql(), params)
        fetched = cursor.fetchall()
    rows = []
    for distance_km, photo, *values in fetched:
        row, producer, producer.hub = instances(db, _NEARBY_COLUMNS, values)
        row.producer = producer
        row.distance_km = distance_km
        row.capability_names = capability_names(row.capability_ids)[:4]
        row.url = row.producer.get_absolute_url()
        row.photo_url = default_storage.url(photo) if photo else ""
        rows.append(row)
    return rows


def producer_json_ld(producer: Producer, details: dict, request: HttpRequest) -> dict:
    """schema.org LocalBusiness, so search engines and maps understand the profile."""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": producer.name,
        "description": producer.tagline or producer.description[:300],
        "url": request.build_absolute_uri(producer.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": producer.town,
            "addressRegion": producer.region,
            "addressCountry": producer.country_code,
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{h.weekday_label}",
                "opens": h.opens.strftime("%H:%M"),
                "closes": h.closes.strftime("%H:%M"),
            }
            for h in details["hours"]
        ],
        "makesOffer": [
            {"@type": "Offer", "itemOffered": {"@type": "Service", "name": pc.name}}
            for pc in details["capabilities"]
        ],
    }
    if not producer.approximate_location:
        data["address"] |= {
            "streetAddress": producer.address_line,
            "postalCode": producer.postcode,
        }
    if point := producer.public_point():
        data["geo"] = {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}
    if producer.phone:
        data["telephone"] = producer.phone
    if details["photos"]:
        data["image"] = [request.build_absolute_uri(p.thumb_md_url) for p in details["photos"]]
    return data
