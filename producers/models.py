from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.functions import RandomUUID
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from hubdir.accounts.language import reading_language

# --- The capability catalogue: curated by staff, loaded by `manage.py seed_catalogue`. ---


class Translated(models.Model):
    """A catalogue row with its Spanish beside the English, as catalogue_data ships them.

    Columns rather than message catalogues: the search table's SQL reads the Spanish names
    and synonyms too (docs/decisions.md). `label` and `text` are what a reader sees.
    """

    name_es = models.CharField(_("name in Spanish"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    def _local(self, field: str) -> str:
        """The field in the reader's language, else the English (a row not yet translated)."""
        english = getattr(self, field, "")
        language = reading_language()
        if language == "en":
            return english
        return getattr(self, f"{field}_{language}", "") or english

    @property
    def label(self) -> str:
        return self._local("name")

    @property
    def text(self) -> str:
        return self._local("description")


class Category(Translated):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    description_es = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = _("categories")

    def get_absolute_url(self) -> str:
        return reverse("producers:category", kwargs={"slug": self.slug})


class Capability(Translated):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="capabilities")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    description_es = models.TextField(blank=True)
    synonyms = ArrayField(
        models.CharField(max_length=80),
        default=list,
        blank=True,
        help_text=_("Other words people search for, for example 'engraving' for laser cutting."),
    )
    synonyms_es = ArrayField(models.CharField(max_length=80), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("capabilities")
        indexes = [GinIndex(fields=["synonyms"], name="capability_synonyms_gin")]

    def get_absolute_url(self) -> str:
        return reverse("producers:capability", kwargs={"slug": self.slug})


class Material(Translated):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    synonyms = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    synonyms_es = ArrayField(models.CharField(max_length=80), default=list, blank=True)

    class Meta:
        ordering = ["name"]


class Certification(Translated):
    class Kind(models.TextChoices):
        FOOD = "food", _("Food safety")
        QUALITY = "quality", _("Quality")
        INSURANCE = "insurance", _("Insurance")
        ENVIRONMENT = "environment", _("Environment")
        SAFETY = "safety", _("Health and safety")

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    description_es = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]


# --- Listings ---

LAT_RANGE = models.Q(lat__gte=-90, lat__lte=90)
LNG_RANGE = models.Q(lng__gte=-180, lng__lte=180)
# A place is either unknown (both empty) or a real point on Earth.
LATLNG_VALID = (models.Q(lat__isnull=True) & models.Q(lng__isnull=True)) | (
    models.Q(lat__isnull=False) & models.Q(lng__isnull=False) & LAT_RANGE & LNG_RANGE
)
# Memberships, invitations and hours belong to exactly one hub or one producer.
ONE_LISTING = models.Q(hub__isnull=True, producer__isnull=False) | models.Q(
    hub__isnull=False, producer__isnull=True
)


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class ListingRules:
    """The status rules of a hub or producer listing; services, views and templates ask these."""

    status: str
    # For templates: `listing.status == listing.Status.DRAFT`.
    Status = ListingStatus

    @property
    def is_published(self) -> bool:
        return self.status == ListingStatus.PUBLISHED

    @property
    def can_submit(self) -> bool:
        """The owner may send it to staff for review."""
        return self.status in (ListingStatus.DRAFT, ListingStatus.REJECTED)

    @property
    def can_unpublish(self) -> bool:
        """The owner may take it back to a draft (out of search, or out of the queue)."""
        return self.status in (ListingStatus.PUBLISHED, ListingStatus.PENDING)

    @property
    def awaits_review(self) -> bool:
        """Staff may approve or reject it."""
        return self.status == ListingStatus.PENDING


class ListingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ListingStatus.PUBLISHED)

    def managed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def visible_to(self, user):
        """Published listings, plus any listing the user manages; staff see everything."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        if not user.is_authenticated:
            return self.published()
        return self.filter(
            models.Q(status=ListingStatus.PUBLISHED) | models.Q(memberships__user=user)
        ).distinct()


class Address(models.Model):
    """Where a listing is; lat/lng come from the gazetteer, typed coordinates or a map pin."""

    address_line = models.CharField(_("street address"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    region = models.CharField(_("region or state"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    country_code = models.CharField(_("country"), max_length=2, default="US")
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lng = models.FloatField(_("longitude"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/Los_Angeles",
        help_text=_("Opening hours are read in this time zone."),
    )
    approximate_location = models.BooleanField(
        _("show only an approximate location"),
        default=False,
        help_text=_(
            "For a workshop at home: the public sees your town and a point within about 1 km, "
            "never your street address."
        ),
    )

    class Meta:
        abstract = True

    @property
    def address_display(self) -> str:
        return ", ".join(p for p in [self.address_line, self.town, self.region, self.postcode] if p)

    def public_point(self) -> tuple[float, float] | None:
        """The (lat, lon) anyone may see: the exact point, or for an approximate location the
        centre of its grid cell (APPROXIMATE_CELLS_PER_DEGREE). Every public page, feed and
        the search table (producers_search_refresh, the same cell in SQL) use this, never
        lat/lng themselves."""
        if self.lat is None or self.lng is None:
            return None
        if not self.approximate_location:
            return (self.lat, self.lng)
        return (_grid_centre(self.lat), _grid_centre(self.lng))

    def public_address(self) -> str:
        """The address text anyone may see: the town and region only for an approximate one."""
        if self.approximate_location:
            return ", ".join(p for p in [self.town, self.region] if p)
        return self.address_display


# Degrees per cell of an approximate location (about 1.1 km north-south). The same
# arithmetic in float8 is in producers_search_refresh (migration 0012): keep them together.
APPROXIMATE_CELLS_PER_DEGREE = 100


def _grid_centre(degrees: float) -> float:
    # One correctly rounded division: 45.525 exactly as typed, in Python and in SQL alike.
    cell = math.floor(degrees * APPROXIMATE_CELLS_PER_DEGREE)
    return (2 * cell + 1) / (2 * APPROXIMATE_CELLS_PER_DEGREE)


class Described(models.Model):
    """What the owner wrote about the listing, in the language they wrote it in, and
    optionally a Spanish version beside it for Spanish readers. Shown as written, marked
    with its language (`lang`) so screen readers pronounce it and search stems it right."""

    description_language = models.CharField(
        _("language of the description"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    description_es = models.TextField(
        _("description in Spanish"),
        blank=True,
        help_text=_("Optional: shown instead to people who read Hubdir in Spanish."),
    )

    class Meta:
        abstract = True

    def description_for_reader(self) -> tuple[str, str]:
        """(text, its language code) for the reader's language."""
        description = getattr(self, "description", "")
        if reading_language() == "es" and self.description_language != "es" and self.description_es:
            return self.description_es, "es"
        return description, self.description_language


