"""Posting limits hold across workers and servers, with and without Redis: exactly N saved,
then 429; refused posts do not count; a cache the workers do not share fails the checks."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from hubdir.cache import DatabaseCounterCache
from hubdir.limits import parse_rate
from orders.models import Message, Quote

from .factories import make_market, make_portland, make_request

ROOT = Path(__file__).resolve().parent.parent
LIMITS_TABLE = "hubdir_limits_cache"


@pytest.fixture
def market(db):
    make_portland()
    return make_market()


# --- In one process ---


@pytest.mark.django_db
def test_refused_posts_do_not_count_toward_the_limit(client, market, settings):
    settings.POSTING_LIMITS = settings.POSTING_LIMITS | {"messages": "2/d"}
    job = make_request(market.buyer)
    client.force_login(market.buyer)
    url = reverse("orders:thread", args=[job.pk, market.matching.slug])
    refused = [client.post(url, {"body": ""}).status_code for _ in range(5)]
    assert refused == [400] * 5
    sent = [client.post(url, {"body": f"Message {i}"}).status_code for i in range(3)]
    assert sent == [302, 302, 429]
    assert Message.objects.count() == 2


@pytest.mark.django_db
def test_an_invalid_quote_and_a_refused_one_do_not_count(client, market, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.POSTING_LIMITS = settings.POSTING_LIMITS | {"quotes": "2/d"}
    first, second, third = (make_request(market.buyer, title=t) for t in ("A", "B", "C"))
    client.force_login(market.matching_owner)
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    valid = {"price": "50", "ready_by": day, "valid_until": day}

    def quote(job, **changes):
        url = reverse("orders:quote_create", args=[job.pk])
        return client.post(url, valid | changes).status_code

    assert quote(first, price="-1") == 200  # invalid: the form comes back
    assert quote(first) == 302
    assert quote(first) == 302  # refused by the service: already quoted
    assert Quote.objects.count() == 1
    assert quote(second) == 302
    assert quote(third) == 429
    assert Quote.objects.count() == 2


def test_a_posting_limit_is_read_strictly():
    assert parse_rate("10/h") == (10, 3600)
    assert parse_rate("3/d") == (3, 86400)
    for wrong in ("10/hour", "ten/h", "10", "²/h"):
        with pytest.raises(ValueError, match="looks like 10/h"):
            parse_rate(wrong)


# --- The store ---


@pytest.mark.django_db(transaction=True)
def test_the_database_counter_adds_every_increment_from_parallel_workers():
    cache = DatabaseCounterCache(LIMITS_TABLE, {})
    cache.add("counter", 0, 3600)
    errors = []

    def add_fifty():
        try:
            for _ in range(50):
                cache.incr("counter")
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add_fifty) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get("counter") == 200
    cache.clear()


@pytest.mark.django_db
def test_the_database_counter_keeps_its_expiry_when_incremented():
    cache = DatabaseCounterCache(LIMITS_TABLE, {})
    cache.add("counter", 1, 3600)

    def expires():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT expires FROM {LIMITS_TABLE}")  # noqa: S608
            return cursor.fetchone()[0]

    before = expires()
    assert cache.incr("counter") == 2
    assert cache.decr("counter") == 1
    assert expires() == before
    with pytest.raises(ValueError):
        cache.incr("no such counter")


@pytest.mark.django_db
def test_a_limits_cache_the_workers_do_not_share_fails_the_deploy_check(settings):
    settings.CACHES = settings.CACHES | {
        "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    with pytest.raises(SystemCheckError, match="django_ratelimit.E003"):
        call_command("check", "--deploy")


def test_production_without_redis_counts_in_the_database_and_passes_the_deploy_check():
    from .test_foundation import _production_env

    env = _production_env(SITE_URL="https://hubdir.example.org")
    env.pop("REDIS_URL", None)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES[settings.RATELIMIT_USE_CACHE]['BACKEND'])"
    )
    backend = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert backend.stdout.strip() == "hubdir.cache.DatabaseCounterCache", backend.stderr
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr


# --- Two worker processes ---


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _test_database_url() -> str:
    from django.conf import settings

    # The test database, which this test's rows are committed to (transaction=True).
    return (
        urlsplit(settings.DATABASE_URL)
        ._replace(path="/" + connection.settings_dict["NAME"])
        .geturl()
    )


@contextmanager
def _gunicorn_servers(count: int, env: dict[str, str]):
    """`count` gunicorn servers of one worker each, on their own ports, until the block ends."""
    ports = [_free_port() for _ in range(count)]
    servers = [
        subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "hubdir.wsgi",
                "-c",
                "gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=env | {"BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for port in ports
    ]
    try:
        # Generous: the machine may be busy with other work.
        deadline = time.monotonic() + 180
        for port, server in zip(ports, servers, strict=True):
            while True:
                assert server.poll() is None, server.stderr.read()
                try:
                    if _request(port, "GET", "/readyz")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "gunicorn did not answer in 180 s"
                time.sleep(0.2)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _request(port: int, method: str, path: str, body: dict | None = None, cookies: str = ""):
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


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("store", ["database", "redis"])
def test_two_workers_save_exactly_the_limit_then_answer_429(store):
    from django.conf import settings

    if store == "redis" and not os.environ.get("REDIS_URL"):
        pytest.skip(reason="REDIS_URL is not set: CI sets it, so the Redis case runs there")
    make_portland()
    market = make_market()
    job = make_request(market.buyer)
    client = Client()
    client.force_login(market.buyer)
    # A CSRF secret of our own, sent as the cookie and as the form field, as a browser would.
    csrf = uuid.uuid4().hex
    cookies = f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}"
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env |= {
        "DEBUG": "0",
        # Tests' mode for what is beside the point here: plain http, no collectstatic.
        "HUBDIR_TESTING": "1",
        "SECRET_KEY": settings.SECRET_KEY,  # the session's login hash is signed with it
        "DATABASE_URL": _test_database_url(),
        "CONN_MAX_AGE": "0",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_TIMEOUT": "120",
        "GUNICORN_ACCESSLOG": "",
        "LIMIT_MESSAGES": "3/d",
    }
    if store == "redis":
        env |= {"REDIS_URL": os.environ["REDIS_URL"], "CACHE_KEY_PREFIX": f"t-{uuid.uuid4().hex}"}
    path = reverse("orders:thread", args=[job.pk, market.matching.slug])

    with _gunicorn_servers(2, env) as (first, second):
        statuses = []
        for i, port in enumerate([first, second] * 4):
            # Each worker first gets a refused post, which must not count.
            body = {"body": "" if i < 2 else f"Message {i}", "csrfmiddlewaretoken": csrf}
            statuses.append(_request(port, "POST", path, body, cookies)[0])

    assert statuses == [400, 400, 302, 302, 302, 429, 429, 429]
    assert Message.objects.filter(thread__job_request=job).count() == 3
    if store == "database":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {LIMITS_TABLE}")  # noqa: S608
