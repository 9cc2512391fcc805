"""Retries for background tasks, and the tidying of their bookkeeping.

django-tasks marks a task that raises as failed and stops there. `retried` puts a fresh
attempt on the queue with exponential back-off instead, so a passing fault (SMTP down,
database busy) heals itself; tasks are written to be safe to run twice.

An attempt that will be retried is not a failure: it ends normally, its result saying which
attempt comes next and why (`{"retry_scheduled": {...}}`), and the next attempt waits on the
queue (READY, run_after in the future). So while the mail server is down the back office shows
tasks waiting to retry, not a pile of failed ones; only the last attempt's failure is recorded
as FAILED. Once a task is done for good (delivered, or given up), the rows of its earlier
attempts are deleted (`prune_retried_attempts`, a periodic job).
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

RETRY_SCHEDULED = "retry_scheduled"  # the key of a retried attempt's result


def backoff_seconds(attempt: int) -> int:
    return min(10 * 2 ** (attempt - 1), 3600)


def retry_span_seconds() -> int:
    """How long a task keeps being retried before its failure is final."""
    return sum(backoff_seconds(attempt) for attempt in range(1, settings.TASK_MAX_ATTEMPTS))


def retried(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Exception as error:
            if attempt >= settings.TASK_MAX_ATTEMPTS:
                logger.error("%s failed after %d attempts", func.__name__, attempt)
                raise
            task = import_string(f"{func.__module__}.{func.__name__}")
            run_after = timezone.now() + timedelta(seconds=backoff_seconds(attempt))
            following = task.using(run_after=run_after).enqueue(
                *args, attempt=attempt + 1, **kwargs
            )
            logger.warning(
                "%s attempt %d failed (%r); retrying at %s",
                func.__name__,
                attempt,
                error,
                run_after,
            )
            return {
                RETRY_SCHEDULED: {
                    "attempt": attempt + 1,
                    "of": settings.TASK_MAX_ATTEMPTS,
                    "run_after": run_after.isoformat(),
                    "task_id": str(following.id),
                    "error": repr(error)[:1000],
                }
            }

    return wrapper


def retry_scheduled(result: DBTaskResult) -> dict[str, Any] | None:
    """What a finished attempt says about the retry it scheduled (None: it was not retried)."""
    value = result.return_value
    if result.status == TaskResultStatus.SUCCESSFUL and isinstance(value, dict):
        scheduled = value.get(RETRY_SCHEDULED)
        if isinstance(scheduled, dict):
            return scheduled
    return None


def prune_retried_attempts() -> int:
    """Delete the rows of retried attempts once their task is done for good (periodic job).

    An attempt that scheduled a retry points at the next attempt; following the chain leads to
    the last one. When that one has finished (delivered, or failed for good, its row then
    holding the error), the earlier attempts have nothing more to tell and are deleted; while
    it still waits or runs, they stay, so the back office shows why. Returns how many went.
    """
    following: dict[uuid.UUID, uuid.UUID] = {}
    for result in DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, return_value__has_key=RETRY_SCHEDULED
    ).only("id", "status", "return_value"):
        scheduled = retry_scheduled(result)
        if scheduled is not None:
            following[result.id] = uuid.UUID(scheduled["task_id"])
    if not following:
        return 0
    last_of: dict[uuid.UUID, uuid.UUID] = {}
    for first in following:
        last, seen = following[first], {first}
        while last in following and last not in seen:
            seen.add(last)
            last = following[last]
        last_of[first] = last
    unfinished = set(
        DBTaskResult.objects.filter(
            id__in=set(last_of.values()),
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        ).values_list("id", flat=True)
    )
    done = [attempt for attempt, last in last_of.items() if last not in unfinished]
    deleted = 0
    for start in range(0, len(done), 500):
        deleted += DBTaskResult.objects.filter(id__in=done[start : start + 500]).delete()[0]
    return deleted
