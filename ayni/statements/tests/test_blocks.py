"""Blocking an address or a domain: new signatures from it are held silently."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.core.roles import MODERATOR, ORGANISER, STAFF
from ayni.statements import services
from ayni.statements.enums import HoldReason, SignatureStatus, SubmissionOutcome
from ayni.statements.models import Block, Signature, Submission
from ayni.statements.tests.helpers import (
    confirm_with,
    emails_to,
    held_silently,
    sent,
    sign_petition,
    signature_for,
    statement_page,
    thanked,
    told_to_check_inbox,
)
from tests.factories import SignatureFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db
ADD_BLOCK = "admin:statements_block_add"


def sign(client, statement, email: str, name: str = "Bulk Signer"):
    data = {"kind": "individual", "name": name, "email": email, "country": "BO"}
    return client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), data)


def test_a_blocked_domain_and_its_subdomains_are_held_silently(client, mailbox, run_tasks):
    statement = StatementFactory()
    services.block_address(value="spam.example.net", reason="bulk", user=UserFactory())

    answers = [
        sign(client, statement, email)
        for email in ("a@spam.example.net", "b@mail.spam.example.net", "c@example.net")
    ]
    run_tasks()

    assert {a.status_code for a in answers} == {302}  # the same answer as anybody gets
    held = Signature.objects.filter(status=SignatureStatus.SUSPECT).order_by("email")
    assert [(s.email, s.hold_reason) for s in held] == [
        ("a@spam.example.net", HoldReason.BLOCKED),
        ("b@mail.spam.example.net", HoldReason.BLOCKED),
    ]
    assert [m["To"] for m in mailbox.messages] == ["c@example.net"]


def test_an_address_block_covers_its_variants_and_only_its_statement(client, mailbox, run_tasks):
    statement, other = StatementFactory(), StatementFactory()
    services.block_address(
        value="Bad.Actor@Gmail.com",
        reason="forged signatures",
        statement=statement,
        user=UserFactory(),
    )

    sign(client, statement, "badactor+again@googlemail.com")
    sign(client, other, "bad.actor@gmail.com")
    run_tasks()

    assert Signature.objects.get(statement=statement).status == SignatureStatus.SUSPECT
    assert Signature.objects.get(statement=other).status == SignatureStatus.PENDING
    assert [m["To"] for m in mailbox.messages] == ["bad.actor@gmail.com"]


def test_a_repeat_from_a_blocked_address_changes_nothing_and_sends_nothing(
    client, mailbox, run_tasks
):
    statement = StatementFactory()
    existing = SignatureFactory(
        statement=statement, email="early@blocked.example.com", name="Early Bird"
    )
    services.block_address(value="blocked.example.com", reason="bulk", user=UserFactory())

    sign(client, statement, "early@blocked.example.com", name="Someone Else")
    run_tasks()

    existing.refresh_from_db()
    assert (existing.status, existing.name) == (SignatureStatus.CONFIRMED, "Early Bird")
    assert Submission.objects.latest("pk").outcome == "blocked"
    assert mailbox.messages == []


def test_a_released_blocked_signature_gets_its_confirmation(client, mailbox, run_tasks):
    statement = StatementFactory()
    services.block_address(value="held.example.com", reason="check", user=UserFactory())
    sign(client, statement, "real.person@held.example.com")
    run_tasks()

    assert services.release_held_signatures(signatures=Signature.objects.all()) == 1
    run_tasks()

    signature = Signature.objects.get()
    assert (signature.status, signature.hold_reason) == (SignatureStatus.PENDING, "")
    assert [m["To"] for m in mailbox.messages] == ["real.person@held.example.com"]


def test_invalidation_by_address_takes_every_variant(client):
    statement = StatementFactory()
    target = SignatureFactory(statement=statement, email="Ana.Sample+x@gmail.com")
    bystander = SignatureFactory(statement=statement, email="ana.other@gmail.com")

    invalidation = services.invalidate_signatures(
        statement=statement,
        criteria={"email": "anasample@googlemail.com"},
        reason="forged",
        user=UserFactory(),
    )

    assert invalidation.affected == 1
    target.refresh_from_db()
    bystander.refresh_from_db()
    assert (target.status, bystander.status) == (
        SignatureStatus.INVALIDATED,
        SignatureStatus.CONFIRMED,
    )


@pytest.mark.parametrize(
    ("role", "allowed"), [(ORGANISER, True), (MODERATOR, True), (STAFF, False)]
)
def test_who_may_add_a_block_in_the_back_office(client, role, allowed):
    user = UserFactory(role=role)
    client.force_login(user)

    response = client.post(reverse(ADD_BLOCK), {"value": "Spam.Example.NET", "reason": "bulk"})

    if allowed:
        assert response.status_code == 302
        block = Block.objects.get()
        assert (block.kind, block.value, block.statement, block.created_by) == (
            "domain",
            "spam.example.net",
            None,
            user,
        )
    else:
        assert response.status_code == 403
        assert Block.objects.count() == 0


def test_outsiders_cannot_add_a_block(client):
    anonymous = client.post(reverse(ADD_BLOCK), {"value": "spam.example.net", "reason": "x"})
    client.force_login(UserFactory(is_staff=False))
    outsider = client.post(reverse(ADD_BLOCK), {"value": "spam.example.net", "reason": "x"})

    assert anonymous.status_code == outsider.status_code == 302
    assert "/login/" in anonymous["Location"] and "/login/" in outsider["Location"]
    assert Block.objects.count() == 0


@pytest.mark.parametrize("value", ["", "not a domain", "@", "name@", "a@b", "x" * 300])
def test_a_bad_block_value_is_refused_clearly(client, value):
    client.force_login(UserFactory(role=ORGANISER))

    response = client.post(reverse(ADD_BLOCK), {"value": value, "reason": "bulk"})

    assert response.status_code == 200
    assert Block.objects.count() == 0
    body = response.content.decode()
    assert "errorlist" in body


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

    held_silently(client, mailbox, run_tasks, petition, HoldReason.BLOCKED)
    assert sent().get().outcome == SubmissionOutcome.BLOCKED


def test_suzie_cannot_validate_her_signature_when_the_email_address_is_blocked(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie cannot validate her signature when the email address is blocked —
    features/suzie_signs_a_petition.feature."""
    services.block_address(
        value="womboid@wimbledon.com", reason="Abuse", user=UserFactory(role="Organiser")
    )

    held_silently(client, mailbox, run_tasks, petition, HoldReason.BLOCKED)


def test_suzie_can_validate_her_signature_when_another_email_address_on_the_same_domain_is_blocked(
    client, mailbox, run_tasks, petition
):
    """Scenario: Suzie can validate her signature when another email address on the same domain
    is blocked — features/suzie_signs_a_petition.feature."""
    services.block_address(
        value="bulgaria@wimbledon.com", reason="Abuse", user=UserFactory(role="Organiser")
    )

    told_to_check_inbox(client, sign_petition(client, petition), petition)
    run_tasks()
    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    _page, response = confirm_with(client, message)

    assert "Thank you — your signature is confirmed" in thanked(client, response, petition)
    assert "2 signatures" in statement_page(client, petition)
    assert signature_for("womboid@wimbledon.com").status == SignatureStatus.CONFIRMED
