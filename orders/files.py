"""Checking the files people attach to requests, quotes, messages and first pieces.

They are stored privately and only ever sent back as downloads (`Content-Disposition:
attachment`, `application/octet-stream`), so a browser never renders them on our origin.
Still, each must be what its name says: images go through the photo pipeline (re-encoded,
metadata gone), PDFs must start like a PDF, drawings must be text that looks like a drawing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from producers.images import clean_image_upload

from .models import Attachment

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 5
EXTENSIONS = {
    ".jpg": Attachment.Kind.IMAGE,
    ".jpeg": Attachment.Kind.IMAGE,
    ".png": Attachment.Kind.IMAGE,
    ".webp": Attachment.Kind.IMAGE,
    ".pdf": Attachment.Kind.PDF,
    ".dxf": Attachment.Kind.DXF,
    ".svg": Attachment.Kind.SVG,
}
ACCEPT = ",".join(EXTENSIONS)
_SAFE_NAME = re.compile(r"[^\w.\- ()]+")


@dataclass
class CleanFile:
    content: ContentFile | File
    name: str
    kind: str
    size: int


def _display_name(raw: str) -> str:
    # Only the last path part, tame characters, bounded length: it is shown and sent back.
    base = os.path.basename(str(raw).replace("\\", "/")).replace("\x00", "")
    base = _SAFE_NAME.sub("_", base).strip(" .") or "file"
    stem, ext = os.path.splitext(base)
    return stem[:100] + ext[:8]


def clean_attachment(upload: File) -> CleanFile:
    """A checked file ready to store, or a ValidationError a person can act on."""
    name = _display_name(getattr(upload, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    kind = EXTENSIONS.get(extension)
    if kind is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a file we take: "
                "attach JPEG, PNG or WebP images, PDF, DXF or SVG."
            ),
            params={"name": name},
            code="file_type",
        )
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 20 MB."), params={"name": name}, code="file_size"
        )
    if kind == Attachment.Kind.IMAGE:
        image = clean_image_upload(upload)
        return CleanFile(image.content, name, kind, image.content.size)

    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if kind == Attachment.Kind.PDF and not head.startswith(b"%PDF-"):
        raise _not_what_it_says(name, "PDF")
    if kind in (Attachment.Kind.DXF, Attachment.Kind.SVG):
        try:
            text = head.decode("utf-8-sig" if kind == Attachment.Kind.SVG else "latin-1")
        except UnicodeDecodeError:
            raise _not_what_it_says(name, "SVG") from None
        if "\x00" in text:
            raise _not_what_it_says(name, kind.upper())
        if kind == Attachment.Kind.SVG and "<svg" not in text.lower():
            raise _not_what_it_says(name, "SVG")
        if kind == Attachment.Kind.DXF and "SECTION" not in text.upper():
            raise _not_what_it_says(name, "DXF")
    return CleanFile(upload, name, kind, upload.size)


def _not_what_it_says(name: str, what: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” does not look like a %(what)s file."),
        params={"name": name, "what": what},
        code="file_content",
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input (Django's documented pattern), each checked and cleaned."""

    def __init__(self, *args, max_files: int = MAX_FILES, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[CleanFile]:
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(uploads) > self.max_files:
            raise ValidationError(
                ngettext(
                    "Attach at most %(count)s files at a time.",
                    "Attach at most %(count)s files at a time.",
                    self.max_files,
                ),
                params={"count": self.max_files},
                code="too_many_files",
            )
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append(clean_attachment(super().clean(upload, initial)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned
