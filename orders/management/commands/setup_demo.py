from django.core.management import call_command
from django.core.management.base import BaseCommand

from hubdir.accounts.models import User
from hubdir.geo.models import Place
from orders.demo import seed_everything
from producers import demo


class Command(BaseCommand):
    help = (
        "What `make run` does before serving: migrate, load the catalogue and the gazetteer, "
        "seed demo data into an empty database only, and send the listing reminders due."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_catalogue", stdout=self.stdout)
        if not Place.objects.exists():
            call_command("load_places", stdout=self.stdout)
        if User.objects.exists():
            self.stdout.write("Database has accounts already: demo data left as it is.")
        else:
            seed_everything(stdout=self.stdout)
        # The daily reminders too: a listing gets one per period, however often this runs.
        call_command("remind_listings", stdout=self.stdout)
        self.stdout.write("\nHubdir is starting at http://127.0.0.1:8000 — demo logins:")
        for role, email in demo.DEMO_LOGINS.items():
            self.stdout.write(f"  {role:<16} {email} / {demo.DEMO_PASSWORD}")
