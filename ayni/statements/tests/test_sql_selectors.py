"""The plain-SQL statement reads (statements/sql_selectors.py) against their ORM versions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.statements.enums import StatementState
from ayni.statements.models import Statement, StatementTally
from ayni.statements.services import close_statement
from ayni.statements.sql_selectors import public_statement_alone, public_statement_stamp
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def orm_public_statement(slug: str) -> Statement | None:
    return Statement.objects.exclude(state=StatementState.DRAFT).filter(slug=slug).first()


def orm_stamp(slug: str) -> tuple | None:
    """What the stamp stands for, read with the ORM: the statement's and its tally's
    updated_at, whether it is open now, and whether the page shows a date."""
    statement = orm_public_statement(slug)
    if statement is None:
        return None
    tally = StatementTally.objects.filter(statement=statement).first()
    return (
        statement.pk,
        statement.updated_at,
        tally.updated_at if tally else None,
        statement.is_open,
        statement.deadline is not None or statement.closed_at is not None,
    )


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"deadline": timezone.now() + timedelta(days=3), "goal": 1000},
        {"state": StatementState.CLOSED, "closed_at": timezone.now()},
        {"deadline": timezone.now() - timedelta(days=1)},
    ],
    ids=["open", "deadline-and-goal", "closed", "deadline-passed"],
)
def test_the_statement_alone_is_the_orms_statement_field_by_field(fields):
    statement = StatementFactory(**fields)

    quick = public_statement_alone(statement.slug)

    orm = Statement.objects.get(pk=statement.pk)
    assert quick is not None and not quick._state.adding and quick._state.db == orm._state.db
    for field in Statement._meta.concrete_fields:
        assert getattr(quick, field.attname) == getattr(orm, field.attname), field.name
        assert type(getattr(quick, field.attname)) is type(getattr(orm, field.attname)), field.name


def test_a_draft_or_unknown_slug_is_none_as_with_the_orm():
    draft = StatementFactory(state=StatementState.DRAFT)

    for slug in (draft.slug, "no-such-statement"):
        assert public_statement_alone(slug) is None
        assert public_statement_stamp(slug) is None
        assert orm_public_statement(slug) is None


def test_the_stamp_changes_exactly_when_the_orm_reading_changes():
    statement = StatementFactory(deadline=timezone.now() + timedelta(days=3))
    other = StatementFactory()
    seen = []

    def look() -> None:
        stamp = public_statement_stamp(statement.slug)
        assert stamp is not None
        seen.append((stamp.version, stamp.shows_date, orm_stamp(statement.slug)))

    look()
    look()  # nothing changed
    StatementTally.objects.filter(statement=statement).update(updated_at=timezone.now())
    look()  # a roll-up moved its count
    StatementTally.objects.filter(statement=other).update(updated_at=timezone.now())
    look()  # another statement's count moved: not this page
    statement.goal = 10
    statement.save()
    look()  # edited
    close_statement(statement=Statement.objects.get(pk=statement.pk))
    look()  # closed

    for (version, shows_date, orm), (next_version, _shows, next_orm) in zip(
        seen, seen[1:], strict=False
    ):
        assert shows_date == orm[4]
        assert (version == next_version) == (orm == next_orm)
    assert len({version for version, _shows, _orm in seen}) == 4


def test_the_stamp_changes_when_the_deadline_passes_and_nothing_is_saved():
    statement = StatementFactory(deadline=timezone.now() + timedelta(seconds=30))
    before = public_statement_stamp(statement.slug)

    Statement.objects.filter(pk=statement.pk).update(
        deadline=timezone.now() - timedelta(seconds=1), updated_at=statement.updated_at
    )

    after = public_statement_stamp(statement.slug)
    assert orm_stamp(statement.slug)[3] is False  # the ORM says closed too
    assert before is not None and after is not None and before.version != after.version
