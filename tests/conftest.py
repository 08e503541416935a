from __future__ import annotations

import pytest
from django.core.cache import cache

from .factories import UserFactory
from .object_storage import bucket_storages, seaweedfs  # noqa: F401 (fixtures)


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
def _fresh_catalogue():
    # The search keeps the catalogue in-process for a few seconds; ids differ between tests.
    from producers import search

    search.forget_catalogue()
    yield
    search.forget_catalogue()