class Confirmed(models.Model):
    """When the owner last said the listing's details are current (an edit says so too)."""

    # Owners are asked to confirm this often; past STALE_AFTER the listing is marked stale.
    CONFIRM_EVERY = timedelta(days=90)
    STALE_AFTER = timedelta(days=180)

    confirmed_at = models.DateTimeField(_("details confirmed"), default=timezone.now)
    # The last reminder sent, so a period of CONFIRM_EVERY gets one email at most.
    confirm_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def confirmed_days_ago(self, now: datetime | None = None) -> int:
        return max(((now or timezone.now()) - self.confirmed_at).days, 0)

    def is_stale(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) - self.confirmed_at > self.STALE_AFTER

    def confirm_reminder_due(self, now: datetime | None = None) -> bool:
        """True once per CONFIRM_EVERY period without a confirmation (90, 180, 270 days...)."""
        now = now or timezone.now()
        periods = (now - self.confirmed_at) // self.CONFIRM_EVERY
        if periods < 1:
            return False
        period_start = self.confirmed_at + periods * self.CONFIRM_EVERY
        return self.confirm_reminded_at is None or self.confirm_reminded_at < period_start


class Hub(ListingRules, Confirmed, Described, Address):
    class Kind(models.TextChoices):
        MAKER_SPACE = "maker_space", _("Shared maker space")
        KITCHEN = "kitchen", _("Commercial kitchen")
        STOREFRONT = "storefront", _("Storefront workshop")
        LIGHT_INDUSTRIAL = "light_industrial", _("Light-industrial unit")
        GARAGE = "garage", _("Garage")

    class Amenity(models.TextChoices):
        THREE_PHASE = "three_phase", _("3-phase power")
        VENTILATION = "ventilation", _("Extraction and ventilation")
        LOADING = "loading", _("Loading access")
        WASH_DOWN = "wash_down", _("Wash-down area")
        STORAGE = "storage", _("Secure storage")
        STEP_FREE = "step_free", _("Step-free access")
        PARKING = "parking", _("Parking")
        WIFI = "wifi", _("Wi-Fi")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(unique=True, max_length=140)
    kind = models.CharField(_("kind of space"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    amenities = ArrayField(
        models.CharField(max_length=20, choices=Amenity.choices), default=list, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        max_length=10, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    rejection_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=LATLNG_VALID,
                name="hub_latlng_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("producers:hub", kwargs={"slug": self.slug})

    def amenity_labels(self) -> list[str]:
        return [str(Hub.Amenity(a).label) for a in self.amenities]


class Bay(models.Model):
    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        LET = "let", _("Let")
        HIDDEN = "hidden", _("Not listed")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="bays")
    name = models.CharField(_("name"), max_length=80, help_text=_("For example 'Bay 3'."))
    size_sqm = models.PositiveIntegerField(_("size (m²)"), validators=[MinValueValidator(1)])
    monthly_price = models.DecimalField(_("monthly price"), max_digits=9, decimal_places=2)
    min_lease_months = models.PositiveSmallIntegerField(
        _("minimum lease (months)"), default=1, validators=[MinValueValidator(1)]
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AVAILABLE)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size_sqm__gt=0), name="bay_size_positive"),
            models.CheckConstraint(
                condition=models.Q(monthly_price__gt=0), name="bay_price_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(min_lease_months__gt=0), name="bay_lease_positive"
            ),
            models.UniqueConstraint(fields=["hub", "name"], name="bay_name_unique_in_hub"),
        ]

    def __str__(self) -> str:
        return f"{self.hub} · {self.name}"

    @property
    def is_rentable(self) -> bool:
        """Whether people may see and ask about this bay: listed as free in a published hub."""
        return self.status == self.Status.AVAILABLE and self.hub.is_published

    @property
    def rent(self) -> str:
        """The rent with its currency: the directory's prices are US dollars."""
        price = f"US${self.monthly_price:,.2f}".replace(".00", "")
        return gettext("%(price)s a month") % {"price": price}

    @property
    def terms(self) -> str:
        """What someone deciding on the bay reads: size, rent, lease and when it is free."""
        months = ngettext("%(count)s month", "%(count)s months", self.min_lease_months) % {
            "count": self.min_lease_months
        }
        if self.available_from:
            free = gettext("available from %(date)s") % {"date": date_format(self.available_from)}
        else:
            free = gettext("available now")
        return gettext("%(size)s m² · %(rent)s · minimum lease %(months)s · %(available)s") % {
            "size": self.size_sqm,
            "rent": self.rent,
            "months": months,
            "available": free,
        }


