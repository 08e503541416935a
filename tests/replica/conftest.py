"""The replica's tests run against a real primary and streaming standby (cluster.py).

Django's test databases cannot be used: a standby replicates a whole server, not the
test_ copy on the machine's PostgreSQL. So here the fixture's primary *is* the default
database (a throwaway server: migrated in place, no test_ copy) and its standby the
replica, marked as a test mirror only so that Django never flushes or creates it. The
tests are transactional: what they write is committed, and so reaches the standby. They
need their own pytest process (tests/conftest.py keeps them out of a mixed run; `make
test` runs them after the rest).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connections

from hubdir import replica

from .cluster import DATABASE, running_cluster, wait_for_replay


@pytest.fixture(scope="session")
def cluster():
    with running_cluster() as servers:
        yield servers


@pytest.fixture(scope="session")
def primary(cluster):
    return cluster[0]


@pytest.fixture(scope="session")
def standby(cluster):
    return cluster[1]


@pytest.fixture(scope="session")
def django_db_setup(cluster, django_test_environment, django_db_blocker):
    primary, standby = cluster
    databases = connections.settings
    for alias in databases:
        connections[alias].close()
    databases["default"].update(
        NAME=DATABASE, USER="postgres", PASSWORD="", HOST="127.0.0.1", PORT=str(primary.port)
    )
    databases["replica"] = {
        **databases["default"],
        "PORT": str(standby.port),
        "TEST": {"MIRROR": "default"},
    }
    connections.configure_settings(databases)
    with django_db_blocker.unblock():
        call_command("migrate", verbosity=0)
    yield


@pytest.fixture(autouse=True)
def _replica_settled(settings, primary, standby):
    """Every test starts with the standby up, replaying and caught up, and the replica's
    state probed on each request (no per-process staleness to wait out)."""
    settings.REPLICA_CHECK_SECONDS = 0
    settings.REPLICA_MAX_LAG_SECONDS = 30
    wait_for_replay(primary, standby)
    yield
    for server in (primary, standby):  # a test may have stopped either
        if not server.is_running():
            server.start()
    standby.execute("SELECT pg_wal_replay_resume()")
    replica._checked = (float("-inf"), False)
