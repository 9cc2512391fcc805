"""services/backoffice.py: bulk invalidation (which signatures a condition takes, and what it does
to the count and the emails still due)."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from ayni.statements import services
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Invalidation, Signature
from ayni.statements.tests.helpers import (
    confirm_with,
    count,
    invalidate_url,
    sign_petition,
    signature_for,
    statement_page,
    visible,
)
from tests.factories import SignatureFactory, UserFactory

pytestmark = pytest.mark.django_db


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


def test_invalidating_a_confirmed_signature_takes_it_off_the_count_once(
    client, mailbox, run_tasks, petition
):
    """signature_spec.rb: #invalidate! — transitions to invalidated, decrements the count,
    doesn't decrement it twice; .invalidate! with a validated signature."""
    sign_petition(client, petition)
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
    sign_petition(client, petition)
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
