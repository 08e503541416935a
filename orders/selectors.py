"""Reads: who a request reaches, who may see it, the request board and the figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.postgres.fields import ArrayField
from django.db import connections, router
from django.db.models import (
    Avg,
    BigIntegerField,
    BooleanField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext

from hubdir.geo.distance import bounding_box, distance_km_expression, haversine_km
from hubdir.rows import instances, model_columns
from producers.models import (
    ListingStatus,
    Producer,
    ProducerCapability,
    ProducerSearch,
    ProfileView,
)

from .models import (
    MAX_RADIUS_KM,
    Decline,
    JobRequest,
    Lead,
    Order,
    Quote,
    Review,
    Thread,
)

# --- Who a request reaches ---


def matching_rows(
    *, capability_ids: list[int], lat: float, lng: float, radius_km: float
) -> QuerySet[ProducerSearch]:
    """Published producers offering any of the capabilities within the radius, that take
    custom jobs and that someone answers for (never a listing neighbours suggested and
    nobody has claimed).

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
        .exclude(producer__origin=Producer.Origin.SUGGESTED, producer__claimed_at__isnull=True)
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
        and not producer.is_unclaimed
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
    ("1001+", gettext_lazy("over 1,000"), 1001, None),
]
DEADLINE_CHOICES = [
    ("7", gettext_lazy("within a week")),
    ("14", gettext_lazy("within 2 weeks")),
    ("30", gettext_lazy("within a month")),
]


def producer_capabilities(producer: Producer) -> list[ProducerCapability]:
    return list(
        producer.producer_capabilities.select_related("capability")
        .prefetch_related("materials")
        .order_by("capability__name")
    )


def board_requests(
    producer: Producer, capabilities: list[ProducerCapability], *, today: date | None = None
) -> QuerySet[JobRequest]:
    """Requests open for quotes that this producer may see, with `board_figures`."""
    today = today or timezone.localdate()
    base = board_figures(JobRequest.objects.accepting_quotes(today), producer)
    reached = Lead.objects.filter(producer=producer).values("job_request_id").order_by()
    if (
        producer.lat is None
        or producer.status != ListingStatus.PUBLISHED
        or not producer.accepts_custom_jobs
    ):
        return base.filter(pk__in=reached)
    min_lat, max_lat, min_lng, max_lng = bounding_box(producer.lat, producer.lng, MAX_RADIUS_KM)
    capability_ids = [pc.capability_id for pc in capabilities]
    near = (
        JobRequest.objects.filter(
            # status as the partial index jobrequest_open_latlng names it: the box is read
            # from the few open requests, not from every request ever posted
            status=JobRequest.Status.OPEN,
            visibility=JobRequest.Visibility.OPEN,
            lat__range=(min_lat, max_lat),
            lng__range=(min_lng, max_lng),
        )
        # Tested on the box's rows, as an array: written as capability_id IN (...) OR ...,
        # PostgreSQL ANDed the box with a bitmap of every request of those capabilities
        # (160k rows for a common one at 100k producers), ten times the box's cost.
        .annotate(
            capabilities=Func(
                F("capability_id"),
                F("second_capability_id"),
                template="ARRAY[%(expressions)s]",
                output_field=ArrayField(BigIntegerField()),
            )
        )
        .filter(capabilities__overlap=capability_ids)
        .annotate(distance_km=distance_km_expression("lat", "lng", producer.lat, producer.lng))
        .filter(distance_km__lte=F("radius_km"))
        .values("pk")
        .order_by()
    )
    # The ids reached and the ids near as one array, = ANY(ARRAY(...)): PostgreSQL reads each
    # part by its own index and the rows by their ids. Written as one OR of the two, it
    # filtered every open request (20k at 100k producers; the planner takes "open" and "not
    # yet due" as independent, so it expects a few hundred), 25 ms a board and 126 ms for a
    # workshop with a thousand leads, against 2 and 5 ms.
    sql, params = reached.union(near, all=True).query.sql_with_params()
    ids = RawSQL(  # noqa: S611 (SQL the ORM compiled; its values stay parameters)
        f'"{JobRequest._meta.db_table}"."id" = ANY(ARRAY({sql}))',
        params,
        output_field=BooleanField(),
    )
    return base.filter(ids)


