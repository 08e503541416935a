from django.core.management.base import BaseCommand

from producers.services import catalogue_load


class Command(BaseCommand):
    help = "Load the capability catalogue (categories, capabilities, materials, certifications)."

    def handle(self, *args, **options):
        counts = catalogue_load()
        self.stdout.write(
            f"Catalogue: {counts.categories} categories, {counts.capabilities} capabilities, "
            f"{counts.materials} materials, {counts.certifications} certifications."
        )
