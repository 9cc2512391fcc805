"""views.signature_confirm: the page behind the emailed confirmation link and its button (each
link records what was submitted with it, expires, and is superseded in time), and the thank-you
page it leads to."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ayni.statements import services
from ayni.statements.enums import SignatureStatus, StatementState
from ayni.statements.models import Signature, StatementTally
from ayni.statements.services import roll_up_counts
from ayni.statements.tests.helpers import (
    CONFIRM_SUBJECT,
    SUZIE_SAMPLER,
    confirm_link,
    confirm_with,
    count,
    emails_to,
    link,
    link_path,
    recorded,
    sign_as_ana,
    sign_petition,
    sign_with,
    signature_for,
    statement_page,
    thanked,
    told_to_check_inbox,
    visible,
)
from ayni.statements.tokens import CONFIRM_SALT
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.models import Consent
from tests.factories import SignatureFactory, StatementFactory, link_token
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db


def test_email_goes_through_smtp_and_its_link_confirms(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign_as_ana(client, statement)

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


def test_forged_confirm_token_is_404(client):
    SignatureFactory(status=SignatureStatus.PENDING)

    response = client.post(reverse("statements:confirm", kwargs={"token": "1:forged"}))

    assert response.status_code == 404
    assert Signature.objects.get().status == SignatureStatus.PENDING


# Sam types Suzie's address (in capitals): it is the same mailbox.
SAM_STRANGER = {
    "kind": "individual",
    "name": "Sam Stranger",
    "email": "Suzie.Sampler@Example.ORG",
    "country": "GB",
    "organisation": "Stranger Things Ltd",
    "comment": "Vote for me",
    "wants_updates": "on",
}


def test_a_stranger_signing_with_your_address_cannot_change_what_your_link_records(
    client, mailbox, run_tasks
):
    statement = StatementFactory()
    sign_with(client, statement, SUZIE_SAMPLER)
    run_tasks()
    sign_with(client, statement, SAM_STRANGER)
    run_tasks()

    suzies, sams = mailbox.messages
    assert (
        suzies["To"] == SUZIE_SAMPLER["email"] and sams["To"] == SAM_STRANGER["email"]
    )  # both to the mailbox
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
    sign_with(client, statement, SAM_STRANGER)
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
    sign_with(client, statement, SUZIE_SAMPLER)
    run_tasks()
    url = link(mailbox.messages[0], "confirm")

    later = timezone.now() + timedelta(days=7, minutes=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        page = client.get(url)
        answer = client.post(url)

    assert page.status_code == answer.status_code == 410
    assert "This link has expired" in answer.content.decode()
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_a_link_from_before_a_withdrawal_cannot_confirm_a_later_signing(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign_with(client, statement, SUZIE_SAMPLER)
    run_tasks()
    first = mailbox.messages[0]
    client.post(link(first, "withdraw"))  # withdrawn while pending
    sign_with(client, statement, {**SUZIE_SAMPLER, "name": "Suzie Again"})
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
    sign_with(client, statement, SUZIE_SAMPLER)
    run_tasks()
    sign_with(client, statement, {**SUZIE_SAMPLER, "comment": "Second thoughts"})
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
    sign_with(client, statement, SUZIE_SAMPLER)
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
    sign_with(client, statement, SUZIE_SAMPLER)
    run_tasks()

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=2)):
        answer = client.post(link(mailbox.messages[0], "confirm"))

    assert answer.status_code == 410
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_signer_pages_are_not_stored_by_caches(client, mailbox, run_tasks):
    statement = StatementFactory()
    answer = sign_with(client, statement, SUZIE_SAMPLER)
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


def test_confirm_without_csrf_token_is_a_friendly_403(db):
    signature = SignatureFactory(status=SignatureStatus.PENDING)
    client = Client(enforce_csrf_checks=True)
    url = reverse("statements:confirm", kwargs={"token": link_token(signature, CONFIRM_SALT)})

    response = client.post(url)

    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_suzie_signs_a_petition_after_validating_her_email(client, mailbox, run_tasks, petition):
    """Scenario: Suzie signs a petition after validating her email (the first of the two so
    named) — features/suzie_signs_a_petition.feature."""
    told_to_check_inbox(client, sign_petition(client, petition), petition)
    run_tasks()

    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    assert message["Subject"] == CONFIRM_SUBJECT
    assert signature_for("womboid@wimbledon.com").status == SignatureStatus.PENDING
    assert count(petition) == 1

    page, response = confirm_with(client, message)

    assert "Name Womboid Wibbledon" in recorded(page)
    assert "Thank you — your signature is confirmed" in thanked(client, response, petition)
    signature = signature_for("womboid@wimbledon.com")
    assert signature.status == SignatureStatus.CONFIRMED
    assert signature.confirmed_at is not None
    assert count(petition) == 2


def test_suzie_signs_a_petition_after_validating_her_email_and_reviewing_her_details(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie signs a petition after validating her email (the second of the two so
    named: she corrects her address, reviews her details, sees "2 signatures") —
    features/suzie_signs_a_petition.feature.

    ayni has no review step before the email goes: the review is the emailed link's page, which
    shows exactly what will be recorded. Correcting the address means sending the form again,
    so the mistyped address also gets an email; unused, it records nothing and counts nothing.
    """
    sign_petition(client, petition, email="womboid@wimbledon.com")
    response = sign_petition(client, petition, email="womboidian@wimbledon.com")
    told_to_check_inbox(client, response, petition)
    run_tasks()

    [message] = emails_to(mailbox, "womboidian@wimbledon.com")
    assert len(emails_to(mailbox, "womboid@wimbledon.com")) == 1
    page, response = confirm_with(client, message)

    assert recorded(page) == (
        "Name Womboid Wibbledon Signing As an individual Country United Kingdom "
        "Name shown publicly Yes: your name appears on the list of signatories "
        "Campaign updates by email No"
    )
    thanks = thanked(client, response, petition)
    assert "Thank you — your signature is confirmed" in thanks
    assert "2 signatures" in thanks
    assert (
        f'href="{petition.get_absolute_url()}"' in client.get(response["Location"]).content.decode()
    )
    page = statement_page(client, petition)
    assert "2 signatures" in page
    assert "Womboid Wibbledon" in page
    assert signature_for("womboidian@wimbledon.com").status == SignatureStatus.CONFIRMED
    assert signature_for("womboid@wimbledon.com").status == SignatureStatus.PENDING


