from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hubdir.backup import write_archive


class Command(BaseCommand):
    help = (
        "Write one dated archive (hubdir-backup-<UTC time>.tar) with a pg_dump of the database "
        "and every photo and private file, from their folders or their buckets, plus a manifest "
        "of row counts and file checksums that `manage.py restore` checks against."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", default=".", help="Where to write the archive (default: here)."
        )

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder.")
        archive = write_archive(directory)
        self.stdout.write(f"Wrote {archive}")
