from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from . import catalogue_data
from .models import Capability, Category, Certification, Material


@dataclass
class CatalogueCounts:
    categories: int
    capabilities: int
    materials: int
    certifications: int


@transaction.atomic
def catalogue_load() -> CatalogueCounts:
    """Create or update the catalogue from catalogue_data; safe to run again."""
    for position, cat in enumerate(catalogue_data.CATEGORIES):
        category, _ = Category.objects.update_or_create(
            slug=cat["slug"],
            defaults={"name": cat["name"], "description": cat["description"], "position": position},
        )
        for cap in cat["capabilities"]:
            Capability.objects.update_or_create(
                slug=cap["slug"],
                defaults={
                    "category": category,
                    "name": cap["name"],
                    "description": cap["description"],
                    "synonyms": cap["synonyms"],
                },
            )
    for mat in catalogue_data.MATERIALS:
        Material.objects.update_or_create(
            slug=mat["slug"], defaults={"name": mat["name"], "synonyms": mat["synonyms"]}
        )
    for cert in catalogue_data.CERTIFICATIONS:
        Certification.objects.update_or_create(
            slug=cert["slug"],
            defaults={
                "name": cert["name"],
                "description": cert["description"],
                "kind": cert["kind"],
            },
        )
    return CatalogueCounts(
        categories=Category.objects.count(),
        capabilities=Capability.objects.count(),
        materials=Material.objects.count(),
        certifications=Certification.objects.count(),
    )
