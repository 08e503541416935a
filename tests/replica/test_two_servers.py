"""Two app servers, one site: a business and a workshop walk a job across two gunicorn
servers that share only the primary, its streaming replica, the cache and the file storage,
as a load balancer would send them. Nothing lives in one server's memory: the session, the
files, the caches. (Here, not in tests/e2e, because it needs the real replica's cluster.)"""

from __future__ import annotations

import io
import os
import re
import time
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from hubdir.accounts.models import User
from orders.models import Attachment, JobRequest, Order, Quote
from producers.services import catalogue_load

from ..e2e.conftest import DESKTOP, browser, screenshots
from ..factories import PASSWORD, UserFactory, make_portland, make_producer
from ..object_storage import PRIVATE
from ..servers import gunicorn_servers, production_env

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]  # the browser tests' fixture, used here too
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% drawing of a walnut coaster\n"
NEW_PASSWORD = "a-long-and-unusual-passphrase"


def _jpeg(path):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (150, 90, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _confirmation_path(server) -> str:
    """allauth's confirmation link, from the email the server printed (console backend)."""
    links = re.findall(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", server.output())
    assert links, "no confirmation email in the server's output"
    return links[-1]


def test_a_job_walks_across_two_app_servers_sharing_only_database_cache_and_files(
    browser, tmp_path, settings, primary, standby, seaweedfs
):
    catalogue_load()
    make_portland()
    maker = UserFactory(email="laser@example.com", name="Lee Laser")
    producer = make_producer(maker, name="Kerf Laser Works")
    # The servers hash as deployed, not with the tests' fast MD5.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    maker.set_password(PASSWORD)
    maker.save(update_fields=["password"])
    drawing = tmp_path / "coaster.pdf"
    drawing.write_bytes(PDF)
    env = production_env(
        DATABASE_URL=primary.url(),
        DATABASE_REPLICA_URL=standby.url(),
        EMAIL_URL="console:",
        **seaweedfs.environment(),  # the buckets both servers keep files in
    )
    if os.environ.get("REDIS_URL"):  # CI's: the cache every server shares
        env |= {"REDIS_URL": os.environ["REDIS_URL"], "CACHE_KEY_PREFIX": uuid.uuid4().hex}

    with gunicorn_servers(2, env, tmp_path) as (a, b):
        business = browser.new_context(viewport=DESKTOP)
        business.set_default_timeout(20_000)
        page = business.new_page()

        # Sign up on A; the emailed link confirms and signs in, on A.
        page.goto(f"{a.url}/accounts/signup/")
        page.get_by_label("Email").fill("nia@example.com")
        page.get_by_label("Name shown to others").fill("Nia N.")
        page.get_by_label(re.compile(r"^Password:?$")).fill(NEW_PASSWORD)
        page.get_by_label(re.compile(r"^Password \(again\)")).fill(NEW_PASSWORD)
        page.get_by_role("button", name="Sign Up").click()
        expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
        page.goto(a.url + _confirmation_path(a))
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_text("Successfully signed in as Nia N.")).to_be_visible()
        buyer = User.objects.get(email="nia@example.com")

        # On B, the same session posts a request with a drawing.
        # (The form is for signed-in people only: B knows her from A's session.)
        page.goto(f"{b.url}/requests/new/")
        expect(page.get_by_role("heading", name="Post a request")).to_be_visible()
        page.get_by_label("Title").fill("40 engraved walnut coasters")
        page.get_by_label("What it is").fill("Round, 10 cm, our logo on one side.")
        page.get_by_label(re.compile(r"^Capability:?$")).select_option(label="Laser cutting")
        page.get_by_label("Quantity").fill("40")
        needed = timezone.localdate() + timedelta(days=20)
        page.get_by_label("Needed by").fill(needed.isoformat())
        page.get_by_label("Place or ZIP code").fill("Portland, OR")
        page.get_by_label("Files (optional)").set_input_files(str(drawing))
        private_before = set(seaweedfs.objects(PRIVATE))
        page.get_by_role("button", name="Publish request").click()
        expect(page.get_by_text("Your request is published")).to_be_visible()
        job = JobRequest.objects.get()
        assert job.buyer == buyer and job.status == "open"
        attachment = Attachment.objects.get(job_request=job)
        assert attachment.name == "coaster.pdf"
        assert set(seaweedfs.objects(PRIVATE)) - private_before == {attachment.file.name}

        # The workshop quotes on A, where the drawing is listed.
        workshop = browser.new_context()
        workshop.set_default_timeout(20_000)
        maker_page = workshop.new_page()
        maker_page.goto(f"{a.url}/accounts/login/")
        maker_page.get_by_label("Email").fill(maker.email)
        maker_page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
        maker_page.get_by_role("button", name="Sign In").click()
        expect(maker_page.get_by_text("Successfully signed in as Lee Laser.")).to_be_visible()
        maker_page.goto(f"{a.url}{job.get_absolute_url()}")
        expect(maker_page.get_by_role("link", name="coaster.pdf")).to_be_visible()
        maker_page.get_by_label("Price for the whole job").fill("260")
        maker_page.get_by_label("Ready by").fill((needed - timedelta(days=5)).isoformat())
        maker_page.get_by_role("button", name="Send quote").click()
        expect(maker_page.get_by_text("Your quote is sent")).to_be_visible()
        assert Quote.objects.get().producer == producer

        # The business accepts on B.
        page.goto(f"{b.url}{job.get_absolute_url()}")
        page.get_by_role("button", name="Accept Kerf Laser Works's quote").click()
        page.get_by_role("button", name="Confirm and start the order").click()
        expect(
            page.get_by_role("heading", name="Order: 40 engraved walnut coasters")
        ).to_be_visible()
        screenshots(page, "two-servers-order-on-b")
        assert Order.objects.get().quote.producer == producer

        # The workshop downloads the drawing on A: the bytes the business uploaded on B.
        maker_page.goto(f"{a.url}{job.get_absolute_url()}")
        with maker_page.expect_download() as download:
            maker_page.get_by_role("link", name="coaster.pdf").click()
        assert download.value.suggested_filename == "coaster.pdf"
        assert download.value.path().read_bytes() == PDF

        # A visitor's search on B is cached; a photo the workshop adds on A shows there at once
        # (the page cache is keyed by the search table's version), served from shared storage.
        visitor = browser.new_context().new_page()
        search = f"{b.url}/search/?q=laser&place=Portland%2C+OR"
        visitor.goto(search)
        card = visitor.locator("li.result").filter(has_text="Kerf Laser Works")
        expect(card).to_be_visible()
        expect(card.locator("img")).to_have_count(0)
        maker_page.goto(f"{a.url}/for-workshops/producers/{producer.slug}/photos/")
        maker_page.get_by_label(re.compile(r"^Photo:?$")).set_input_files(
            str(_jpeg(tmp_path / "coasters.jpg"))
        )
        maker_page.get_by_label(re.compile(r"^Caption:?$")).fill("Walnut coasters, engraved")
        maker_page.get_by_role("button", name="Upload photo").click()
        expect(maker_page.get_by_text("Walnut coasters, engraved").first).to_be_visible()
        # The visitor reads from the replica: within its lag limit (REPLICA_MAX_LAG_SECONDS,
        # 3 s by default), never later.
        photo = card.locator("img")
        deadline = time.monotonic() + 3
        while True:
            visitor.goto(search)
            if photo.count() or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        expect(photo).to_have_count(1)
        src = photo.get_attribute("src")
        # Served by the public bucket, not by either app server.
        assert src.startswith(seaweedfs.environment()["MEDIA_URL"])
        answer = visitor.request.get(src)
        assert answer.ok and answer.headers["content-type"].startswith("image/")
        workshop.close()
        business.close()
