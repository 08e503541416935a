"""The upload pipeline: hostile files are refused with a clear message, good ones are cleaned."""

from __future__ import annotations

import re
import struct
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image, ImageFile

from producers import images
from producers.images import CleanImage, clean_image_upload

WRONG_TYPE = "Upload a JPEG, PNG or WebP photo."
DAMAGED = "This file is not a valid image or is damaged."
TOO_MANY_PIXELS = "This image has too many pixels (max 40 megapixels)."
UUID_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp)$")


def image_bytes(fmt: str = "JPEG", size=(60, 40), mode: str = "RGB", colour=0, **options) -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **options)
    return buffer.getvalue()


def noisy_jpeg(size=(400, 300)) -> bytes:
    buffer = BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def raw(content) -> bytes:
    content.seek(0)
    return content.read()


def open_output(content) -> Image.Image:
    return Image.open(BytesIO(raw(content)))


def rejection(data: bytes, name: str = "photo.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(upload(data, name))
    return excinfo.value


# --- Good photos come out re-encoded, renamed and with thumbnails. ---


def test_normal_jpeg_is_reencoded_with_a_uuid_name_and_thumbnails():
    result = clean_image_upload(upload(image_bytes(size=(2000, 1000)), "Holiday Snap.JPG"))

    assert isinstance(result, CleanImage)
    assert UUID_NAME.match(result.content.name)
    assert result.content.name.endswith(".jpg")
    assert (result.width, result.height, result.format) == (2000, 1000, "JPEG")
    stem = result.content.name.removesuffix(".jpg")
    assert {key: thumb.name for key, thumb in result.thumbnails.items()} == {
        "sm": f"{stem}_sm.jpg",
        "md": f"{stem}_md.jpg",
    }
    assert open_output(result.thumbnails["sm"]).size == (320, 160)
    assert open_output(result.thumbnails["md"]).size == (800, 400)
    output = open_output(result.content)
    assert output.format == "JPEG"
    assert output.size == (2000, 1000)
    assert output.info.get("progressive") == 1


def test_small_photo_thumbnails_are_not_upscaled():
    result = clean_image_upload(upload(image_bytes(size=(200, 100))))

    assert open_output(result.thumbnails["sm"]).size == (200, 100)
    assert open_output(result.thumbnails["md"]).size == (200, 100)


def test_tall_photo_thumbnails_are_limited_by_their_height():
    result = clean_image_upload(upload(image_bytes(size=(500, 1600))))

    assert open_output(result.thumbnails["sm"]).size == (100, 320)
    assert open_output(result.thumbnails["md"]).size == (250, 800)


def test_each_upload_gets_a_different_name():
    data = image_bytes()

    first = clean_image_upload(upload(data))
    second = clean_image_upload(upload(data))

    assert first.content.name != second.content.name


def test_jpeg_with_gps_exif_comes_out_without_exif_and_rotated():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display.
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    data = image_bytes(size=(60, 40), exif=exif)
    assert Image.open(BytesIO(data)).getexif().get_ifd(0x8825)[2] == (51.0, 30.0, 12.5)

    result = clean_image_upload(upload(data))

    output = open_output(result.content)
    assert "exif" not in output.info
    assert len(output.getexif()) == 0
    assert b"Exif" not in raw(result.content)
    assert (result.width, result.height) == (40, 60)
    assert output.size == (40, 60)
    for thumbnail in result.thumbnails.values():
        assert b"Exif" not in raw(thumbnail)


def test_jpeg_comment_and_icc_profile_are_dropped():
    data = image_bytes(comment=b"secret workshop address", icc_profile=b"pretend icc profile")
    assert Image.open(BytesIO(data)).info["comment"] == b"secret workshop address"

    result = clean_image_upload(upload(data))

    output = open_output(result.content)
    assert "comment" not in output.info
    assert "icc_profile" not in output.info
    assert b"secret workshop address" not in raw(result.content)


def test_png_with_transparency_keeps_png_format_and_alpha():
    picture = Image.new("RGBA", (50, 50), (255, 0, 0, 255))
    picture.putpixel((0, 0), (0, 0, 0, 0))
    buffer = BytesIO()
    picture.save(buffer, "PNG")

    result = clean_image_upload(upload(buffer.getvalue(), "logo.png"))

    assert result.format == "PNG"
    assert result.content.name.endswith(".png")
    output = open_output(result.content)
    assert output.format == "PNG"
    assert output.mode == "RGBA"
    assert output.getpixel((0, 0))[3] == 0
    assert output.getpixel((10, 10)) == (255, 0, 0, 255)
    assert open_output(result.thumbnails["sm"]).mode == "RGBA"


def test_palette_png_with_a_transparent_colour_keeps_its_transparency():
    data = image_bytes("PNG", mode="P", colour=0, transparency=0)

    result = clean_image_upload(upload(data, "icon.png"))

    output = open_output(result.content)
    assert output.mode == "RGBA"
    assert output.getpixel((0, 0))[3] == 0


def test_webp_with_alpha_stays_webp_with_alpha():
    data = image_bytes("WEBP", mode="RGBA", colour=(0, 0, 255, 128))

    result = clean_image_upload(upload(data, "photo.webp"))

    assert result.format == "WEBP"
    assert result.content.name.endswith(".webp")
    assert open_output(result.content).mode == "RGBA"


def test_cmyk_jpeg_is_converted_to_rgb():
    data = image_bytes(mode="CMYK", colour=(0, 255, 255, 0))

    result = clean_image_upload(upload(data))

    output = open_output(result.content)
    assert output.mode == "RGB"
    red, green, blue = output.getpixel((5, 5))
    assert red > 200 and green < 60 and blue < 60


def test_sixteen_bit_greyscale_png_is_scaled_not_clipped_to_white():
    data = image_bytes("PNG", mode="I;16", colour=40000)

    result = clean_image_upload(upload(data, "scan.png"))

    output = open_output(result.content)
    assert output.mode == "L"
    assert output.getpixel((0, 0)) == pytest.approx(156, abs=1)


def test_multi_picture_jpeg_from_a_phone_is_accepted_as_jpeg():
    buffer = BytesIO()
    first, second = Image.new("RGB", (40, 30), "red"), Image.new("RGB", (40, 30), "blue")
    first.save(buffer, "MPO", save_all=True, append_images=[second])

    result = clean_image_upload(upload(buffer.getvalue()))

    assert result.format == "JPEG"
    assert open_output(result.content).format == "JPEG"


# --- Names from the client are never trusted. ---


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.jpg", "C:\\evil\\x.jpg", "/var/www/shell.php.jpg", "<script>.jpg"],
)
def test_path_tricks_in_the_name_give_a_bare_uuid_name(name):
    result = clean_image_upload(upload(image_bytes(), name))

    assert UUID_NAME.match(result.content.name)
    for produced in [result.content, *result.thumbnails.values()]:
        assert "/" not in produced.name and "\\" not in produced.name
        assert "passwd" not in produced.name and "evil" not in produced.name


