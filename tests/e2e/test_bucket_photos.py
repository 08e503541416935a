"""Browser: a workshop's photo comes from the public bucket, and the page's CSP lets it in."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from producers.services import photo_add

from ..factories import make_producer
from ..object_storage import MEDIA
from ..test_listings_owner import _jpeg

pytestmark = pytest.mark.django_db(transaction=True)
ELSEWHERE = re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])")


def test_a_visitor_sees_a_workshops_photo_loaded_from_the_bucket(page, owner, bucket_storages):
    producer = make_producer(owner, name="Oak and Iron")
    photo = photo_add(
        producer=producer, upload=SimpleUploadedFile("bowl.jpg", _jpeg()), caption="Oak bowl"
    )
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.context.route(ELSEWHERE, lambda route: route.abort())  # no map tiles
    page.goto(producer.get_absolute_url())

    image = page.get_by_role("img", name="Oak bowl")
    expect(image).to_have_attribute(
        "src", f"{bucket_storages.endpoint}/{MEDIA}/{photo.thumb_md.name}"
    )
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete", arg=image.element_handle())
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [800, 600]
    assert blocked == []
