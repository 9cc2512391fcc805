"""Statement life cycle: publish, close, reopen, close at the deadline.

`publish_statement`, `close_statement` and `reopen_statement` are the steps an organiser takes
(the back office's buttons and bulk actions). Each checks the row as it is in the database, under
a lock, and refuses a step that does not apply with a ValidationError, changing nothing.
`open_statement` is the unchecked step beneath them (demo data, benchmarks).
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.statements.enums import StatementState
from ayni.statements.models import (
    Statement,
    StatementTally,
)

logger = logging.getLogger(__name__)


def _lock(statement: Statement) -> None:
    """Lock the statement's row until the transaction ends and take its state from it, so two
    organisers pressing buttons at once cannot both act on what each saw before."""
    state, deadline = (
        Statement.objects.select_for_update()
        .filter(pk=statement.pk)
        .values_list("state", "deadline")
        .get()
    )
    statement.state, statement.deadline = state, deadline


def _refuse_past_deadline(statement: Statement) -> None:
    # It would close again at the next run of the deadline job, having taken nothing.
    if statement.deadline is not None and statement.deadline <= timezone.now():
        raise ValidationError(
            _("Its deadline has passed: set a later deadline (and save) first."),
            code="past_deadline",
        )


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
def publish_statement(*, statement: Statement) -> Statement:
    """Open a draft for signatures. Refused (ValidationError, nothing changed) unless it is a
    draft whose deadline, if it has one, is ahead. Side effects: as `open_statement`."""
    _lock(statement)
    if statement.state != StatementState.DRAFT:
        raise ValidationError(_("It is not a draft: it was published already."), code="not_draft")
    _refuse_past_deadline(statement)
    logger.info("Statement %s published", statement.slug)
    return open_statement(statement=statement)


@transaction.atomic
def reopen_statement(*, statement: Statement) -> Statement:
    """Take signatures again on a closed statement. Refused (ValidationError, nothing changed)
    unless it is closed and its deadline, if it has one, is ahead. Side effects: as
    `open_statement` (opened_at keeps the first opening)."""
    _lock(statement)
    if statement.state != StatementState.CLOSED:
        raise ValidationError(_("It is not closed."), code="not_closed")
    _refuse_past_deadline(statement)
    logger.info("Statement %s reopened", statement.slug)
    return open_statement(statement=statement)


@transaction.atomic
def close_statement(*, statement: Statement) -> Statement:
    """Stop taking signatures; the count and wall stay. Refused (ValidationError, nothing
    changed) unless it is open. Side effects: state, closed_at.

    closed_at is when signing stopped: now, or the deadline if that passed first (the sweep
    that closes expired statements, or an organiser, may come after it).
    """
    _lock(statement)
    if statement.state != StatementState.OPEN:
        raise ValidationError(_("It is not open."), code="not_open")
    now = timezone.now()
    statement.state = StatementState.CLOSED
    statement.closed_at = min(now, statement.deadline) if statement.deadline else now
    statement.save(update_fields=["state", "closed_at", "updated_at"])
    return statement


def close_expired_statements() -> int:
    """Close open statements whose deadline has passed (periodic job)."""
    closed = 0
    for statement in Statement.objects.filter(
        state=StatementState.OPEN, deadline__lte=timezone.now()
    ):
        try:
            close_statement(statement=statement)
        except ValidationError:
            continue  # closed by an organiser since the query: nothing left to do
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