class ProducerQuerySet(ListingQuerySet):
    def claimed(self):
        """Listings someone answers for: all but those neighbours suggested and nobody claimed."""
        return self.exclude(UNCLAIMED)

    def receiving_requests(self):
        """The rows for which `Producer.can_receive_requests` holds."""
        return self.published().claimed().filter(accepts_custom_jobs=True)


class ProducerOrigin(models.TextChoices):
    OWNER = "owner", _("Listed by its owner")
    SUGGESTED = "suggested", _("Suggested by neighbours")


# A listing neighbours suggested that no owner has claimed: it never takes requests.
UNCLAIMED = models.Q(origin=ProducerOrigin.SUGGESTED, claimed_at__isnull=True)


class Producer(ListingRules, Confirmed, Described, Address):
    Origin = ProducerOrigin

    class Service(models.TextChoices):
        MAKE = "make", _("Make")
        ASSEMBLE = "assemble", _("Assemble")
        REPAIR = "repair", _("Repair")
        FINISH = "finish", _("Finish and customise")
        PACK = "pack", _("Pack")

    class CustomerType(models.TextChoices):
        RESIDENTS = "residents", _("Residents")
        BUSINESSES = "businesses", _("Businesses")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(unique=True, max_length=140)
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    description = models.TextField(_("description"), blank=True)
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tenants",
        verbose_name=_("hub"),
    )
    uses_hub_address = models.BooleanField(_("use the hub's address"), default=False)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    public_email = models.EmailField(_("public email"), blank=True)
    services = ArrayField(
        models.CharField(max_length=10, choices=Service.choices), default=list, blank=True
    )
    customer_types = ArrayField(
        models.CharField(max_length=12, choices=CustomerType.choices), default=list, blank=True
    )
    accepts_custom_jobs = models.BooleanField(_("accepts custom jobs"), default=True)
    made_on_site = models.TextField(
        _("made on site"),
        blank=True,
        help_text=_("What you make, assemble, repair or finish here, in your own words."),
    )
    resold = models.TextField(
        _("resold"), blank=True, help_text=_("What you sell that is made elsewhere, if anything.")
    )
    status = models.CharField(
        max_length=10, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    rejection_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    verified = models.BooleanField(default=False)
    verified_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    checked_equipment = models.BooleanField(_("equipment seen"), default=False)
    checked_hours = models.BooleanField(_("regular hours"), default=False)
    checked_businesses = models.BooleanField(_("serves businesses"), default=False)
    checked_examples = models.BooleanField(_("examples made on site"), default=False)
    origin = models.CharField(max_length=10, choices=ProducerOrigin.choices, default="owner")
    # When the owner of a suggested listing took it over (an invitation or a verified claim).
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    capabilities = models.ManyToManyField(
        Capability, through="ProducerCapability", related_name="producers"
    )
    certifications = models.ManyToManyField(
        Certification, through="ProducerCertification", related_name="producers"
    )

    objects = ProducerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "lat", "lng"], name="producer_status_latlng")]
        constraints = [
            models.CheckConstraint(
                condition=LATLNG_VALID,
                name="producer_latlng_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(verified=False) | models.Q(verified_at__isnull=False),
                name="producer_verified_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(uses_hub_address=False) | models.Q(hub__isnull=False),
                name="producer_hub_address_needs_hub",
            ),
            # Only a suggested listing is ever claimed.
            models.CheckConstraint(
                condition=models.Q(claimed_at__isnull=True) | models.Q(origin="suggested"),
                name="producer_claimed_was_suggested",
            ),
            # Nobody answers for an unclaimed listing: it takes no jobs and is not verified.
            models.CheckConstraint(
                condition=~UNCLAIMED | models.Q(accepts_custom_jobs=False, verified=False),
                name="producer_unclaimed_takes_no_jobs",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("producers:profile", kwargs={"slug": self.slug})

    def service_labels(self) -> list[str]:
        return [str(Producer.Service(s).label) for s in self.services]

    def customer_type_labels(self) -> list[str]:
        return [str(Producer.CustomerType(c).label) for c in self.customer_types]

    @property
    def is_unclaimed(self) -> bool:
        """Suggested by neighbours and not yet claimed: nothing on it is confirmed."""
        return self.origin == ProducerOrigin.SUGGESTED and self.claimed_at is None

    @property
    def can_receive_requests(self) -> bool:
        """Buyers may invite it and requests may reach it (the match rules ask this too)."""
        return self.is_published and self.accepts_custom_jobs and not self.is_unclaimed

    @property
    def can_delete(self) -> bool:
        """A draft that was never published: no buyer has seen it, so its owner may throw it
        away (one that was published has leads, quotes or reviews to keep)."""
        return self.status == ListingStatus.DRAFT and self.published_at is None

    def checklist_gaps(self) -> dict[str, str]:
        """The verification checklist items staff may not tick, with what the listing lacks:
        a checked item must be borne out by the listing itself."""
        gaps = {}
        if not self.hours.exists():
            gaps["checked_hours"] = str(_("No opening hours are listed."))
        if Producer.CustomerType.BUSINESSES not in self.customer_types:
            gaps["checked_businesses"] = str(_("It does not say it serves businesses."))
        if not self.photos.exists() and not self.made_on_site.strip():
            gaps["checked_examples"] = str(
                _("No photos, and nothing said about what is made here.")
            )
        return gaps


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="memberships")
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=ONE_LISTING,
                name="membership_one_listing",
            ),
            models.UniqueConstraint(
                fields=["user", "hub"],
                condition=models.Q(hub__isnull=False),
                name="member_hub_once",
            ),
            models.UniqueConstraint(
                fields=["user", "producer"],
                condition=models.Q(producer__isnull=False),
                name="member_producer_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.hub or self.producer} ({self.role})"

    @property
    def listing(self):
        return self.hub or self.producer


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    email = models.EmailField()
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    role = models.CharField(max_length=10, choices=Membership.Role.choices)
    # A hub owner inviting a tenant: accepting creates a draft producer in the hub.
    as_tenant = models.BooleanField(default=False)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=ONE_LISTING,
                name="invitation_one_listing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.hub or self.producer}"

    @property
    def listing(self):
        return self.hub or self.producer

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def can_answer(self) -> bool:
        """The invited person may still accept or decline it."""
        return self.status == self.Status.PENDING and not self.is_expired


class ListingChange(models.Model):
    """A material edit of a published producer or hub, kept aside until staff approve it.

    Until then the listing's rows keep the approved values, so its page, its search row
    (built from those rows by triggers) and the requests it reaches do not change.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    # {"fields": {field name: proposed value, "hub": hub id}, "capabilities": [row, ...]}
    proposed = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer"],
                condition=models.Q(status="pending"),
                name="listing_change_one_pending",
            ),
            models.UniqueConstraint(
                fields=["hub"],
                condition=models.Q(status="pending"),
                name="listing_change_hub_one_pending",
            ),
            models.CheckConstraint(condition=ONE_LISTING, name="listing_change_one_listing"),
        ]

    def __str__(self) -> str:
        return f"{self.listing} ({self.get_status_display()})"

    @property
    def listing(self) -> Hub | Producer:
        return self.hub or self.producer

    @property
    def awaits_review(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def fields(self) -> dict:
        return self.proposed.get("fields", {})

    @property
    def capabilities(self) -> list[dict]:
        return self.proposed.get("capabilities", [])

    def diff(self) -> list[tuple[str, str, str]]:
        """(what, approved value, proposed value) for each proposed change, in people's words."""
        live, fields, rows = self.listing, self.fields, []
        for name in ("name", "made_on_site", "resold"):
            if name in fields:
                label = str(type(live)._meta.get_field(name).verbose_name)
                rows.append((label.capitalize(), getattr(live, name), fields[name]))
        if "hub" in fields and isinstance(live, Producer):
            hub = Hub.objects.filter(pk=fields["hub"]).first()
            rows.append((str(_("Hub")), live.hub.name if live.hub else "", hub.name if hub else ""))
        if "lat" in fields:
            proposed = type(live)(**{k: v for k, v in fields.items() if k in ADDRESS_FIELDS})
            rows.append(
                (
                    str(_("Location")),
                    f"{live.address_display} ({live.lat}, {live.lng})",
                    f"{proposed.address_display} ({proposed.lat}, {proposed.lng})",
                )
            )
        if self.capabilities:
            names = Capability.objects.filter(
                pk__in=[row["capability"] for row in self.capabilities]
            ).values_list("name", flat=True)
            rows.append((str(_("Capabilities added")), "", ", ".join(names)))
        return rows


ADDRESS_FIELDS = ("address_line", "town", "region", "postcode", "country_code", "lat", "lng")


class HubJoinRequest(models.Model):
    """A producer asking to be listed in a hub; only the hub's managers can let it in."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the hub")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="join_requests")
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="hub_join_requests"
    )
    uses_hub_address = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer"],
                condition=models.Q(status="pending"),
                name="hub_join_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer} → {self.hub} ({self.get_status_display()})"

    @property
    def can_answer(self) -> bool:
        return self.status == self.Status.PENDING


class ProducerCapability(models.Model):
    class BatchBand(models.TextChoices):
        ONE_OFF = "one_off", _("One-offs")
        SHORT = "short", _("Short runs (2–50)")
        MEDIUM = "medium", _("Medium runs (51–500)")
        LARGE = "large", _("Larger runs (500+)")

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="producer_capabilities"
    )
    capability = models.ForeignKey(Capability, on_delete=models.PROTECT, related_name="+")
    materials = models.ManyToManyField(Material, blank=True, related_name="+")
    batch_band = models.CharField(
        _("batch size"), max_length=10, choices=BatchBand.choices, default=BatchBand.SHORT
    )
    min_quantity = models.PositiveIntegerField(
        _("minimum quantity"), default=1, validators=[MinValueValidator(1)]
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("typical lead time (days)"), default=7, validators=[MinValueValidator(1)]
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["capability__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "capability"], name="producer_capability_once"
            ),
            models.CheckConstraint(condition=models.Q(min_quantity__gt=0), name="pc_min_qty_pos"),
            models.CheckConstraint(condition=models.Q(lead_time_days__gt=0), name="pc_lead_pos"),
        ]

    def __str__(self) -> str:
        return f"{self.producer} · {self.capability}"


class Machine(models.Model):
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="machines")
    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="+", verbose_name=_("capability")
    )
    make_model = models.CharField(_("make and model"), max_length=120)
    work_area = models.CharField(
        _("work area"), max_length=60, blank=True, help_text=_("For example 1200 × 900 mm.")
    )
    max_thickness_mm = models.DecimalField(
        _("maximum thickness (mm)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    materials = models.ManyToManyField(Material, blank=True, related_name="+")

    class Meta:
        ordering = ["capability__name", "make_model"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_thickness_mm__isnull=True)
                | models.Q(max_thickness_mm__gt=0),
                name="machine_thickness_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.make_model


class ProducerCertification(models.Model):
    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="producer_certifications"
    )
    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("reference number"), max_length=80, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        ordering = ["certification__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "certification"], name="producer_certification_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.producer} · {self.certification}"


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, null=True, blank=True, related_name="hours"
    )
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, null=True, blank=True, related_name="hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    walk_in = models.BooleanField(
        _("walk-in repairs"), default=False, help_text=_("No appointment needed in these hours.")
    )

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open"
            ),
            models.CheckConstraint(
                condition=ONE_LISTING,
                name="hours_one_listing",
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6), name="hours_weekday_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Photo(models.Model):
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="photos/", width_field="width", height_field="height")
    thumb_sm = models.ImageField(upload_to="photos/")
    thumb_md = models.ImageField(upload_to="photos/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = models.CharField(
        _("caption"), max_length=200, help_text=_("What it is and what was made here.")
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.caption


class ProfileView(models.Model):
    """Profile views per producer per day: one upserted row, not one row per view."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["producer", "day"], name="profileview_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.producer} {self.day}: {self.count}"


