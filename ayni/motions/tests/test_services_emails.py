"""The emails of a report: due once per key, sent only while still true, held over the rate
limit, and each kind rendered in the reporter's language (through the real SMTP server)."""

from __future__ import annotations

import pytest

from ayni.motions.enums import AdoptionStatus, EmailKind
from ayni.motions.models import AdoptionEmail
from ayni.motions.services.emails import prepare, queue_email, report_links
from ayni.motions.tests.factories import report
from ayni.motions.tests.reporting_builders import reportable
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db


def test_queue_email_with_a_key_makes_it_due_once():
    motion, branch = reportable()
    adoption = report(motion, branch)

    queue_email(adoption, EmailKind.VERIFIED, key="verified")
    queue_email(adoption, EmailKind.VERIFIED, key="verified")

    (email,) = AdoptionEmail.objects.all()
    assert (email.kind, email.email_due, email.key) == ("verified", "verified", "verified")
    assert email.email_due_at is not None


def test_report_links_are_in_the_reporters_language():
    motion, branch = reportable()
    adoption = report(motion, branch, language="es")

    links = report_links(adoption, confirm_email=7)

    assert "/es/motions/r/confirm/" in links["confirm_url"]
    assert "/es/motions/r/" in links["manage_url"]
    assert links["erase_url"].endswith("/erase/")
    assert links["motion_url"].endswith(f"/es/motions/{motion.slug}/")


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (EmailKind.CONFIRM, AdoptionStatus.SUBMITTED),
        (EmailKind.RECEIVED, AdoptionStatus.PENDING),
        (EmailKind.VERIFIED, AdoptionStatus.REJECTED),
        (EmailKind.REJECTED, AdoptionStatus.VERIFIED),
        (EmailKind.AGAIN, AdoptionStatus.PENDING),
    ],
)
def test_prepare_drops_an_email_no_longer_true(kind, status):
    motion, branch = reportable()
    adoption = report(motion, branch, status=status)
    queue_email(adoption, kind)

    assert prepare(AdoptionEmail.objects.get().pk) == "no longer due"


def test_prepare_holds_the_forms_emails_over_the_rate_limit(settings):
    settings.SIGNATURE_BURST_LIMIT = 2
    motion, branch = reportable()
    for n in range(3):
        adoption = report(
            motion, branch, status=AdoptionStatus.PENDING, email_normalised=f"r{n}@example.org"
        )
        queue_email(adoption, EmailKind.CONFIRM, ip_hash="same-ip")

    outcomes = [
        prepare(pk) for pk in AdoptionEmail.objects.order_by("pk").values_list("pk", flat=True)
    ]

    assert [o if isinstance(o, str) else "due" for o in outcomes] == ["due", "due", "held"]


@pytest.mark.parametrize(
    ("kind", "status", "language", "subject", "text"),
    [
        (
            EmailKind.CONFIRM,
            AdoptionStatus.PENDING,
            "en",
            "Confirm your report: Leeds Central",
            "Confirm my report:",
        ),
        (
            EmailKind.CONFIRM,
            AdoptionStatus.PENDING,
            "es",
            "Confirma tu informe: Leeds Central",
            "Confirmar mi informe:",
        ),
        (
            EmailKind.AGAIN,
            AdoptionStatus.SUBMITTED,
            "en",
            "You reported this meeting already: Leeds Central",
            "nothing was changed",
        ),
        (
            EmailKind.RECEIVED,
            AdoptionStatus.SUBMITTED,
            "es",
            "Informe recibido",
            "equipo de moderación",
        ),
        (
            EmailKind.VERIFIED,
            AdoptionStatus.VERIFIED,
            "en",
            "Report verified: Leeds Central",
            "it now counts",
        ),
        (EmailKind.VERIFIED, AdoptionStatus.VERIFIED, "es", "verificado", "ya cuenta en la página"),
        (
            EmailKind.REJECTED,
            AdoptionStatus.REJECTED,
            "en",
            "Report not accepted: Leeds Central",
            "The minutes <b>were</b> missing.",
        ),
        (
            EmailKind.REJECTED,
            AdoptionStatus.REJECTED,
            "es",
            "Informe no aceptado",
            "The minutes <b>were</b> missing.",
        ),
    ],
)
def test_each_email_goes_in_the_reporters_language(
    mailbox, run_tasks, kind, status, language, subject, text
):
    motion, branch = reportable()
    adoption = report(
        motion,
        branch,
        status=status,
        language=language,
        rejection_reason="The minutes <b>were</b> missing.",
    )
    queue_email(adoption, kind, key="" if kind == EmailKind.CONFIRM else kind)

    run_tasks()

    (message,) = mailbox.to("rita@example.org")
    assert subject in message["Subject"]
    assert text in text_body(message)
    assert "Leeds Central" in html_body(message)
    if kind == EmailKind.REJECTED:
        assert "The minutes &lt;b&gt;were&lt;/b&gt; missing." in html_body(message)
    assert f"/{language}/motions/r/" in text_body(message)  # the footer's links
    assert AdoptionEmail.objects.get().emailed_at is not None
