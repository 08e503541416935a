"""Job requests, the quotes that answer them, the order one accepted quote becomes, and the
messages, files, reviews and notifications around them."""

from __future__ import annotations

import os
import uuid
from datetime import date
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from producers.models import Bay, Capability, Hub, ListingStatus, Material, Producer

RADIUS_CHOICES = [(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")]
MAX_RADIUS_KM = 100


def private_storage() -> Storage:
    """STORAGES["private"]: files that leave only through the download view, never by URL."""
    return storages["private"]


def _private_name(instance, filename: str) -> str:
    # The original name is kept in the row; on disk only a random name, so paths never leak.
    ext = os.path.splitext(filename)[1].lower()[:8]
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


# What a buyer writes on the request form; everything else is set by the services.
BUYER_FIELDS = (
    "title",
    "description",
    "capability",
    "second_capability",
    "material",
    "quantity",
    "needed_by",
    "budget_min",
    "budget_max",
    "place",
    "handover",
    "radius_km",
    "visibility",
)


class JobRequestQuerySet(models.QuerySet):
    def accepting_quotes(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(status=JobRequest.Status.OPEN, needed_by__gte=today)

    def live(self, today: date | None = None):
        """The rows for which `JobRequest.is_live` holds: drafts, and open ones not past due."""
        today = today or timezone.localdate()
        return self.filter(
            Q(status=JobRequest.Status.DRAFT)
            | Q(status=JobRequest.Status.OPEN, needed_by__gte=today)
        )

    def of_buyer(self, user):
        return self.filter(buyer=user) if user.is_authenticated else self.none()


class JobRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for quotes")
        ORDERED = "ordered", _("Quote accepted")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    class Visibility(models.TextChoices):
        OPEN = "open", _("Matching workshops within the radius")
        INVITED = "invited", _("Only workshops I invite")

    class Handover(models.TextChoices):
        PICKUP = "pickup", _("I collect it")
        DELIVERY = "delivery", _("Deliver it to me")

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_requests"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("what it is"), max_length=5000)
    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="+", verbose_name=_("capability")
    )
    second_capability = models.ForeignKey(
        Capability,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second capability (optional)"),
    )
    material = models.ForeignKey(
        Material,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("material"),
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    needed_by = models.DateField(_("needed by"))
    budget_min = models.DecimalField(
        _("budget from"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("budget up to"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    place = models.CharField(_("place or ZIP code"), max_length=200)
    place_label = models.CharField(max_length=200, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    handover = models.CharField(
        _("pickup or delivery"), max_length=10, choices=Handover.choices, default=Handover.PICKUP
    )
    radius_km = models.PositiveSmallIntegerField(
        _("how far workshops may be"), choices=RADIUS_CHOICES, default=25
    )
    visibility = models.CharField(
        _("who may quote"), max_length=10, choices=Visibility.choices, default=Visibility.OPEN
    )
    quote_cap = models.PositiveSmallIntegerField(default=8)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    cancel_reason = models.TextField(blank=True)
    # The create form's one-time token: a double submit finds the row the first one made.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "needed_by"], name="jobrequest_status_needed"),
            models.Index(fields=["lat", "lng"], name="jobrequest_latlng"),
            # The board's open requests near a producer (selectors.board_requests): a box
            # over the few open ones, not over every request ever posted.
            models.Index(
                fields=["lat", "lng"], name="jobrequest_open_latlng", condition=Q(status="open")
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="jobrequest_quantity_pos"),
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True) | Q(budget_min__gte=0),
                name="jobrequest_budget_min_pos",
            ),
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_min__lte=models.F("budget_max")),
                name="jobrequest_budget_order",
            ),
            models.CheckConstraint(
                condition=Q(second_capability__isnull=True)
                | ~Q(second_capability=models.F("capability")),
                name="jobrequest_two_different_capabilities",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lng__isnull=True)
                | Q(lat__gte=-90, lat__lte=90, lng__gte=-180, lng__lte=180),
                name="jobrequest_latlng_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(lat__isnull=False, published_at__isnull=False),
                name="jobrequest_published_is_placed",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="jobrequest_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(radius_km__gte=1, radius_km__lte=MAX_RADIUS_KM),
                name="jobrequest_radius_range",
            ),
            models.UniqueConstraint(
                fields=["buyer", "submission_token"], name="jobrequest_one_per_submission"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("orders:request_detail", kwargs={"pk": self.pk})

    @property
    def capability_ids(self) -> list[int]:
        return [i for i in (self.capability_id, self.second_capability_id) if i]

    # --- The request's state rules: services, views and templates all ask these. ---

    @property
    def is_expired(self) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.OPEN and self.needed_by < timezone.localdate()
        )

    @property
    def is_live(self) -> bool:
        """A draft, or open and not past its date: it can still change or take invitations."""
        return self.status in (self.Status.DRAFT, self.Status.OPEN) and not self.is_expired

    @property
    def accepts_quotes(self) -> bool:
        return self.status == self.Status.OPEN and not self.is_expired

    @property
    def can_publish(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def can_delete(self) -> bool:
        """A draft was never seen by anyone: the buyer may simply throw it away."""
        return self.status == self.Status.DRAFT

    @property
    def can_cancel(self) -> bool:
        """A published request still open: cancelling tells the workshops that quoted."""
        return self.accepts_quotes

    @cached_property
    def has_quotes(self) -> bool:
        # Selectors that already hold the quotes set this instead of asking again.
        return self.quotes.exists()

    @property
    def can_edit(self) -> bool:
        """Until its first quote: after that, quotes would answer a request that changed."""
        return self.is_live and not self.has_quotes

    @property
    def shown_status(self) -> str:
        return str(self.Status.EXPIRED.label) if self.is_expired else self.get_status_display()


class Lead(models.Model):
    """A request reached this producer: it matched when published, or the buyer invited it.

    Also the record of who may see an invite-only request, and when the producer first
    answered (its response time).
    """

    job_request = models.ForeignKey(JobRequest, on_delete=models.CASCADE, related_name="leads")
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="leads")
    invited = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    # When the request reached the producer: the later of its publication and this lead's
    # creation; empty while the request is a draft. Set by triggers (orders/0011).
    reached_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job_request", "producer"], name="lead_one_per_pair")
        ]
        # A producer's latest leads first: the Responsive badge reads ten per producer.
        indexes = [
            models.Index(fields=["producer", "-reached_at", "-id"], name="lead_producer_reached"),
            # The profile's median response over every answered lead, from the index alone
            # (selectors._profile_market_sql): a busy workshop's thousands of leads were as
            # many heap pages, 1.6 s cold for 3,000 at 100k producers.
            models.Index(
                fields=["producer"],
                include=["reached_at", "first_response_at"],
                condition=Q(first_response_at__isnull=False, reached_at__isnull=False),
                name="lead_producer_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer} ← {self.job_request}"


class Decline(models.Model):
    """A producer says no to a request, with a reason the buyer and the form's checklist use."""

    class Reason(models.TextChoices):
        NO_FILE = "no_file", _("No drawing, file or photo")
        NO_MATERIAL = "no_material", _("Material not given or not one we work")
        DEADLINE = "deadline", _("Deadline too short")
        QUANTITY = "quantity", _("Quantity outside what we run")
        CAPACITY = "capacity", _("No capacity right now")
        OTHER = "other", _("Something else")

    job_request = models.ForeignKey(JobRequest, on_delete=models.CASCADE, related_name="declines")
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="declines")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("note to the buyer (optional)"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job_request", "producer"], name="decline_one_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.producer} declined {self.job_request}"


class Quote(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Waiting for the buyer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Not chosen")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    job_request = models.ForeignKey(JobRequest, on_delete=models.CASCADE, related_name="quotes")
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="quotes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    price = models.DecimalField(
        _("price for the whole job"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0.01)],
    )
    ready_by = models.DateField(_("ready by"))
    valid_until = models.DateField(_("quote valid until"))
    note = models.TextField(_("note"), max_length=3000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["price", "ready_by"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="quote_price_positive"),
            # One live quote per producer per request: revise it, or withdraw and quote anew.
            models.UniqueConstraint(
                fields=["job_request", "producer"],
                condition=Q(status__in=["active", "accepted"]),
                name="quote_one_live_per_producer",
            ),
            # The backstop under the accept service's row lock: never two accepted quotes.
            models.UniqueConstraint(
                fields=["job_request"],
                condition=Q(status="accepted"),
                name="quote_one_accepted_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer}: {self.price} for {self.job_request}"

    # --- The quote's state rules ---

    @property
    def is_live(self) -> bool:
        """Still in play: waiting for the buyer, or accepted (one per producer and request)."""
        return self.status in (self.Status.ACTIVE, self.Status.ACCEPTED)

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.ACTIVE and self.valid_until >= timezone.localdate()

    @property
    def is_late(self) -> bool:
        """Ready only after the date the buyer needs it by."""
        return self.ready_by > self.job_request.needed_by

    @property
    def can_revise(self) -> bool:
        return self.status == self.Status.ACTIVE and self.job_request.accepts_quotes

    @property
    def can_withdraw(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def can_accept(self) -> bool:
        return self.job_request.accepts_quotes and self.is_current


class QuoteRevision(models.Model):
    """Each version of a quote as the buyer saw it; the quote row holds the latest."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveSmallIntegerField()
    price = models.DecimalField(max_digits=10, decimal_places=2)
    ready_by = models.DateField()
    valid_until = models.DateField()
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "version"], name="quoterevision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.quote} v{self.version}"


class Order(models.Model):
    class Status(models.TextChoices):
        IN_PRODUCTION = "production", _("In production")
        READY = "ready", _("Ready")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", pgettext_lazy("order", "Cancelled")

    class FirstPiece(models.TextChoices):
        NONE = "", _("None asked")
        PENDING = "pending", _("Waiting for the buyer")
        APPROVED = "approved", pgettext_lazy("first piece", "Approved")
        CHANGES = "changes", _("Changes asked")

    job_request = models.OneToOneField(JobRequest, on_delete=models.CASCADE, related_name="order")
    quote = models.OneToOneField(Quote, on_delete=models.PROTECT, related_name="order")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="orders"
    )
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="orders")
    price = models.DecimalField(max_digits=10, decimal_places=2)
    ready_by = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IN_PRODUCTION)
    first_piece = models.CharField(
        max_length=10, choices=FirstPiece.choices, default=FirstPiece.NONE, blank=True
    )
    cancel_reason = models.TextField(blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled")
                | (~Q(cancel_reason="") & Q(cancelled_at__isnull=False)),
                name="order_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="order_completed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Order #{self.pk}: {self.job_request}"

    def get_absolute_url(self) -> str:
        return reverse("orders:order_detail", kwargs={"pk": self.pk})

    # --- The order's state rules ---

    @property
    def in_production(self) -> bool:
        return self.status == self.Status.IN_PRODUCTION

    @property
    def first_piece_holds(self) -> bool:
        """A first piece waits for the buyer, or the buyer asked for changes."""
        return self.first_piece in (self.FirstPiece.PENDING, self.FirstPiece.CHANGES)

    @property
    def can_send_first_piece(self) -> bool:
        return self.in_production and self.first_piece != self.FirstPiece.PENDING

    @property
    def can_answer_first_piece(self) -> bool:
        return self.in_production and self.first_piece == self.FirstPiece.PENDING

    @property
    def can_mark_ready(self) -> bool:
        return self.in_production and not self.first_piece_holds

    @property
    def can_complete(self) -> bool:
        return self.status == self.Status.READY

    @property
    def can_cancel(self) -> bool:
        """Either side, while in production; once ready the work is done (disputes go to staff)."""
        return self.in_production

    @property
    def can_request_again(self) -> bool:
        """Done and delivered: the buyer may post the same job again, to the same workshop."""
        return self.status == self.Status.COMPLETED

    @property
    def can_review(self) -> bool:
        return self.status == self.Status.COMPLETED


class OrderEvent(models.Model):
    """One line of an order's timeline."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    text = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class Thread(models.Model):
    """The conversation between a request's buyer and one producer about that request."""

    job_request = models.ForeignKey(JobRequest, on_delete=models.CASCADE, related_name="threads")
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="threads")
    buyer_read_at = models.DateTimeField(null=True, blank=True)
    producer_read_at = models.DateTimeField(null=True, blank=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job_request", "producer"], name="thread_one_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.job_request} · {self.producer}"

    def get_absolute_url(self) -> str:
        return reverse(
            "orders:thread", kwargs={"pk": self.job_request_id, "slug": self.producer.slug}
        )

    @property
    def unread_for_buyer(self) -> bool:
        return bool(self.last_message_at) and (
            self.buyer_read_at is None or self.buyer_read_at < self.last_message_at
        )


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    from_buyer = models.BooleanField()
    body = models.TextField(_("message"), max_length=5000)
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    # Hidden by moderators: the thread shows "removed by moderators" in its place.
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "submission_token"], name="message_one_per_submission"
            )
        ]

    def __str__(self) -> str:
        return self.body[:40]


