"""Links in emails and the sitemap: SITE_URL in production, the address served in development."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core import mail

from hubdir.site import served_url
from orders import services
from producers import services as listing_services
from producers.models import Category

from .factories import make_market, make_request

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"https?://[^\s<]+")


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("127.0.0.1:8001", "http://127.0.0.1:8001"),
        ("0.0.0.0:8080", "http://127.0.0.1:8080"),
        ("localhost", "http://localhost:8000"),
        ("[::]:9000", "http://[::1]:9000"),
        ("tcp://0.0.0.0:8081", "http://127.0.0.1:8081"),
        ("http://0.0.0.0:41234", "http://127.0.0.1:41234"),
        ("unix:/run/hubdir.sock", "http://127.0.0.1:8000"),
    ],
)
def test_served_url_is_where_a_browser_on_this_machine_reaches_the_server(address, url):
    assert served_url(address) == url


def _links_sent_out(client, capture) -> list[str]:
    """Every link in an invitation, a notification (with its unsubscribe link) and the sitemap."""
    with capture(execute=True):
        market = make_market()
        job = make_request(market.buyer)
        listing_services.membership_invite(
            listing=market.matching,
            email="helper@example.com",
            role="member",
            by=market.matching_owner,
        )
        services.message_send(
            job=job, producer=market.matching, by=market.buyer, from_buyer=True, body="Hello"
        )
    bodies = [m.body for m in mail.outbox]
    assert any("/invitations/" in b for b in bodies) and any("/unsubscribe/" in b for b in bodies)
    sitemap = client.get("/sitemap.xml").content.decode()
    return [link for text in [*bodies, sitemap] for link in LINK.findall(text)]


@pytest.mark.django_db
def test_in_development_links_follow_the_bound_address_when_site_url_is_unset(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    monkeypatch.delenv("HUBDIR_SERVED_AT", raising=False)
    monkeypatch.setenv("BIND", "0.0.0.0:8123")
    links = _links_sent_out(client, django_capture_on_commit_callbacks)
    ours = [link for link in links if "sitemaps.org" not in link and "w3.org" not in link]
    assert len(ours) >= 4
    assert all(link.startswith("http://127.0.0.1:8123/") for link in ours), ours


@pytest.mark.django_db
def test_with_site_url_set_every_link_starts_with_it(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://hubdir.example.org"
    monkeypatch.setenv("HUBDIR_SERVED_AT", "http://127.0.0.1:41234")
    links = _links_sent_out(client, django_capture_on_commit_callbacks)
    ours = [link for link in links if "sitemaps.org" not in link and "w3.org" not in link]
    assert len(ours) >= 4
    assert all(link.startswith("https://hubdir.example.org/") for link in ours), ours


def _database_url() -> str:
    db = django_settings.DATABASES["default"]
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    user = f"{quote(db['USER'], safe='')}{password}@" if db.get("USER") else ""
    return f"postgres://{user}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_gunicorn_on_another_port_serves_a_sitemap_that_links_to_that_port(tmp_path):
    Category.objects.create(slug="woodworking", name="Woodworking")
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HUBDIR_TESTING"}}
    # As `make run BIND=…` does; port 0 lets the system choose a free one.
    env |= {
        "DEBUG": "1",
        "BIND": "127.0.0.1:0",
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "hubdir.settings",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    log = tmp_path / "gunicorn.log"
    # A file, not a pipe: a full pipe nobody reads would stall the server.
    with log.open("w") as out:
        server = subprocess.Popen(
            [gunicorn, "-c", "gunicorn.conf.py", "hubdir.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        address = sitemap = None
        while sitemap is None and time.monotonic() < deadline:
            time.sleep(0.2)
            if address is None:
                match = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text())
                address = match and match.group(1)
                continue
            try:
                with urllib.request.urlopen(f"{address}/sitemap.xml", timeout=10) as response:
                    sitemap = response.read().decode()
            except OSError:
                pass
        assert sitemap is not None, log.read_text()[-3000:]
        assert address and not address.endswith(":8000"), address
        assert f"<loc>{address}/catalogue/woodworking/</loc>" in sitemap, sitemap
    finally:
        server.terminate()
        server.wait(timeout=30)
