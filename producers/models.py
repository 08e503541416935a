from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# --- The capability catalogue: curated by staff, loaded by `manage.py seed_catalogue`. ---


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("producers:category", kwargs={"slug": self.slug})


class Capability(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="capabilities")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    synonyms = ArrayField(
        models.CharField(max_length=80),
        default=list,
        blank=True,
        help_text=_("Other words people search for, for example 'engraving' for laser cutting."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("capabilities")
        indexes = [GinIndex(fields=["synonyms"], name="capability_synonyms_gin")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("producers:capability", kwargs={"slug": self.slug})


class Material(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    synonyms = ArrayField(models.CharField(max_length=80), default=list, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Certification(models.Model):
    class Kind(models.TextChoices):
        FOOD = "food", _("Food safety")
        QUALITY = "quality", _("Quality")
        INSURANCE = "insurance", _("Insurance")
        ENVIRONMENT = "environment", _("Environment")
        SAFETY = "safety", _("Health and safety")

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
