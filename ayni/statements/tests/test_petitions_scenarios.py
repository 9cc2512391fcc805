"""The UK Parliament petitions service's signing scenarios, translated to ayni.

Sources, from github.com/alphagov/e-petitions: features/suzie_signs_a_petition.feature,
features/sam_signs_a_petition_with_suzies_email_address.feature,
features/admin/invalidating_signatures.feature and spec/models/signature_spec.rb.
docs/petitions-scenarios.md maps every scenario and rule to a test here, or says why it does
not apply.

Translation: a petition is a statement; postcode and constituency become the country;
"validated" is confirmed; "fraudulent" is held (a blocked address or the rate limit) and
"invalidated" is the back office's bulk invalidation. Where ayni differs on purpose (one
signature per mailbox, whatever the name; no review step before the email is sent; blocked
and rate-limited signers get no email at all) the docstring says so.

Every journey goes through the HTTP views: the sign form, the real SMTP server (`mailbox`)
after the worker ran (`run_tasks`), the emailed link's page, the button, the count after the
roll-up.
"""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ayni.statements import services
from ayni.statements.enums import HoldReason, SignatureStatus, SubmissionOutcome
from ayni.statements.models import Invalidation, Signature, StatementTally, Submission
from tests.factories import SignatureFactory, StatementFactory, UserFactory
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db

SUZIE = {
    "kind": "individual",
    "name": "Womboid Wibbledon",
    "email": "womboid@wimbledon.com",
    "country": "GB",
    "show_publicly": "on",
}
CONFIRM_SUBJECT = "Please confirm your signature: Do something!"
ALREADY_SUBJECT = "You have already signed: Do something!"
CREATOR = "creator@example.org"


# --- Helpers ---------------------------------------------------------------------------------


@pytest.fixture
def petition():
    """Background: a petition "Do something!", open, with one confirmed signature (its creator's)."""
    statement = StatementFactory(texts={"en": "Do something!"})
    SignatureFactory(statement=statement, name="Petition Creator", email=CREATOR)
    services.roll_up_counts()
    return statement


@pytest.fixture
def suzie_signed(petition):
    """Background of the Sam feature: Suzie has already signed (and confirmed) the petition."""
    SignatureFactory(statement=petition, name=SUZIE["name"], email=SUZIE["email"], country="GB")
    services.roll_up_counts()
    return petition


def sign(client, statement, **overrides):
    """Send the sign form (ayni's form is the petition's whole "new signature" journey)."""
    return client.post(
        reverse("statements:sign", kwargs={"slug": statement.slug}), {**SUZIE, **overrides}
    )


def sent():
    """Submissions of the sign form (the background's creator signature aside)."""
    return Submission.objects.exclude(email=CREATOR)


def visible(response) -> str:
    """What a reader sees: the page without its tags, whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def recorded(response) -> str:
    """The "what will be recorded" list on a confirmation link's page, as a reader sees it."""
    html = response.content.decode()
    block = re.search(r'<dl class="record" id="what-will-be-recorded">.*?</dl>', html, re.S)
    assert block, html
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", block.group(0))).split())


def told_to_check_inbox(client, response, statement) -> None:
    """The answer every signer gets, whatever the address did before."""
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "statements:check_inbox", kwargs={"slug": statement.slug}
    )
    page = visible(client.get(response["Location"]))
    assert "Check your inbox" in page
    assert "We have sent an email about “Do something!” to the address you gave." in page


def emails_to(mailbox, address: str) -> list:
    """Messages to one mailbox (addresses compared without regard to case)."""
    return [m for m in mailbox.messages if address.casefold() in m["To"].casefold()]


def link_path(message, kind: str = "confirm") -> str:
    match = re.search(rf"http://\S+/{kind}/\S+/", text_body(message))
    assert match, text_body(message)
    return match.group(0).split("127.0.0.1:8000", 1)[1]


def count(statement) -> int:
    """The published count, after the roll-up the worker runs every few seconds."""
    services.roll_up_counts()
    return StatementTally.objects.get(statement=statement).total


def signature_for(address: str) -> Signature:
    from ayni.supporters.normalise import normalise_email

    return Signature.objects.get(email_normalised=normalise_email(address))


def statement_page(client, statement) -> str:
    return visible(client.get(statement.get_absolute_url()))


def confirm_with(client, message):
    """Open the emailed link (a page with what will be recorded) and press its button."""
    path = link_path(message)
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm your signature" in visible(page)
    return page, client.post(path)


def thanked(client, response, statement) -> str:
    assert response.status_code == 302
    assert response["Location"] == reverse("statements:thanks", kwargs={"slug": statement.slug})
    services.roll_up_counts()
    return visible(client.get(response["Location"]))


def invalidate_url(statement) -> str:
    return reverse("admin:statements_statement_invalidate", args=[statement.pk])


# --- features/suzie_signs_a_petition.feature --------------------------------------------------


def test_suzie_signs_a_petition_after_validating_her_email(client, mailbox, run_tasks, petition):
    """Scenario: Suzie signs a petition after validating her email (the first of the two so
    named) — features/suzie_signs_a_petition.feature."""
    told_to_check_inbox(client, sign(client, petition), petition)
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
    sign(client, petition, email="womboid@wimbledon.com")
    response = sign(client, petition, email="womboidian@wimbledon.com")
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


def test_suzie_signs_a_petition_with_an_invalid_name(client, petition):
    """Scenario: Suzie signs a petition with an invalid name —
    features/suzie_signs_a_petition.feature."""
    response = sign(client, petition, name="=cmd")

    assert response.status_code == 422
    assert "Please do not start with =, +, - or @." in visible(response)
    assert not sent().exists()