class Attachment(models.Model):
    """A private file on exactly one request, quote, message or order (its first piece)."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF")
        DXF = "dxf", _("DXF drawing")
        SVG = "svg", _("SVG drawing")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    job_request = models.ForeignKey(
        JobRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(storage=private_storage, upload_to=_private_name, max_length=200)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(job_request__isnull=False, quote=None, message=None, order=None)
                    | Q(job_request=None, quote__isnull=False, message=None, order=None)
                    | Q(job_request=None, quote=None, message__isnull=False, order=None)
                    | Q(job_request=None, quote=None, message=None, order__isnull=False)
                ),
                name="attachment_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orders:file", kwargs={"uuid": self.uuid})


class ReviewQuerySet(models.QuerySet):
    def shown(self):
        """The reviews the public sees: not hidden by moderators."""
        return self.filter(hidden=False)


class Review(models.Model):
    """The buyer's word on a completed order; the producer may answer once."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="review")
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="reviews")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quality = models.PositiveSmallIntegerField(_("quality"))
    speed = models.PositiveSmallIntegerField(_("speed"))
    communication = models.PositiveSmallIntegerField(_("communication"))
    text = models.TextField(_("your review"), max_length=3000)
    reply = models.TextField(_("reply"), max_length=2000, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    # Hidden by moderators: gone from the profile, its figures and the search rating.
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    quality__range=(1, 5), speed__range=(1, 5), communication__range=(1, 5)
                ),
                name="review_scores_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(reply="") | Q(replied_at__isnull=False), name="review_reply_dated"
            ),
        ]
        # A profile's latest ten shown reviews in order, and its averages and count from the
        # index alone (selectors._profile_market_sql): read from the table, a workshop with
        # 1,600 reviews cost 1,500 heap pages (340 ms cold at 100k producers), for ten.
        indexes = [
            models.Index(
                fields=["producer", "-created_at", "-id"],
                include=["quality", "speed", "communication"],
                condition=Q(hidden=False),
                name="review_producer_shown",
            )
        ]

    def __str__(self) -> str:
        return f"Review of {self.producer}"

    @property
    def average(self) -> float:
        return round((self.quality + self.speed + self.communication) / 3, 1)


