"""A real database outage: the fixture's primary (and its standby) stopped, then started."""

from __future__ import annotations

import pytest
from django.test import Client

from hubdir.views import OUTAGE_RETRY_AFTER
from producers.models import Producer
from tests.factories import make_producer

from .cluster import wait_for_replay

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def test_while_the_database_is_down_pages_say_back_in_a_moment_and_readyz_says_why(
    owner, primary, standby
):
    kerf = make_producer(owner, tagline="Laser cutting while you wait")
    visitor = Client(raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(owner)
    assert visitor.get("/readyz").status_code == 200

    standby.stop()
    primary.stop()
    for client, url in [(visitor, kerf.get_absolute_url()), (signed_in, "/for-workshops/")]:
        page = client.get(url)
        assert page.status_code == 503, url
        assert page["Retry-After"] == str(OUTAGE_RETRY_AFTER)
        assert "Back in a moment" in page.content.decode()
        assert "Set-Cookie" not in page.headers
    ready = visitor.get("/readyz")
    assert ready.status_code == 503
    # (Without Redis, the posting limits' cache is a database table: it fails too.)
    assert ready.content.decode().startswith("not ready: database")
    assert "\ndatabase: failed (OperationalError" in ready.content.decode()
    assert visitor.get("/healthz").status_code == 200  # the process itself is fine

    primary.start()
    standby.start()
    wait_for_replay(primary, standby, timeout=30)
    assert visitor.get("/readyz").status_code == 200
    page = signed_in.get("/for-workshops/")
    assert page.status_code == 200 and "Kerf Laser" in page.content.decode()
    assert Producer.objects.get(pk=kerf.pk).tagline == "Laser cutting while you wait"