def test_suzie_signs_a_petition_with_a_link_in_their_name(client, petition):
    """Scenario: Suzie signs a petition with a link in their name —
    features/suzie_signs_a_petition.feature."""
    response = sign(client, petition, name="http://petition.parliament.uk")

    assert response.status_code == 422
    assert "Please do not include web addresses." in visible(response)
    assert not sent().exists()


def test_suzie_receives_a_duplicate_signature_email_if_she_tries_to_sign_but_she_has_already_signed_and_validated(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie receives a duplicate signature email if she tries to sign but she has
    already signed and validated — features/suzie_signs_a_petition.feature.

    Her earlier signature was made with an upper-case address; the notice goes to the address
    she typed this time (the same mailbox)."""
    SignatureFactory(statement=petition, name="Womboid Wibbledon", email="WOMBOID@WIMBLEDON.COM")

    told_to_check_inbox(client, sign(client, petition), petition)
    run_tasks()

    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    assert message["To"] == "womboid@wimbledon.com"
    assert message["Subject"] == ALREADY_SUBJECT
    assert "You have already signed and your signature is counted once" in text_body(message)
    assert "/confirm/" not in text_body(message)
    assert Signature.objects.filter(email_normalised="womboid@wimbledon.com").count() == 1
    assert count(petition) == 2


def test_suzie_receives_a_duplicate_signature_email_if_she_changes_to_her_original_email_but_she_has_already_signed_and_validated(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie receives a duplicate signature email if she changes to her original email
    but she has already signed and validated — features/suzie_signs_a_petition.feature.

    Without a review step before sending, "changing to her original email" is sending the form
    with it, typed in capitals: no confirmation goes anywhere, only the notice."""
    SignatureFactory(statement=petition, name="Womboid Wibbledon", email="WOMBOID@WIMBLEDON.COM")

    response = sign(client, petition, email="WOMBOID@wimbledon.com")
    told_to_check_inbox(client, response, petition)
    run_tasks()

    [message] = mailbox.messages
    assert message["To"] == "WOMBOID@wimbledon.com"
    assert message["Subject"] == ALREADY_SUBJECT
    assert Submission.objects.latest("pk").outcome == SubmissionOutcome.ALREADY
    assert Signature.objects.filter(statement=petition).count() == 2
    assert count(petition) == 2


def test_suzie_receives_a_duplicate_signature_email_if_an_alias_has_been_used_to_sign_the_petition_already(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie receives a duplicate signature email if an alias has been used to sign
    the petition already — features/suzie_signs_a_petition.feature.

    ayni knows the providers' own rules instead of a configured domain: Gmail ignores dots and
    +tags, so wom.boid+petitions@gmail.com is womboid@gmail.com."""
    SignatureFactory(
        statement=petition, name="Womboid Wibbledon", email="wom.boid+petitions@gmail.com"
    )

    told_to_check_inbox(client, sign(client, petition, email="womboid@gmail.com"), petition)
    run_tasks()

    [message] = mailbox.messages
    assert message["To"] == "womboid@gmail.com"
    assert message["Subject"] == ALREADY_SUBJECT
    signature = signature_for("womboid@gmail.com")
    assert signature.email == "wom.boid+petitions@gmail.com"
    assert Signature.objects.filter(statement=petition).count() == 2
    assert count(petition) == 2


def test_suzie_receives_another_email_if_she_has_already_signed_but_not_validated(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie receives another email if she has already signed but not validated —
    features/suzie_signs_a_petition.feature."""
    SignatureFactory(
        statement=petition,
        name="Womboid Wibbledon",
        email="womboid@wimbledon.com",
        status=SignatureStatus.PENDING,
        confirmed_at=None,
    )

    told_to_check_inbox(client, sign(client, petition), petition)
    run_tasks()

    assert count(petition) == 1  # the signature count stays where it was
    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    assert message["Subject"] == CONFIRM_SUBJECT
    assert Submission.objects.latest("pk").outcome == SubmissionOutcome.NEW_VERSION
    page, response = confirm_with(client, message)
    assert "Name Womboid Wibbledon" in recorded(page)
    assert "Thank you — your signature is confirmed" in thanked(client, response, petition)
    assert "2 signatures" in statement_page(client, petition)
    assert Signature.objects.filter(statement=petition).count() == 2


def test_suzie_receives_another_email_if_she_has_already_signed_using_an_alias_but_not_validated(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie receives another email if she has already signed using an alias but not
    validated — features/suzie_signs_a_petition.feature.

    The new email goes to the address typed this time, and its link records that address."""
    SignatureFactory(
        statement=petition,
        name="Womboid Wibbledon",
        email="wom.boid@gmail.com",
        status=SignatureStatus.PENDING,
        confirmed_at=None,
    )

    told_to_check_inbox(client, sign(client, petition, email="womboid@gmail.com"), petition)
    run_tasks()

    assert count(petition) == 1
    [message] = mailbox.messages
    assert message["To"] == "womboid@gmail.com"
    assert message["Subject"] == CONFIRM_SUBJECT
    _page, response = confirm_with(client, message)
    assert "Thank you — your signature is confirmed" in thanked(client, response, petition)
    assert "2 signatures" in statement_page(client, petition)
    signature = signature_for("womboid@gmail.com")
    assert (signature.status, signature.email) == (SignatureStatus.CONFIRMED, "womboid@gmail.com")


def test_suzie_receives_an_email_if_her_email_has_been_used_to_sign_the_petition_already(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie receives an email if her email has been used to sign the petition already
    — features/suzie_signs_a_petition.feature.

    ayni differs on purpose: one signature per mailbox. Eric's confirmed signature already uses
    the address, so Suzie's sending gets the already-signed notice (the UK service counts a
    second signature, 3); the count stays at 2 and Eric's record is untouched."""
    SignatureFactory(statement=petition, name="Eric Wibbledon", email="womboid@wimbledon.com")
    services.roll_up_counts()

    told_to_check_inbox(client, sign(client, petition), petition)
    run_tasks()

    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    assert message["Subject"] == ALREADY_SUBJECT
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.name, signature.status) == ("Eric Wibbledon", SignatureStatus.CONFIRMED)
    assert count(petition) == 2
    assert "Womboid Wibbledon" not in statement_page(client, petition)


def test_suzie_cannot_sign_if_she_does_not_provide_her_details(client, petition):
    """Scenario: Suzie cannot sign if she does not provide her details —
    features/suzie_signs_a_petition.feature (also signature_spec.rb: presence of name, email
    and location)."""
    response = client.post(
        reverse("statements:sign", kwargs={"slug": petition.slug}), {"kind": "individual"}
    )

    assert response.status_code == 422
    page = visible(response)
    assert "Please correct the highlighted fields" in page
    for label in ("Your name", "Email address", "Country"):
        assert f"{label}: This field is required." in page, label  # the summary
    html = response.content.decode()
    assert re.findall(
        r'<p class="field-error" id="id_(\w+)_error">This field is required\.</p>', html
    ) == [
        "name",
        "email",
        "country",
    ]
    assert not sent().exists()


def test_suzie_sees_notice_that_she_has_already_signed_when_she_validates_more_than_once(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie sees notice that she has already signed when she validates more than once
    — features/suzie_signs_a_petition.feature (also signature_spec.rb #validate!: doesn't
    increment the petition count twice)."""
    sign(client, petition)
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
    sign(client, petition)
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


def test_suzie_cannot_start_a_new_signature_when_the_petition_has_closed(client, petition):
    """Scenario: Suzie cannot start a new signature when the petition has closed —
    features/suzie_signs_a_petition.feature."""
    services.close_statement(statement=petition)

    response = client.get(petition.get_absolute_url())

    page = visible(response)
    assert "This statement is closed" in page
    assert "This statement is no longer taking signatures." in page
    assert reverse("statements:sign", kwargs={"slug": petition.slug}) not in (
        response.content.decode()
    )
    assert "1 signature" in page


def test_suzie_cannot_create_a_new_signature_when_the_petition_has_closed(client, petition):
    """Scenario: Suzie cannot create a new signature when the petition has closed —
    features/suzie_signs_a_petition.feature. She has the form open; its deadline passes."""
    form_page = client.get(petition.get_absolute_url()).content.decode()
    assert reverse("statements:sign", kwargs={"slug": petition.slug}) in form_page
    petition.deadline = timezone.now() - timedelta(seconds=1)
    petition.save(update_fields=["deadline"])

    response = sign(client, petition)

    assert response.status_code == 409
    page = visible(response)
    assert "This statement is closed" in page
    assert "Do something!" in page
    assert not sent().exists()


def test_suzie_cannot_confirm_her_email_when_the_petition_has_closed(client, mailbox, petition):
    """Scenario: Suzie cannot confirm her email when the petition has closed —
    features/suzie_signs_a_petition.feature.

    "Say I am happy with my details" is the UK's final sending of the form; in ayni that is the
    form itself. The organiser closes the statement while she fills it in."""
    client.get(petition.get_absolute_url())
    services.close_statement(statement=petition)

    response = sign(client, petition)

    assert response.status_code == 409
    assert "This statement is no longer taking signatures." in visible(response)
    assert not sent().exists()
    assert not mailbox.messages


def test_suzie_cannot_validate_her_signature_when_the_petition_has_closed(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie cannot validate her signature when the petition has closed —
    features/suzie_signs_a_petition.feature (closed some time ago)."""
    told_to_check_inbox(client, sign(client, petition), petition)
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


def _held(client, mailbox, run_tasks, petition, reason):
    told_to_check_inbox(client, sign(client, petition), petition)
    run_tasks()
    assert not emails_to(mailbox, "womboid@wimbledon.com")
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.status, signature.hold_reason) == (SignatureStatus.SUSPECT, reason)
    assert count(petition) == 1
    assert "1 signature" in statement_page(client, petition)


def test_suzie_cannot_validate_her_signature_when_the_domain_is_blocked(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie cannot validate her signature when the domain is blocked —
    features/suzie_signs_a_petition.feature.

    ayni holds it silently: the same answer as anyone, no email (so nothing to validate), and
    the signature is held (the UK's "fraudulent") for a moderator to look at."""
    services.block_address(
        value="wimbledon.com", reason="Spam domain", user=UserFactory(role="Organiser")
    )

    _held(client, mailbox, run_tasks, petition, HoldReason.BLOCKED)
    assert sent().get().outcome == SubmissionOutcome.BLOCKED


def test_suzie_cannot_validate_her_signature_when_the_email_address_is_blocked(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie cannot validate her signature when the email address is blocked —
    features/suzie_signs_a_petition.feature."""
    services.block_address(
        value="womboid@wimbledon.com", reason="Abuse", user=UserFactory(role="Organiser")
    )

    _held(client, mailbox, run_tasks, petition, HoldReason.BLOCKED)


def test_suzie_can_validate_her_signature_when_another_email_address_on_the_same_domain_is_blocked(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie can validate her signature when another email address on the same domain
    is blocked — features/suzie_signs_a_petition.feature."""
    services.block_address(
        value="bulgaria@wimbledon.com", reason="Abuse", user=UserFactory(role="Organiser")
    )

    told_to_check_inbox(client, sign(client, petition), petition)
    run_tasks()
    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    _page, response = confirm_with(client, message)

    assert "Thank you — your signature is confirmed" in thanked(client, response, petition)
    assert "2 signatures" in statement_page(client, petition)
    assert signature_for("womboid@wimbledon.com").status == SignatureStatus.CONFIRMED


def test_suzie_cannot_validate_her_signature_when_ip_address_is_rate_limited(
    client, mailbox, run_tasks, petition, settings
):
    """Scenario: Suzie cannot validate her signature when IP address is rate limited —
    features/suzie_signs_a_petition.feature (burst limit 1 a minute, a signature already from
    her IP address)."""
    settings.SIGNATURE_BURST_LIMIT = 1
    told_to_check_inbox(
        client,
        sign(client, petition, name="Existing Signer", email="existing@example.com"),
        petition,
    )
    run_tasks()
    assert len(emails_to(mailbox, "existing@example.com")) == 1

    _held(client, mailbox, run_tasks, petition, HoldReason.RATE_LIMIT)


def test_suzie_signs_a_petition_from_overseas(client, mailbox, run_tasks, petition):
    """Scenario: Suzie signs a petition from overseas — features/suzie_signs_a_petition.feature.

    ayni is international: any country, no postcode."""
    told_to_check_inbox(client, sign(client, petition, country="US"), petition)
    run_tasks()

    signature = signature_for("womboid@wimbledon.com")
    assert (signature.status, signature.country.code) == (SignatureStatus.PENDING, "US")
    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    page = client.get(link_path(message))
    assert "Country United States of America" in recorded(page)


# --- features/sam_signs_a_petition_with_suzies_email_address.feature -------------------------


def _sam_tries(client, mailbox, run_tasks, petition, **details):
    told_to_check_inbox(client, sign(client, petition, **details), petition)
    run_tasks()
    message = emails_to(mailbox, "womboid@wimbledon.com")[-1]
    assert message["Subject"] == ALREADY_SUBJECT
    assert "/confirm/" not in text_body(message)
    assert Submission.objects.latest("pk").outcome == SubmissionOutcome.ALREADY
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.name, signature.country.code, signature.status) == (
        "Womboid Wibbledon",
        "GB",
        SignatureStatus.CONFIRMED,
    )
    assert Signature.objects.filter(statement=petition).count() == 2
    assert count(petition) == 2


def test_sam_can_sign_the_petition_with_a_different_name(client, mailbox, run_tasks, suzie_signed):
    """Scenario: Sam can sign the petition with a different name —
    features/sam_signs_a_petition_with_suzies_email_address.feature.

    ayni differs on purpose: one signature per mailbox. Suzie has confirmed, so Sam's sending
    with her address gets the already-signed notice; his name is recorded nowhere but in the
    submission log, and the count stays. (While Suzie's signature is still pending, see
    test_sam_signs_with_suzies_email_while_her_signature_is_pending_*.)"""
    _sam_tries(client, mailbox, run_tasks, suzie_signed, name="Sam Wibbledon")

    assert not Signature.objects.filter(name="Sam Wibbledon").exists()
    assert "Sam Wibbledon" not in statement_page(client, suzie_signed)


def test_sam_cannot_sign_the_petition_again_using_suzies_name(
    client, mailbox, run_tasks, suzie_signed
):
    """Scenario: Sam cannot sign the petition again using Suzie’s name —
    features/sam_signs_a_petition_with_suzies_email_address.feature."""
    _sam_tries(client, mailbox, run_tasks, suzie_signed)


def test_sam_cannot_sign_the_petition_with_a_different_postcode(
    client, mailbox, run_tasks, suzie_signed
):
    """Scenario: Sam cannot sign the petition with a different postcode —
    features/sam_signs_a_petition_with_suzies_email_address.feature (a different country)."""
    _sam_tries(client, mailbox, run_tasks, suzie_signed, name="Sam Wibbledon", country="IE")


def test_sarah_sams_daughter_cannot_sign_the_petition_a_third_time_with_the_same_email_address(
    client, mailbox, run_tasks, suzie_signed
):
    """Scenario: Sarah (Sam’s daughter) cannot sign the petition a third time with the same
    email address — features/sam_signs_a_petition_with_suzies_email_address.feature.

    In ayni Sam's "second name" could not sign either; each try gets its own notice."""
    _sam_tries(client, mailbox, run_tasks, suzie_signed, name="Sam Wibbledon")
    _sam_tries(client, mailbox, run_tasks, suzie_signed, name="Sarah Wibbledon")

    assert len(emails_to(mailbox, "womboid@wimbledon.com")) == 2
    assert signature_for("womboid@wimbledon.com").emails_sent == 2


def _suzie_then_sam_pending(client, mailbox, run_tasks, petition):
    """Suzie signs and has not confirmed yet; Sam sends the form with her address."""
    sign(client, petition)
    run_tasks()
    told_to_check_inbox(
        client, sign(client, petition, name="Sam Wibbledon", country="IE"), petition
    )
    run_tasks()
    suzies, sams = emails_to(mailbox, "womboid@wimbledon.com")
    assert suzies["Subject"] == sams["Subject"] == CONFIRM_SUBJECT
    signature = signature_for("womboid@wimbledon.com")
    # Sam's sending did not overwrite anything.
    assert (signature.name, signature.country.code, signature.status) == (
        "Womboid Wibbledon",
        "GB",
        SignatureStatus.PENDING,
    )
    # Each link's page shows exactly what was sent with it.
    assert "Name Womboid Wibbledon" in recorded(client.get(link_path(suzies)))
    sams_page = recorded(client.get(link_path(sams)))
    assert "Name Sam Wibbledon" in sams_page
    assert "Country Ireland" in sams_page
    return suzies, sams


def test_sam_signs_with_suzies_email_while_her_signature_is_pending_and_suzie_confirms_hers(
    client, mailbox, run_tasks, petition
):
    """Variant of the Sam feature's Background (Suzie has signed but not yet confirmed) —
    features/sam_signs_a_petition_with_suzies_email_address.feature.

    Suzie confirms with the link from her own email: her details are recorded, Sam's link
    stops working, and Sam's details are recorded nowhere."""
    suzies, sams = _suzie_then_sam_pending(client, mailbox, run_tasks, petition)

    client.post(link_path(suzies))
    opened = client.get(link_path(sams))
    pressed = client.post(link_path(sams))

    for response in (opened, pressed):
        assert response.status_code == 410
        assert "This link can no longer be used" in visible(response)
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.name, signature.country.code, signature.status) == (
        "Womboid Wibbledon",
        "GB",
        SignatureStatus.CONFIRMED,
    )
    assert count(petition) == 2
    assert "Sam Wibbledon" not in statement_page(client, petition)


def test_sam_signs_with_suzies_email_while_her_signature_is_pending_and_the_owner_confirms_sams_link(
    client, mailbox, run_tasks, petition
):
    """Variant of "Sam can sign the petition with a different name" —
    features/sam_signs_a_petition_with_suzies_email_address.feature.

    Sam's details are recorded only because the mailbox's owner pressed the button on the page
    of the link from the email about Sam's submission, which showed Sam's details. The mailbox
    still has one signature, and Suzie's older link no longer works."""
    suzies, sams = _suzie_then_sam_pending(client, mailbox, run_tasks, petition)

    _page, response = confirm_with(client, sams)

    assert "Thank you — your signature is confirmed" in thanked(client, response, petition)
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.name, signature.country.code, signature.status) == (
        "Sam Wibbledon",
        "IE",
        SignatureStatus.CONFIRMED,
    )
    assert client.post(link_path(suzies)).status_code == 410
    assert signature_for("womboid@wimbledon.com").name == "Sam Wibbledon"
    assert Signature.objects.filter(statement=petition).count() == 2
    assert count(petition) == 2


def test_the_email_about_sams_submission_is_addressed_to_the_name_sam_gave(
    client, mailbox, run_tasks, petition
):
    """Sam's submission with Suzie's address, while hers is pending —
    features/sam_signs_a_petition_with_suzies_email_address.feature: the email whose link
    records Sam's details must not read as Suzie's own reminder."""
    sign(client, petition)
    run_tasks()
    sign(client, petition, name="Sam Wibbledon", country="IE")
    run_tasks()

    suzies, sams = emails_to(mailbox, "womboid@wimbledon.com")

    assert "Dear Womboid Wibbledon," in text_body(suzies)
    assert "Dear Sam Wibbledon," in text_body(sams)
    assert "Womboid" not in text_body(sams)


# --- features/admin/invalidating_signatures.feature -------------------------------------------


def test_sysadmin_invalidates_signatures_by_email(client, petition):
    """Scenario: Sysadmin invalidates signatures by email —
    features/admin/invalidating_signatures.feature.

    ayni's invalidation is per statement and runs at once: condition, preview, confirm."""
    SignatureFactory(statement=petition, name="Bob Jones", email="bob.jones@example.com")
    SignatureFactory(statement=petition, name="Real Ana", email="ana@example.org")
    services.roll_up_counts()
    assert count(petition) == 3
    client.force_login(UserFactory(role="Organiser", username="sysadmin"))

    form = client.get(invalidate_url(petition))
    empty = client.post(invalidate_url(petition), {"preview": "1"})
    preview = client.post(
        invalidate_url(petition),
        {"email": "bob.jones@example.com", "reason": "Bob Jones is a fraud", "preview": "1"},
    )
    done = client.post(
        invalidate_url(petition),
        {"email": "bob.jones@example.com", "reason": "Bob Jones is a fraud", "confirm": "1"},
        follow=True,
    )

    assert "Reason" in visible(form)
    assert "This field is required." in visible(empty)  # the reason
    assert "Give at least one condition" in visible(empty)
    assert "1 signature would be invalidated." in visible(preview)
    assert "1 signature invalidated. The count drops at the next roll-up" in visible(done)
    found = visible(
        client.get(reverse("admin:statements_signature_changelist") + "?q=bob.jones@example.com")
    )
    assert "Bob Jones" in found and "Invalidated" in found and "Real Ana" not in found
    invalidation = Invalidation.objects.get()
    assert (invalidation.affected, invalidation.criteria) == (
        1,
        {"email": "bob.jones@example.com"},
    )
    dashboard = client.get(reverse("admin:statements_statement_dashboard", args=[petition.pk]))
    row = re.search(r'<table id="invalidations">.*?</table>', dashboard.content.decode(), re.S)
    assert "email=bob.jones@example.com" in row.group(0)
    assert "Bob Jones is a fraud" in row.group(0)
    assert signature_for("bob.jones@example.com").status == SignatureStatus.INVALIDATED
    assert count(petition) == 2


def test_sysadmin_counts_matching_signatures(client):
    """Scenario: Sysadmin counts matching signatures —
    features/admin/invalidating_signatures.feature (3 petitions signed by the address).

    The preview counts what would change, on the statement it is for, and changes nothing."""
    statements = [StatementFactory(texts={"en": f"Petition {n}"}) for n in range(3)]
    for statement in statements:
        SignatureFactory(statement=statement, name="Bob Jones", email="bob.jones@example.com")
    client.force_login(UserFactory(role="Organiser"))

    preview = client.post(
        invalidate_url(statements[0]),
        {"email": "bob.jones@example.com", "reason": "Bob Jones is a fraud", "preview": "1"},
    )

    assert "1 signature would be invalidated." in visible(preview)
    assert 'name="confirm" value="Invalidate this signature"' in preview.content.decode()
    assert not Invalidation.objects.exists()
    assert set(Signature.objects.values_list("status", flat=True)) == {SignatureStatus.CONFIRMED}


def test_sysadmin_cancels_an_invalidation(client, petition):
    """Scenario: Sysadmin cancels an invalidation — features/admin/invalidating_signatures.feature.

    In ayni nothing is stored until the confirm button: cancelling the preview (its Cancel link,
    or "Change the condition") leaves every signature and the log as they were."""
    SignatureFactory(statement=petition, name="Bob Jones", email="bob.jones@example.com")
    client.force_login(UserFactory(role="Organiser"))
    data = {"email": "bob.jones@example.com", "reason": "Bob Jones is a fraud"}

    preview = client.post(invalidate_url(petition), {**data, "preview": "1"}).content.decode()
    dashboard = reverse("admin:statements_statement_dashboard", args=[petition.pk])
    assert re.search(rf'<a href="{dashboard}" class="closelink">Cancel</a>', preview)
    edit = client.post(invalidate_url(petition), {**data, "edit": "1"})

    assert 'name="preview"' in edit.content.decode()
    assert not Invalidation.objects.exists()
    assert signature_for("bob.jones@example.com").status == SignatureStatus.CONFIRMED
    assert count(petition) == 2


# --- spec/models/signature_spec.rb: the signing rules ------------------------------------------


def test_a_second_signature_for_the_same_mailbox_is_refused_by_the_database(petition):
    """signature_spec.rb: callbacks, when the signature is created "and the signature is a
    duplicate" — raises RecordNotUnique. In ayni, the (statement, normalised email) constraint."""
    SignatureFactory(statement=petition, email="womboid@wimbledon.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureFactory(statement=petition, email="WOMBOID@Wimbledon.com")


def test_the_email_is_normalised_so_case_dots_and_plus_tags_name_one_mailbox(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: "#email= downcases the email domain", "and the email is normalized —
    sets the canonical_email column", and .for_email ("searches case-insensitively",
    "normalizes dots/pluses/case in the local part")."""
    for email in ("Wom.Boid+petitions@GMAIL.com", "womboid@gmail.com", "WOMBOID@googlemail.com"):
        told_to_check_inbox(client, sign(client, petition, email=email), petition)
    sign(client, petition, email="Suzie@WIMBLEDON.com")
    run_tasks()

    signature = signature_for("womboid@gmail.com")
    assert signature.email_normalised == "womboid@gmail.com"
    assert signature.email_domain == "gmail.com"
    assert list(signature.submissions.order_by("pk").values_list("outcome", flat=True)) == [
        SubmissionOutcome.NEW,
        SubmissionOutcome.NEW_VERSION,
        SubmissionOutcome.NEW_VERSION,
    ]
    assert signature_for("suzie@wimbledon.com").email_normalised == "suzie@wimbledon.com"
    assert Signature.objects.filter(statement=petition).count() == 3
    # Each email went to the address as typed.
    assert {m["To"] for m in mailbox.messages} == {
        "Wom.Boid+petitions@GMAIL.com",
        "womboid@gmail.com",
        "WOMBOID@googlemail.com",
        "Suzie@WIMBLEDON.com",
    }


def test_a_name_longer_than_120_characters_is_refused(client, petition):
    """signature_spec.rb: validations, "validate_length_of(:name).is_at_most(255)" (ayni: 120)."""
    assert sign(client, petition, name="W" * 120).status_code == 302

    response = sign(client, petition, name="W" * 121)

    assert response.status_code == 422
    assert "Ensure this value has at most 120 characters (it has 121)." in visible(response)
    assert sent().count() == 1


def test_a_domain_name_in_a_name_is_allowed_but_a_web_address_is_not(client, petition):
    """signature_spec.rb: validations, allow "Please click this petition.parliament.uk for a
    special offer", not "Please click this http://petition.parliament.uk for a special offer"."""
    allowed = sign(
        client, petition, name="Please click this petition.parliament.uk for a special offer"
    )
    refused = sign(
        client,
        petition,
        email="other@example.org",
        name="Please click this http://petition.parliament.uk for a special offer",
    )

    assert allowed.status_code == 302
    assert refused.status_code == 422
    assert "Please do not include web addresses." in visible(refused)
    assert list(sent().values_list("name", flat=True)) == [
        "Please click this petition.parliament.uk for a special offer"
    ]


def test_the_country_must_be_a_known_country_code(client, petition):
    """signature_spec.rb: validations, location_code must be completed, allows "GB", not
    "United Kingdom"; postcode "does not allow unrecognised postcodes" (ayni: the country)."""
    missing = sign(client, petition, country="")
    spelled_out = sign(client, petition, country="United Kingdom")
    unknown = sign(client, petition, country="XX")
    known = sign(client, petition, country="GB")

    assert missing.status_code == spelled_out.status_code == unknown.status_code == 422
    assert "This field is required." in visible(missing)
    assert "Select a valid choice. United Kingdom is not one of the available choices." in (
        visible(spelled_out)
    )
    assert "Select a valid choice. XX is not one of the available choices." in visible(unknown)
    assert known.status_code == 302
    assert sent().get().country.code == "GB"


def test_the_email_address_must_be_a_real_address(client, petition):
    """signature_spec.rb: validations, "validates format of email", "does not allow invalid
    email", "doesn't allow local email addresses"."""
    for email in ("not an email", "admin", "admin@", "@example.com"):
        response = sign(client, petition, email=email)
        assert response.status_code == 422, email
        assert "Enter a valid email address." in visible(response), email

    assert sign(client, petition, email="joe@example.com").status_code == 302
    assert list(sent().values_list("email", flat=True)) == ["joe@example.com"]


def test_a_local_email_address_is_refused(client, petition):
    """signature_spec.rb: validations, "doesn't allow local email addresses" (for an address
    with a local host name, which the spec's 'admin' stands for)."""
    response = sign(client, petition, email="admin@localhost")

    assert response.status_code == 422
    assert "Please use an email address at a real domain" in visible(response)
    assert not sent().exists()


def test_plus_addressing_is_allowed_and_folded_where_the_provider_ignores_it(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: validations, "does not allow emails using plus addresses".

    ayni differs on purpose: a +tag is accepted, and at any domain it names the same mailbox
    (as the petitions service's canonical email does), so it cannot make a second signature."""
    told_to_check_inbox(
        client, sign(client, petition, email="foobar+petitions@gmail.com"), petition
    )
    sign(client, petition, email="foobar@gmail.com")
    run_tasks()

    signature = signature_for("foobar@gmail.com")
    assert signature.email == "foobar+petitions@gmail.com"
    assert signature.submissions.count() == 2
    assert [m["To"] for m in mailbox.messages] == ["foobar+petitions@gmail.com", "foobar@gmail.com"]


def test_a_signature_status_must_be_a_known_one(petition):
    """signature_spec.rb: validations, "does not allow blank or unknown state", "allows known
    states"; the state predicates (#pending?, #validated?, #invalidated?, #fraudulent?)."""
    signature = SignatureFactory.build(statement=petition, email="womboid@wimbledon.com")
    for status in ("", "unknown", "validated", "fraudulent"):
        signature.status = status
        with pytest.raises(ValidationError) as error:
            signature.full_clean()
        assert "status" in error.value.message_dict, status
    for status in ("pending", "confirmed", "withdrawn", "invalidated", "suspect"):
        signature.status = status
        signature.full_clean()
    assert SignatureFactory.build(statement=petition).status == SignatureStatus.CONFIRMED
    assert Signature(statement=petition).status == SignatureStatus.PENDING  # the default


def test_bulk_invalidation_takes_pending_confirmed_and_held_but_not_invalidated_or_withdrawn(
    client, petition
):
    """signature_spec.rb: scopes, for_invalidating — returns pending and validated signatures,
    not fraudulent or invalidated ones (ayni: held ones are taken too; withdrawn ones are
    already off)."""
    for name, status in (
        ("Pending One", SignatureStatus.PENDING),
        ("Confirmed One", SignatureStatus.CONFIRMED),
        ("Held One", SignatureStatus.SUSPECT),
        ("Invalidated One", SignatureStatus.INVALIDATED),
        ("Withdrawn One", SignatureStatus.WITHDRAWN),
    ):
        SignatureFactory(
            statement=petition,
            name=name,
            email=f"{name.split()[0].lower()}@spam.test",
            status=status,
        )
    client.force_login(UserFactory(role="Moderator"))
    data = {"email_domain": "spam.test", "reason": "Scripted"}

    preview = client.post(invalidate_url(petition), {**data, "preview": "1"})
    client.post(invalidate_url(petition), {**data, "confirm": "1"})

    assert "3 signatures would be invalidated." in visible(preview)
    statuses = dict(
        Signature.objects.filter(email_domain="spam.test").values_list("name", "status")
    )
    assert statuses == {
        "Pending One": "invalidated",
        "Confirmed One": "invalidated",
        "Held One": "invalidated",
        "Invalidated One": "invalidated",
        "Withdrawn One": "withdrawn",
    }
    assert Invalidation.objects.get().affected == 3


def test_invalidation_by_email_address_matches_its_variants(client, petition):
    """signature_spec.rb: scopes, for_email — searches case-insensitively, normalizes dots,
    pluses and case in the local part (ayni: the provider's own rules)."""
    SignatureFactory(statement=petition, name="Gmail Bob", email="Bob.Jones+x@Gmail.com")
    SignatureFactory(statement=petition, name="Work Bob", email="bob.jones@example.com")
    SignatureFactory(statement=petition, name="Other Bob", email="bobjones@example.com")
    client.force_login(UserFactory(role="Organiser"))

    def preview(email: str) -> str:
        return client.post(
            invalidate_url(petition), {"email": email, "reason": "Fraud", "preview": "1"}
        ).content.decode()

    gmail, work = preview("bobjones@gmail.com"), preview("BOB.JONES@EXAMPLE.COM")

    assert "1 signature would be invalidated." in unescape(gmail)
    assert "Gmail Bob" in gmail and "Work Bob" not in gmail
    assert "1 signature would be invalidated." in unescape(work)
    assert "Work Bob" in work and "Other Bob" not in work


def test_an_invalidated_signature_cannot_be_confirmed(client, mailbox, run_tasks, petition):
    """signature_spec.rb: #validate! "and the signature is invalidated" — doesn't transition to
    validated, doesn't increment the count."""
    sign(client, petition)
    run_tasks()
    [message] = mailbox.messages
    services.invalidate_signatures(
        statement=petition,
        criteria={"email": "womboid@wimbledon.com"},
        reason="Fraud",
        user=UserFactory(role="Organiser"),
    )

    opened = client.get(link_path(message))
    pressed = client.post(link_path(message))

    for response in (opened, pressed):
        assert response.status_code == 410
        assert "This link can no longer be used" in visible(response)
    assert signature_for("womboid@wimbledon.com").status == SignatureStatus.INVALIDATED
    assert count(petition) == 1


def test_a_released_held_signature_can_be_confirmed(client, mailbox, run_tasks, petition, settings):
    """signature_spec.rb: #validate! "using the force: true option" on a fraudulent signature —
    transitions to validated and increments the count. ayni: a moderator releases the held
    signature, its confirmation email goes, and the signer confirms."""
    settings.SIGNATURE_BURST_LIMIT = 1
    sign(client, petition, name="Existing Signer", email="existing@example.com")
    sign(client, petition)
    run_tasks()
    held = signature_for("womboid@wimbledon.com")
    assert held.status == SignatureStatus.SUSPECT
    assert not emails_to(mailbox, "womboid@wimbledon.com")
    moderator = Client()
    moderator.force_login(UserFactory(role="Moderator"))

    released = moderator.post(
        reverse("admin:statements_signature_changelist"),
        {"action": "release_held", ACTION_CHECKBOX_NAME: [held.pk]},
        follow=True,
    )
    run_tasks()

    assert "1 held signature released; its confirmation email is on its way." in visible(released)
    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    _page, response = confirm_with(client, message)
    assert "Thank you — your signature is confirmed" in thanked(client, response, petition)
    assert count(petition) == 2


def test_invalidating_a_confirmed_signature_takes_it_off_the_count_once(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: #invalidate! — transitions to invalidated, decrements the count,
    doesn't decrement it twice; .invalidate! with a validated signature."""
    sign(client, petition)
    run_tasks()
    confirm_with(client, mailbox.messages[0])
    assert count(petition) == 2
    client.force_login(UserFactory(role="Organiser"))
    data = {"email": "womboid@wimbledon.com", "reason": "Fraud"}

    client.post(invalidate_url(petition), {**data, "confirm": "1"})
    assert count(petition) == 1
    again = client.post(invalidate_url(petition), {**data, "preview": "1"})
    client.post(invalidate_url(petition), {**data, "confirm": "1"})

    assert "Nothing would change." in visible(again)
    assert signature_for("womboid@wimbledon.com").status == SignatureStatus.INVALIDATED
    assert count(petition) == 1
    assert "Womboid Wibbledon" not in statement_page(Client(), petition)


def test_invalidating_a_pending_signature_leaves_the_count_and_stops_its_email(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: #invalidate! "when the signature is pending" — doesn't decrement the
    count. ayni also drops the confirmation email it was still due."""
    sign(client, petition)
    services.process_submissions()

    services.invalidate_signatures(
        statement=petition,
        criteria={"email": "womboid@wimbledon.com"},
        reason="Fraud",
        user=UserFactory(role="Organiser"),
    )
    run_tasks()

    assert not mailbox.messages
    assert signature_for("womboid@wimbledon.com").status == SignatureStatus.INVALIDATED
    assert count(petition) == 1


def test_at_most_five_emails_go_to_one_mailbox_per_statement(client, mailbox, run_tasks, petition):
    """signature_spec.rb: #email_count / #email_threshold_reached? (ayni: SIGNATURE_MAX_EMAILS,
    5 by default, per address and statement)."""
    for _ in range(7):
        told_to_check_inbox(client, sign(client, petition), petition)
        run_tasks()

    assert len(emails_to(mailbox, "womboid@wimbledon.com")) == 5
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.emails_sent, signature.submissions.count()) == (5, 7)


def test_any_repeat_from_the_same_mailbox_is_the_same_signature_whatever_the_name_or_country(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: #find_duplicate — same name, name in another case, with extra
    whitespace, another postcode, another name and postcode, two existing signatures, the email
    in another case. ayni differs on purpose for "and the name is different — returns nil": a
    different name is still the same mailbox, so the same signature."""
    sign(client, petition)
    for details in (
        {"name": "womboid wibbledon"},
        {"name": "  Womboid   Wibbledon "},
        {"country": "FR"},
        {"name": "Sam Wibbledon", "country": "FR"},
        {"name": "Sue Wibbledon", "email": "WOMBOID@wimbledon.com"},
    ):
        told_to_check_inbox(client, sign(client, petition, **details), petition)
    run_tasks()

    signature = signature_for("womboid@wimbledon.com")
    assert (signature.name, signature.country.code) == ("Womboid Wibbledon", "GB")
    assert Signature.objects.filter(statement=petition).count() == 2
    assert signature.submissions.count() == 6
    assert Submission.objects.filter(name="Womboid Wibbledon").count() == 3  # spaces folded


def test_the_same_mailbox_can_sign_another_statement(client, mailbox, run_tasks, petition):
    """signature_spec.rb: #find_duplicate "and the name is the same, but is scoped to a
    different petition" — returns nil."""
    other = StatementFactory(texts={"en": "Do something else!"})

    sign(client, petition)
    sign(client, other)
    run_tasks()

    subjects = {m["Subject"] for m in emails_to(mailbox, "womboid@wimbledon.com")}
    assert subjects == {CONFIRM_SUBJECT, "Please confirm your signature: Do something else!"}
    for message in mailbox.messages:
        confirm_with(client, message)
    assert (
        Signature.objects.filter(
            email_normalised="womboid@wimbledon.com", status=SignatureStatus.CONFIRMED
        ).count()
        == 2
    )
    assert (count(petition), count(other)) == (2, 1)
