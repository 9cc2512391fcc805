"""The outbox's prepared UPDATEs (ayni/supporters/outbox_sql.py) against the ORM's: the same
rows claimed, the same fields written, on every state a row can be in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.supporters import outbox, outbox_sql
from tests.pledges.models import Pledge
from tests.pledges.services import make_pledge

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TIMED_OUT = NOW - timedelta(seconds=outbox.CLAIM_SECONDS)
DEAD_BEFORE = NOW - timedelta(seconds=60)
# (email due, claimed at) — every case the conditions tell apart, boundaries included.
STATES = {
    "due, never claimed": ("confirm", None),
    "due, claimed just now": ("confirm", NOW - timedelta(seconds=1)),
    "due, claimed by a dead worker": ("confirm", DEAD_BEFORE - timedelta(seconds=1)),
    "due, claimed at the dead line": ("confirm", DEAD_BEFORE),
    "due, claim timed out": ("confirm", TIMED_OUT - timedelta(seconds=1)),
    "due, claimed at the time-out": ("confirm", TIMED_OUT),
    "not due": ("", None),
    "not due, claimed long ago": ("", TIMED_OUT - timedelta(days=1)),
}
FIELDS = ["email_due", "email_due_at", "email_queued_at", "email_claimed_at", "emailed_at"]


def rows_in_every_state() -> dict[str, int]:
    ids = {}
    for index, (name, (due, claimed_at)) in enumerate(STATES.items()):
        pledge = make_pledge(
            name="Ana", email=f"ana.{index}@example.org", language="en", wants_updates=False
        )
        Pledge.objects.filter(pk=pledge.pk).update(
            email_due=due, email_claimed_at=claimed_at, email_queued_at=NOW
        )
        ids[name] = pledge.pk
    return ids


def state(pk: int) -> dict:
    return Pledge.objects.filter(pk=pk).values(*FIELDS).get()


@pytest.mark.parametrize("dead_before", [None, DEAD_BEFORE])
def test_a_claim_takes_exactly_the_rows_the_orms_update_would(dead_before):
    ids = rows_in_every_state()
    free = outbox.Unclaimed(timed_out=TIMED_OUT, dead_before=dead_before)
    claim_at = NOW + timedelta(seconds=5)
    # What the ORM would claim (read, not written), then what the prepared UPDATE claims.
    orm = {
        name: Pledge.objects.filter(pk=pk).exclude(email_due="").filter(free.q).exists()
        for name, pk in ids.items()
    }
    before = {name: state(pk) for name, pk in ids.items()}

    claimed = {name: outbox.claim(Pledge, pk, now=claim_at, free=free) for name, pk in ids.items()}

    assert claimed == orm
    assert claimed["due, never claimed"] and not claimed["not due"]
    assert claimed["due, claimed by a dead worker"] is (dead_before is not None)
    for name, pk in ids.items():
        expected = {**before[name], "email_claimed_at": claim_at} if orm[name] else before[name]
        assert state(pk) == expected, name


@pytest.mark.parametrize("sent_at", [None, NOW])
def test_emptying_the_outbox_writes_what_the_orms_update_writes(sent_at):
    first, second = (
        make_pledge(name="Ana", email="a@example.org", language="en", wants_updates=False),
        make_pledge(name="Bo", email="b@example.org", language="en", wants_updates=False),
    )
    done = {"email_due": "", "email_due_at": None, "email_queued_at": None}
    done["email_claimed_at"] = None
    if sent_at is not None:
        done["emailed_at"] = sent_at
    Pledge.objects.filter(pk=first.pk).update(**done)

    outbox_sql.empty_outbox(Pledge, second.pk, sent_at=sent_at)

    assert state(second.pk) == state(first.pk)
    assert state(second.pk)["email_due"] == ""
    assert state(second.pk)["emailed_at"] == sent_at


def test_each_is_one_query(django_assert_num_queries):
    pledge = make_pledge(name="Ana", email="a@example.org", language="en", wants_updates=False)
    free = outbox.Unclaimed(timed_out=TIMED_OUT, dead_before=DEAD_BEFORE)

    with django_assert_num_queries(2):
        assert outbox.claim(Pledge, pledge.pk, now=NOW, free=free)
        outbox.mark_sent(Pledge, pledge.pk, sent_at=NOW)


def test_putting_back_restores_what_the_claim_found_unless_the_row_changed_since():
    kept, changed = (
        make_pledge(name="Ana", email="a@example.org", language="en", wants_updates=False),
        make_pledge(name="Bo", email="b@example.org", language="en", wants_updates=False),
    )
    Pledge.objects.update(email_queued_at=NOW, emailed_at=NOW - timedelta(days=2))
    before = {pk: state(pk) for pk in (kept.pk, changed.pk)}
    found = {
        pk: outbox_sql.claim_row(Pledge, pk, now=NOW, timed_out=TIMED_OUT, dead_before=None)
        for pk in (kept.pk, changed.pk)
    }
    for pk in (kept.pk, changed.pk):
        outbox_sql.empty_outbox(Pledge, pk, sent_at=NOW)
    Pledge.objects.filter(pk=changed.pk).update(email_due="confirm")  # due again meanwhile
    changed_since = state(changed.pk)

    assert outbox_sql.put_back(Pledge, kept.pk, found[kept.pk], sent_at=NOW) == 1
    assert outbox_sql.put_back(Pledge, changed.pk, found[changed.pk], sent_at=NOW) == 0

    assert state(kept.pk) == before[kept.pk]
    assert state(changed.pk) == changed_since