def board_figures(requests: QuerySet[JobRequest], producer: Producer) -> QuerySet[JobRequest]:
    """What a board card shows of each request for this producer: its distance from the
    producer (`distance_km`) and whether the request reached it (`has_lead`)."""
    if producer.lat is None:
        distance = Value(None, FloatField())
    else:
        distance = distance_km_expression("lat", "lng", producer.lat, producer.lng)
    lead = Lead.objects.filter(job_request=OuterRef("pk"), producer=producer)
    return requests.select_related("capability", "second_capability", "material").annotate(
        distance_km=distance, has_lead=Exists(lead)
    )


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


# --- The request page ---


def _rating() -> Coalesce:
    """Each quoting producer's average review score (the three dimensions averaged, shown
    reviews only). A listed producer's search row keeps it, exact (the reviews' trigger,
    orders migrations 0003 and 0007); averaging the reviews again cost a request page
    30 ms of heap reads for each workshop with a thousand of them. Only a producer off the
    directory (no search row) or without reviews is averaged here: COALESCE evaluates its
    second argument only when the first is NULL."""
    averaged = Subquery(
        Review.objects.shown()
        .filter(producer=OuterRef("producer"))
        .values("producer")
        .annotate(a=Avg((F("quality") + F("speed") + F("communication")) / 3.0))
        .values("a")
    )
    return Coalesce(F("producer__search_row__rating"), averaged, output_field=FloatField())


def _distance_to(job: JobRequest, lat_field: str, lng_field: str):
    if job.lat is None:
        return Value(None, FloatField())
    return distance_km_expression(lat_field, lng_field, job.lat, job.lng)


def request_for_buyer(job: JobRequest) -> dict:
    """What the buyer (or staff) sees on a request: the quotes side by side, with each
    workshop's rating and distance from the request, and who was reached or declined."""
    # From the workshop's public point (its search row): a home workshop's exact one would
    # show through distances to a few requests.
    distance = _distance_to(job, "producer__search_row__lat", "producer__search_row__lng")
    quotes = list(
        job.quotes.select_related("producer")
        .annotate(rating=_rating(), distance_km=distance)
        .prefetch_related("attachments", "revisions")
        .order_by("price", "ready_by")
    )
    job.has_quotes = bool(quotes)
    return {
        "live_quotes": [q for q in quotes if q.is_live],
        "old_quotes": [q for q in quotes if not q.is_live],
        "declines": list(job.declines.select_related("producer")),
        "threads": list(
            Thread.objects.filter(job_request=job)
            .select_related("producer")
            .order_by("-last_message_at")
        ),
        "invited": list(Producer.objects.filter(leads__job_request=job, leads__invited=True)),
        "reached": job.leads.count(),
        "order": Order.objects.filter(job_request=job).first()
        if job.status == JobRequest.Status.ORDERED
        else None,
    }


def request_for_producer(job: JobRequest, producer: Producer) -> dict:
    """What one producer sees on a request: its own quote (and earlier ones), its decline,
    and how far the request is from it."""
    mine = list(
        job.quotes.filter(producer=producer)
        .prefetch_related("revisions", "attachments")
        .order_by("-created_at")
    )
    live = next((q for q in mine if q.is_live), None)
    distance = (
        haversine_km(job.lat, job.lng, producer.lat, producer.lng)
        if job.lat is not None and producer.lat is not None
        else None
    )
    return {
        "producer": producer,
        "my_quote": live,
        "my_old_quotes": [q for q in mine if q is not live],
        "my_decline": Decline.objects.filter(job_request=job, producer=producer).first(),
        "distance_km": distance,
        "order": Order.objects.filter(quote=live).first()
        if live and live.status == Quote.Status.ACCEPTED
        else None,
    }


# --- Figures ---


@dataclass
class ReviewFigures:
    count: int
    quality: float | None
    speed: float | None
    communication: float | None
    overall: float | None


