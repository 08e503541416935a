from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from .distance import bounding_box, distance_km_expression
from .text import ascii_fold


class PlaceQuerySet(models.QuerySet["Place"]):
    def cities(self) -> PlaceQuerySet:
        return self.filter(kind=Place.Kind.CITY)

    def postcodes(self) -> PlaceQuerySet:
        return self.filter(kind=Place.Kind.POSTCODE)

    def in_country(self, country_code: str) -> PlaceQuerySet:
        return self.filter(country_code=country_code.upper())

    def named(self, name: str) -> PlaceQuerySet:
        """Places whose name equals `name`, ignoring case and accents."""
        return self.filter(ascii_name__iexact=ascii_fold(name))

    def in_box(self, lat: float, lng: float, *, km: float) -> PlaceQuerySet:
        """A cheap, indexed prefilter: the box around the circle of radius `km`."""
        min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, km)
        return self.filter(lat__range=(min_lat, max_lat), lng__range=(min_lng, max_lng))

    def with_distance(self, lat: float, lng: float) -> PlaceQuerySet:
        """Annotates `distance_km` from (lat, lng)."""
        return self.annotate(distance_km=distance_km_expression("lat", "lng", lat, lng))

    def near(self, lat: float, lng: float, *, km: float) -> PlaceQuerySet:
        """Places within `km` of (lat, lng), nearest first, with `distance_km` annotated."""
        return (
            self.in_box(lat, lng, km=km)
            .with_distance(lat, lng)
            .filter(distance_km__lte=km)
            .order_by("distance_km", "pk")
        )


class Place(models.Model):
    """A gazetteer entry: a city (or a neighbourhood of one, with its `town`) or a postcode,
    with a point to measure distances from."""

    class Kind(models.TextChoices):
        CITY = "city", _("city")
        POSTCODE = "postcode", _("postcode")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    # The name folded to ASCII ("Sao Paulo"): what searches match, so accents never matter.
    ascii_name = models.CharField(_("ASCII name"), max_length=200)
    region = models.CharField(
        _("region"),
        max_length=20,
        blank=True,
        help_text=_(
            "First-level division code in capitals: the US state (OR) or the GeoNames admin1 code."
        ),
    )
    country_code = models.CharField(_("country code"), max_length=2)
    # A neighbourhood's town ("Sellwood" is in Portland); blank for towns themselves.
    town = models.CharField(_("town"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=16, blank=True)
    lat = models.FloatField(_("latitude"))
    lng = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"), default=0)
    geonameid = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(condition=Q(lat__gte=-90, lat__lte=90), name="place_lat_range"),
            models.CheckConstraint(
                condition=Q(lng__gte=-180, lng__lte=180), name="place_lng_range"
            ),
            models.CheckConstraint(
                condition=Q(country_code__regex=r"^[A-Z]{2}$"), name="place_country_code_iso"
            ),
            # A city has no postcode; a postcode entry always has one.
            models.CheckConstraint(
                condition=(Q(kind="city", postcode="") | (Q(kind="postcode") & ~Q(postcode=""))),
                name="place_postcode_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["kind", "country_code", "postcode"],
                condition=Q(kind="postcode"),
                name="place_postcode_unique",
            ),
        ]
        indexes = [
            # Typo-tolerant search: similarity() and the % operator.
            GinIndex(fields=["ascii_name"], opclasses=["gin_trgm_ops"], name="place_ascii_trgm"),
            # Exact and prefix matches ignoring case: iexact and istartswith compare UPPER(),
            # and text_pattern_ops serves LIKE 'PORT%' whatever the database's collation.
            models.Index(
                OpClass(Upper("ascii_name"), name="text_pattern_ops"), name="place_ascii_upper"
            ),
            models.Index(fields=["lat", "lng"], name="place_lat_lng"),
            # "Portland, ME": is ME a region at all?
            models.Index(fields=["region"], name="place_region"),
            # Postcode lookups, exact or by prefix ("972" while typing).
            models.Index(
                fields=["postcode"], opclasses=["varchar_pattern_ops"], name="place_postcode"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How people read the place: "Portland, OR, US", "Sellwood, Portland, OR, US" or
        "97214 (Portland, OR)"."""
        region = "" if self.region.isdigit() else self.region
        if self.kind == self.Kind.POSTCODE:
            town = ", ".join(part for part in (self.name, region) if part)
            return f"{self.postcode} ({town})" if town else self.postcode
        return ", ".join(part for part in (self.name, self.town, region, self.country_code) if part)
