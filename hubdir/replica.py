"""The directory's reads on a streaming replica (settings: DATABASE_REPLICA_URL).

Only views wrapped in `directory_read` (search, profiles, hub pages, the catalogue, the
sitemap) read from DATABASES["replica"], and only for a GET or HEAD with no sticky cookie
and while the replica is fresh; every other read, every write and everything inside a
transaction uses the primary. The choice is made once per request, before the view runs,
so one page never mixes the two databases (the search cache relies on it: see
docs/decisions.md).

- After a person writes (a POST that did not fail), `StickyPrimaryMiddleware` sets a
  cookie for REPLICA_STICKY_SECONDS: their reads go to the primary until it expires, on
  every app server, so they see their own change however the replica lags.
- The replica is used while it answers and has replayed what the primary wrote up to
  REPLICA_MAX_LAG_SECONDS ago, checked at most every REPLICA_CHECK_SECONDS per process.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
STICKY_COOKIE = "hubdir_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})

# The alias this request's directory reads use; unset outside `directory_read` views.
_directory_db: contextvars.ContextVar[str] = contextvars.ContextVar("directory_db")


def configured() -> bool:
    return REPLICA in connections.settings


class DirectoryReadRouter:
    """settings.DATABASE_ROUTERS: the replica for directory reads outside transactions."""

    def db_for_read(self, model, **hints) -> str:
        alias = _directory_db.get(PRIMARY)
        # A read inside a transaction belongs with its writes (select_for_update, services).
        if alias != PRIMARY and connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return alias

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two servers

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY  # the replica follows the primary's WAL, migrations included


def summary(error: Exception) -> str:
    """An error in one line, for /readyz and the logs (drivers' messages run to several)."""
    first = str(error).strip().splitlines()
    return f"{type(error).__name__}: {first[0]}" if first else type(error).__name__


@dataclass
class ReplicaState:
    usable: bool
    detail: str  # what /readyz prints: "fresh", "lagging 12.0 s", "unreachable: ..."


def probe() -> ReplicaState:
    """Ask the primary how far it has written and the replica how far it has replayed.
    Caught up to the primary's position: lag 0, however long ago the last write was.
    Behind it: the lag is the age of the last transaction the replica replayed."""
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            (written,) = cursor.fetchone()
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn,"
                " extract(epoch FROM now() - pg_last_xact_replay_timestamp())",
                [written],
            )
            caught_up, age = cursor.fetchone()
    except DatabaseError as error:
        # A broken connection is opened afresh next time.
        with contextlib.suppress(DatabaseError):
            connections[REPLICA].close()
        return ReplicaState(False, f"unreachable ({summary(error)})")
    if caught_up:
        return ReplicaState(True, "fresh")
    lag = float("inf") if age is None else float(age)
    limit = settings.REPLICA_MAX_LAG_SECONDS
    return ReplicaState(lag <= limit, f"lagging {lag:.1f} s (limit {limit} s)")


# Per process: (checked at, usable). Stale by at most REPLICA_CHECK_SECONDS.
_checked: tuple[float, bool] = (float("-inf"), False)


def replica_usable() -> bool:
    global _checked
    checked_at, usable = _checked
    if time.monotonic() - checked_at >= settings.REPLICA_CHECK_SECONDS:
        state = probe()
        if usable and not state.usable:
            logger.warning("Directory reads move to the primary: the replica is %s", state.detail)
        usable = state.usable
        _checked = (time.monotonic(), usable)
    return usable


def _mark_unusable() -> None:
    global _checked
    _checked = (time.monotonic(), False)
    with contextlib.suppress(DatabaseError):
        connections[REPLICA].close()


def _directory_alias(request: HttpRequest) -> str:
    if (
        not configured()
        or request.method not in SAFE_METHODS
        or STICKY_COOKIE in request.COOKIES
        or not replica_usable()
    ):
        return PRIMARY
    return REPLICA


View = Callable[..., HttpResponse]


def directory_read(view: View) -> View:
    """Run a public, read-only directory view on the replica when it may (see above).
    If the replica fails during the page, the page is read again from the primary."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        alias = _directory_alias(request)
        token = _directory_db.set(alias)
        try:
            return view(request, *args, **kwargs)
        except DatabaseError:
            if alias != REPLICA or not connections[REPLICA].errors_occurred:
                raise
            logger.warning(
                "The replica failed during %s; read again from the primary", request.path
            )
            _mark_unusable()
            _directory_db.set(PRIMARY)
            return view(request, *args, **kwargs)
        finally:
            _directory_db.reset(token)

    return wrapped


class StickyPrimaryMiddleware:
    """After a write that did not fail, this person's reads go to the primary for
    REPLICA_STICKY_SECONDS: a cookie, so it holds on whichever app server they reach."""

    def __init__(self, get_response: View):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 400 and configured():
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.REPLICA_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
