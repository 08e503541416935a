"""The two places uploads live, whichever storage holds them (disk folders or buckets)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from django.core.files.storage import Storage

# STORAGES aliases: public listing photos, and buyers' private files.
MEDIA_STORAGES = ("default", "private")


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in the storage, as the database stores it ("photos/ab12.jpg")."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder nothing was uploaded to yet
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for sub in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, sub))


def is_bucket(storage: Storage) -> bool:
    from storages.backends.s3 import S3Storage

    return isinstance(storage, S3Storage)
