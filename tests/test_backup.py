"""`manage.py backup` and `restore`: the demo through one archive into a fresh database and fresh
buckets (or folders), then every table's rows and every file the same on the other side.

The restore runs as an operator runs it: `manage.py restore` in a new process whose environment
names the new database and the new storages.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from orders import services
from orders.demo import seed_everything
from orders.files import clean_attachment
from orders.models import JobRequest
from producers.services import catalogue_load, photo_add

from .factories import make_producer
from .object_storage import MEDIA, PRIVATE, RESTORED_MEDIA, RESTORED_PRIVATE, use_storages
from .test_listings_owner import _jpeg

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n% the buyer's drawing\n%%EOF\n"
# What the restoring process reads from its own environment, never from the test run's.
STORAGE_VARIABLES = {
    "DATABASE_URL",
    "MEDIA_ROOT",
    "PRIVATE_MEDIA_ROOT",
    "MEDIA_BUCKET",
    "PRIVATE_MEDIA_BUCKET",
    "MEDIA_URL",
    "S3_ENDPOINT_URL",
}


def _connect(dbname: str):
    s = connection.settings_dict
    return psycopg.connect(
        dbname=dbname,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    """A new, empty database beside the test one; its DATABASE_URL."""
    s = connection.settings_dict
    names = []

    def create(suffix: str = "restored") -> str:
        name = f"{s['NAME']}_{suffix}"
        with _connect("postgres") as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        names.append(name)
        user = quote(s["USER"] or "postgres", safe="")
        password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
        host = quote(s["HOST"] or "localhost", safe="")
        return f"postgres://{user}{password}@{host}:{s['PORT'] or 5432}/{name}"

    yield create
    with _connect("postgres") as admin:
        for name in names:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _rows(dbname: str) -> dict[str, int]:
    """Rows per table of the public schema, counted here, apart from the command's own count."""
    with _connect(dbname) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            t: db.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[
                0
            ]
            for t in tables
        }


def _restore(archive: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in STORAGE_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=base | {"HUBDIR_TESTING": "1"} | env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def disk_storages(settings, tmp_path, monkeypatch):
    """Both media folders under this test's own temporary folder."""
    private = tmp_path / "private"
    use_storages(
        settings,
        monkeypatch,
        settings.STORAGES
        | {"private": settings.STORAGES["private"] | {"OPTIONS": {"location": private}}},
    )
    return settings.MEDIA_ROOT, private


@pytest.fixture(params=["disk", "bucket"])
def media(request):
    return request.param, request.getfixturevalue(f"{request.param}_storages")


def _demo_with_a_private_file():
    catalogue_load()
    users = seed_everything()
    job = JobRequest.objects.filter(buyer=users["buyer"]).first()
    services.attach_files(
        [clean_attachment(SimpleUploadedFile("shelf plan.pdf", PDF))],
        by=users["buyer"],
        job_request=job,
    )


def test_the_demo_goes_through_one_archive_into_a_fresh_database_and_storages_unchanged(
    tmp_path, fresh_database, media
):
    kind, storage = media
    _demo_with_a_private_file()
    out = io.StringIO()
    call_command("backup", directory=str(tmp_path), stdout=out)
    archive = Path(out.getvalue().strip().removeprefix("Wrote "))
    assert archive.parent == tmp_path and archive.name.startswith("hubdir-backup-20")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert "database.dump" in names
    photos = [n for n in names if n.startswith("media/default/photos/")]
    assert len(photos) == 3 * manifest["tables"]["producers_photo"] > 0
    assert len([n for n in names if n.startswith("media/private/")]) == 1

    url = fresh_database()
    if kind == "bucket":
        target = storage.environment(RESTORED_MEDIA, RESTORED_PRIVATE)
    else:
        target = {
            "MEDIA_ROOT": str(tmp_path / "restored-media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "restored-private"),
        }
    result = _restore(archive, DATABASE_URL=url, **target)
    assert result.returncode == 0, result.stderr
    tables, files = len(manifest["tables"]), len(photos) + 1
    assert f"{tables} tables and {files} files match the backup." in result.stdout

    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    # The search table's change log is not archived: it starts empty at the restored version.
    source_rows, restored_rows = _rows(source), _rows(restored)
    assert source_rows.pop("producers_searchchange") > 0
    assert restored_rows.pop("producers_searchchange") == 0
    assert restored_rows == source_rows
    assert restored_rows["producers_producersearch"] > 0  # rebuilt, not emptied
    with _connect(restored) as db:
        version, logged_since = db.execute(
            "SELECT version, logged_since FROM producers_searchversion"
        ).fetchone()
    assert logged_since == version > 0
    if kind == "bucket":
        assert storage.objects(RESTORED_MEDIA) == storage.objects(MEDIA)
        assert storage.objects(RESTORED_PRIVATE) == storage.objects(PRIVATE)
        (key,) = storage.objects(RESTORED_PRIVATE)
        assert storage.read(RESTORED_PRIVATE, key)["Body"].read() == PDF
    else:
        media_root, private_root = storage
        assert _files(tmp_path / "restored-media") == _files(media_root)
        assert list(_files(tmp_path / "restored-private").values()) == [PDF]
        assert _files(tmp_path / "restored-private") == _files(private_root)

    # Again into the same database: refused, and nothing in it changes.
    again = _restore(archive, DATABASE_URL=url, **target)
    assert again.returncode != 0
    assert "already has tables: restore into a new, empty one" in again.stderr
    assert _rows(restored) == restored_rows | {"producers_searchchange": 0}


def test_a_restore_that_does_not_match_the_manifest_fails_naming_each_difference(
    tmp_path, fresh_database, disk_storages, owner
):
    catalogue_load()
    producer = make_producer(owner)
    photo = photo_add(
        producer=producer, upload=SimpleUploadedFile("bowl.jpg", _jpeg()), caption="Bowl"
    )
    out = io.StringIO()
    call_command("backup", directory=str(tmp_path), stdout=out)
    archive = Path(out.getvalue().strip().removeprefix("Wrote "))

    # The manifest claims a second photo; the archive lost one thumbnail.
    tampered = tmp_path / "tampered.tar"
    lost = f"media/default/{photo.thumb_sm.name}"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as target:
        for member in source:
            if member.name == "manifest.json":
                manifest = json.load(source.extractfile(member))
                manifest["tables"]["producers_photo"] = 2
                data = json.dumps(manifest).encode()
                member.size = len(data)
                target.addfile(member, io.BytesIO(data))
            elif member.name != lost:
                target.addfile(member, source.extractfile(member))
    result = _restore(
        tampered,
        DATABASE_URL=fresh_database(),
        MEDIA_ROOT=str(tmp_path / "restored-media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "restored-private"),
    )
    assert result.returncode != 0
    assert "The restore does not match the backup's manifest:" in result.stderr
    assert "table producers_photo: 2 rows in the backup, 1 restored" in result.stderr
    size = photo.thumb_sm.size
    assert f"default file {photo.thumb_sm.name}: {size} bytes in the backup, None restored" in (
        result.stderr
    )


@pytest.mark.django_db
def test_restoring_a_file_that_is_not_a_backup_says_so(tmp_path):
    notes = tmp_path / "notes.tar"
    notes.write_bytes(b"not a tar at all")
    with pytest.raises(CommandError, match="notes.tar is not a Hubdir backup"):
        call_command("restore", str(notes), stdout=io.StringIO())
