"""A report's evidence file: minutes as a PDF or a photo, checked by what it contains.

The name and the type the browser sent are the sender's word; only the content counts. A file
is accepted when its first bytes are those of a PDF, JPEG, PNG or WebP (enums.EVIDENCE_TYPES),
an image opens and decodes with Pillow as that same format within a pixel limit, and a PDF
carries nothing that runs (JavaScript, launching programs, embedded files, actions on opening
or on events), looked for in its text and in every compressed stream. It is stored in the
private storage (ayni.core.private_files, never served publicly) under a random name with the
extension of what it is, and handed to moderators only as a download.
"""

from __future__ import annotations

import re
import secrets
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from ayni.motions.enums import EVIDENCE_TYPES

# A photo of minutes from a phone is 12–50 megapixels; past this a small file could decode
# to gigabytes.
MAX_EVIDENCE_PIXELS = 60_000_000
# Compressed streams of a PDF are inflated up to this much in all to look inside them.
MAX_INFLATED_BYTES = 64 * 1024 * 1024

MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# PDF names that make a document act: run script, start a program, carry other files, do
# something on opening or on an event (page open, field change…).
ACTIVE_PDF_NAMES = {
    b"JavaScript",
    b"JS",
    b"Launch",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"AA",
    b"RichMedia",
    b"XFA",
    b"SubmitForm",
    b"ImportData",
    b"GoToE",
}
PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+)")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)

NOT_ACCEPTED = _("This file is not one we accept. Upload the minutes as a PDF, JPEG, PNG or WebP.")


@dataclass(frozen=True)
class CheckedEvidence:
    """An upload that passed: what it really is, and its content."""

    content_type: str
    content: bytes

    @property
    def extension(self) -> str:
        return EVIDENCE_TYPES[self.content_type]


def sniff(head: bytes) -> str:
    """The evidence type the first bytes say, or ""."""
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return ""


def check_evidence(upload: IO[bytes], *, size: int | None) -> CheckedEvidence:
    """The upload, checked (see the module's docstring), or a ValidationError saying why not.
    Reads the file; writes nothing."""
    limit = settings.EVIDENCE_MAX_BYTES
    if size is not None and size > limit:
        raise _too_large(size)
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise _too_large(len(content))
    if not content:
        raise ValidationError(_("This file is empty."), code="empty")
    content_type = sniff(content[:16])
    if not content_type:
        raise ValidationError(NOT_ACCEPTED, code="type")
    if content_type == "application/pdf":
        _check_pdf(content)
    else:
        _check_image(content, content_type)
    return CheckedEvidence(content_type=content_type, content=content)


def _too_large(size: int) -> ValidationError:
    return ValidationError(
        _("This file is %(size)s; the largest we accept is %(limit)s."),
        code="too_large",
        params={
            "size": filesizeformat(size),
            "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES),
        },
    )


def _check_image(content: bytes, content_type: str) -> None:
    try:
        with Image.open(BytesIO(content)) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_EVIDENCE_PIXELS:
                raise ValidationError(
                    _("This image is %(width)s×%(height)s pixels; that is more than we accept."),
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            image.load()  # decodes it all: a truncated or corrupt image fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(NOT_ACCEPTED, code="not_image") from None
    if image_format != PILLOW_FORMATS[content_type]:
        raise ValidationError(NOT_ACCEPTED, code="format")


def _pdf_names(data: bytes) -> set[bytes]:
    """The PDF names in `data`, with #xx escapes decoded (/J#61vaScript is /JavaScript)."""
    names = set()
    for match in PDF_NAME.finditer(data):
        raw = match.group(1)
        if b"#" in raw:
            raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
        names.add(raw)
    return names


def _inflated_streams(content: bytes) -> list[bytes]:
    """Each compressed stream, inflated (a stream that is not zlib is skipped: only what can
    be inflated can hide names from a plain search)."""
    budget = MAX_INFLATED_BYTES
    streams = []
    for match in PDF_STREAM.finditer(content):
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(match.group(1), budget)
        except zlib.error:
            continue
        if inflater.unconsumed_tail:
            # More than we are willing to inflate: a PDF of minutes never needs this much.
            raise ValidationError(NOT_ACCEPTED, code="pdf_too_deep")
        budget -= len(data)
        streams.append(data)
    return streams


def _check_pdf(content: bytes) -> None:
    if b"%%EOF" not in content:
        raise ValidationError(NOT_ACCEPTED, code="pdf_broken")
    for data in [content, *_inflated_streams(content)]:
        names = _pdf_names(data)
        if names & ACTIVE_PDF_NAMES or b"OpenAction" in names and _opens_with_action(data):
            raise ValidationError(
                _(
                    "This PDF contains scripts, attachments or actions, which we do not accept. "
                    "Print it to a new PDF, or upload a photo of the minutes."
                ),
                code="pdf_active",
            )


def _opens_with_action(data: bytes) -> bool:
    """An /OpenAction that does something (a dictionary with /S): going to a page is an array
    and harmless; any action on opening is refused (script ones are caught by name already)."""
    return re.search(rb"/OpenAction\s*<<", data) is not None


def evidence_name(checked: CheckedEvidence) -> str:
    """A random name with the extension of what the file is (the sender's name is not kept)."""
    return f"{secrets.token_urlsafe(18)}{checked.extension}"


def evidence_file(checked: CheckedEvidence) -> ContentFile:
    return ContentFile(checked.content, name=evidence_name(checked))


def download_name(content_type: str, adoption_id: int) -> str:
    return f"evidence-{adoption_id}{EVIDENCE_TYPES.get(content_type, '.bin')}"
