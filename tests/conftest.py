from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache

from .factories import UserFactory
from .object_storage import bucket_storages, seaweedfs  # noqa: F401 (fixtures)

REPLICA_TESTS = Path(__file__).parent / "replica"


def pytest_collection_modifyitems(config, items):
    """tests/replica make a throwaway primary the default database for the whole process:
    mixed with other tests they are left out, and run in a pytest of their own (make test)."""
    replica = [item for item in items if item.path.is_relative_to(REPLICA_TESTS)]
    if replica and len(replica) < len(items):
        config.hook.pytest_deselected(items=replica)
        items[:] = [item for item in items if item not in replica]
        config.stash[_REPLICA_LEFT_OUT] = len(replica)


_REPLICA_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if left_out := config.stash.get(_REPLICA_LEFT_OUT, 0):
        terminalreporter.write_line(
            f"{left_out} tests in tests/replica left out: run them alone (pytest tests/replica)."
        )


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.com", name="Sam Staff", is_staff=True)


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@example.com", name="Olive Owner")


@pytest.fixture
def member(db):
    return UserFactory(email="member@example.com", name="Max Member")


@pytest.fixture
def buyer(db):
    return UserFactory(email="buyer@example.com", name="Bea Buyer")


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.com", name="Otto Outsider")


@pytest.fixture(autouse=True)
def _english_outside_requests():
    # A request activates its reader's language in the thread, and it stays active after
    # the response: each test starts, as a task or command would, in the site's language.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    # The search keeps the catalogue in-process for a few seconds; ids differ between tests.
    from producers import search

    search.forget_catalogue()
    yield
    search.forget_catalogue()
