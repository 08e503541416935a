"""Bitmaps of producer ids (a Python int, bit n for producer n), and the keys under which the
workers share what is exact at one version of the search table (producers.search.index and
.ranking keep their own copies; another worker's saves a first read from PostgreSQL)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

# Id lists at least this long are also put in the shared cache under their version, so the
# other workers (and machines) read them from there: a common word's ids cost PostgreSQL
# about 0.3 s at 100k producers (the whole search table is scanned), its bitmap 12 KB.
SHARED_AT_LEAST = 2000
SHARED_SECONDS = 600


def shared_key(database: str, version: int, kind: str, key: object) -> str:
    """The shared cache's key of something exact at `version` of the search table of
    `database` (SearchVersion.database; versions never repeat within one: migration 0019)."""
    digest = hashlib.sha256(repr((database, key)).encode()).hexdigest()[:32]
    return f"search:{kind}:{version}:{digest}"


def bitmap(ids: Iterable[int]) -> int:
    """The int with bit n set for each id n."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for n in ids:
        buffer[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(buffer, "little")


def ids_of(bits: int) -> list[int]:
    """The ids a bitmap holds, in order."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    return [n * 8 + j for n, byte in enumerate(data) if byte for j in range(8) if byte >> j & 1]
