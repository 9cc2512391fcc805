"""services/signing.py, the per-IP rate limit: signings over it are held as suspect, without an
email."""

from __future__ import annotations

import pytest

from ayni.statements import services
from ayni.statements.enums import HoldReason, SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.tests.helpers import (
    emails_to,
    held_silently,
    pending,
    sign_as_ana,
    sign_petition,
    submitted,
    told_to_check_inbox,
)
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def outcomes(statement) -> list[str]:
    services.process_submissions()
    rows = Submission.objects.filter(statement=statement).order_by("created_at")
    return list(rows.values_list("outcome", flat=True))


@pytest.fixture
def limits(settings):
    settings.SIGNATURE_BURST_LIMIT = 3
    settings.SIGNATURE_BURST_SECONDS = 60
    settings.SIGNATURE_SUSTAINED_LIMIT = 5
    settings.SIGNATURE_SUSTAINED_SECONDS = 3600


def test_burst_over_the_limit_is_held_as_suspect_without_email(limits, mailbox, run_tasks):
    statement = StatementFactory()
    for seconds_ago in (50, 40, 30, 20, 10):
        submitted(statement, seconds_ago=seconds_ago)
    submitted(statement, seconds_ago=5, ip_hash="someone-else")

    assert outcomes(statement) == ["new"] * 3 + ["held"] * 2 + ["new"]
    run_tasks()

    assert len(mailbox.messages) == 4
    held = Signature.objects.filter(status=SignatureStatus.SUSPECT)
    assert list(held.values_list("hold_reason", flat=True)) == ["rate_limit"] * 2


def test_burst_window_slides(limits):
    statement = StatementFactory()
    # Four within three minutes, but never more than three within one minute.
    for seconds_ago in (200, 150, 100, 0):
        submitted(statement, seconds_ago=seconds_ago)

    assert outcomes(statement) == ["new"] * 4


def test_sustained_limit_catches_a_slow_steady_stream(limits):
    statement = StatementFactory()
    for n in range(7):  # one every ten minutes: under the burst limit throughout
        submitted(statement, seconds_ago=3000 - n * 500)

    assert outcomes(statement) == ["new"] * 5 + ["held"] * 2


def test_sustained_window_forgets_the_old(limits):
    statement = StatementFactory()
    for seconds_ago in (7200, 7000, 6800, 6600, 6400, 100):
        submitted(statement, seconds_ago=seconds_ago)

    assert set(outcomes(statement)) == {"new"}


def test_rate_limit_counts_per_statement(limits):
    first, second = StatementFactory(), StatementFactory()
    for seconds_ago in (30, 20, 10):
        submitted(first, seconds_ago=seconds_ago)
        submitted(second, seconds_ago=seconds_ago)

    assert set(outcomes(first)) | set(outcomes(second)) == {"new"}


def test_a_repeat_over_the_limit_leaves_the_pending_signature_alone(limits, mailbox, run_tasks):
    statement = StatementFactory()
    mine = pending(statement, ip_hash="home", email="mine@example.org")
    for seconds_ago in (30, 20, 10):
        submitted(statement, seconds_ago=seconds_ago, ip_hash="flood")
    submitted(statement, seconds_ago=1, ip_hash="flood", email="mine@example.org", name="Not Me")

    assert outcomes(statement)[-1] == "held"
    signature = Signature.objects.get(email_normalised="mine@example.org")
    assert (signature.status, signature.name) == (SignatureStatus.PENDING, "Sam Sampler")
    assert mine.links_live is True


def test_rate_limit_marks_suspect_and_sends_nothing(client, mailbox, run_tasks, settings):
    settings.SIGNATURE_BURST_LIMIT = 3
    statement = StatementFactory()
    for n in range(5):
        sign_as_ana(client, statement, email=f"person{n}@example.org")

    run_tasks()

    statuses = list(Signature.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["pending"] * 3 + ["suspect"] * 2
    assert len(mailbox.messages) == 3


def test_suzie_cannot_validate_her_signature_when_ip_address_is_rate_limited(
    client, mailbox, run_tasks, petition, settings
):
    """Scenario: Suzie cannot validate her signature when IP address is rate limited —
    features/suzie_signs_a_petition.feature (burst limit 1 a minute, a signature already from
    her IP address)."""
    settings.SIGNATURE_BURST_LIMIT = 1
    told_to_check_inbox(
        client,
        sign_petition(client, petition, name="Existing Signer", email="existing@example.com"),
        petition,
    )
    run_tasks()
    assert len(emails_to(mailbox, "existing@example.com")) == 1

    held_silently(client, mailbox, run_tasks, petition, HoldReason.RATE_LIMIT)
