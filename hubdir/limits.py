"""Per-person posting limits (settings.POSTING_LIMITS) that hold across workers and servers.

Counted in the cache RATELIMIT_USE_CACHE names, which every worker shares: Redis, or the
database without it (django-ratelimit's system check refuses a cache that is not shared).
A post takes a slot before the view runs, atomically, so posts in parallel cannot overshoot;
the view keeps it by calling `posted(request)` once something is saved. Any other outcome
(an invalid form, a refused transition, an error, the 429 itself) gives the slot back: only
what was saved counts.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse
from django_ratelimit.exceptions import Ratelimited

RATE = re.compile(r"([0-9]+)/([smhd])")
SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Kept in the request's environ, where WSGI lets an application note its own values.
KEPT = "hubdir.posting_kept"

View = Callable[..., HttpResponse]


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600): how many posts, in how many seconds."""
    match = RATE.fullmatch(rate)
    if match is None:
        raise ValueError(f"A posting limit looks like 10/h (s, m, h or d), not {rate!r}.")
    return int(match[1]), SECONDS[match[2]]


def posting_limit(group: str) -> Callable[[View], View]:
    """Limit the POSTs of one person to this view to POSTING_LIMITS[group]; over it, the
    429 page (django-ratelimit's middleware shows RATELIMIT_VIEW)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "POST":
                return view(request, *args, **kwargs)
            most, seconds = parse_rate(settings.POSTING_LIMITS[group])
            cache = caches[settings.RATELIMIT_USE_CACHE]
            window = int(time.time()) // seconds
            key = f"posting:{group}:{request.user.pk}:{window}"
            taken = _take(cache, key, timeout=seconds + 5)
            request.META[KEPT] = False
            try:
                if taken > most:
                    raise Ratelimited
                return view(request, *args, **kwargs)
            finally:
                if not request.META.pop(KEPT, False):
                    with contextlib.suppress(ValueError):  # evicted meanwhile: nothing to undo
                        cache.decr(key)

        return limited

    return decorator


def posted(request: HttpRequest) -> None:
    """Something was saved: the slot this post took counts toward the person's limit."""
    if KEPT in request.META:
        request.META[KEPT] = True


def _take(cache: BaseCache, key: str, *, timeout: int) -> int:
    """One more on the counter, atomically; 1 when this post starts it."""
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # evicted between the two calls: it starts again
        cache.set(key, 1, timeout)
        return 1
