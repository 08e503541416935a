"""Django's database cache with an increment every worker can share, for the posting limits
when there is no Redis (settings.CACHES["limits"])."""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


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
