"""The motion as documents to download (.odt and PDF in each language): read back, their text
and numbering; the response headers; conditional requests; bad addresses."""

from __future__ import annotations

import io
import re

import pytest
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load
from pypdf import PdfReader

from ayni.motions.enums import MotionState
from ayni.motions.tests.factories import MotionFactory, draft_version, publish_version, url_in

pytestmark = pytest.mark.django_db

SPANISH_MOTION = {
    "notes_es": "¿Qué pasó? El gobierno electo fue derrocado.\n\nEl pueblo resistió.",
    "believes_es": "¡La democracia debe defenderse! Ñandutí, acción, también, ímpetu, único.",
    "resolves_es": "Donar £200 y €150 a la campaña.\n\nElevar esta moción.",
}


def download(client, slug: str, language: str, kind: str, page_language: str = "en", **headers):
    url = url_in(page_language, "motions:document", slug=slug, language=language, kind=kind)
    return client.get(url, headers=headers)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def odt_paragraphs(content: bytes) -> list[str]:
    document = load(io.BytesIO(content))
    body = document.text
    return [
        teletype.extractText(element)
        for element in body.childNodes
        if element.qname[1] in ("p", "h")
    ]


@pytest.fixture
def motion():
    motion = MotionFactory(slug="bolivia", title_es="¿Solidaridad con Bolivia?")
    publish_version(motion, 1, notes_en="The old text.")
    publish_version(motion, 2, change_note="Clearer.", **SPANISH_MOTION)
    draft_version(motion, 3, notes_en="A draft nobody sees.")
    return motion


def test_the_pdf_in_spanish_has_title_version_headings_numbered_text_and_footer(client, motion):
    response = download(client, "bolivia", "es", "pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bolivia-v2-es.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    text = pdf_text(response.content)
    assert "¿Solidaridad con Bolivia?" in text
    assert "Versión 2" in text
    lines = [line.strip() for line in text.splitlines()]
    numbered = [line for line in lines if re.match(r"^\d+\.", line)]
    assert numbered == [
        "1. ¿Qué pasó? El gobierno electo fue derrocado.",
        "2. El pueblo resistió.",
        "3. ¡La democracia debe defenderse! Ñandutí, acción, también, ímpetu, único.",
        "4. Donar £200 y €150 a la campaña.",
        "5. Elevar esta moción.",
    ]
    assert lines.index("Esta sección constata") < lines.index(numbered[0])
    assert "Esta sección resuelve" in lines
    assert "Moción modelo de ayni — " in text and "/es/motions/bolivia/" in text
    assert "A draft nobody sees." not in text and "The old text." not in text


def test_the_odt_in_english_reads_back_numbered_under_its_headings(client, motion):
    response = download(client, "bolivia", "en", "odt", page_language="es")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert response["Content-Disposition"] == 'attachment; filename="bolivia-v2-en.odt"'
    paragraphs = odt_paragraphs(response.content)
    assert paragraphs[0] == "Solidarity with Bolivia"
    assert paragraphs[1].startswith("Version 2 · ")
    assert paragraphs[2:] == [
        "This branch notes",
        "1.\tThe elected government was overthrown.",
        "2.\tThe people resisted.",
        "This branch believes",
        "3.\tDemocracy must be defended.",
        "This branch resolves",
        "4.\tTo affiliate to the campaign.",
        "5.\tTo forward this motion.",
    ]
    document = load(io.BytesIO(response.content))
    footer = [teletype.extractText(p) for p in document.masterstyles.getElementsByType(odf_text.P)]
    assert footer == [
        f"Model motion from ayni — {url_in('en', 'motions:detail', slug='bolivia')}"
    ] or (
        footer[0].startswith("Model motion from ayni — ")
        and footer[0].endswith("/en/motions/bolivia/")
    )


def test_the_odt_in_spanish_keeps_every_character(client, motion):
    paragraphs = odt_paragraphs(download(client, "bolivia", "es", "odt").content)

    assert "4.\tDonar £200 y €150 a la campaña." in paragraphs
    assert (
        "3.\t¡La democracia debe defenderse! Ñandutí, acción, también, ímpetu, único." in paragraphs
    )


def test_a_document_is_conditional_and_cacheable(client, motion):
    first = download(client, "bolivia", "en", "pdf")
    etag = first["ETag"]

    again = download(client, "bolivia", "en", "pdf", **{"If-None-Match": etag})

    assert first["Cache-Control"] == "public, max-age=3600"
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    other = {
        download(client, "bolivia", lang, kind)["ETag"]
        for lang in ("en", "es")
        for kind in ("odt", "pdf")
    }
    assert len(other) == 4  # each language and kind its own
    changed = download(client, "bolivia", "en", "pdf", **{"If-None-Match": '"stale"'})
    assert changed.status_code == 200


def test_a_new_version_or_title_changes_the_etag(client, motion):
    before = download(client, "bolivia", "en", "pdf")["ETag"]
    publish_version(motion, 4)

    after = download(client, "bolivia", "en", "pdf")

    assert after["ETag"] != before
    assert after["Content-Disposition"] == 'attachment; filename="bolivia-v4-en.pdf"'


@pytest.mark.parametrize(
    "path",
    [
        "/en/motions/bolivia/download/fr.pdf",
        "/en/motions/bolivia/download/en.docx",
        "/en/motions/bolivia/download/en.pdf.exe",
        "/en/motions/bolivia/download/../en.pdf",
        "/en/motions/nothing/download/en.pdf",
        "/en/motions/secret/download/en.pdf",
        "/en/motions/untexted/download/en.odt",
    ],
)
def test_bad_addresses_are_not_found(client, motion, path):
    secret = MotionFactory(slug="secret", state=MotionState.DRAFT)
    publish_version(secret)
    MotionFactory(slug="untexted")

    assert client.get(path).status_code == 404


def test_documents_answer_only_safe_methods(client, motion):
    url = url_in("en", "motions:document", slug="bolivia", language="en", kind="pdf")

    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200
