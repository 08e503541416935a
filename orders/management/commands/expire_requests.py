from django.core.management.base import BaseCommand

from orders.services import requests_expire


class Command(BaseCommand):
    help = (
        "Mark open requests whose needed-by date has passed as expired. Pages already treat "
        "them as expired; run daily (cron or a scheduler) so the stored status agrees."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Expired {requests_expire()} request(s).")
