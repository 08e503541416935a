from django.core.management.base import BaseCommand

from producers import demo


class Command(BaseCommand):
    help = "Add the demo neighbourhood (accounts, hubs, producers). Safe to run again."

    def handle(self, *args, **options):
        demo.seed_demo(stdout=self.stdout)
        for role, email in demo.DEMO_LOGINS.items():
            self.stdout.write(f"  {role:<16} {email} / {demo.DEMO_PASSWORD}")
