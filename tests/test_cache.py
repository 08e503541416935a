"""The Redis cache backend (hubdir.cache.RedisCache): Django's, keeping its clients."""

import os
import uuid

import pytest

from hubdir.cache import RedisCache


@pytest.fixture
def redis_cache():
    if not os.environ.get("REDIS_URL"):
        pytest.skip(reason="REDIS_URL is not set: CI sets it, so the Redis case runs there")
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"t-{uuid.uuid4().hex}"})
    yield cache
    # Only this test's keys: clear() would flush the whole Redis database the suite shares.
    cache.delete_many(["counts", "posts"])


def test_a_worker_asks_redis_through_one_client_per_pool_not_a_new_one_per_call(redis_cache):
    client = redis_cache._cache.get_client("a")
    assert redis_cache._cache.get_client("b") is client
    assert redis_cache._cache.get_client("c", write=True) is redis_cache._cache.get_client(
        "d", write=True
    )


def test_the_kept_client_reads_writes_and_counts_as_django_s_does(redis_cache):
    redis_cache.set("counts", {"laser-cutting": 3}, 60)
    assert redis_cache.get("counts") == {"laser-cutting": 3}
    redis_cache.set("posts", 1, 60)
    assert redis_cache.incr("posts") == 2
    assert redis_cache.get_many(["counts", "missing"]) == {"counts": {"laser-cutting": 3}}
    redis_cache.delete("counts")
    assert redis_cache.get("counts") is None
