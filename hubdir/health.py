"""Probes for the load balancer: /healthz (the process answers) and /readyz (what a page
needs answers). Neither reads the session nor sets a cookie, neither is cached, and the
access log leaves out their successes (gunicorn.conf.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import DatabaseError, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hubdir import replica

PATHS = frozenset({"/healthz", "/readyz"})
# Each database statement the probe runs gives up after this long.
STATEMENT_TIMEOUT = "2s"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers; touches nothing else (a restart would not fix anything else)."""
    return HttpResponse("ok\n", content_type="text/plain")


def _database(alias: str) -> str:
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = %s", [STATEMENT_TIMEOUT])
        cursor.execute("SELECT 1")
    return "ok"


def _cache(alias: str) -> str:
    cache = caches[alias]
    cache.set("readyz", "ok", 10)
    if cache.get("readyz") != "ok":
        raise RuntimeError("a value just stored did not come back")
    return "ok"


def _storage(alias: str) -> str:
    storages[alias].exists("readyz")
    return "ok"


def _checks() -> list[tuple[str, Callable[[], str]]]:
    checks: list[tuple[str, Callable[[], str]]] = [("database", partial(_database, "default"))]
    checks += [(f"cache {alias}", partial(_cache, alias)) for alias in settings.CACHES]
    checks += [
        (f"storage {alias}", partial(_storage, alias))
        for alias in settings.STORAGES
        if alias != "staticfiles"  # served from the image itself (whitenoise)
    ]
    return checks


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """200 when the database, every cache and every storage answer; 503 naming what did
    not. The replica is reported but never makes this 503: while it is down or behind,
    the directory reads from the primary, so the server can still serve every page."""
    lines, failed = [], []
    for name, check in _checks():
        try:
            lines.append(f"{name}: {check()}")
        except Exception as error:  # any failure of a part is the answer, not a 500
            if isinstance(error, DatabaseError):
                with contextlib.suppress(DatabaseError):
                    connections["default"].close()
            failed.append(name)
            lines.append(f"{name}: failed ({replica.summary(error)})")
    if replica.configured():
        state = replica.probe()
        reads = "directory reads there" if state.usable else "directory reads on the primary"
        lines.append(f"replica: {state.detail}; {reads}")
    head = "ready" if not failed else "not ready: " + ", ".join(failed)
    return HttpResponse(
        "\n".join([head, *lines]) + "\n",
        status=503 if failed else 200,
        content_type="text/plain",
    )