def test_windows_path_with_png_name_is_judged_by_its_last_component():
    result = clean_image_upload(upload(image_bytes("PNG"), "C:\\evil\\x.png"))

    assert UUID_NAME.match(result.content.name)
    assert result.content.name.endswith(".png")


@pytest.mark.parametrize(
    "name",
    ["photo", "photo.gif", "photo.jpg.php", "photo.svg", "photo.jpg.", ".jpg", "dir.jpg/photo"],
)
def test_missing_or_odd_extension_is_rejected(name):
    error = rejection(image_bytes(), name)

    assert error.messages == [WRONG_TYPE]
    assert error.code == "invalid_extension"


@pytest.mark.parametrize("name", [None, ""])
def test_upload_without_a_name_is_rejected(name):
    fake = BytesIO(image_bytes())
    fake.name = name
    fake.size = 100

    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(fake)

    assert excinfo.value.messages == [WRONG_TYPE]


def test_extension_that_does_not_match_the_content_is_rejected():
    error = rejection(image_bytes("PNG"), "photo.jpg")

    assert error.messages == [
        "This file's name ends in .jpg but it is really a .png image. "
        "Rename it to end in .png and upload it again."
    ]
    assert error.code == "extension_mismatch"


def test_jpeg_named_png_is_rejected():
    error = rejection(image_bytes("JPEG"), "photo.png")

    assert error.code == "extension_mismatch"
    assert "ends in .png but it is really a .jpg image" in error.messages[0]


# --- Things that are not photos, dressed up as photos. ---

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PSD = b"8BPS\x00\x01" + b"\x00" * 6 + struct.pack(">HIIHH", 3, 64, 64, 8, 3) + b"\x00" * 64
EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\nshowpage\n"
HTML = b"<html><body><script>alert(1)</script></body></html>"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (SVG, "photo.jpg"),
        (PDF, "photo.jpg"),
        (PSD, "photo.jpg"),
        (EPS, "photo.jpg"),
        (HTML, "photo.png"),
        (image_bytes("GIF", mode="P"), "photo.png"),
        (image_bytes("GIF", mode="P"), "photo.jpg"),
        (image_bytes("BMP"), "photo.jpg"),
        (image_bytes("TIFF"), "photo.jpg"),
        (b"", "photo.jpg"),
        (b"\x00" * 100, "photo.webp"),
    ],
    ids=["svg", "pdf", "psd", "eps", "html", "gif-png", "gif-jpg", "bmp", "tiff", "empty", "nul"],
)
def test_files_that_are_not_jpeg_png_or_webp_are_rejected(data, name):
    error = rejection(data, name)

    assert error.messages == [WRONG_TYPE]