# --- The directory's search table ---


class IntMultiRangeField(models.Field):
    """PostgreSQL int4multirange. Written only by SQL (producers_search_refresh); read by SQL."""

    def db_type(self, connection) -> str:
        return "int4multirange"


class ProducerSearch(models.Model):
    """One narrow row per published producer: what the directory filters, counts and sorts.

    Kept in step with the listings by statement-level PostgreSQL triggers on every table a
    row is made from (producers migration 0006_search_sync, its SOURCES table), which call
    producers_search_refresh(ids); orders migration 0003_search_rating keeps `rating`
    current from reviews. So admin edits, bulk updates and raw SQL cannot leave it stale.
    Never written from Python. Ids in integer arrays with GIN indexes make a facet filter
    one index probe instead of joins, and a facet count one unnest over the matching rows.
    """

    producer = models.OneToOneField(
        Producer,
        # The triggers delete the row with its producer; no foreign key to order against.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="search_row",
    )
    name = models.CharField(max_length=120)
    # Weights: name A, capabilities and synonyms B, tagline and materials C, description D.
    document = SearchVectorField()
    # The listing's public_point(): an approximate location is searched by its cell's centre.
    lat = models.FloatField(null=True)
    lng = models.FloatField(null=True)
    category_ids = ArrayField(models.IntegerField(), default=list)
    capability_ids = ArrayField(models.IntegerField(), default=list)
    material_ids = ArrayField(models.IntegerField(), default=list)
    certification_ids = ArrayField(models.IntegerField(), default=list)
    services = ArrayField(models.CharField(max_length=10), default=list)
    customer_types = ArrayField(models.CharField(max_length=12), default=list)
    batch_bands = ArrayField(models.CharField(max_length=10), default=list)
    # NULL means "not in a hub"; written by SQL only, so NULL is the natural empty value.
    hub_kind = models.CharField(max_length=20, null=True)  # noqa: DJ001
    verified = models.BooleanField(default=False)
    walk_in = models.BooleanField(default=False)
    # The most permissive of the producer's capabilities: smallest minimum, shortest lead.
    min_quantity = models.IntegerField(null=True)
    lead_time_days = models.IntegerField(null=True)
    # A valid IANA zone or NULL; open_hours are minutes of the week (Monday 00:00 = 0) there.
    time_zone = models.CharField(max_length=64, null=True)  # noqa: DJ001
    open_hours = IntMultiRangeField(null=True)
    # Filled once reviews exist; until then every row is NULL and rating sorts neutrally.
    rating = models.FloatField(null=True)
    # The listing's confirmed_at: read against the clock, so "stale" is never out of date.
    confirmed_at = models.DateTimeField(null=True)
    # The reviews the rating is the average of (orders migration 0009_search_review_count).
    review_count = models.IntegerField(default=0, db_default=0)
    # Every facet value of the row as "facet:value" ("" in every row, for the total), so
    # the facet counts are one unnest over the matching rows (migration 0008).
    facet_keys = models.GeneratedField(
        expression=models.Func(
            *(
                models.F(name)
                for name in (
                    "category_ids",
                    "capability_ids",
                    "material_ids",
                    "certification_ids",
                    "services",
                    "customer_types",
                    "batch_bands",
                    "hub_kind",
                    "verified",
                    "walk_in",
                    "lead_time_days",
                )
            ),
            function="producers_facet_keys",
        ),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
    )

    class Meta:
        indexes = [
            GinIndex(fields=["document"], name="search_document_gin"),
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="search_name_trgm"),
            # Bounding-box prefilter; holding the key lets counts run as index-only scans,
            # and the capabilities let a profile's "nearby" (a shared capability in the box)
            # skip the wide rows: about 20 -> 3 ms in a dense city at 100k.
            models.Index(
                fields=["lat", "lng"], include=["producer", "capability_ids"], name="search_latlng"
            ),
            GinIndex(fields=["category_ids"], opclasses=["gin__int_ops"], name="search_cat_gin"),
            GinIndex(fields=["capability_ids"], opclasses=["gin__int_ops"], name="search_cap_gin"),
            GinIndex(fields=["material_ids"], opclasses=["gin__int_ops"], name="search_mat_gin"),
            GinIndex(
                fields=["certification_ids"], opclasses=["gin__int_ops"], name="search_cert_gin"
            ),
            GinIndex(fields=["services"], name="search_services_gin"),
            GinIndex(fields=["customer_types"], name="search_customers_gin"),
            GinIndex(fields=["batch_bands"], name="search_batch_gin"),
        ]

    def __str__(self) -> str:
        return self.name


