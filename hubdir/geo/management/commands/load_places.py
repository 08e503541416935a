from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from hubdir.geo.models import Place
from hubdir.geo.services import places_load


class Command(BaseCommand):
    help = (
        "Load the gazetteer (GeoNames cities and US ZIP codes shipped with installed packages). "
        "Safe to run again: existing places are updated, not duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--min-population",
            type=int,
            default=500,
            help="Skip cities with fewer people (default: 500).",
        )
        parser.add_argument(
            "--country",
            action="append",
            dest="countries",
            metavar="CODE",
            help="Load only this country (ISO code, e.g. LU); repeat for more. Default: all.",
        )
        parser.add_argument(
            "--zip-prefix",
            action="append",
            dest="zip_prefixes",
            metavar="DIGITS",
            help="Load only US ZIP codes starting with these digits; repeat for more.",
        )

    def handle(self, *args, min_population: int, countries, zip_prefixes, **options) -> None:
        started = time.monotonic()
        loaded = places_load(
            min_population=min_population, countries=countries, zip_prefixes=zip_prefixes
        )
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {loaded} places in {seconds:.1f} s. The gazetteer holds"
                f" {Place.objects.cities().count()} cities"
                f" and {Place.objects.postcodes().count()} postcodes."
            )
        )
