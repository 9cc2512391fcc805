from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ayni.core.models import Campaign
from ayni.statements import services
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, StatementTally, Submission
from ayni.statements.services import roll_up_counts
from ayni.supporters.models import Consent, Supporter
from tests.factories import SignatureFactory, StatementFactory
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db

VALID = {
    "kind": "individual",
    "name": "Ana Sampleton",
    "email": "Ana.Sampleton+bolivia@Gmail.com",
    "country": "BO",
    "organisation": "Northtown NEU",
    "role": "Secretary",
    "comment": "Solidarity",
    "show_publicly": "on",
}


def sign(client, statement, **overrides):
    data = {**VALID, **overrides}
    return client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), data)


def confirm_link(message) -> str:
    return re.search(r"http://\S+/confirm/\S+/", text_body(message)).group(0)


def test_sign_stores_pending_signature_and_redirects_to_check_inbox(client):
    statement = StatementFactory()

    response = sign(client, statement)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "statements:check_inbox", kwargs={"slug": statement.slug}
    )
    assert Signature.objects.count() == 0  # the worker makes it from the submission
    assert services.process_submissions() == 1
    signature = Signature.objects.get()
    assert signature.status == SignatureStatus.PENDING
    assert signature.email_normalised == "anasampleton@gmail.com"
    assert signature.email_domain == "gmail.com"
    assert signature.show_publicly is True
    assert signature.wants_updates is False
    assert len(signature.ip_hash) == 32 and "127.0.0.1" not in signature.ip_hash
    assert Supporter.objects.count() == 0  # only a confirmed signature makes a supporter


def test_email_goes_through_smtp_and_its_link_confirms(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign(client, statement)

    run_tasks()

    [message] = mailbox.to("Ana.Sampleton+bolivia@Gmail.com")
    assert "Please confirm your signature" in message["Subject"]
    assert "Stand with the people" in text_body(message)
    assert "Confirm my signature" in html_body(message)
    link = confirm_link(message)
    path = link.split("127.0.0.1:8000", 1)[1]
    # Following the link (as a mail scanner would) does not confirm.
    page = client.get(path)
    assert page.status_code == 200
    assert Signature.objects.get().status == SignatureStatus.PENDING
    response = client.post(path)
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.status == SignatureStatus.CONFIRMED
    assert signature.supporter.email_normalised == "anasampleton@gmail.com"
    assert set(Consent.objects.values_list("purpose", flat=True)) == {
        "statement_signature",
        "show_name",
    }
    roll_up_counts()
    assert StatementTally.objects.get(statement=statement).total == 1
    thanks = client.get(response["Location"])
    assert "your signature is confirmed" in thanks.content.decode()


def test_same_person_twice_counts_once_and_gets_already_signed_email(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign(client, statement)
    run_tasks()
    Signature.objects.update(status=SignatureStatus.CONFIRMED)

    response = sign(client, statement, email="anasampleton@gmail.com")
    run_tasks()

    assert response.status_code == 302
    assert Signature.objects.count() == 1
    subjects = [m["Subject"] for m in mailbox.messages]
    assert any("already signed" in s for s in subjects)


def test_plus_tags_at_any_domain_count_once_and_mail_goes_to_the_address_typed(
    client, mailbox, run_tasks
):
    statement = StatementFactory()

    sign(client, statement, email="Ana@Union.example.org")
    run_tasks()
    sign(client, statement, email="ana+again@union.example.org")
    run_tasks()

    signature = Signature.objects.get()
    assert signature.email_normalised == "ana@union.example.org"
    assert [m["To"] for m in mailbox.messages] == [
        "Ana@Union.example.org",
        "ana+again@union.example.org",
    ]


def test_response_is_identical_for_new_repeat_and_blocked_addresses(client):
    statement = StatementFactory()
    SignatureFactory(
        statement=statement, email="taken@example.org", status=SignatureStatus.CONFIRMED
    )
    SignatureFactory(
        statement=statement, email="blocked@example.org", status=SignatureStatus.INVALIDATED
    )

    answers = [
        sign(client, statement, email=email)
        for email in ("new@example.org", "taken@example.org", "blocked@example.org")
    ]

    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("statements:check_inbox", kwargs={"slug": statement.slug}))
    }


