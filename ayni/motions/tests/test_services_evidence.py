"""An evidence file is judged by what it contains: its name and declared type count for nothing."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from ayni.motions.services.evidence import check_evidence, evidence_name, sniff
from ayni.motions.tests.reporting_builders import compressed_stream, image_bytes, pdf_bytes


def check(content: bytes):
    return check_evidence(io.BytesIO(content), size=len(content))


def refused(content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check(content)
    return caught.value.code


@pytest.mark.parametrize(
    ("content", "content_type", "extension"),
    [
        (pdf_bytes(), "application/pdf", ".pdf"),
        (image_bytes("JPEG"), "image/jpeg", ".jpg"),
        (image_bytes("PNG"), "image/png", ".png"),
        (image_bytes("WEBP"), "image/webp", ".webp"),
    ],
)
def test_check_evidence_accepts_pdf_and_the_three_image_types(content, content_type, extension):
    checked = check(content)

    assert checked.content_type == content_type
    assert checked.content == content
    name = evidence_name(checked)
    assert name.endswith(extension)
    assert len(name) > 20


def test_check_evidence_accepts_a_pdf_that_opens_at_a_page():
    assert check(pdf_bytes(b"5 0 obj << /OpenAction [3 0 R /Fit] >> endobj")).extension == ".pdf"


@pytest.mark.parametrize(
    "active",
    [
        b"5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj",
        b"5 0 obj << /JS 6 0 R >> endobj",
        b"5 0 obj << /S /Launch /F (calc.exe) >> endobj",
        b"5 0 obj << /Type /EmbeddedFile /Length 3 >> endobj",
        b"5 0 obj << /Type /Page /AA << /O 6 0 R >> >> endobj",
        b"1 0 obj << /OpenAction << /S /URI /URI (https://x.example) >> >> endobj",
        # A name spelt with #xx escapes is the same name to a PDF reader.
        b"5 0 obj << /S /J#61vaScript /J#53 (app.alert(1)) >> endobj",
    ],
)
def test_check_evidence_refuses_a_pdf_that_acts(active):
    assert refused(pdf_bytes(active)) == "pdf_active"


def test_check_evidence_finds_script_hidden_in_a_compressed_stream():
    hidden = compressed_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>")

    assert refused(pdf_bytes(hidden)) == "pdf_active"


def test_check_evidence_accepts_a_compressed_stream_without_actions():
    assert check(pdf_bytes(compressed_stream(b"BT /F1 12 Tf (Minutes) Tj ET"))).extension == ".pdf"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"Just some text pretending to be minutes.pdf", "type"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "type",
        ),
        (b"<!doctype html><html><script>alert(1)</script></html>", "type"),
        (b"\x89PNG\r\n\x1a\n" + b"not really a png at all" * 10, "not_image"),
        (image_bytes("JPEG")[:200], "not_image"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 garbage", "not_image"),
        (image_bytes("GIF"), "type"),
        (b"%PDF-1.4\n1 0 obj << >> endobj\n", "pdf_broken"),
    ],
    ids=[
        "empty",
        "text",
        "svg",
        "html",
        "fake-png",
        "truncated-jpeg",
        "fake-webp",
        "gif",
        "pdf-no-eof",
    ],
)
def test_check_evidence_refuses_what_is_not_an_accepted_file(content, code):
    assert refused(content) == code


def test_check_evidence_refuses_a_file_over_the_limit(settings):
    settings.EVIDENCE_MAX_BYTES = 2048
    content = pdf_bytes(b"% padding " * 300)

    with pytest.raises(ValidationError) as caught:
        check_evidence(io.BytesIO(content), size=None)  # the size unknown: counted while read

    assert caught.value.code == "too_large"
    assert "2.0\xa0KB" in caught.value.messages[0]


def test_check_evidence_refuses_an_image_of_too_many_pixels(monkeypatch):
    monkeypatch.setattr("ayni.motions.services.evidence.MAX_EVIDENCE_PIXELS", 100)

    assert refused(image_bytes("PNG", size=(20, 20))) == "too_many_pixels"


def test_sniff_knows_the_four_types_by_their_first_bytes():
    assert sniff(b"%PDF-1.7") == "application/pdf"
    assert sniff(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert sniff(b"\x89PNG\r\n\x1a\n") == "image/png"
    assert sniff(b"RIFF1234WEBPVP8 ") == "image/webp"
    assert sniff(b"GIF89a") == ""
