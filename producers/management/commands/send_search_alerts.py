from django.core.management.base import BaseCommand

from producers.saved import send_search_alerts


class Command(BaseCommand):
    help = (
        "Email saved-search alerts that are due (run it daily from cron; `make run` runs it "
        "once). The work runs as a background task: at once with the immediate backend, "
        "else by the task worker."
    )

    def handle(self, *args, **options):
        result = send_search_alerts.enqueue()
        if result.is_finished:
            self.stdout.write(f"Saved-search alerts: {result.return_value} new listing(s) told.")
        else:
            self.stdout.write(f"Saved-search alerts queued as task {result.id}.")
