"""services/confirming.py: a confirmation records what was sent with its own link, once, and only
while the signature may still be confirmed."""

from __future__ import annotations

import pytest

from ayni.statements import services
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature
from ayni.statements.tests.helpers import (
    CONFIRM_SUBJECT,
    confirm_with,
    count,
    emails_to,
    link_path,
    recorded,
    sign_petition,
    signature_for,
    statement_page,
    thanked,
    told_to_check_inbox,
    visible,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _suzie_then_sam_pending(client, mailbox, run_tasks, petition):
    """Suzie signs and has not confirmed yet; Sam sends the form with her address."""
    sign_petition(client, petition)
    run_tasks()
    told_to_check_inbox(
        client, sign_petition(client, petition, name="Sam Wibbledon", country="IE"), petition
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


def test_an_invalidated_signature_cannot_be_confirmed(client, mailbox, run_tasks, petition):
    """signature_spec.rb: #validate! "and the signature is invalidated" — doesn't transition to
    validated, doesn't increment the count."""
    sign_petition(client, petition)
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
