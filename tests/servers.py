"""Real gunicorn servers for the tests that need more than one process: each its own port,
all sharing the test database (rows committed by transaction=True tests) and, when set, Redis."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def committed_database_url() -> str:
    from django.conf import settings

    # The test database, which a transactional test's rows are committed to.
    return (
        urlsplit(settings.DATABASE_URL)
        ._replace(path="/" + connection.settings_dict["NAME"])
        .geturl()
    )


def production_env(**extra: str) -> dict[str, str]:
    """As deployed (DEBUG=0, one worker) on the test database, but plain http and no
    collectstatic: what is beside the point of these tests."""
    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env |= {
        "DEBUG": "0",
        "HUBDIR_TESTING": "1",
        "SECRET_KEY": settings.SECRET_KEY,  # sessions made in the test are signed with it
        "DATABASE_URL": committed_database_url(),
        "CONN_MAX_AGE": "0",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_TIMEOUT": "120",
        "GUNICORN_ACCESSLOG": "",
    }
    return env | extra


@dataclass
class Server:
    port: int
    log: Path  # the server's stdout and stderr: console emails land here

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def gunicorn_servers(count: int, env: dict[str, str], logs: Path):
    """`count` gunicorn servers of one worker each, on their own ports, until the block ends."""
    servers = [Server(free_port(), logs / f"server-{i}.log") for i in range(count)]
    processes = []
    for server in servers:
        with server.log.open("w") as log:
            processes.append(
                subprocess.Popen(
                    [str(Path(sys.executable).parent / "gunicorn"), "hubdir.wsgi"]
                    + ["-c", "gunicorn.conf.py"],
                    cwd=ROOT,
                    env=env | {"BIND": f"127.0.0.1:{server.port}", "PYTHONUNBUFFERED": "1"},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        # Generous: the machine may be busy with other work.
        deadline = time.monotonic() + 180
        for server, process in zip(servers, processes, strict=True):
            while True:
                assert process.poll() is None, server.output()
                try:
                    if request(server.port, "GET", "/readyz")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "gunicorn did not answer in 180 s"
                time.sleep(0.2)
        yield servers
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def request(port: int, method: str, path: str, body: dict | None = None, cookies: str = ""):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        headers = {"Cookie": cookies} if cookies else {}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()
