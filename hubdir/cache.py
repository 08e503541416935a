"""The cache backends: Django's Redis cache with one client per connection pool, and its
database cache with an increment every worker can share, for the posting limits when there
is no Redis (settings.CACHES["limits"])."""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from django.db import connections, router, transaction
from django.utils import timezone


class RedisCacheClient(DjangoRedisCacheClient):
    """Django's client makes a new redis.Redis for every call, and each one builds its table
    of some 150 response callbacks: with seven cache calls, 2-3 % of a search page's CPU.
    A redis.Redis over a pool is safe to share between threads (redis-py), so one is kept
    per pool."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own private helpers, as its get_client() calls them (not in the stubs).
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
            client = self._clients[index] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient


class DatabaseCounterCache(DatabaseCache):
    """incr() locks the row, so two workers adding one each to a counter get +2, as with
    Redis INCR, and it keeps the counter's expiry. (The stock incr reads, adds and writes
    back with the default timeout: concurrent posts are lost, and an hour's count lapses
    after five minutes.)"""

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]  # not in the stubs
        now = timezone.now()
        # The table name is the setting's, quoted; every value is a parameter.
        select = f"SELECT value FROM {table} WHERE cache_key = %s AND expires >= %s FOR UPDATE"  # noqa: S608
        update = f"UPDATE {table} SET value = %s WHERE cache_key = %s"  # noqa: S608
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(select, [key, now])
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            # The same encoding as DatabaseCache's own rows; only this cache writes the table.
            value = pickle.loads(base64.b64decode(row[0])) + delta  # noqa: S301
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(update, [encoded, key])
        return value