def test_png_with_trailing_html_is_accepted_but_the_html_is_gone():
    data = image_bytes("PNG") + b"<html><script>alert(1)</script></html>"

    result = clean_image_upload(upload(data, "polyglot.png"))

    assert b"<script" not in raw(result.content)
    for thumbnail in result.thumbnails.values():
        assert b"<script" not in raw(thumbnail)


def test_png_text_chunks_are_dropped():
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Comment", "<script>alert(1)</script>")
    text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    data = image_bytes("PNG", pnginfo=text)

    result = clean_image_upload(upload(data, "photo.png"))

    assert b"<script" not in raw(result.content)
    assert b"xmpmeta" not in raw(result.content)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (noisy_jpeg()[:3000], "photo.jpg"),
        (image_bytes("PNG", size=(300, 300), colour=(10, 20, 30))[:-30], "photo.png"),
        (noisy_jpeg()[:400], "photo.jpg"),
    ],
    ids=["jpeg-cut-in-the-pixels", "png-cut-before-the-end", "jpeg-cut-in-the-header"],
)
def test_truncated_image_is_rejected(data, name):
    error = rejection(data, name)

    assert error.messages == [DAMAGED]


def test_png_with_a_corrupt_checksum_is_rejected():
    data = bytearray(image_bytes("PNG", size=(50, 50), colour=(1, 2, 3)))
    idat = data.index(b"IDAT")
    data[idat + 6] ^= 0xFF

    error = rejection(bytes(data), "photo.png")

    assert error.messages == [DAMAGED]


# --- Size and pixel limits. ---


def test_upload_over_the_size_limit_is_rejected_before_reading():
    oversized = upload(image_bytes())
    oversized.size = images.MAX_UPLOAD_BYTES + 1

    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(oversized)

    assert excinfo.value.messages == ["This photo is too large: the limit is 10 MB."]
    assert excinfo.value.code == "file_too_large"


def test_upload_that_lies_about_its_size_is_still_measured(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 1024 * 1024)
    liar = upload(image_bytes() + b"\x00" * (1024 * 1024))
    liar.size = 10

    with pytest.raises(ValidationError) as excinfo:
        clean_image_upload(liar)

    assert excinfo.value.messages == ["This photo is too large: the limit is 1 MB."]


@pytest.fixture
def decoding_calls(monkeypatch):
    """Records every attempt to decode or verify pixels."""
    calls = []
    real_load, real_verify = ImageFile.ImageFile.load, ImageFile.ImageFile.verify

    def load(self):
        calls.append("load")
        return real_load(self)

    def verify(self):
        calls.append("verify")
        return real_verify(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    monkeypatch.setattr(ImageFile.ImageFile, "verify", verify)
    return calls


@pytest.mark.parametrize(
    ("mode", "size"),
    [("1", (10000, 10000)), ("L", (7000, 6000))],
    ids=["100-megapixels", "42-megapixels"],
)
def test_tiny_png_with_too_many_pixels_is_rejected_without_decoding(mode, size, decoding_calls):
    data = image_bytes("PNG", size=size, mode=mode, optimize=True)
    assert len(data) < 50_000

    error = rejection(data, "bomb.png")

    assert error.messages == [TOO_MANY_PIXELS]
    assert error.code == "too_many_pixels"
    assert decoding_calls == []


def test_jpeg_whose_header_claims_billions_of_pixels_is_rejected(decoding_calls):
    data = bytearray(image_bytes(size=(8, 8)))
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = struct.pack(">HH", 65000, 65000)

    error = rejection(bytes(data))

    assert error.messages == [TOO_MANY_PIXELS]
    assert decoding_calls == []


def test_photo_just_under_the_pixel_limit_is_accepted(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)

    result = clean_image_upload(upload(image_bytes(size=(100, 100))))

    assert (result.width, result.height) == (100, 100)
    assert rejection(image_bytes(size=(101, 100))).code == "too_many_pixels"


# --- Whatever the bytes, the only failure is a ValidationError (the autouse settings
# fixture is function-scoped but irrelevant here, hence the suppressed health check). ---


def _mutated(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    mutated = bytearray(data)
    for position, value in flips:
        mutated[position % len(mutated)] = value
    return bytes(mutated)


SEEDS = {
    "photo.jpg": noisy_jpeg((64, 48)),
    "photo.png": image_bytes("PNG", size=(64, 48), mode="RGBA", colour=(1, 2, 3, 4)),
    "photo.webp": image_bytes("WEBP", size=(64, 48)),
}


@hypothesis_settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(sorted(SEEDS)),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
    keep=st.none() | st.integers(0, 10_000),
)
def test_damaged_photos_only_ever_raise_validation_errors(name, flips, keep):
    data = _mutated(SEEDS[name], flips)[:keep]

    try:
        clean_image_upload(upload(data, name))
    except ValidationError as error:
        assert error.messages[0]


@hypothesis_settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=2000), name=st.sampled_from(sorted(SEEDS)))
def test_random_bytes_only_ever_raise_validation_errors(data, name):
    with pytest.raises(ValidationError):
        clean_image_upload(upload(data, name))
