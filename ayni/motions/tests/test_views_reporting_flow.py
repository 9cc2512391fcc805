"""The whole way through, as a reporter does it, with the real worker and a real SMTP server:
the form → the confirmation email → its link → the button → the report is with the moderators
→ the "report received" email → their own page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from ayni.motions.enums import AdoptionStatus
from ayni.motions.models import Adoption
from ayni.motions.tests.reporting_builders import form_data, reportable
from ayni.supporters.models import Consent, Supporter
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db


def path_of(message, pattern: str) -> str:
    url = re.search(rf"https?://\S+{pattern}\S*", text_body(message)).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_report_confirm_by_email_and_the_report_reaches_the_moderators(client, mailbox, run_tasks):
    motion, branch = reportable()

    response = client.post(
        reverse("motions:report", kwargs={"slug": motion.slug}), form_data(branch)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("motions:report_sent", kwargs={"slug": motion.slug})
    assert "Check your inbox" in client.get(response["Location"]).content.decode()
    adoption = Adoption.objects.get()
    assert adoption.status == AdoptionStatus.PENDING

    run_tasks()
    (confirm_email,) = mailbox.to("rosa@example.org")
    assert confirm_email["Subject"] == "Confirm your report: Leeds Central"
    assert "Leeds Central" in html_body(confirm_email)
    confirm = path_of(confirm_email, "/motions/r/confirm/")
    page = client.get(confirm)
    assert "Confirm my report</button>" in page.content.decode()
    assert Adoption.objects.get().status == AdoptionStatus.PENDING  # GET changes nothing

    mailbox.clear()
    done = client.post(confirm)
    assert done.status_code == 302
    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.SUBMITTED
    supporter = Supporter.objects.get()
    assert adoption.supporter == supporter
    assert Consent.objects.get().purpose == "motion_adoption_report"

    run_tasks()
    (received,) = mailbox.to("rosa@example.org")
    assert received["Subject"] == "Report received: Leeds Central"
    manage = client.get(done["Location"]).content.decode()
    assert "Thank you: your report is waiting for a moderator." in manage

    # The link again: harmless, it leads to the same page; no second email.
    mailbox.clear()
    again = client.post(confirm)
    assert again.status_code == 302
    run_tasks()
    assert mailbox.to("rosa@example.org") == []
    assert Consent.objects.count() == 1


def test_a_spanish_reporter_gets_spanish_emails_and_pages(client, mailbox, run_tasks):
    motion, branch = reportable()
    with translation.override("es"):
        url = reverse("motions:report", kwargs={"slug": motion.slug})

    client.post(url, form_data(branch, email="eva@example.org"))
    run_tasks()
    (confirm_email,) = mailbox.to("eva@example.org")
    assert confirm_email["Subject"] == "Confirma tu informe: Leeds Central"
    confirm = path_of(confirm_email, "/motions/r/confirm/")
    assert confirm.startswith("/es/")
    assert "Confirmar mi informe</button>" in client.get(confirm).content.decode()

    manage = client.post(confirm)["Location"]
    assert manage.startswith("/es/motions/r/")
    assert "Gracias: tu informe está esperando" in client.get(manage).content.decode()
