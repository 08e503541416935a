"""Reads that combine several tables: cards for lists, the whole profile, nearby producers."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from hubdir.geo.distance import bounding_box, distance_km_expression

from .models import Machine, Photo, Producer, ProducerCapability, ProducerCertification

NEARBY_KM = 25


def producer_cards(queryset: QuerySet[Producer]) -> QuerySet[Producer]:
    """What a result card shows, in a constant number of queries."""
    return queryset.select_related("hub").prefetch_related(
        "capabilities",
        Prefetch("photos", queryset=Photo.objects.order_by("position", "id")),
    )


def producer_profile(producer: Producer) -> dict:
    capabilities = list(
        ProducerCapability.objects.filter(producer=producer)
        .select_related("capability__category")
        .prefetch_related("materials")
    )
    machines = list(
        Machine.objects.filter(producer=producer)
        .select_related("capability")
        .prefetch_related("materials")
    )
    materials = sorted(
        {m for pc in capabilities for m in pc.materials.all()}
        | {m for mc in machines for m in mc.materials.all()},
        key=lambda m: m.name,
    )
    return {
        "capabilities": capabilities,
        "machines": machines,
        "materials": materials,
        "certifications": list(
            ProducerCertification.objects.filter(producer=producer).select_related("certification")
        ),
        "hours": list(producer.hours.all()),
        "photos": list(producer.photos.all()),
        "nearby": nearby_with_same_capabilities(
            producer, [pc.capability_id for pc in capabilities]
        ),
    }


def nearby_with_same_capabilities(producer: Producer, capability_ids: list[int], limit: int = 6):
    if producer.lat is None or not capability_ids:
        return []
    min_lat, max_lat, min_lng, max_lng = bounding_box(producer.lat, producer.lng, NEARBY_KM)
    return list(
        producer_cards(
            Producer.objects.published()
            .exclude(pk=producer.pk)
            .filter(
                capabilities__in=capability_ids,
                lat__range=(min_lat, max_lat),
                lng__range=(min_lng, max_lng),
            )
            .distinct()
            .annotate(distance_km=distance_km_expression("lat", "lng", producer.lat, producer.lng))
            .filter(distance_km__lte=NEARBY_KM)
            .order_by("distance_km")
        )[:limit]
    )


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
            "streetAddress": producer.address_line,
            "addressLocality": producer.town,
            "addressRegion": producer.region,
            "postalCode": producer.postcode,
            "addressCountry": producer.country_code,
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{h.get_weekday_display()}",
                "opens": h.opens.strftime("%H:%M"),
                "closes": h.closes.strftime("%H:%M"),
            }
            for h in details["hours"]
        ],
        "makesOffer": [
            {"@type": "Offer", "itemOffered": {"@type": "Service", "name": pc.capability.name}}
            for pc in details["capabilities"]
        ],
    }
    if producer.lat is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": producer.lat,
            "longitude": producer.lng,
        }
    if producer.phone:
        data["telephone"] = producer.phone
    if details["photos"]:
        data["image"] = [request.build_absolute_uri(p.thumb_md.url) for p in details["photos"]]
    return data
