"""services/rights.py: signatures never confirmed are erased once their confirmation links are
dead (the supporters' retention job), and nothing else: not a confirmed one, not a young one,
not a held one, not the count, not the Supporter of someone's other signatures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ayni.statements import selectors, services, views
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, StatementTally, Submission
from ayni.statements.tokens import CONFIRM_SALT
from ayni.supporters.models import Supporter
from ayni.supporters.retention import erase_unconfirmed, retention_cutoff
from tests.factories import (
    SignatureFactory,
    StatementFactory,
    confirm_latest,
    latest_submission,
    link_token,
    sign_now,
)

pytestmark = pytest.mark.django_db


def days_on(days: float):
    return timezone.now() + timedelta(days=days)


def signed(statement, email: str = "ana@example.org", **fields) -> Signature:
    """A signature whose confirmation email is due: pending, never confirmed."""
    values = {"name": "Ana Sample", "country": "BO", "language": "en", "ip_hash": "", **fields}
    return sign_now(statement=statement, email=email, **values)


def erase_signatures(now) -> int:
    return erase_unconfirmed(now=now)["signatures"]


def test_a_signature_never_confirmed_is_erased_with_its_submissions_once_its_link_is_dead():
    statement = StatementFactory()
    signature = signed(statement)
    signed(statement, email="ana@example.org", name="Ana Again")  # a second link, same day

    assert erase_signatures(days_on(30)) == 0
    assert erase_signatures(days_on(32)) == 1

    assert not Signature.objects.filter(pk=signature.pk).exists()
    assert not Submission.objects.filter(email_normalised="ana@example.org").exists()
    assert erase_signatures(days_on(32)) == 0  # twice erases nothing more


def test_a_young_link_keeps_its_signature_and_the_old_submissions_with_it():
    statement = StatementFactory()
    signature = signed(statement)
    Submission.objects.filter(signature=signature).update(created_at=days_on(-40))
    Signature.objects.filter(pk=signature.pk).update(created_at=days_on(-40))
    signed(statement, name="Ana Again")  # signed again today: a new link

    assert erase_signatures(timezone.now()) == 0
    assert Submission.objects.filter(signature=signature).count() == 2


def test_a_signature_withdrawn_before_it_was_confirmed_is_erased_too():
    statement = StatementFactory()
    signature = signed(statement)
    services.withdraw_signature(submission=latest_submission(signature))
    services.roll_up_counts()

    assert erase_signatures(days_on(40)) == 1
    assert not Signature.objects.exists()


def test_confirmed_held_and_withdrawn_then_resigned_signatures_are_kept():
    statement = StatementFactory()
    confirm_latest(signed(statement, email="confirmed@example.org"))
    held = signed(statement, email="held@example.org")
    Signature.objects.filter(pk=held.pk).update(status=SignatureStatus.SUSPECT)
    # Confirmed once, withdrawn, signed again and never confirmed again: the signature has a
    # history (it was counted), so it stays as a withdrawn one would.
    resigned = signed(statement, email="back@example.org")
    confirm_latest(resigned)
    services.withdraw_signature(submission=latest_submission(resigned))
    services.roll_up_counts()
    signed(statement, email="back@example.org")

    assert erase_signatures(days_on(60)) == 0
    assert sorted(Signature.objects.values_list("email", "status")) == [
        ("back@example.org", SignatureStatus.PENDING),
        ("confirmed@example.org", SignatureStatus.CONFIRMED),
        ("held@example.org", SignatureStatus.SUSPECT),
    ]


def test_the_count_is_exact_after_unconfirmed_signatures_are_erased():
    statement = StatementFactory()
    SignatureFactory.create_batch(3, statement=statement)
    for n in range(4):
        signed(statement, email=f"pending{n}@example.org")
    services.roll_up_counts()

    assert erase_signatures(days_on(40)) == 4
    services.roll_up_counts()

    assert StatementTally.objects.get(statement=statement).total == 3
    assert services.reconcile_counts() == []  # no drift: the tallies held only confirmed rows
    assert selectors.signature_status_counts(statement)[SignatureStatus.CONFIRMED] == 3


def test_a_supporter_with_a_confirmed_signature_keeps_it_when_another_is_erased():
    first, second = StatementFactory(), StatementFactory()
    confirmed = signed(first)
    confirm_latest(confirmed)
    signed(second)  # the same address, never confirmed on the second statement

    assert erase_signatures(days_on(40)) == 1

    confirmed.refresh_from_db()
    assert list(Signature.objects.values_list("statement", flat=True)) == [first.pk]
    assert Supporter.objects.get().pk == confirmed.supporter_id


def test_a_confirmation_after_the_erasure_finds_the_link_unusable_and_one_before_it_is_kept():
    statement = StatementFactory()
    lost, won = (
        signed(statement, email="lost@example.org"),
        signed(statement, email="won@example.org"),
    )
    before = retention_cutoff(days_on(40))
    ids = list(selectors.unconfirmed_signatures(before).values_list("pk", flat=True))
    lost_link = latest_submission(lost)  # the confirm page loaded it, then the job ran

    confirm_latest(won)  # between the job's read and its lock
    erased = services.erase_unconfirmed_signatures(ids=ids, before=before)

    assert erased.forms == 1
    assert services.confirm_signature(submission=lost_link) == services.Confirmation.UNUSABLE
    assert not services.withdraw_signature(submission=lost_link)
    assert list(Signature.objects.values_list("email", "status")) == [
        ("won@example.org", SignatureStatus.CONFIRMED)
    ]


def test_the_confirm_button_pressed_as_the_job_erases_answers_410_not_500(client, monkeypatch):
    statement = StatementFactory()
    signature = signed(statement)
    path = reverse("statements:confirm", kwargs={"token": link_token(signature, CONFIRM_SALT)})
    confirm = views.services.confirm_signature

    def job_first(*, submission):
        erase_unconfirmed(now=days_on(40))
        return confirm(submission=submission)

    monkeypatch.setattr(views.services, "confirm_signature", job_first)
    response = client.post(path)

    assert response.status_code == 410
    assert "This link can no longer be used" in response.content.decode()
    assert not Signature.objects.exists()
