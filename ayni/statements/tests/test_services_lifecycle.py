"""services.lifecycle: each step applies only where it makes sense, and changes nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ayni.statements import services
from ayni.statements.enums import StatementState
from ayni.statements.models import Statement, StatementTally
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def row(statement) -> tuple:
    return Statement.objects.values_list("state", "opened_at", "closed_at").get(pk=statement.pk)


def test_publish_opens_a_draft_with_a_tally():
    draft = StatementFactory(state=StatementState.DRAFT, opened_at=None)
    StatementTally.objects.filter(statement=draft).delete()

    services.publish_statement(statement=draft)

    state, opened_at, closed_at = row(draft)
    assert state == StatementState.OPEN and opened_at is not None and closed_at is None
    assert StatementTally.objects.filter(statement=draft).count() == 1


def test_close_then_reopen_keeps_the_first_opening():
    statement = StatementFactory()
    first_opened = row(statement)[1]

    services.close_statement(statement=statement)
    closed = row(statement)
    services.reopen_statement(statement=statement)

    assert closed[0] == StatementState.CLOSED and closed[2] is not None
    assert row(statement) == (StatementState.OPEN, first_opened, None)


@pytest.mark.parametrize(
    ("state", "step", "code"),
    [
        (StatementState.OPEN, services.publish_statement, "not_draft"),
        (StatementState.CLOSED, services.publish_statement, "not_draft"),
        (StatementState.DRAFT, services.close_statement, "not_open"),
        (StatementState.CLOSED, services.close_statement, "not_open"),
        (StatementState.DRAFT, services.reopen_statement, "not_closed"),
        (StatementState.OPEN, services.reopen_statement, "not_closed"),
    ],
)
def test_a_step_that_does_not_apply_is_refused(state, step, code):
    statement = StatementFactory(state=state)
    before = row(statement)

    with pytest.raises(ValidationError) as refusal:
        step(statement=statement)

    assert refusal.value.code == code
    assert row(statement) == before


def test_the_database_decides_not_a_stale_copy():
    statement = StatementFactory()
    stale = Statement.objects.get(pk=statement.pk)
    services.close_statement(statement=statement)

    with pytest.raises(ValidationError):
        services.close_statement(statement=stale)

    assert stale.state == StatementState.CLOSED


@pytest.mark.parametrize(
    ("state", "step"),
    [
        (StatementState.DRAFT, services.publish_statement),
        (StatementState.CLOSED, services.reopen_statement),
    ],
)
def test_nothing_opens_past_its_deadline(state, step):
    statement = StatementFactory(state=state, deadline=timezone.now() - timedelta(minutes=1))
    before = row(statement)

    with pytest.raises(ValidationError) as refusal:
        step(statement=statement)

    assert refusal.value.code == "past_deadline"
    assert row(statement) == before


def test_the_deadline_job_closes_only_what_is_open_and_due():
    due = StatementFactory(deadline=timezone.now() - timedelta(minutes=1))
    later = StatementFactory(deadline=timezone.now() + timedelta(days=1))
    draft = StatementFactory(
        state=StatementState.DRAFT, deadline=timezone.now() - timedelta(days=1)
    )

    assert services.close_expired_statements() == 1

    assert [row(s)[0] for s in (due, later, draft)] == [
        StatementState.CLOSED,
        StatementState.OPEN,
        StatementState.DRAFT,
    ]


def test_deadline_closes_the_statement():
    now = timezone.now()
    expired = StatementFactory(deadline=now - timedelta(minutes=1))
    running = StatementFactory(deadline=now + timedelta(days=1))
    forever = StatementFactory(deadline=None)
    draft = StatementFactory(state=StatementState.DRAFT, deadline=now - timedelta(days=1))

    closed = services.close_expired_statements()

    assert closed == 1
    states = dict(Statement.objects.values_list("slug", "state"))
    assert states == {
        expired.slug: StatementState.CLOSED,
        running.slug: StatementState.OPEN,
        forever.slug: StatementState.OPEN,
        draft.slug: StatementState.DRAFT,
    }
    assert Statement.objects.get(pk=expired.pk).closed_at is not None
    assert services.close_expired_statements() == 0
