"""services/signing.py: what a sending of the sign form becomes once the worker folds it in: a new
signature, or a repeat of the one its mailbox already has (whatever the name, case, dots or +tag),
never a second one."""

from __future__ import annotations

import pytest

from ayni.statements import services, tasks
from ayni.statements.enums import EmailDue, SignatureStatus, SubmissionOutcome
from ayni.statements.models import Signature, Submission
from ayni.statements.tests.helpers import (
    CONFIRM_SUBJECT,
    SUZIE,
    confirm_with,
    count,
    emails_to,
    link_path,
    pending,
    recorded,
    sign_as_ana,
    sign_petition,
    signature_for,
    statement_page,
    submitted,
    thanked,
    told_to_check_inbox,
)
from tests.factories import SignatureFactory, StatementFactory
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db


def test_signing_again_while_pending_keeps_the_details_and_sends_a_link_of_its_own():
    statement = StatementFactory()
    first = pending(statement, name="Ana", email="Ana@Example.org", country="BO", ip_hash="a")
    Submission.objects.filter(pk=first.pk).update(email_due="", email_queued_at=None)
    assert tasks.dispatch_due_emails() == 0

    again = services.sign_statement(
        statement=statement,
        name="Ana Sampleton",
        email="ana@example.org",
        country="PE",
        language="es",
        ip_hash="b",
    )
    services.process_submissions()

    signature = Signature.objects.get()
    assert (signature.name, str(signature.country), signature.language) == ("Ana", "BO", "en")
    again.refresh_from_db()
    assert (again.signature_id, again.outcome, again.email_due) == (
        signature.pk,
        "version",
        EmailDue.CONFIRM,
    )
    assert tasks.dispatch_due_emails() == 1  # its own email is queued


def test_folding_stops_at_its_limit_so_the_dispatcher_gets_its_turn():
    statement = StatementFactory()
    for n in range(5):
        submitted(statement, seconds_ago=5 - n, ip_hash=f"ip{n}")

    assert services.process_submissions(batch=2, limit=3) == 3
    assert Submission.objects.filter(processed_at__isnull=True).count() == 2
    assert services.process_submissions(batch=2, limit=3) == 2
    assert Signature.objects.count() == 5


def test_a_run_folds_a_few_times_what_the_emails_can_go_out_at(settings):
    settings.EMAIL_MAX_PER_SECOND, settings.EMAIL_DISPATCH_INTERVAL = 50, 1
    assert services.process_limit() == 200
    settings.EMAIL_MAX_PER_SECOND = 1000
    assert services.process_limit() == 4000
    settings.EMAIL_MAX_PER_SECOND = 0  # no email rate: only the hard ceiling
    assert services.process_limit() == 5000


