"""The load balancer's probes, and the page people get while the database is away."""

from __future__ import annotations

import os
import socket
import time

import pytest
from django.db import OperationalError
from django.test import override_settings

from hubdir.views import OUTAGE_RETRY_AFTER, server_error

from .servers import committed_database_url, gunicorn_servers, request

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_answers_without_the_database_a_cookie_or_a_cache(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_readyz_names_every_part_it_asked(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "ready"
    assert "database: ok" in lines
    assert "cache default: ok" in lines and "cache limits: ok" in lines
    assert "storage default: ok" in lines and "storage private: ok" in lines
    assert not any(line.startswith("replica") for line in lines)  # none configured
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_readyz_is_503_naming_the_cache_when_redis_does_not_answer(client):
    dead_redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{_closed_port()}/5",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    with override_settings(CACHES={"default": dead_redis, "limits": dead_redis}):
        response = client.get("/readyz")
    assert response.status_code == 503
    text = response.content.decode()
    assert text.startswith("not ready: cache default, cache limits\n")
    assert "database: ok" in text
    assert "cache default: failed (ConnectionError" in text


def test_the_outage_page_needs_no_database_and_asks_to_come_back(rf, django_assert_num_queries):
    """As Django calls it while handling the error (the real outage: tests/replica)."""
    with django_assert_num_queries(0):
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(OUTAGE_RETRY_AFTER)
    assert "Back in a moment" in response.content.decode()


def test_any_other_error_is_still_the_500_page(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_gunicorns_access_log_leaves_out_successful_probes_only(tmp_path):
    access_log = tmp_path / "access.log"
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HUBDIR_TESTING"}}
    env |= {
        "DEBUG": "1",
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": committed_database_url(),
        "GUNICORN_ACCESSLOG": str(access_log),
    }
    with gunicorn_servers(1, env, tmp_path) as [server]:  # it waits for /readyz to answer 200
        statuses = [
            request(server.port, "GET", path)[0]
            for path in ["/healthz", "/readyz", "/hello/", "/healthz?x", "/readyz/"]
        ]
    assert statuses == [200, 200, 200, 200, 404]
    logged = access_log.read_text()
    assert '"GET /hello/ HTTP/1.1" 200' in logged
    assert '"GET /readyz/ HTTP/1.1" 404' in logged  # not a probe: logged like any page
    assert "GET /healthz" not in logged and "GET /readyz " not in logged


def test_readyz_is_503_naming_the_storage_when_the_bucket_does_not_answer(
    client, settings, monkeypatch, seaweedfs
):
    from .object_storage import use_storages

    away = f"http://127.0.0.1:{_closed_port()}"
    storages = {
        alias: {**spec, "OPTIONS": {**spec["OPTIONS"], "endpoint_url": away}}
        if alias != "staticfiles"
        else spec
        for alias, spec in seaweedfs.settings["STORAGES"].items()
    }
    use_storages(settings, monkeypatch, storages)
    started = time.monotonic()
    response = client.get("/readyz")
    assert response.status_code == 503
    text = response.content.decode()
    assert text.startswith("not ready: storage default, storage private\n")
    assert "database: ok" in text
    # botocore's own default would wait a minute per attempt.
    assert time.monotonic() - started < 30
