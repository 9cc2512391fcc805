"""The supporters' outbox on a second action's table: claims, batches, failures, cancels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.core.models import WorkerHeartbeat
from ayni.supporters import outbox
from tests.pledges.models import Pledge
from tests.pledges.services import make_pledge, send_pledge_email

pytestmark = pytest.mark.django_db


def due_pledge(email: str = "ana@example.org") -> Pledge:
    return make_pledge(name="Ana", email=email, language="en", wants_updates=False)


def test_claim_is_taken_once():
    pledge = due_pledge()
    now = timezone.now()

    assert outbox.claim(Pledge, pledge.pk, now=now) is True
    assert outbox.claim(Pledge, pledge.pk, now=now) is False


def test_claim_of_a_dead_worker_is_free_again():
    pledge = due_pledge()
    claimed_at = timezone.now() - timedelta(seconds=30)
    Pledge.objects.filter(pk=pledge.pk).update(email_claimed_at=claimed_at)
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="young", started_at=now, seen_at=now)

    assert outbox.claim(Pledge, pledge.pk, now=now) is True


def test_claim_of_a_live_sender_is_left_alone():
    pledge = due_pledge()
    claimed_at = timezone.now() - timedelta(seconds=30)
    Pledge.objects.filter(pk=pledge.pk).update(email_claimed_at=claimed_at)
    WorkerHeartbeat.objects.create(
        worker_id="old", started_at=claimed_at - timedelta(hours=1), seen_at=timezone.now()
    )

    assert outbox.claim(Pledge, pledge.pk, now=timezone.now()) is False


def test_a_failing_email_gives_its_claim_back_and_the_batch_goes_on(mailbox, monkeypatch):
    good, bad = due_pledge("good@example.org"), due_pledge("bad@example.org")
    real_send = outbox.send_action_email

    def send(*, to, **kwargs):
        if to == bad.email:
            raise ConnectionRefusedError("mail server down")
        return real_send(to=to, **kwargs)

    monkeypatch.setattr(outbox, "send_action_email", send)

    with pytest.raises(ConnectionRefusedError):
        outbox.send_batch([bad.pk, good.pk], send_pledge_email)

    assert [m["To"] for m in mailbox.messages] == ["good@example.org"]
    bad.refresh_from_db()
    assert (bad.email_due, bad.email_claimed_at) == ("confirm", None)  # for the retry
    assert Pledge.objects.get(pk=good.pk).email_due == ""


def test_cancel_due_empties_the_outbox_of_those_rows_only():
    kept, cancelled = due_pledge("kept@example.org"), due_pledge("gone@example.org")

    assert outbox.cancel_due(Pledge.objects.filter(pk=cancelled.pk)) == 1

    assert Pledge.objects.get(pk=cancelled.pk).email_due == ""
    assert Pledge.objects.get(pk=kept.pk).email_due == "confirm"


def test_dispatch_queues_in_batches_and_once(settings):
    for n in range(5):
        due_pledge(f"p{n}@example.org")
    batches = []

    assert outbox.dispatch_due(Pledge, batches.append, batch=2) == 5
    assert outbox.dispatch_due(Pledge, batches.append, batch=2) == 0

    assert [len(ids) for ids in batches] == [2, 2, 1]
