"""Statement life cycle: publish, close, close at the deadline."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from ayni.statements.enums import StatementState
from ayni.statements.models import (
    Statement,
    StatementTally,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def open_statement(*, statement: Statement) -> Statement:
    """Publish a draft (or reopen a closed statement). Side effects: state, opened_at, a tally row."""
    statement.state = StatementState.OPEN
    statement.opened_at = statement.opened_at or timezone.now()
    statement.closed_at = None
    statement.save(update_fields=["state", "opened_at", "closed_at", "updated_at"])
    StatementTally.objects.get_or_create(statement=statement)
    return statement


@transaction.atomic
def close_statement(*, statement: Statement) -> Statement:
    """Stop taking signatures; the count and wall stay. Side effects: state, closed_at."""
    statement.state = StatementState.CLOSED
    statement.closed_at = timezone.now()
    statement.save(update_fields=["state", "closed_at", "updated_at"])
    return statement


def close_expired_statements() -> int:
    """Close open statements whose deadline has passed (periodic job)."""
    closed = 0
    for statement in Statement.objects.filter(
        state=StatementState.OPEN, deadline__lte=timezone.now()
    ):
        close_statement(statement=statement)
        closed += 1
    return closed


def save_statement(*, statement: Statement) -> Statement:
    """Save a statement edited in the back office. Side effect: featuring it unfeatures the
    one featured before (the home page leads with one)."""
    with transaction.atomic():
        if statement.featured:
            Statement.objects.filter(featured=True).exclude(pk=statement.pk).update(featured=False)
        statement.save()
    return statement