def test_same_person_twice_counts_once_and_gets_already_signed_email(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign_as_ana(client, statement)
    run_tasks()
    Signature.objects.update(status=SignatureStatus.CONFIRMED)

    response = sign_as_ana(client, statement, email="anasampleton@gmail.com")
    run_tasks()

    assert response.status_code == 302
    assert Signature.objects.count() == 1
    subjects = [m["Subject"] for m in mailbox.messages]
    assert any("already signed" in s for s in subjects)


def test_plus_tags_at_any_domain_count_once_and_mail_goes_to_the_address_typed(
    client, mailbox, run_tasks
):
    statement = StatementFactory()

    sign_as_ana(client, statement, email="Ana@Union.example.org")
    run_tasks()
    sign_as_ana(client, statement, email="ana+again@union.example.org")
    run_tasks()

    signature = Signature.objects.get()
    assert signature.email_normalised == "ana@union.example.org"
    assert [m["To"] for m in mailbox.messages] == [
        "Ana@Union.example.org",
        "ana+again@union.example.org",
    ]


ALREADY_SUBJECT = "You have already signed: Do something!"


@pytest.fixture
def suzie_signed(petition):
    """Background of the Sam feature: Suzie has already signed (and confirmed) the petition."""
    SignatureFactory(statement=petition, name=SUZIE["name"], email=SUZIE["email"], country="GB")
    services.roll_up_counts()
    return petition


def test_suzie_receives_a_duplicate_signature_email_if_she_tries_to_sign_but_she_has_already_signed_and_validated(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie receives a duplicate signature email if she tries to sign but she has
    already signed and validated — features/suzie_signs_a_petition.feature.

    Her earlier signature was made with an upper-case address; the notice goes to the address
    she typed this time (the same mailbox)."""
    SignatureFactory(statement=petition, name="Womboid Wibbledon", email="WOMBOID@WIMBLEDON.COM")

    told_to_check_inbox(client, sign_petition(client, petition), petition)
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

    response = sign_petition(client, petition, email="WOMBOID@wimbledon.com")
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

    told_to_check_inbox(
        client, sign_petition(client, petition, email="womboid@gmail.com"), petition
    )
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

    told_to_check_inbox(client, sign_petition(client, petition), petition)
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

    told_to_check_inbox(
        client, sign_petition(client, petition, email="womboid@gmail.com"), petition
    )
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

    told_to_check_inbox(client, sign_petition(client, petition), petition)
    run_tasks()

    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    assert message["Subject"] == ALREADY_SUBJECT
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.name, signature.status) == ("Eric Wibbledon", SignatureStatus.CONFIRMED)
    assert count(petition) == 2
    assert "Womboid Wibbledon" not in statement_page(client, petition)


def test_suzie_signs_a_petition_from_overseas(client, mailbox, run_tasks, petition):
    """Scenario: Suzie signs a petition from overseas — features/suzie_signs_a_petition.feature.

    ayni is international: any country, no postcode."""
    told_to_check_inbox(client, sign_petition(client, petition, country="US"), petition)
    run_tasks()

    signature = signature_for("womboid@wimbledon.com")
    assert (signature.status, signature.country.code) == (SignatureStatus.PENDING, "US")
    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    page = client.get(link_path(message))
    assert "Country United States of America" in recorded(page)


def _sam_tries(client, mailbox, run_tasks, petition, **details):
    told_to_check_inbox(client, sign_petition(client, petition, **details), petition)
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


def test_the_email_is_normalised_so_case_dots_and_plus_tags_name_one_mailbox(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: "#email= downcases the email domain", "and the email is normalized —
    sets the canonical_email column", and .for_email ("searches case-insensitively",
    "normalizes dots/pluses/case in the local part")."""
    for email in ("Wom.Boid+petitions@GMAIL.com", "womboid@gmail.com", "WOMBOID@googlemail.com"):
        told_to_check_inbox(client, sign_petition(client, petition, email=email), petition)
    sign_petition(client, petition, email="Suzie@WIMBLEDON.com")
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


def test_plus_addressing_is_allowed_and_folded_where_the_provider_ignores_it(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: validations, "does not allow emails using plus addresses".

    ayni differs on purpose: a +tag is accepted, and at any domain it names the same mailbox
    (as the petitions service's canonical email does), so it cannot make a second signature."""
    told_to_check_inbox(
        client, sign_petition(client, petition, email="foobar+petitions@gmail.com"), petition
    )
    sign_petition(client, petition, email="foobar@gmail.com")
    run_tasks()

    signature = signature_for("foobar@gmail.com")
    assert signature.email == "foobar+petitions@gmail.com"
    assert signature.submissions.count() == 2
    assert [m["To"] for m in mailbox.messages] == ["foobar+petitions@gmail.com", "foobar@gmail.com"]


def test_any_repeat_from_the_same_mailbox_is_the_same_signature_whatever_the_name_or_country(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: #find_duplicate — same name, name in another case, with extra
    whitespace, another postcode, another name and postcode, two existing signatures, the email
    in another case. ayni differs on purpose for "and the name is different — returns nil": a
    different name is still the same mailbox, so the same signature."""
    sign_petition(client, petition)
    for details in (
        {"name": "womboid wibbledon"},
        {"name": "  Womboid   Wibbledon "},
        {"country": "FR"},
        {"name": "Sam Wibbledon", "country": "FR"},
        {"name": "Sue Wibbledon", "email": "WOMBOID@wimbledon.com"},
    ):
        told_to_check_inbox(client, sign_petition(client, petition, **details), petition)
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

    sign_petition(client, petition)
    sign_petition(client, other)
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
