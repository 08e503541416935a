"""Settings read from the environment, each case in a fresh interpreter as a server reads them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Settings only parse DATABASE_URL; nothing connects to it here.
UNUSED_DATABASE = "postgres://nobody@127.0.0.1:9/unused"
EMAIL_SETTINGS = [
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
]


# Each case sets these itself; none comes from the shell that runs the tests.
CASE_VARIABLES = {"DEBUG", "HUBDIR_TESTING", "SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "SITE_URL"}
CASE_VARIABLES |= {"MEDIA_BUCKET", "PRIVATE_MEDIA_BUCKET", "MEDIA_URL", "S3_ENDPOINT_URL"}


def _run(*command: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in CASE_VARIABLES}
    clean["DJANGO_SETTINGS_MODULE"] = "hubdir.settings"
    return subprocess.run(
        command,
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _email_settings(email_url: str) -> dict[str, object]:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {EMAIL_SETTINGS!r}}}))"
    )
    result = _run(
        sys.executable, "-c", code, DEBUG="1", DATABASE_URL=UNUSED_DATABASE, EMAIL_URL=email_url
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("email_url", "expected"),
    [
        (
            "smtp://relay.example.org",
            {"EMAIL_HOST": "relay.example.org", "EMAIL_PORT": 25, "EMAIL_USE_TLS": False},
        ),
        (
            "smtp+tls://mailer:p%40ss%2Fword@mail.example.org:2587",
            {
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 2587,
                "EMAIL_HOST_USER": "mailer",
                "EMAIL_HOST_PASSWORD": "p@ss/word",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        (
            "submission://mailer:secret@mail.example.org",
            {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False},
        ),
        (
            "smtps://mailer:secret@mail.example.org",
            {"EMAIL_PORT": 465, "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": True},
        ),
        (
            "smtp://mail.example.org:2465?ssl=1&timeout=10",
            {"EMAIL_PORT": 2465, "EMAIL_USE_SSL": True, "EMAIL_TIMEOUT": 10},
        ),
    ],
)
def test_email_url_sets_the_smtp_settings(email_url, expected):
    settings = _email_settings(email_url)
    assert settings["EMAIL_BACKEND"] == SMTP
    assert {name: settings[name] for name in expected} == expected


@pytest.mark.parametrize("email_url", ["", "console:"])
def test_email_url_unset_or_console_prints_emails(email_url):
    settings = _email_settings(email_url)
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_email_url_with_an_unknown_scheme_is_refused_without_echoing_it():
    code = "from django.conf import settings; settings.EMAIL_BACKEND"
    result = _run(
        sys.executable,
        "-c",
        code,
        DEBUG="1",
        DATABASE_URL=UNUSED_DATABASE,
        EMAIL_URL="imap://me:hunter2@mail.example",
    )
    assert result.returncode != 0
    assert "EMAIL_URL must start with console:, smtp://" in result.stderr
    assert "hunter2" not in result.stderr


PRODUCTION = {
    "DEBUG": "0",
    "HUBDIR_TESTING": "0",
    "SECRET_KEY": "x9!k2#q-production-like-secret-7c1f0b6e8d4a3f2e9b5c7d1a0e6f4b8c",
    "SITE_URL": "https://hubdir.example.org",
}
REFUSAL = (
    "ImproperlyConfigured: Set DATABASE_URL to your PostgreSQL server (postgres://…): "
    "with DEBUG=0 Hubdir does not start the embedded PostgreSQL"
)


def test_production_without_database_url_refuses_to_start():
    result = _run(sys.executable, "-c", "import django; django.setup()", **PRODUCTION)
    assert result.returncode != 0
    assert REFUSAL in result.stderr


def test_gunicorn_without_database_url_in_production_refuses_to_start():
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    result = _run(
        gunicorn, "-c", "gunicorn.conf.py", "hubdir.wsgi", BIND="127.0.0.1:0", **PRODUCTION
    )
    assert result.returncode != 0
    assert REFUSAL in result.stderr


def test_production_without_site_url_refuses_to_start():
    env = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}
    code = "import django; django.setup()"
    result = _run(sys.executable, "-c", code, DATABASE_URL=UNUSED_DATABASE, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the SITE_URL environment variable." in result.stderr


def test_development_starts_without_site_url_and_leaves_links_to_the_served_address():
    code = "from django.conf import settings; print(repr(settings.SITE_URL))"
    result = _run(sys.executable, "-c", code, DEBUG="1", DATABASE_URL=UNUSED_DATABASE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "''"


def test_a_replica_url_adds_the_replica_database_with_a_short_connect_timeout():
    code = (
        "import json; from django.conf import settings; d = settings.DATABASES; "
        "print(json.dumps({a: [d[a]['PORT'], d[a]['OPTIONS'], d[a].get('TEST')] for a in d}))"
    )
    replica_url = "postgres://reader@127.0.0.1:6543/hubdir?connect_timeout=5"
    result = _run(
        sys.executable,
        "-c",
        code,
        DEBUG="1",
        DATABASE_URL=UNUSED_DATABASE,
        DATABASE_REPLICA_URL=replica_url,
    )
    assert result.returncode == 0, result.stderr
    databases = json.loads(result.stdout.strip().splitlines()[-1])
    assert databases["default"][1]["connect_timeout"] == 2
    assert databases["replica"][0] == 6543
    assert databases["replica"][1]["connect_timeout"] == 5  # the URL's own wins
    assert databases["replica"][2] == {"MIRROR": "default"}


def test_a_sticky_time_shorter_than_the_replicas_allowed_lag_is_refused():
    result = _run(
        sys.executable,
        "-c",
        "import django; django.setup()",
        DEBUG="1",
        DATABASE_URL=UNUSED_DATABASE,
        REPLICA_MAX_LAG_SECONDS="10",
        REPLICA_STICKY_SECONDS="5",
    )
    assert result.returncode != 0
    assert "REPLICA_STICKY_SECONDS must be at least" in result.stderr


def _storage_settings(**env: str) -> subprocess.CompletedProcess[str]:
    # A bucket's botocore Config comes out as the fields that matter here.
    code = (
        "import json; from django.conf import settings; print(json.dumps({'STORAGES': "
        "settings.STORAGES, 'IMG_SRC': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']"
        "['img-src']}, default=lambda c: {k: getattr(c, k) for k in "
        "('connect_timeout', 'read_timeout', 'retries', 's3')} if hasattr(c, 's3') else str(c)))"
    )
    return _run(sys.executable, "-c", code, DEBUG="1", DATABASE_URL=UNUSED_DATABASE, **env)


def test_without_buckets_uploads_stay_in_the_two_media_folders():
    result = _storage_settings(PRIVATE_MEDIA_ROOT="/srv/hubdir/private")
    assert result.returncode == 0, result.stderr
    storages = json.loads(result.stdout)["STORAGES"]
    assert storages["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert storages["private"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/hubdir/private"},
    }


BUCKETS = {
    "MEDIA_BUCKET": "city-media",
    "PRIVATE_MEDIA_BUCKET": "city-private",
    "MEDIA_URL": "https://cdn.example.org/city/",
    "S3_ENDPOINT_URL": "https://s3.example.net",
}


def test_with_both_buckets_photos_are_public_links_and_files_stay_private():
    result = _storage_settings(**BUCKETS)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    public, private = found["STORAGES"]["default"], found["STORAGES"]["private"]
    assert public["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    for options in (public["OPTIONS"], private["OPTIONS"]):
        assert options["endpoint_url"] == "https://s3.example.net"
        assert options["client_config"]["s3"] == {"addressing_style": "path"}
        assert options["file_overwrite"] is False
        # A bucket that is away fails a page (or /readyz) in seconds, not minutes.
        assert options["client_config"]["connect_timeout"] == 2
    assert public["OPTIONS"]["bucket_name"] == "city-media"
    assert public["OPTIONS"]["querystring_auth"] is False
    assert public["OPTIONS"]["custom_domain"] == "cdn.example.org/city"
    assert private["OPTIONS"]["bucket_name"] == "city-private"
    assert private["OPTIONS"]["object_parameters"] == {"ContentDisposition": "attachment"}
    assert "custom_domain" not in private["OPTIONS"]
    # Pages may show photos from the CDN, and only from there besides the map tiles.
    assert found["IMG_SRC"] == [
        "'self'",
        "data:",
        "https://tile.openstreetmap.org",
        "https://cdn.example.org",
    ]


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"PRIVATE_MEDIA_BUCKET": ""}, "Set both MEDIA_BUCKET (public listing photos) and"),
        ({"MEDIA_BUCKET": ""}, "Set both MEDIA_BUCKET (public listing photos) and"),
        ({"PRIVATE_MEDIA_BUCKET": "city-media"}, "two different buckets"),
        ({"MEDIA_URL": ""}, "With MEDIA_BUCKET set, MEDIA_URL must be the address photos"),
        ({"MEDIA_URL": "cdn.example.org/city"}, "with a final slash, not 'cdn.example.org/city'"),
    ],
)
def test_half_configured_buckets_refuse_to_start(missing, message):
    result = _storage_settings(**(BUCKETS | missing))
    assert result.returncode != 0
    assert message in result.stderr
