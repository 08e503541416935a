"""Reads: who a request reaches, who may see it, the request board and the figures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.utils import timezone

from hubdir.geo.distance import bounding_box, distance_km_expression, haversine_km
from producers.models import ListingStatus, Producer, ProducerCapability, ProducerSearch

from .models import MAX_RADIUS_KM, Decline, JobRequest, Lead, ProfileView, Quote, Review

# --- Who a request reaches ---


def matching_rows(
    *, capability_ids: list[int], lat: float, lng: float, radius_km: float
) -> QuerySet[ProducerSearch]:
    """Published producers offering any of the capabilities within the radius.

    Uses the directory's search table: an intarray overlap and the (lat, lng) box, then the
    exact distance, so a count while the buyer types is one indexed statement.
    """
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, radius_km)
    return (
        ProducerSearch.objects.filter(
            capability_ids__overlap=capability_ids,
            lat__range=(min_lat, max_lat),
            lng__range=(min_lng, max_lng),
            producer__accepts_custom_jobs=True,
        )
        .annotate(distance_km=distance_km_expression("lat", "lng", lat, lng))
        .filter(distance_km__lte=radius_km)
    )


@dataclass
class MatchSummary:
    count: int
    with_material: int | None
    shortest_lead_days: int | None


def match_summary(
    *, capability_ids: list[int], material_id: int | None, lat: float, lng: float, radius_km: int
) -> MatchSummary:
    rows = matching_rows(capability_ids=capability_ids, lat=lat, lng=lng, radius_km=radius_km)
    counts = {"count": Count("pk"), "lead": Min("lead_time_days")}
    if material_id:
        counts["with_material"] = Count("pk", filter=Q(material_ids__contains=[material_id]))
    agg = rows.aggregate(**counts)
    return MatchSummary(
        count=agg["count"],
        with_material=agg.get("with_material"),
        shortest_lead_days=agg["lead"],
    )


def usual_decline_reasons(capability_id: int, limit: int = 3) -> list[tuple[str, int]]:
    """What producers most often declined requests for, for this capability."""
    rows = (
        Decline.objects.filter(job_request__capability_id=capability_id)
        .values("reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "reason")[:limit]
    )
    return [(str(Decline.Reason(r["reason"]).label), r["n"]) for r in rows]


# --- Who may see a request ---


def producers_of(user) -> list[Producer]:
    if not user.is_authenticated:
        return []
    return list(Producer.objects.filter(memberships__user=user).order_by("name").distinct())


def producer_sees(job: JobRequest, producer: Producer) -> bool:
    """Whether this producer may see the request: reached by it, or a live open match."""
    if job.status == JobRequest.Status.DRAFT:
        return False
    if Lead.objects.filter(job_request=job, producer=producer).exists():
        return True
    return (
        job.visibility == JobRequest.Visibility.OPEN
        and job.accepts_quotes
        and producer.status == ListingStatus.PUBLISHED
        and producer.accepts_custom_jobs
        and producer.lat is not None
        and job.lat is not None
        and haversine_km(job.lat, job.lng, producer.lat, producer.lng) <= job.radius_km
        and producer.producer_capabilities.filter(capability_id__in=job.capability_ids).exists()
    )


def viewing_producers(user, job: JobRequest) -> list[Producer]:
    """The user's producers that may see this request (most people manage one or none)."""
    return [p for p in producers_of(user) if producer_sees(job, p)]


# --- The request board ---

QUANTITY_BANDS = [
    ("1-10", "1–10", 1, 10),
    ("11-100", "11–100", 11, 100),
    ("101-1000", "101–1,000", 101, 1000),
    ("1001+", "over 1,000", 1001, None),
]
DEADLINE_CHOICES = [("7", "within a week"), ("14", "within 2 weeks"), ("30", "within a month")]


def producer_capabilities(producer: Producer) -> list[ProducerCapability]:
    return list(
        producer.producer_capabilities.select_related("capability")
        .prefetch_related("materials")
        .order_by("capability__name")
    )


