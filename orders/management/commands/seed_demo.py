from django.core.management.base import BaseCommand

from orders.demo import seed_everything
from producers.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Add the demo neighbourhood (accounts, hubs, producers) and its market. Safe to rerun."

    def handle(self, *args, **options):
        seed_everything(stdout=self.stdout)
        for role, email in DEMO_LOGINS.items():
            self.stdout.write(f"  {role:<16} {email} / {DEMO_PASSWORD}")
