"""The one pipeline every uploaded photo goes through.

Uploads are hostile until proven otherwise: the name, the claimed size and the metadata all
come from the client. So we check the real format by content, refuse pixel bombs before
decoding, decode fully, then re-encode from pixels alone under a fresh random name. Nothing
the client sent survives except the picture itself: no EXIF/GPS, ICC, comments, trailing bytes
or file name. Every failure is a ValidationError with a message a person can act on.
"""

from __future__ import annotations

import os
import uuid
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
ALLOWED_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Well under Pillow's own bomb limit (about 89 megapixels), so we refuse first, politely.
MAX_PIXELS = 40_000_000
# Longest side in pixels; aspect ratio kept, never upscaled.
THUMBNAIL_SIZES = {"sm": 320, "md": 800}

_FORMAT_FOR_EXTENSION = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_EXTENSION_FOR_FORMAT = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
}

_WRONG_TYPE = _("Upload a JPEG, PNG or WebP photo.")
_DAMAGED = _("This file is not a valid image or is damaged.")


@dataclass
class CleanImage:
    content: ContentFile
    thumbnails: dict[str, ContentFile]
    width: int
    height: int
    format: str


def clean_image_upload(upload: File) -> CleanImage:
    """Check an uploaded photo and return it re-encoded, renamed and with thumbnails.

    Raises ValidationError (and nothing else) for anything that is not a sound JPEG, PNG or
    WebP image within the size and pixel limits.
    """
    extension = _extension(getattr(upload, "name", None))
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(_WRONG_TYPE, code="invalid_extension")
    claimed_size = getattr(upload, "size", None)
    if claimed_size is not None and claimed_size > MAX_UPLOAD_BYTES:
        raise _too_large()
    if hasattr(upload, "seek"):
        upload.seek(0)
    # Read one byte past the limit so a file that lies about its size is still caught.
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _too_large()

    try:
        # Pillow only warns between its two bomb limits; we want that to stop us too.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image, real_format = _decode(data, extension)
            ImageOps.exif_transpose(image, in_place=True)
            image = _pixels_only(image, real_format)
            name = uuid.uuid4().hex
            suffix = _EXTENSION_FOR_FORMAT[real_format]
            content = _encode(image, real_format, f"{name}.{suffix}")
            thumbnails = {}
            for key, longest_side in THUMBNAIL_SIZES.items():
                thumbnail = image.copy()
                thumbnail.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
                thumbnails[key] = _encode(thumbnail, real_format, f"{name}_{key}.{suffix}")
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise _too_many_pixels() from e
    except Image.UnidentifiedImageError as e:
        raise ValidationError(_WRONG_TYPE, code="invalid_image_type") from e
    # Pillow's decoders raise many kinds of errors on hostile bytes (OSError, SyntaxError,
    # ValueError, struct.error, ...); like Django's own ImageField we treat any of them as damage.
    except Exception as e:
        raise ValidationError(_DAMAGED, code="invalid_image") from e

    return CleanImage(
        content=content,
        thumbnails=thumbnails,
        width=image.width,
        height=image.height,
        format=real_format,
    )


def _extension(name: object) -> str:
    # Clients send "C:\dir\x.png" or "../x.jpg"; only the last component's suffix counts.
    final_component = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return os.path.splitext(final_component)[1].lower()


def _decode(data: bytes, extension: str) -> tuple[Image.Image, str]:
    # Limiting the plugins means SVG, PDF, PSD, EPS, GIF... are never even parsed.
    formats = tuple(sorted(ALLOWED_FORMATS))
    probe = Image.open(BytesIO(data), formats=formats)
    # Phones write multi-picture JPEGs, which Pillow reports as MPO; they are JPEGs.
    real_format = "JPEG" if probe.format == "MPO" else probe.format
    if real_format not in ALLOWED_FORMATS:
        raise ValidationError(_WRONG_TYPE, code="invalid_image_type")
    if _FORMAT_FOR_EXTENSION[extension] != real_format:
        raise ValidationError(
            _(
                "This file's name ends in %(extension)s but it is really a %(expected)s image. "
                "Rename it to end in %(expected)s and upload it again."
            ),
            code="extension_mismatch",
            params={"extension": extension, "expected": "." + _EXTENSION_FOR_FORMAT[real_format]},
        )
    # The size comes from the header alone; no pixel has been decoded yet.
    width, height = probe.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    probe.verify()
    # verify() leaves the image unusable, so decode again from the start.
    image = Image.open(BytesIO(data), formats=formats)
    image.load()
    return image, real_format


def _pixels_only(image: Image.Image, real_format: str) -> Image.Image:
    if image.mode.startswith("I"):
        # 16-bit greyscale: scale to 8 bits, as a plain convert() clips everything to white.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if real_format != "JPEG" and image.has_transparency_data:
        mode = "RGBA"
    elif image.mode == "L":
        mode = "L"
    else:
        # Also turns palette, CMYK and 1-bit images into something that resizes smoothly.
        mode = "RGB"
    clean = image.convert(mode)
    # Pillow's encoders copy some metadata (ICC profile, comments) from .info; keep none.
    clean.info = {}
    return clean


def _encode(image: Image.Image, real_format: str, name: str) -> ContentFile:
    buffer = BytesIO()
    image.save(buffer, real_format, **_SAVE_OPTIONS[real_format])
    return ContentFile(buffer.getvalue(), name=name)


def _too_large() -> ValidationError:
    return ValidationError(
        _("This photo is too large: the limit is %(limit)s MB."),
        code="file_too_large",
        params={"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
    )


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("This image has too many pixels (max %(limit)s megapixels)."),
        code="too_many_pixels",
        params={"limit": MAX_PIXELS // 1_000_000},
    )