class Notification(models.Model):
    class Kind(models.TextChoices):
        NEW_REQUEST = "new_request", _("New requests for my workshops")
        QUOTE = "quote", _("Quotes on my requests")
        QUOTE_RESULT = "quote_result", _("My quotes accepted or not chosen")
        ORDER = "order", _("Order updates")
        MESSAGE = "message", _("Messages")
        REVIEW = "review", _("Reviews and replies")
        MODERATION = "moderation", _("Reports and moderation")
        LISTING = "listing", _("Reminders to confirm my listings' details")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return self.title


class StaffAccess(models.Model):
    """A staff member opened someone's request as staff (a draft, a private request, one of
    its files, or its admin page): who, which, when. Kept when the request is deleted."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_accesses"
    )
    job_request = models.ForeignKey(
        JobRequest, on_delete=models.SET_NULL, null=True, related_name="staff_accesses"
    )
    # The request's number, which stays in the log after the request itself is deleted.
    request_number = models.PositiveBigIntegerField()
    request_status = models.CharField(max_length=10, choices=JobRequest.Status.choices)
    path = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("staff access")
        verbose_name_plural = _("staff accesses")

    def __str__(self) -> str:
        return f"{self.staff} opened request #{self.request_number}"


# --- Reports and moderation ---

# What may be reported, each its own nullable foreign key on Report: exactly one is set.
REPORT_KINDS = ("producer", "hub", "review", "message", "job_request")


def _only(kind: str, kinds: tuple[str, ...]) -> Q:
    """This one of the foreign keys is set, the others empty."""
    return Q(**{f"{k}__isnull": k != kind for k in kinds})


class Report(models.Model):
    """A signed-in person reports one listing, review, message or request; one row per person
    and object (a second report updates it)."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSE = "abuse", _("Abuse or harassment")
        FAKE = "fake", _("Fake or misleading")
        PRIVATE = "private", _("Private information")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for staff")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Acted on")

    KINDS = REPORT_KINDS

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports"
    )
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    job_request = models.ForeignKey(
        JobRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.TextField(_("what is wrong (optional)"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=reduce(or_, (_only(kind, REPORT_KINDS) for kind in REPORT_KINDS)),
                name="report_one_object",
            ),
            *(
                models.UniqueConstraint(
                    fields=["reporter", kind],
                    condition=Q(**{f"{kind}__isnull": False}),
                    name=f"report_once_per_person_{kind}",
                )
                for kind in REPORT_KINDS
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(resolved_at__isnull=False),
                name="report_resolved_dated",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.target}"

    @property
    def kind(self) -> str:
        return next(k for k in self.KINDS if getattr(self, f"{k}_id"))

    @property
    def target(self) -> Producer | Hub | Review | Message | JobRequest:
        return getattr(self, self.kind)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def allowed_actions(self) -> list[str]:
        """What staff may do about it now: the queue offers these, the service refuses others."""
        if not self.is_open:
            return []
        act = ModerationAction.Action
        target = self.target
        actions = [act.DISMISS]
        if self.kind in ("review", "message") and not target.hidden:
            actions.append(act.HIDE)
        if self.kind in ("producer", "hub"):
            if target.status in (ListingStatus.PUBLISHED, ListingStatus.PENDING):
                actions.append(act.UNPUBLISH)
            if target.status != ListingStatus.SUSPENDED:
                actions.append(act.SUSPEND)
        actions.append(act.WARN)
        return actions


class ModerationAction(models.Model):
    """What staff did about a report, who and why: the moderation log."""

    class Action(models.TextChoices):
        DISMISS = "dismiss", _("Dismiss the report")
        HIDE = "hide", _("Hide it")
        UNPUBLISH = "unpublish", _("Unpublish the listing (back to a draft)")
        SUSPEND = "suspend", _("Suspend the listing")
        WARN = "warn", _("Warn the owner or author")

    report = models.ForeignKey(Report, on_delete=models.SET_NULL, null=True, related_name="actions")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderation_actions"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.TextField(_("why"), max_length=2000)
    # What it was about, in words, kept after the object or the report is deleted.
    subject = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.staff}: {self.get_action_display()} ({self.subject})"


class BayEnquiry(models.Model):
    """The conversation between someone who may rent a hub's bay and the hub's managers."""

    bay = models.ForeignKey(Bay, on_delete=models.CASCADE, related_name="enquiries")
    enquirer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bay_enquiries"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bay", "enquirer"], name="bay_enquiry_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.bay} · {self.enquirer}"

    def get_absolute_url(self) -> str:
        return reverse("orders:bay_enquiry", kwargs={"pk": self.pk})


class BayMessage(models.Model):
    enquiry = models.ForeignKey(BayEnquiry, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    from_enquirer = models.BooleanField()
    body = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:40]