class SearchVersion(models.Model):
    """One row: a number that grows with every statement that changes the search table (a
    trigger, migration 0009; from a sequence since 0019, so it never repeats, not even after
    a rollback or a flush). Counts cached under it are exact for as long as it stands."""

    version = models.BigIntegerField(default=0)
    # Every change after this version is in SearchChange (older entries are pruned, and a
    # TRUNCATE changes everything): a copy of the table older than this must be read anew.
    logged_since = models.BigIntegerField(default=0)
    # Which database this is: drawn when the row is made, so a new database (or a flushed
    # table) is never taken for another whose versions ran through the same numbers: what the
    # workers share under a version (producers.search.shared) is keyed by it too.
    database = models.UUIDField(db_default=RandomUUID(), editable=False)

    def __str__(self) -> str:
        return str(self.version)


class SearchChange(models.Model):
    """Which search rows each version changed, written by the version trigger from the
    statement's transition tables (migration 0019): what an in-process copy of the facet
    keys (producers.search.index) reads to catch up. Never written from Python."""

    id = models.BigAutoField(primary_key=True)
    version = models.BigIntegerField(db_index=True)
    producer_id = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.version}: {self.producer_id}"


# --- What residents keep and give: saved searches, shortlists, suggested workshops ---


class SavedSearch(models.Model):
    """A search page's parameters kept under a name, with an email when new listings match."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        OFF = "off", _("Off (no emails)")

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=80)
    # The normalised query string (producers.search.saved_query): the search, not the page.
    query = models.CharField(max_length=2000, blank=True)
    frequency = models.CharField(
        _("email me"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The last time the alert looked for new listings (whether or not it found any).
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_search_url(self) -> str:
        url = reverse("producers:search")
        return f"{url}?{self.query}" if self.query else url


class SavedSearchSent(models.Model):
    """A listing an alert has told about: never the same listing twice per saved search."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="sent")
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "producer"], name="saved_search_sent_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.saved_search} → {self.producer}"


