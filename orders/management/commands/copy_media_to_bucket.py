import hashlib
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from hubdir.media import MEDIA_STORAGES, is_bucket, stored_names


class Command(BaseCommand):
    help = (
        "Copy the photos and private files on this server's disk (MEDIA_ROOT, "
        "PRIVATE_MEDIA_ROOT) into the buckets (MEDIA_BUCKET, PRIVATE_MEDIA_BUCKET), under the "
        "same names. Safe to run again: a file whose bucket copy has the same size and MD5 "
        "(or, for a multipart upload, the same size) is skipped; one that differs is replaced."
    )

    def handle(self, *args, **options):
        roots = {"default": settings.MEDIA_ROOT, "private": settings.PRIVATE_MEDIA_ROOT}
        work = []
        for alias in MEDIA_STORAGES:
            if not is_bucket(storages[alias]):
                raise CommandError(
                    "Set MEDIA_BUCKET and PRIVATE_MEDIA_BUCKET (and MEDIA_URL, S3_ENDPOINT_URL "
                    "for a provider other than AWS) first: this copies into them."
                )
            # Saving normally picks a new name when one is taken; a stale copy is replaced.
            config = settings.STORAGES[alias]
            bucket: Any = storages.create_storage(
                {**config, "OPTIONS": {**config["OPTIONS"], "file_overwrite": True}}
            )
            there = {o.key: (o.size, o.e_tag.strip('"')) for o in bucket.bucket.objects.all()}
            disk = FileSystemStorage(location=roots[alias])
            work += [(disk, bucket, name, there.get(name)) for name in stored_names(disk)]

        copied = skipped = 0
        for disk, bucket, name, there in tqdm(work, desc="Copying media", unit="file"):
            with disk.open(name) as file:
                if there and _same(file, disk.size(name), *there):
                    skipped += 1
                    continue
                file.seek(0)
                bucket.save(name, file)
                copied += 1
        self.stdout.write(
            f"Copied {copied} file{'' if copied == 1 else 's'}; "
            f"{skipped} were in the buckets already."
        )


def _same(file, size: int, bucket_size: int, etag: str) -> bool:
    if size != bucket_size:
        return False
    # A multipart upload's ETag is not the file's MD5 (it ends in "-<parts>").
    return "-" in etag or hashlib.md5(file.read(), usedforsecurity=False).hexdigest() == etag
