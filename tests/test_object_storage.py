"""Photos and private files in object storage: real SeaweedFS buckets, through the real views.

What a person sees (the page, the download) and what the buckets hold: photos readable by
anyone straight from the public bucket with long cache headers; buyers' files in the private
bucket, unreadable without credentials, handed out only by the download view after its checks.
"""

from __future__ import annotations

import hashlib
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from orders.models import Attachment, JobRequest
from producers.models import Photo

from .factories import make_market, make_portland, make_producer
from .object_storage import MEDIA, PRIVATE
from .test_orders_flow import PDF, _request_form

pytestmark = pytest.mark.django_db


def _jpeg(size=(1200, 900)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, "#0b5d4b").save(buffer, "JPEG")
    return buffer.getvalue()


def _upload_photo(client, producer, name="bowl.jpg", content=None, caption="Oak bowl"):
    return client.post(
        reverse("producers:photos", args=[producer.slug]),
        {"image": SimpleUploadedFile(name, content or _jpeg()), "caption": caption},
    )


def test_owner_uploads_a_photo_into_the_public_bucket_and_any_visitor_loads_it_from_there(
    client, owner, bucket_storages
):
    producer = make_producer(owner)
    client.force_login(owner)
    _upload_photo(client, producer)
    photo = Photo.objects.get()
    names = {photo.image.name, photo.thumb_sm.name, photo.thumb_md.name}
    assert set(bucket_storages.objects(MEDIA)) == names
    assert bucket_storages.objects(PRIVATE) == {}

    client.logout()
    profile = client.get(producer.get_absolute_url()).content.decode()
    thumb_url = f"{bucket_storages.endpoint}/{MEDIA}/{photo.thumb_md.name}"
    assert f'src="{thumb_url}"' in profile
    status, headers, body = bucket_storages.anonymous_get(MEDIA, photo.thumb_md.name)
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert Image.open(BytesIO(body)).size == (800, 600)


def test_deleting_a_draft_takes_its_photos_out_of_the_bucket(
    client, owner, bucket_storages, django_capture_on_commit_callbacks
):
    producer = make_producer(owner, status="draft", name="Abandoned Idea")
    client.force_login(owner)
    _upload_photo(client, producer)
    assert len(bucket_storages.objects(MEDIA)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("producers:delete", args=[producer.slug]), follow=True)
    assert "Your draft “Abandoned Idea” is deleted." in response.content.decode()
    assert not Photo.objects.exists()
    assert bucket_storages.objects(MEDIA) == {}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.jpg", b"<svg><script>alert(1)</script></svg>", "Upload a JPEG, PNG or WebP photo."),
        ("x.png", _jpeg(), "it is really a .jpg image"),
        ("x.txt", b"hello", "Upload a JPEG, PNG or WebP photo."),
    ],
)
def test_a_hostile_photo_gets_a_message_and_nothing_reaches_the_bucket(
    client, owner, bucket_storages, name, content, message
):
    producer = make_producer(owner, status="draft")
    client.force_login(owner)
    response = _upload_photo(client, producer, name=name, content=content, caption="Nice")
    assert response.status_code == 200
    assert message in response.content.decode() and 'value="Nice"' in response.content.decode()
    assert not Photo.objects.exists()
    assert bucket_storages.objects(MEDIA) == {}


def test_a_buyers_file_lands_in_the_private_bucket_and_leaves_only_through_the_download_view(
    client, bucket_storages
):
    make_portland()
    market = make_market()
    client.force_login(market.buyer)
    client.post(reverse("orders:request_create"), _request_form(market))
    attachment = JobRequest.objects.get().attachments.get()
    key = attachment.file.name
    assert bucket_storages.objects(PRIVATE) == {key: len(PDF)}
    assert bucket_storages.objects(MEDIA) == {}
    stored = bucket_storages.read(PRIVATE, key)
    assert stored["Body"].read() == PDF
    assert stored["ContentDisposition"] == "attachment"
    # Straight from the bucket, without credentials: refused, whatever the name.
    assert bucket_storages.anonymous_get(PRIVATE, key)[0] == 403

    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="lid drawing.pdf"'
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF

    client.force_login(market.unrelated_owner)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(attachment.get_absolute_url())["Location"].startswith("/accounts/login/")


def test_a_renamed_or_foreign_file_is_refused_and_nothing_reaches_the_private_bucket(
    client, bucket_storages
):
    make_portland()
    market = make_market()
    client.force_login(market.buyer)
    for name, content in [("drawing.pdf", b"<html><script>"), ("cut.svg", b"\x89PNG\r\n\x1a\n")]:
        response = client.post(
            reverse("orders:request_create"),
            _request_form(market, files=SimpleUploadedFile(name, content)),
        )
        assert response.status_code == 200
        assert "does not look like" in response.content.decode()
    assert not JobRequest.objects.exists() and not Attachment.objects.exists()
    assert bucket_storages.objects(PRIVATE) == {}


def _write(path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def test_copy_media_to_bucket_copies_what_is_on_disk_once_and_again_only_what_changed(
    settings, tmp_path, bucket_storages
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    photo, drawing = _jpeg((40, 30)), b"%PDF-1.4 a drawing"
    _write(settings.MEDIA_ROOT / "photos" / "a1.jpg", photo)
    _write(settings.MEDIA_ROOT / "photos" / "a1_sm.jpg", photo)
    _write(settings.PRIVATE_MEDIA_ROOT / "2026" / "11" / "b2.pdf", drawing)

    out = StringIO()
    call_command("copy_media_to_bucket", stdout=out, stderr=StringIO())
    assert "Copied 3 files" in out.getvalue() and "0 were in the buckets already" in out.getvalue()
    assert bucket_storages.objects(MEDIA) == {
        "photos/a1.jpg": len(photo),
        "photos/a1_sm.jpg": len(photo),
    }
    assert bucket_storages.objects(PRIVATE) == {"2026/11/b2.pdf": len(drawing)}
    public = bucket_storages.read(MEDIA, "photos/a1.jpg")
    assert public["CacheControl"] == "public, max-age=31536000, immutable"
    assert public["ETag"].strip('"') == hashlib.md5(photo).hexdigest()
    assert bucket_storages.read(PRIVATE, "2026/11/b2.pdf")["ContentDisposition"] == "attachment"

    out = StringIO()
    call_command("copy_media_to_bucket", stdout=out, stderr=StringIO())
    assert "Copied 0 files" in out.getvalue() and "3 were in the buckets already" in out.getvalue()

    # Same name and size, other bytes: the bucket's copy is stale and is replaced.
    _write(settings.PRIVATE_MEDIA_ROOT / "2026" / "11" / "b2.pdf", b"%PDF-1.4 a DRAWING")
    out = StringIO()
    call_command("copy_media_to_bucket", stdout=out, stderr=StringIO())
    assert "Copied 1 file" in out.getvalue() and "2 were in the buckets already" in out.getvalue()
    assert bucket_storages.read(PRIVATE, "2026/11/b2.pdf")["Body"].read() == b"%PDF-1.4 a DRAWING"
    assert bucket_storages.objects(PRIVATE) == {"2026/11/b2.pdf": len(drawing)}


def test_copy_media_to_bucket_without_buckets_configured_says_what_to_set():
    with pytest.raises(CommandError, match="Set MEDIA_BUCKET and PRIVATE_MEDIA_BUCKET"):
        call_command("copy_media_to_bucket", stdout=StringIO(), stderr=StringIO())