class Favourite(models.Model):
    """A workshop on a person's shortlist."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="favourites")
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "producer"], name="favourite_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ★ {self.producer}"


class Suggestion(models.Model):
    """A workshop a resident knows about, for staff to check; accepted, it becomes an
    unclaimed listing (`producer`) that its owner may claim."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not accepted")

    suggested_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    name = models.CharField(_("the workshop's name"), max_length=120)
    capabilities = models.ManyToManyField(
        Capability, related_name="+", verbose_name=_("what it makes")
    )
    place = models.CharField(
        _("roughly where"),
        max_length=200,
        help_text=_("A street, neighbourhood, town or ZIP code: no more than you would say."),
    )
    place_label = models.CharField(max_length=200, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    contact_email = models.EmailField(
        _("the workshop's email (optional)"),
        blank=True,
        help_text=_("If you give one, we invite the owner to claim the listing. Never shown."),
    )
    note = models.TextField(_("what you know about it (optional)"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    producer = models.OneToOneField(
        Producer, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestion"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=LATLNG_VALID, name="suggestion_latlng_valid"),
            # Only an accepted suggestion has a listing; a pending one has no decision yet.
            models.CheckConstraint(
                condition=models.Q(status="accepted") | models.Q(producer__isnull=True),
                name="suggestion_listing_only_if_accepted",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending", decided_at__isnull=True)
                | (~models.Q(status="pending") & models.Q(decided_at__isnull=False)),
                name="suggestion_decided_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def awaits_review(self) -> bool:
        return self.status == self.Status.PENDING


class ClaimRequest(models.Model):
    """Someone says an unclaimed listing is theirs; staff check before it becomes theirs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(
        _("how we can check it is yours"),
        max_length=2000,
        help_text=_(
            "For example your role there, and a phone number or website that shows the "
            "workshop. Only staff read this."
        ),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "user"],
                condition=models.Q(status="pending"),
                name="claim_one_pending_per_person",
            ),
            # Only one claim of a listing is ever approved: it has one first owner.
            models.UniqueConstraint(
                fields=["producer"],
                condition=models.Q(status="approved"),
                name="claim_one_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} claims {self.producer}"

    @property
    def awaits_review(self) -> bool:
        return self.status == self.Status.PENDING


# --- Unmet demand ---


class SearchMiss(models.Model):
    """A search with a place that found nothing, for the unmet-demand map, with no personal
    data: the words (cleaned, no digits or addresses), the capability chosen or named, the
    ~5 km grid cell (hubdir.geo.grid) and the day. `visitor` is a hash of the session keyed
    by the day (producers.demand.visitor_hash) that only tells visitors apart within one day,
    so the map can hold back cells fewer than three people asked about; it is never shown."""

    day = models.DateField(default=timezone.localdate)
    words = models.CharField(max_length=60, blank=True)
    capability = models.ForeignKey(
        Capability, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    cell_row = models.IntegerField()
    cell_col = models.IntegerField()
    visitor = models.CharField(max_length=32, blank=True)

    class Meta:
        indexes = [models.Index(fields=["day"], name="searchmiss_day")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(words="") | models.Q(capability__isnull=False),
                name="searchmiss_says_what",
            ),
            # One row per visitor, day, what and where: reloading the page adds nothing.
            models.UniqueConstraint(
                "day",
                "visitor",
                "words",
                Coalesce("capability", 0),
                "cell_row",
                "cell_col",
                condition=~models.Q(visitor=""),
                name="searchmiss_once_per_visitor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.words or self.capability_id} in {self.cell_row},{self.cell_col}"