def board_requests(
    producer: Producer, capabilities: list[ProducerCapability], *, today: date | None = None
) -> QuerySet[JobRequest]:
    """Requests open for quotes that this producer may see, with `distance_km` annotated."""
    today = today or timezone.localdate()
    lead = Lead.objects.filter(job_request=OuterRef("pk"), producer=producer)
    base = JobRequest.objects.accepting_quotes(today).select_related(
        "capability", "second_capability", "material"
    )
    if producer.lat is None:
        return base.filter(Exists(lead)).annotate(distance_km=Value(None, FloatField()))
    min_lat, max_lat, min_lng, max_lng = bounding_box(producer.lat, producer.lng, MAX_RADIUS_KM)
    capability_ids = [pc.capability_id for pc in capabilities]
    live_match = Q(
        visibility=JobRequest.Visibility.OPEN,
        lat__range=(min_lat, max_lat),
        lng__range=(min_lng, max_lng),
        distance_km__lte=F("radius_km"),
    ) & (Q(capability_id__in=capability_ids) | Q(second_capability_id__in=capability_ids))
    if producer.status != ListingStatus.PUBLISHED or not producer.accepts_custom_jobs:
        live_match = Q(pk__in=[])
    return base.annotate(
        distance_km=distance_km_expression("lat", "lng", producer.lat, producer.lng),
        has_lead=Exists(lead),
    ).filter(Q(has_lead=True) | live_match)


def fits_producer(capabilities: list[ProducerCapability]) -> Q:
    """'Matches my capabilities': a capability the producer lists, in a material it works
    (when the request names one) and a quantity at or above its minimum for it."""
    fits = Q(pk__in=[])
    for pc in capabilities:
        same = Q(capability_id=pc.capability_id) | Q(second_capability_id=pc.capability_id)
        material_ids = [m.pk for m in pc.materials.all()]
        if material_ids:
            same &= Q(material__isnull=True) | Q(material_id__in=material_ids)
        if pc.min_quantity:
            same &= Q(quantity__gte=pc.min_quantity)
        fits |= same
    return fits


# --- Figures ---


@dataclass
class ReviewFigures:
    count: int
    quality: float | None
    speed: float | None
    communication: float | None
    overall: float | None


def review_figures(producer: Producer) -> ReviewFigures:
    agg = Review.objects.filter(producer=producer).aggregate(
        count=Count("pk"),
        quality=Avg("quality"),
        speed=Avg("speed"),
        communication=Avg("communication"),
    )
    parts = [agg["quality"], agg["speed"], agg["communication"]]
    overall = round(sum(parts) / 3, 1) if agg["count"] else None
    return ReviewFigures(
        count=agg["count"],
        quality=_round(agg["quality"]),
        speed=_round(agg["speed"]),
        communication=_round(agg["communication"]),
        overall=overall,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def median_response(producer: Producer) -> timedelta | None:
    """Median time from a request's publication to this producer's first quote or message."""
    rows = Lead.objects.filter(
        producer=producer, first_response_at__isnull=False, job_request__published_at__isnull=False
    ).values_list("first_response_at", "job_request__published_at")
    durations = [max(answered - published, timedelta(0)) for answered, published in rows]
    return statistics.median(durations) if durations else None


def response_text(delta: timedelta | None) -> str:
    if delta is None:
        return ""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    if minutes < 48 * 60:
        return f"{round(minutes / 60)} h"
    return f"{round(minutes / 1440)} days"


@dataclass
class ProducerFigures:
    profile_views_30d: int
    leads_30d: int
    quotes_sent: int
    quotes_won: int
    win_rate: int | None


def producer_figures(producer: Producer) -> ProducerFigures:

    since = timezone.localdate() - timedelta(days=30)
    views = ProfileView.objects.filter(producer=producer, day__gt=since).aggregate(n=Sum("count"))
    quotes = Quote.objects.filter(producer=producer).aggregate(
        sent=Count("pk"),
        won=Count("pk", filter=Q(status=Quote.Status.ACCEPTED)),
        decided=Count("pk", filter=Q(status__in=[Quote.Status.ACCEPTED, Quote.Status.DECLINED])),
    )
    leads = Lead.objects.filter(producer=producer, created_at__date__gt=since).count()
    win_rate = round(100 * quotes["won"] / quotes["decided"]) if quotes["decided"] else None
    return ProducerFigures(
        profile_views_30d=views["n"] or 0,
        leads_30d=leads,
        quotes_sent=quotes["sent"],
        quotes_won=quotes["won"],
        win_rate=win_rate,
    )
