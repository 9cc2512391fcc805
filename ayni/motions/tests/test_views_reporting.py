"""The report form, the check-inbox page, the reporter's pages and the evidence download."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from ayni.motions import tokens
from ayni.motions.enums import AdoptionStatus, EmailKind, Level, MotionState
from ayni.motions.models import Adoption, AdoptionEmail, Body
from ayni.motions.services import reporting
from ayni.motions.tests.factories import report, tree_body
from ayni.motions.tests.reporting_builders import (
    files_in,
    form_data,
    image_bytes,
    pdf_bytes,
    reportable,
    upload,
)
from ayni.supporters.retention import erase_unconfirmed
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db


def url_in(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def report_url(motion, language: str = "en") -> str:
    return url_in(language, "motions:report", slug=motion.slug)


@pytest.mark.parametrize(
    ("language", "heading", "amended"),
    [
        ("en", "Report an adoption", "The elected government"),
        ("es", "Informar de una aprobación", "El gobierno electo"),
    ],
)
def test_report_form_shows_the_form_in_the_page_language(client, language, heading, amended):
    motion, _branch = reportable()

    page = client.get(report_url(motion, language)).content.decode()

    assert heading in page
    assert amended in page  # the amended text starts as the current text, in this language
    assert 'enctype="multipart/form-data"' in page
    assert 'name="website"' in page  # the honeypot
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


def test_report_form_finds_bodies_without_javascript(client):
    motion, branch = reportable()

    found = client.get(report_url(motion) + "?q=leeds").content.decode()
    assert f"?body={branch.pk}" in found
    chosen = client.get(report_url(motion) + f"?body={branch.pk}").content.decode()
    assert "You are reporting for <strong>Leeds Central</strong>" in chosen
    assert f'name="body" value="{branch.pk}"' in chosen


def test_report_form_posts_and_redirects_to_check_your_inbox(client):
    motion, branch = reportable()

    response = client.post(report_url(motion), form_data(branch))

    assert response.status_code == 302
    assert response["Location"] == url_in("en", "motions:report_sent", slug=motion.slug)
    adoption = Adoption.objects.get()
    assert (adoption.body, adoption.language, adoption.status) == (branch, "en", "pending")
    assert adoption.ip_hash != ""


def test_report_form_in_spanish_stores_a_spanish_report(client):
    motion, branch = reportable()

    client.post(report_url(motion, "es"), form_data(branch))

    assert Adoption.objects.get().language == "es"
    sent = client.get(url_in("es", "motions:report_sent", slug=motion.slug)).content.decode()
    assert "Revisa tu correo" in sent


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("meeting_date", "1999-01-01", "Enter a date from 2000 onwards."),
        ("outcome", "won", "is not one of the available choices"),
        ("email", "nope", "Enter a valid email address."),
        ("votes_for", "-3", "Enter a number of 0 or more."),
        ("evidence_url", "http://example.org", "Enter a secure address that starts with https://."),
        ("body", "999999", "This body is not in our list."),
    ],
)
def test_report_form_with_bad_input_is_shown_again_with_the_error_and_stores_nothing(
    client, field, value, message
):
    motion, branch = reportable()

    response = client.post(report_url(motion), {**form_data(branch), field: value})

    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert "Please correct the errors below." in page
    assert Adoption.objects.count() == 0
    assert AdoptionEmail.objects.count() == 0


def test_report_form_errors_in_spanish(client):
    motion, branch = reportable()

    response = client.post(
        report_url(motion, "es"), {**form_data(branch), "meeting_date": "1999-01-01"}
    )

    assert response.status_code == 422
    assert "Escribe una fecha a partir del año 2000." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("minutes.pdf", b"MZ\x90\x00\x03 this is a program renamed", "application/pdf"),
        (
            "minutes.pdf",
            pdf_bytes(b"5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"),
            "application/pdf",
        ),
        ("minutes.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
        (
            "minutes.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "image/svg+xml",
        ),
        ("minutes.html", b"<html><body><script>alert(1)</script></body></html>", "text/html"),
        ("minutes.jpg", image_bytes("GIF"), "image/jpeg"),
    ],
    ids=["renamed-exe", "pdf-javascript", "fake-png", "svg", "html", "gif-as-jpg"],
)
def test_report_form_refuses_a_bad_upload_and_writes_nothing(
    client, private_files, name, content, content_type
):
    motion, branch = reportable()
    data = {
        **form_data(branch, evidence_url=""),
        "evidence_file": upload(name, content, content_type),
    }

    response = client.post(report_url(motion), data)

    assert response.status_code == 422
    assert (
        "we do not accept" in response.content.decode()
        or "not one we accept" in response.content.decode()
    )
    assert Adoption.objects.count() == 0
    assert files_in(private_files) == []


def test_report_form_refuses_an_oversized_upload_and_writes_nothing(
    client, settings, private_files
):
    settings.EVIDENCE_MAX_BYTES = 4096
    motion, branch = reportable()
    big = pdf_bytes(b"% " + b"x" * 10_000)
    data = {**form_data(branch, evidence_url=""), "evidence_file": upload("minutes.pdf", big)}

    response = client.post(report_url(motion), data)

    assert response.status_code == 422
    assert "the largest we accept is 4.0\xa0KB" in response.content.decode()
    assert files_in(private_files) == []
    assert Adoption.objects.count() == 0


def test_report_form_stores_a_good_upload_privately(client, private_files, settings):
    motion, branch = reportable()
    data = {
        **form_data(branch, evidence_url=""),
        "evidence_file": upload("My Minutes.PDF", pdf_bytes()),
    }

    assert client.post(report_url(motion), data).status_code == 302

    (stored,) = files_in(private_files)
    assert stored.suffix == ".pdf"
    assert "Minutes" not in stored.name
    assert Adoption.objects.get().evidence_type == "application/pdf"
    assert not any(p.suffix == ".pdf" for p in files_in(settings.MEDIA_ROOT))


def test_report_form_answers_a_bot_as_anyone_and_stores_nothing(client):
    motion, branch = reportable()

    response = client.post(report_url(motion), form_data(branch, website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == url_in("en", "motions:report_sent", slug=motion.slug)
    assert Adoption.objects.count() == 0


def test_report_form_answers_a_meeting_reported_already_as_a_new_one(client):
    motion, branch = reportable()
    client.post(report_url(motion), form_data(branch))
    reporting.confirm_report(Adoption.objects.get())

    again = client.post(report_url(motion), form_data(branch, votes_for="99"))

    assert again.status_code == 302
    assert again["Location"] == url_in("en", "motions:report_sent", slug=motion.slug)
    assert list(Adoption.objects.values_list("votes_for", flat=True)) == [23]
    assert AdoptionEmail.objects.filter(kind=EmailKind.AGAIN).count() == 1


def test_report_form_of_a_draft_or_unknown_motion_is_404(client):
    motion, branch = reportable()
    motion.state = MotionState.DRAFT
    motion.save()

    assert client.get(report_url(motion)).status_code == 404
    assert client.post(report_url(motion), form_data(branch)).status_code == 404
    assert client.get(url_in("en", "motions:report", slug="nothing")).status_code == 404
    assert Adoption.objects.count() == 0


def test_report_form_refuses_other_methods(client):
    motion, _branch = reportable()

    assert client.put(report_url(motion)).status_code == 405


def manage_url(adoption, name: str = "motions:report_manage", language: str = "en") -> str:
    return url_in(language, name, token=tokens.MANAGE.make(adoption.pk))


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (AdoptionStatus.PENDING, "Your address is not confirmed yet."),
        (AdoptionStatus.SUBMITTED, "Thank you: your report is waiting for a moderator."),
        (AdoptionStatus.VERIFIED, "Your report has been verified"),
        (AdoptionStatus.MERGED, "your report was joined to theirs"),
    ],
)
def test_report_manage_shows_the_status_and_the_report(client, status, text):
    motion, branch = reportable()
    adoption = report(motion, branch, status=status)

    page = client.get(manage_url(adoption)).content.decode()

    assert text in page
    assert "Leeds Central" in page
    assert "rita@example.org" in page
    assert 'content="noindex"' in page


def test_report_manage_shows_the_moderators_reason_when_rejected(client):
    motion, branch = reportable()
    adoption = report(
        motion, branch, status=AdoptionStatus.REJECTED, rejection_reason="No minutes <b>given</b>."
    )

    page = client.get(manage_url(adoption, language="es")).content.decode()

    assert "Tu informe no se ha aceptado." in page
    assert "No minutes &lt;b&gt;given&lt;/b&gt;." in page


def test_reporter_links_refuse_forged_expired_and_erased_links(client, settings):
    motion, branch = reportable()
    adoption = report(motion, branch, status=AdoptionStatus.PENDING)
    other_purpose = url_in("en", "motions:report_manage", token=tokens.CONFIRM.make(adoption.pk))

    assert client.get(url_in("en", "motions:report_manage", token="forged")).status_code == 404  # noqa: S106
    assert client.get(other_purpose).status_code == 404
    good = manage_url(adoption)
    settings.SIGNATURE_LINK_DAYS = 0
    assert client.get(good).status_code == 410


def test_report_data_downloads_the_reporters_data_as_json(client):
    motion, branch = reportable()
    adoption = report(motion, branch, status=AdoptionStatus.PENDING)

    response = client.get(manage_url(adoption, "motions:report_data"))

    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    (row,) = json.loads(response.content)["motion_adoption_reports"]
    assert (row["email"], row["body"], row["status"]) == (
        "rita@example.org",
        "Leeds Central",
        "pending",
    )


def test_report_erase_asks_then_erases(client):
    motion, branch = reportable()
    adoption = report(motion, branch, status=AdoptionStatus.SUBMITTED)
    url = manage_url(adoption, "motions:report_erase")

    assert "Erase everything</button>" in client.get(url).content.decode()
    assert Adoption.objects.count() == 1
    done = client.post(url)

    assert done.status_code == 200
    assert "Your data has been erased" in done.content.decode()
    assert Adoption.objects.count() == 0
    assert client.get(manage_url(adoption)).status_code == 404


def test_report_confirm_pressed_as_the_retention_job_erases_the_report_is_410_expired(
    client, monkeypatch
):
    motion, branch = reportable()
    adoption = report(motion, branch, status=AdoptionStatus.PENDING)
    email = AdoptionEmail.objects.create(adoption=adoption, kind=EmailKind.CONFIRM)
    url = url_in("en", "motions:report_confirm", token=tokens.CONFIRM.make(email.pk))
    confirm = reporting.confirm_report

    def job_first(row):
        erase_unconfirmed(now=adoption.created_at + timedelta(days=40))
        return confirm(row)

    monkeypatch.setattr(reporting, "confirm_report", job_first)
    response = client.post(url)

    assert response.status_code == 410
    assert 'data-reason="expired"' in response.content.decode()
    assert "This link has expired" in response.content.decode()
    assert not Adoption.objects.exists()


def test_report_confirm_link_of_another_kind_of_email_is_404(client):
    motion, branch = reportable()
    adoption = report(motion, branch, status=AdoptionStatus.SUBMITTED)
    received = AdoptionEmail.objects.create(
        adoption=adoption, kind=EmailKind.RECEIVED, key="received"
    )

    url = url_in("en", "motions:report_confirm", token=tokens.CONFIRM.make(received.pk))

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def evidence_url(adoption) -> str:
    return reverse("motions:evidence", kwargs={"pk": adoption.pk})


def with_evidence(motion, branch, content: bytes, content_type: str):
    adoption = report(motion, branch, status=AdoptionStatus.SUBMITTED, evidence_type=content_type)
    adoption.evidence_file.save("x1.pdf", ContentFile(content), save=True)
    return adoption


def test_evidence_download_is_for_the_back_office_only(client_for):
    motion, branch = reportable()
    adoption = with_evidence(motion, branch, pdf_bytes(), "application/pdf")

    responses = assert_access(
        client_for,
        evidence_url(adoption),
        "get",
        {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200},
    )

    response = responses["moderator"]
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="evidence-{adoption.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in response["Cache-Control"]


def test_evidence_download_of_a_report_without_a_file_is_404(client_for):
    motion, branch = reportable()
    adoption = report(motion, branch, status=AdoptionStatus.SUBMITTED)

    assert client_for("moderator").get(evidence_url(adoption)).status_code == 404
    assert (
        client_for("moderator").get(reverse("motions:evidence", kwargs={"pk": 999999})).status_code
        == 404
    )


def test_evidence_is_not_under_media(client):
    motion, branch = reportable()
    adoption = with_evidence(motion, branch, pdf_bytes(), "application/pdf")

    assert client.get(f"/media/{adoption.evidence_file.name}").status_code == 404
    assert not Body.objects.filter(status="proposed").exists()


def test_report_form_is_open_to_every_persona(client_for):
    motion, _branch = reportable()

    responses = assert_access(
        client_for,
        report_url(motion),
        "get",
        {"anonymous": 200, "outsider": 200, "viewer": 200, "moderator": 200, "organiser": 200},
    )
    assert "Send the report</button>" in responses["anonymous"].content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_report_form_search_costs_the_same_queries_for_1_or_3_bodies(
    client, django_assert_num_queries, count
):
    motion, branch = reportable()
    for n in range(count - 1):
        tree_body(f"Leeds North {n}", Level.BRANCH, parent=branch.parent)
    url = report_url(motion) + "?q=leeds"
    client.get(url)  # the session and the language settle

    with django_assert_num_queries(5):
        page = client.get(url).content.decode()
    assert page.count("?body=") == count
