"""Per-IP rate limits for supporter actions, judged in the background.

The request that takes an action does one INSERT whatever the address or the IP has done, so
neither its answer nor its timing says anything; the worker then asks `over_rate_limit` about
each row before acting on it, and an action over the limit is held silently (no email, not
counted). The windows are the same for every action (SIGNATURE_BURST_* and
SIGNATURE_SUSTAINED_* settings) unless an app passes its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet


def rate_windows() -> list[tuple[int, int]]:
    """(at most this many actions, in this many seconds): the burst and the sustained limit."""
    return [
        (settings.SIGNATURE_BURST_LIMIT, settings.SIGNATURE_BURST_SECONDS),
        (settings.SIGNATURE_SUSTAINED_LIMIT, settings.SIGNATURE_SUSTAINED_SECONDS),
    ]


def over_rate_limit(
    same_source: QuerySet,
    *,
    at: datetime,
    windows: Iterable[tuple[int, int]] | None = None,
    field: str = "created_at",
) -> bool:
    """Did the actions in `same_source` (one IP hash, one scope, up to and including the one
    judged, which was taken at `at`) pass the limit of any window ending at `at`?

    `same_source` is the app's own rows, filtered to what shares the limit, so the query uses
    the app's own index (scope, ip_hash, created_at).
    """
    for limit, seconds in rate_windows() if windows is None else windows:
        window_start = at - timedelta(seconds=seconds)
        # Counting stops one past the limit: an address that sent thousands costs no more
        # to judge than one that sent a few.
        if same_source.filter(**{f"{field}__gt": window_start})[: limit + 1].count() > limit:
            return True
    return False
