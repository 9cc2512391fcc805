"""Emailed links: each records what was submitted with it, expires, and is superseded in time."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from ayni.statements import services
from ayni.statements.enums import SignatureStatus, StatementState
from ayni.statements.models import Signature, StatementTally
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.models import Consent
from tests.factories import StatementFactory
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db

SUZIE = {
    "kind": "individual",
    "name": "Suzie Sampler",
    "email": "suzie.sampler@example.org",
    "country": "BO",
    "comment": "Con Bolivia",
    "show_publicly": "on",
}
# Sam types Suzie's address (in capitals): it is the same mailbox.
SAM = {
    "kind": "individual",
    "name": "Sam Stranger",
    "email": "Suzie.Sampler@Example.ORG",
    "country": "GB",
    "organisation": "Stranger Things Ltd",
    "comment": "Vote for me",
    "wants_updates": "on",
}


def sign(client, statement, data):
    return client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), data)


def link(message, kind: str) -> str:
    return re.search(rf"http://\S+?(/[a-z]{{2}}/{kind}/\S+?/)", text_body(message)).group(1)


def emails_about(mailbox, statement_title="Stand with the people"):
    return [m for m in mailbox.messages if statement_title in text_body(m)]


def test_a_stranger_signing_with_your_address_cannot_change_what_your_link_records(
    client, mailbox, run_tasks
):
    statement = StatementFactory()
    sign(client, statement, SUZIE)
    run_tasks()
    sign(client, statement, SAM)
    run_tasks()

    suzies, sams = mailbox.messages
    assert suzies["To"] == SUZIE["email"] and sams["To"] == SAM["email"]  # both to the mailbox
    page = client.get(link(suzies, "confirm")).content.decode()
    assert "Suzie Sampler" in page and "Sam Stranger" not in page
    assert "Con Bolivia" in page and "Stranger Things" not in page
    assert client.post(link(suzies, "confirm")).status_code == 302
    services.roll_up_counts()

    signature = Signature.objects.get()
    assert (signature.name, signature.organisation, signature.comment, str(signature.country)) == (
        "Suzie Sampler",
        "",
        "Con Bolivia",
        "BO",
    )
    assert (signature.show_publicly, signature.wants_updates) == (True, False)
    consents = set(Consent.objects.values_list("purpose", flat=True))
    assert consents == {ConsentPurpose.STATEMENT_SIGNATURE, ConsentPurpose.SHOW_NAME}
    # Sam's link, used after Suzie confirmed, records nothing.
    answer = client.post(link(sams, "confirm"))
    assert answer.status_code == 410
    signature.refresh_from_db()
    assert signature.name == "Suzie Sampler"
    assert StatementTally.objects.get(statement=statement).total == 1


def test_the_confirm_page_shows_exactly_what_will_be_recorded(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign(client, statement, SAM)
    run_tasks()

    page = client.get(link(mailbox.messages[0], "confirm"))

    html = page.content.decode()
    record = html[html.index('id="what-will-be-recorded"') : html.index("</dl>")]
    for shown in (
        "Sam Stranger",
        "Stranger Things Ltd",
        "United Kingdom",
        "Vote for me",
        "your name is not shown",
        "Yes, send me updates",
    ):
        assert shown in record
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]
    assert Signature.objects.get().status == SignatureStatus.PENDING  # a GET changes nothing


def test_a_confirmation_link_expires(client, mailbox, run_tasks, settings):
    settings.SIGNATURE_CONFIRM_DAYS = 7
    statement = StatementFactory()
    sign(client, statement, SUZIE)
    run_tasks()
    url = link(mailbox.messages[0], "confirm")

    later = timezone.now() + timedelta(days=7, minutes=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        page = client.get(url)
        answer = client.post(url)

    assert page.status_code == answer.status_code == 410
    assert "This link has expired" in answer.content.decode()
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_withdraw_links_live_longer_than_confirmation_links(client, mailbox, run_tasks, settings):
    settings.SIGNATURE_CONFIRM_DAYS, settings.SIGNATURE_LINK_DAYS = 7, 30
    statement = StatementFactory()
    sign(client, statement, SUZIE)
    run_tasks()
    client.post(link(mailbox.messages[0], "confirm"))
    withdraw = link(mailbox.messages[0], "withdraw")

    with mock.patch(
        "django.core.signing.time.time",
        return_value=(timezone.now() + timedelta(days=20)).timestamp(),
    ):
        assert client.post(withdraw).status_code == 200
    assert Signature.objects.get().status == SignatureStatus.WITHDRAWN
    with mock.patch(
        "django.core.signing.time.time",
        return_value=(timezone.now() + timedelta(days=31)).timestamp(),
    ):
        assert client.get(withdraw).status_code == 410


def test_a_link_from_before_a_withdrawal_cannot_confirm_a_later_signing(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign(client, statement, SUZIE)
    run_tasks()
    first = mailbox.messages[0]
    client.post(link(first, "withdraw"))  # withdrawn while pending
    sign(client, statement, {**SUZIE, "name": "Suzie Again"})
    run_tasks()

    old = client.post(link(first, "confirm"))
    old_withdraw = client.get(link(first, "withdraw"))

    assert old.status_code == old_withdraw.status_code == 410
    assert "A newer email replaced this link" in old.content.decode()
    assert Signature.objects.get().status == SignatureStatus.PENDING
    assert client.post(link(mailbox.messages[1], "confirm")).status_code == 302
    assert Signature.objects.get().name == "Suzie Again"


def test_the_same_link_twice_confirms_once_and_older_links_stop(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign(client, statement, SUZIE)
    run_tasks()
    sign(client, statement, {**SUZIE, "comment": "Second thoughts"})
    run_tasks()
    first, second = mailbox.messages

    assert client.post(link(second, "confirm")).status_code == 302
    assert client.post(link(second, "confirm")).status_code == 302  # harmless repeat
    assert client.post(link(first, "confirm")).status_code == 410
    assert client.get(link(first, "withdraw")).status_code == 410  # superseded
    assert Signature.objects.get().comment == "Second thoughts"
    assert Consent.objects.filter(purpose=ConsentPurpose.STATEMENT_SIGNATURE).count() == 1


def test_a_confirmation_after_the_statement_closed_is_not_counted(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign(client, statement, SUZIE)
    run_tasks()
    statement.state = StatementState.CLOSED
    statement.save()

    page = client.get(link(mailbox.messages[0], "confirm"))
    answer = client.post(link(mailbox.messages[0], "confirm"))
    services.roll_up_counts()

    assert page.status_code == answer.status_code == 410
    assert "was not added to the count" in answer.content.decode()
    assert Signature.objects.get().status == SignatureStatus.PENDING
    assert StatementTally.objects.get(statement=statement).total == 0
    assert Consent.objects.count() == 0


def test_a_deadline_passed_before_the_sweep_also_stops_confirmations(client, mailbox, run_tasks):
    statement = StatementFactory(deadline=timezone.now() + timedelta(hours=1))
    sign(client, statement, SUZIE)
    run_tasks()

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=2)):
        answer = client.post(link(mailbox.messages[0], "confirm"))

    assert answer.status_code == 410
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_signer_pages_are_not_stored_by_caches(client, mailbox, run_tasks):
    statement = StatementFactory()
    answer = sign(client, statement, SUZIE)
    run_tasks()
    message = mailbox.messages[0]
    pages = [
        answer,
        client.get(answer["Location"]),
        client.get(link(message, "withdraw")),
        client.get(link(message, "withdraw") + "my-data.json"),
        client.get(link(message, "withdraw") + "erase/"),
        client.get(link(message, "confirm")),
    ]

    for page in pages:
        assert "no-store" in page["Cache-Control"], page


def test_every_address_gets_the_same_answer_and_one_insert(client, django_assert_num_queries):
    statement = StatementFactory()
    sign(client, statement, SUZIE)
    services.process_submissions()
    Signature.objects.update(status=SignatureStatus.CONFIRMED)
    services.block_address(value="blocked.example.org", reason="bulk", user=organiser())

    answers = []
    for data in (
        SUZIE,
        {**SUZIE, "email": "new@example.org"},
        {**SUZIE, "email": "x@blocked.example.org"},
    ):
        # The statement lookup and the INSERT; nothing depends on the address.
        with django_assert_num_queries(2) as queries:
            answers.append(sign(client, statement, data))
        assert "statements_submission" in queries.captured_queries[-1]["sql"]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("statements:check_inbox", kwargs={"slug": statement.slug}))
    }


def organiser():  # noqa: N802 (reads as the value it stands for)
    from tests.factories import UserFactory

    return UserFactory(username="blocker")
