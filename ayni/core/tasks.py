"""Retries for background tasks.

django-tasks marks a task that raises as failed and stops there. `retried` puts a
fresh attempt on the queue with exponential back-off before the failure is recorded,
so a passing fault (SMTP down, database busy) heals itself; tasks are written to be
safe to run twice.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


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
        except Exception:
            if attempt < settings.TASK_MAX_ATTEMPTS:
                task = import_string(f"{func.__module__}.{func.__name__}")
                run_after = timezone.now() + timedelta(seconds=backoff_seconds(attempt))
                task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
                logger.warning(
                    "%s attempt %d failed; retrying at %s", func.__name__, attempt, run_after
                )
            else:
                logger.error("%s failed after %d attempts", func.__name__, attempt)
            raise

    return wrapper
