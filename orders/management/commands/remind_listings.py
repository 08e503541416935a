from django.core.management.base import BaseCommand

from orders.tasks import remind_unconfirmed_listings


class Command(BaseCommand):
    help = (
        "Ask the owners of listings not confirmed for 90 days (and each 90 days after) to "
        "confirm or edit their details. Run daily (cron or a scheduler); a listing gets one "
        "reminder per period however often this runs."
    )

    def handle(self, *args, **options):
        result = remind_unconfirmed_listings.enqueue()
        if result.is_finished:
            self.stdout.write(f"Reminded the owners of {result.return_value} listing(s).")
        else:
            self.stdout.write(f"Queued the listing reminders (task {result.id}).")