def test_at_most_five_emails_per_address(client, mailbox, run_tasks):
    statement = StatementFactory()
    for _ in range(8):
        sign(client, statement)
        run_tasks()

    assert len(mailbox.to("Ana.Sampleton+bolivia@Gmail.com")) == 5
    assert Signature.objects.get().emails_sent == 5


def test_honeypot_stores_nothing_and_looks_the_same(client):
    statement = StatementFactory()

    response = sign(client, statement, website="http://spam.example")

    assert response.status_code == 302
    assert Submission.objects.count() == Signature.objects.count() == 0


def test_withdraw_link_takes_signature_off_the_count(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign(client, statement)
    run_tasks()
    path = confirm_link(mailbox.messages[0]).split("127.0.0.1:8000", 1)[1]
    client.post(path)
    roll_up_counts()
    withdraw = (
        re.search(r"http://\S+/withdraw/\S+/", text_body(mailbox.messages[0]))
        .group(0)
        .split("127.0.0.1:8000", 1)[1]
    )

    assert client.get(withdraw).status_code == 200
    response = client.post(withdraw)
    roll_up_counts()

    assert "has been withdrawn" in response.content.decode()
    assert Signature.objects.get().status == SignatureStatus.WITHDRAWN
    assert StatementTally.objects.get(statement=statement).total == 0
    assert not Consent.objects.filter(withdrawn_at__isnull=True).exists()


def test_forged_confirm_token_is_404(client):
    SignatureFactory(status=SignatureStatus.PENDING)

    response = client.post(reverse("statements:confirm", kwargs={"token": "1:forged"}))

    assert response.status_code == 404
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_rate_limit_marks_suspect_and_sends_nothing(client, mailbox, run_tasks, settings):
    settings.SIGNATURE_BURST_LIMIT = 3
    statement = StatementFactory()
    for n in range(5):
        sign(client, statement, email=f"person{n}@example.org")

    run_tasks()

    statuses = list(Signature.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["pending"] * 3 + ["suspect"] * 2
    assert len(mailbox.messages) == 3


def test_closed_statement_refuses_signatures(client):
    statement = StatementFactory(state="closed")

    response = sign(client, statement)

    assert response.status_code == 409
    assert "no longer taking signatures" in response.content.decode()
    assert Submission.objects.count() == Signature.objects.count() == 0


def test_draft_statement_is_404(client):
    statement = StatementFactory(state="draft")

    assert client.get(statement.get_absolute_url()).status_code == 404
    assert sign(client, statement).status_code == 404


def test_emails_come_from_the_campaign_and_carry_its_name_and_colour(
    client, mailbox, run_tasks, settings
):
    settings.DEFAULT_FROM_EMAIL = "ayni <campaigns@mail.example.org>"
    Campaign.objects.create(
        pk=1, name="Friends of Bolivia", sender_name="Amigos de Bolivia", accent_colour="#1d4ed8"
    )
    sign(client, StatementFactory())

    run_tasks()

    [message] = mailbox.to("Ana.Sampleton+bolivia@Gmail.com")
    # The campaign's sender name over the address the mail server sends for.
    assert message["From"] == "Amigos de Bolivia <campaigns@mail.example.org>"
    assert (
        text_body(message)
        .replace("\r\n", "\n")
        .rstrip()
        .endswith("— Friends of Bolivia\nhttp://127.0.0.1:8000")
    )
    html = html_body(message)
    assert '<p class="brand">Friends of Bolivia</p>' in html
    assert "background:#1d4ed8;" in html


def test_a_campaign_sender_address_replaces_the_default(client, mailbox, run_tasks):
    Campaign.objects.create(pk=1, name="Friends of Bolivia", sender_email="hola@fob.example.org")
    sign(client, StatementFactory())

    run_tasks()

    [message] = mailbox.to("Ana.Sampleton+bolivia@Gmail.com")
    assert message["From"] == "Friends of Bolivia <hola@fob.example.org>"