def test_suzie_sees_notice_that_she_has_already_signed_when_she_validates_more_than_once(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie sees notice that she has already signed when she validates more than once
    — features/suzie_signs_a_petition.feature (also signature_spec.rb #validate!: doesn't
    increment the petition count twice)."""
    sign_petition(client, petition)
    run_tasks()
    [message] = mailbox.messages
    _page, first = confirm_with(client, message)
    assert "Thank you — your signature is confirmed" in thanked(client, first, petition)
    confirmed_at = signature_for("womboid@wimbledon.com").confirmed_at

    again = client.get(link_path(message))
    pressed_again = client.post(link_path(message))

    assert again["Location"] == first["Location"]
    assert "Thank you — your signature is confirmed" in thanked(client, pressed_again, petition)
    assert signature_for("womboid@wimbledon.com").confirmed_at == confirmed_at
    assert count(petition) == 2


def test_eric_clicks_the_link_shared_to_him_by_suzie(client, mailbox, run_tasks, petition):
    """Scenario: Eric clicks the link shared to him by Suzie —
    features/suzie_signs_a_petition.feature.

    The link of a confirmed signature shows nothing about Suzie and records nothing about Eric:
    it leads to the thank-you page, and from there to the statement, where Eric can sign."""
    sign_petition(client, petition)
    run_tasks()
    [message] = mailbox.messages
    confirm_with(client, message)
    eric = Client()

    opened = eric.get(link_path(message))
    pressed = eric.post(link_path(message))

    assert opened.status_code == pressed.status_code == 302
    thanks = eric.get(opened["Location"])
    assert "Womboid" not in thanks.content.decode()
    assert "womboid@" not in thanks.content.decode()
    statement = eric.get(petition.get_absolute_url()).content.decode()
    assert reverse("statements:sign", kwargs={"slug": petition.slug}) in statement
    assert Signature.objects.filter(statement=petition).count() == 2
    assert count(petition) == 2


def test_suzie_cannot_validate_her_signature_when_the_petition_has_closed(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie cannot validate her signature when the petition has closed —
    features/suzie_signs_a_petition.feature (closed some time ago)."""
    told_to_check_inbox(client, sign_petition(client, petition), petition)
    run_tasks()
    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    services.close_statement(statement=petition)
    type(petition).objects.filter(pk=petition.pk).update(
        closed_at=timezone.now() - timedelta(days=2)
    )

    opened = client.get(link_path(message))
    pressed = client.post(link_path(message))

    for response in (opened, pressed):
        assert response.status_code == 410
        assert "This statement has closed" in visible(response)
        assert "your signature was not added to the count" in visible(response)
    assert signature_for("womboid@wimbledon.com").status == SignatureStatus.PENDING
    page = statement_page(client, petition)
    assert "This statement is closed" in page
    assert "1 signature" in page
    assert count(petition) == 1
