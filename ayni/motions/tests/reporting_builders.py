"""What the reporting tests build: a motion that takes reports, a form's data, evidence files."""

from __future__ import annotations

import io
import zlib
from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ayni.motions.enums import Level
from ayni.motions.models import Body, Motion
from ayni.motions.tests.factories import MotionFactory, publish_version, tree_body

MEETING = date(2026, 10, 14)


def reportable(slug: str = "bolivia") -> tuple[Motion, Body]:
    """A published motion with its text, and a listed branch to report for."""
    motion = MotionFactory(slug=slug)
    publish_version(motion)
    national = tree_body("Example Union", Level.NATIONAL)
    region = tree_body("North", Level.REGION, parent=national)
    branch = tree_body("Leeds Central", Level.BRANCH, parent=region)
    return motion, branch


def form_data(body: Body | None, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "body": body.pk if body is not None else "",
        "meeting_date": MEETING.isoformat(),
        "outcome": "passed",
        "votes_for": "23",
        "votes_against": "2",
        "votes_abstaining": "",
        "commitments": ["affiliate", "donate"],
        "donation_amount": "250",
        "donation_currency": "GBP",
        "evidence_url": "https://example.org/minutes.pdf",
        "name": "Rosa Reporter",
        "email": "rosa@example.org",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def pdf_bytes(extra: bytes = b"") -> bytes:
    """A small valid-looking PDF (one empty page), with `extra` objects inside."""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
        + extra
        + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def compressed_stream(content: bytes) -> bytes:
    data = zlib.compress(content)
    return b"4 0 obj << /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj" % (
        len(data),
        data,
    )


def image_bytes(image_format: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
