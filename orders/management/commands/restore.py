from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from hubdir.backup import differences, load_archive, read_manifest, refuse_unless_empty


class Command(BaseCommand):
    help = (
        "Restore an archive from `manage.py backup` into the empty database of DATABASE_URL and "
        "the empty media storages (buckets or folders) of this environment, then check it: "
        "migrate --check, VACUUM ANALYZE, rebuild the search table, and compare every table's "
        "rows and every file with the archive's manifest. Fails, listing each difference, on "
        "any mismatch."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, **options):
        archive = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        manifest = read_manifest(archive)
        refuse_unless_empty()
        load_archive(archive, manifest)
        try:
            call_command("migrate", check=True, verbosity=0)
        except SystemExit:
            raise CommandError(
                "The backup lacks migrations this code has: restore with the release that made "
                "it, or run `manage.py migrate` now and check the site."
            ) from None
        with connection.cursor() as cursor:
            # A restored database has no planner statistics: without them it is slow at first.
            cursor.execute("VACUUM ANALYZE")
            # The search table is derived from the listings: rebuilt, then counted like the rest.
            cursor.execute("SELECT producers_search_rebuild()")
            # The change log was not archived (hubdir.backup.UNSAVED_TABLES): it starts here,
            # so a process's copy of the facet keys from before is read anew, not patched.
            cursor.execute(
                "DELETE FROM producers_searchchange;"
                " UPDATE producers_searchversion SET logged_since = version"
            )
        found = differences(manifest)
        if found:
            raise CommandError(
                "The restore does not match the backup's manifest:\n  " + "\n  ".join(found)
            )
        files = sum(len(f) for f in manifest["media"].values())
        self.stdout.write(
            f"Restored {archive.name}: {len(manifest['tables'])} tables and {files} files "
            "match the backup."
        )