def review_figures(producer: Producer) -> ReviewFigures:
    agg = (
        Review.objects.shown()
        .filter(producer=producer)
        .aggregate(
            count=Count("pk"),
            quality=Avg("quality"),
            speed=Avg("speed"),
            communication=Avg("communication"),
        )
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


RESPONSIVE_WITHIN = timedelta(hours=24)
RESPONSIVE_LAST = 10
RESPONSIVE_AT_LEAST = 3
_RESPONSIVE_RULE_VALUES = {
    "last": RESPONSIVE_LAST,
    "hours": RESPONSIVE_WITHIN.days * 24,
    "least": RESPONSIVE_AT_LEAST,
}
_RESPONSIVE_RULE = gettext_noop(
    "Responsive: over its last {last} requests, the median time to a first answer "
    "(a quote, a decline or a message) is within {hours} hours. "
    "Needs at least {least} requests; one unanswered after "
    "{hours} hours counts as a slow answer."
)
# The rule in English, as a plain string; pages show responsive_rule(), in the reader's.
RESPONSIVE_RULE = _RESPONSIVE_RULE.format(**_RESPONSIVE_RULE_VALUES)


def responsive_rule() -> str:
    """The Responsive badge's rule in the active language."""
    return gettext(_RESPONSIVE_RULE).format(**_RESPONSIVE_RULE_VALUES)


# The last RESPONSIVE_LAST leads of each producer, newest first, leaving out the ones still
# inside their first RESPONSIVE_WITHIN without an answer (not late yet). An unanswered lead
# past that counts as never answered: 'infinity' sorts last, and a median touching it is
# infinity or NaN, which PostgreSQL orders above every number, so it fails the test. Each
# producer's ten are read from the lead_producer_reached index (LATERAL ... LIMIT): a busy
# workshop's thousands of older leads are never touched.
_RESPONSIVE_SQL = """
SELECT p.id FROM unnest(%s::bigint[]) AS p(id) CROSS JOIN LATERAL (
    SELECT CASE WHEN l.first_response_at IS NULL THEN 'infinity'::float8
                ELSE greatest(extract(epoch FROM l.first_response_at - l.reached_at), 0)::float8
           END AS seconds
      FROM orders_lead l
     WHERE l.producer_id = p.id
       AND l.reached_at IS NOT NULL
       AND (l.first_response_at IS NOT NULL OR l.reached_at <= %s)
     ORDER BY l.reached_at DESC, l.id DESC
     LIMIT %s
) recent
GROUP BY p.id
HAVING count(*) >= %s AND percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) <= %s
"""


def _responsive_params(producer_ids: list[int], now: datetime | None) -> list:
    return [
        list(producer_ids),
        (now or timezone.now()) - RESPONSIVE_WITHIN,
        RESPONSIVE_LAST,
        RESPONSIVE_AT_LEAST,
        RESPONSIVE_WITHIN.total_seconds(),
    ]


def responsive_producers(producer_ids: list[int], *, now: datetime | None = None) -> set[int]:
    """Which of these producers hold RESPONSIVE_RULE now: one statement for a whole page of
    cards, decided from the leads against the clock, so it is never a stale figure."""
    if not producer_ids:
        return set()
    # Where the ORM would have run it: the replica for a directory read (hubdir.replica).
    with connections[router.db_for_read(Lead)].cursor() as cursor:
        cursor.execute(_RESPONSIVE_SQL, _responsive_params(producer_ids, now))
        return {row[0] for row in cursor.fetchall()}


User = get_user_model()

# The reviews' columns and their writer's name (all a review on the profile shows).
_REVIEW_COLUMNS = [
    model_columns(Review, "r", {f.attname for f in Review._meta.concrete_fields}),
    model_columns(User, "u", {"id", "name"}),
]


@cache
def _profile_market_sql() -> str:
    """The figures (the median response, the badge, the shown reviews' count and averages)
    in one row, joined to the latest ten shown reviews and their writers: one statement,
    with or without reviews. Written once: composing it with the ORM cost more than
    running it, on the page the public opens most after search."""
    return f"""
        SELECT figures.*, {", ".join(c.sql for c in _REVIEW_COLUMNS)}
          FROM (SELECT
                  -- The median time from the request reaching the producer (its
                  -- publication, or a later invitation) to its first quote, decline or
                  -- message: the span _RESPONSIVE_SQL measures, interpolated between the
                  -- middle two as statistics.median is.
                  (SELECT percentile_cont(0.5) WITHIN GROUP (
                              ORDER BY greatest(l.first_response_at - l.reached_at, interval '0'))
                     FROM "{Lead._meta.db_table}" l
                    WHERE l.producer_id = %s
                      AND l.first_response_at IS NOT NULL AND l.reached_at IS NOT NULL),
                  %s IN ({_RESPONSIVE_SQL}),
                  count(*), avg(quality)::float8, avg(speed)::float8,
                  avg(communication)::float8
                  FROM "{Review._meta.db_table}" WHERE producer_id = %s AND NOT hidden
               ) figures
          LEFT JOIN LATERAL (
                SELECT * FROM "{Review._meta.db_table}"
                 WHERE producer_id = %s AND NOT hidden
                 ORDER BY created_at DESC, id DESC LIMIT 10
               ) r ON true
          LEFT JOIN "{User._meta.db_table}" u ON u.id = r.buyer_id
         ORDER BY r.created_at DESC, r.id DESC
    """  # noqa: S608 (only names from the models go in; every value is a parameter)


def profile_market(*, producer: Producer, user, can_edit: bool) -> dict:
    """What the market adds to a producer's public profile: its latest reviews with their
    figures, how fast it answers and whether it is Responsive (one statement), and the
    visitor's own live requests it could be invited to."""
    pk = producer.pk
    params = [pk, pk, *_responsive_params([pk], None), pk, pk]
    # Where the ORM would have run it: the replica for a directory read (hubdir.replica).
    db = router.db_for_read(Review)
    with connections[db].cursor() as cursor:
        cursor.execute(_profile_market_sql(), params)
        fetched = cursor.fetchall()
    median, responsive, count, quality, speed, communication = fetched[0][:6]
    reviews = []
    for values in fetched:
        review, buyer = instances(db, _REVIEW_COLUMNS, values[6:])
        if review is not None:  # None: no review, the figures' row alone
            review.buyer = buyer
            reviews.append(review)
    if count:
        figures = ReviewFigures(
            count=count,
            quality=_round(quality),
            speed=_round(speed),
            communication=_round(communication),
            overall=round((quality + speed + communication) / 3, 1),
        )
    else:
        figures = ReviewFigures(count=0, quality=None, speed=None, communication=None, overall=None)
    invitable = producer.is_published and producer.accepts_custom_jobs and not can_edit
    own_requests = (
        list(
            JobRequest.objects.of_buyer(user)
            .live()
            .exclude(leads__producer=producer)
            .only("pk", "title")[:20]
        )
        if invitable and user.is_authenticated
        else []
    )
    return {
        "reviews": reviews,
        "review_figures": figures,
        "response_time": response_text(median),
        "responsive": responsive,
        "responsive_rule": responsive_rule(),
        "own_requests": own_requests,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def response_text(delta: timedelta | None) -> str:
    if delta is None:
        return ""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    if minutes < 48 * 60:
        return f"{round(minutes / 60)} h"
    days = round(minutes / 1440)
    return ngettext("%(count)s days", "%(count)s days", days) % {"count": days}


@dataclass
class ProducerFigures:
    profile_views_30d: int = 0
    leads_30d: int = 0
    quotes_sent: int = 0
    quotes_won: int = 0
    quotes_lost: int = 0  # the buyer chose another, or cancelled
    quotes_expired: int = 0  # still waiting, but past their validity
    quotes_waiting: int = 0

    @property
    def win_rate(self) -> int | None:
        """Won out of the quotes that were decided: won, lost or expired; waiting and
        withdrawn quotes do not count either way."""
        decided = self.quotes_won + self.quotes_lost + self.quotes_expired
        return round(100 * self.quotes_won / decided) if decided else None

    def __add__(self, other: ProducerFigures) -> ProducerFigures:
        return ProducerFigures(
            **{name: getattr(self, name) + getattr(other, name) for name in _FIGURES}
        )


_FIGURES = [
    "profile_views_30d",
    "leads_30d",
    "quotes_sent",
    "quotes_won",
    "quotes_lost",
    "quotes_expired",
    "quotes_waiting",
]


@dataclass
class ProducerSection:
    """One managed listing on the dashboard: its figures, latest quotes and orders."""

    producer: Producer
    figures: ProducerFigures = field(default_factory=ProducerFigures)
    quotes: list[Quote] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)


def _latest_per_producer(queryset: QuerySet, order_by: str, limit: int) -> QuerySet:
    """The `limit` latest rows of each producer, in one statement (a window rank)."""
    return queryset.annotate(
        rank=Window(RowNumber(), partition_by=F("producer_id"), order_by=F(order_by).desc())
    ).filter(rank__lte=limit)


def buyer_dashboard(user, *, latest: int = 50) -> dict:
    """The buyer's part of the dashboard: their requests with live-quote counts, their orders."""
    requests = (
        JobRequest.objects.of_buyer(user)
        .select_related("capability")
        .annotate(
            live_quotes=Count(
                "quotes", filter=Q(quotes__status__in=[Quote.Status.ACTIVE, Quote.Status.ACCEPTED])
            )
        )
        .order_by("-created_at")[:latest]
    )
    orders = Order.objects.filter(buyer=user).select_related("producer", "job_request")[:latest]
    return {"requests": list(requests), "buyer_orders": list(orders)}


def producer_sections(
    user, *, latest: int = 20, only: Producer | None = None
) -> list[ProducerSection]:
    """The dashboard's part for each producer the person manages (or `only` one, with its
    latest quotes and orders): a fixed number of statements however many listings, quotes
    and orders there are."""
    managed = [only] if only else producers_of(user)
    sections = {p.pk: ProducerSection(producer=p) for p in managed}
    if not sections:
        return []
    ids = list(sections)
    since = timezone.localdate() - timedelta(days=30)
    views = (
        ProfileView.objects.filter(producer_id__in=ids, day__gt=since)
        .values("producer_id")
        .annotate(n=Sum("count"))
    )
    for row in views:
        sections[row["producer_id"]].figures.profile_views_30d = row["n"]
    # "Requests reached you": by when each reached the producer (a draft's invitation has
    # not yet), from midnight after `since` as a bound the lead_producer_reached index
    # answers (a date taken of every lead's timestamp read all of a busy workshop's leads).
    reached_since = timezone.make_aware(datetime.combine(since + timedelta(days=1), time.min))
    leads = (
        Lead.objects.filter(producer_id__in=ids, reached_at__gte=reached_since)
        .values("producer_id")
        .annotate(n=Count("pk"))
    )
    for row in leads:
        sections[row["producer_id"]].figures.leads_30d = row["n"]
    today = timezone.localdate()
    active = Q(status=Quote.Status.ACTIVE)
    lapsed = Q(valid_until__lt=today) | Q(job_request__needed_by__lt=today)
    quotes = (
        Quote.objects.filter(producer_id__in=ids)
        .values("producer_id")
        .annotate(
            sent=Count("pk"),
            won=Count("pk", filter=Q(status=Quote.Status.ACCEPTED)),
            lost=Count("pk", filter=Q(status=Quote.Status.DECLINED)),
            expired=Count("pk", filter=active & lapsed),
            waiting=Count("pk", filter=active & ~lapsed),
        )
    )
    for row in quotes:
        figures = sections[row["producer_id"]].figures
        figures.quotes_sent, figures.quotes_won = row["sent"], row["won"]
        figures.quotes_lost, figures.quotes_expired = row["lost"], row["expired"]
        figures.quotes_waiting = row["waiting"]
    if only is None:
        return list(sections.values())
    recent_quotes = _latest_per_producer(
        Quote.objects.filter(producer_id__in=ids).select_related("job_request"),
        "updated_at",
        latest,
    ).order_by("producer_id", "-updated_at")
    for quote in recent_quotes:
        sections[quote.producer_id].quotes.append(quote)
    recent_orders = _latest_per_producer(
        Order.objects.filter(producer_id__in=ids).select_related("job_request"),
        "created_at",
        latest,
    ).order_by("producer_id", "-created_at")
    for order in recent_orders:
        sections[order.producer_id].orders.append(order)
    return list(sections.values())
