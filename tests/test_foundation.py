"""The ground every later feature stands on: migrations, settings, pages, headers."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from producers.models import Capability, Category, Certification, Material

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_models_have_no_pending_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()}")


def test_search_extensions_are_enabled_and_unused_ones_dropped():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        names = {row[0] for row in cursor.fetchall()}
    assert {"pg_trgm", "unaccent", "intarray"} <= names
    assert names & {"cube", "earthdistance", "btree_gin"} == set()


def _production_env(**extra: str) -> dict[str, str]:
    from django.conf import settings

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "HUBDIR_TESTING", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="0",
        HUBDIR_TESTING="0",
        SECRET_KEY="x9!k2#q-production-like-secret-7c1f0b6e8d4a3f2e9b5c7d1a0e6f4b8c",
        ALLOWED_HOSTS="hubdir.example.org",
        SITE_URL="https://hubdir.example.org",
        DJANGO_SETTINGS_MODULE="hubdir.settings",
        # Production names its server; this is the one the tests use (maybe the embedded one).
        DATABASE_URL=settings.DATABASE_URL,
    )
    env.update(extra)
    return env


def test_deploy_check_passes_in_production_mode():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "yes", "DEBUG must be one of"),
        ("CONN_MAX_AGE", "ten", "CONN_MAX_AGE must be a whole number"),
        ("SECRET_KEY", "short", "SECRET_KEY must be a random string"),
        ("DATABASE_URL", "mysql://root@localhost/hubdir", "PostgreSQL only"),
        ("LIMIT_QUOTES", "60/hour", "LIMIT_QUOTES must look like 10/h"),
        ("SITE_URL", "hubdir.example.org", "SITE_URL must be http(s)://host[:port]"),
    ],
)
def test_settings_refuse_bad_environment_values_loudly(name, value, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(**{name: value}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_seed_catalogue_loads_a_real_taxonomy_and_is_idempotent():
    call_command("seed_catalogue", stdout=StringIO())
    first = (Category.objects.count(), Capability.objects.count(), Material.objects.count())
    call_command("seed_catalogue", stdout=StringIO())
    assert (Category.objects.count(), Capability.objects.count(), Material.objects.count()) == first
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Fabrication",
        "Textiles",
        "Food and drink",
        "Print and signage",
        "Woodworking",
        "Electronics",
        "Repair",
        "Packaging",
    ]
    assert Capability.objects.count() >= 40
    laser = Capability.objects.get(name="Laser cutting")
    assert "engraving" in laser.synonyms
    assert Capability.objects.filter(synonyms=[]).count() == 0
    assert Certification.objects.filter(kind="food").exists()


def test_resident_sees_the_three_paths_on_the_home_page(client):
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    for words in ("Find a workshop", "Get a short run made", "List your workshop"):
        assert words in text
    assert 'href="#main"' in text and 'id="main"' in text
    assert '<nav aria-label="Main">' in text


def test_every_page_carries_strict_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_unknown_page_shows_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_server_error_page_renders_without_the_database(rf):
    from hubdir.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_setup_demo_seeds_an_empty_database_once():
    from hubdir.accounts.models import User

    out = StringIO()
    call_command("setup_demo", stdout=out)
    assert "hub.owner@demo.hubdir.test" in out.getvalue()
    count = User.objects.count()
    assert count >= 4
    out = StringIO()
    call_command("setup_demo", stdout=out)
    assert "left as it is" in out.getvalue()
    assert User.objects.count() == count
    # Fresh demo listings: the daily reminders run, and nothing is due yet.
    assert "Reminded the owners of 0 listing(s)." in out.getvalue()


def test_env_example_lists_every_variable_the_settings_read():
    import re

    read = set()
    for source in ("hubdir/settings.py", "gunicorn.conf.py"):
        text = (ROOT / source).read_text()
        read |= set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', text))
        read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', text))
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - listed == set()
