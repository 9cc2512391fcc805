"""The motion page's roll-up, computed once and kept until the verified reports change.

Measured (`make bench BENCH_ARGS="--only page,motion_page"`, docs/performance.md § Motions):
with 5,000 verified reports over 20,000 bodies, computing the roll-up, grouping the amended
texts and drawing the section took most of the motion page's time (the page's p50 several
times the 100 ms target). Kept, it costs one query (the stamp) and two cache reads.

The key holds a stamp read in one query (`selectors.rollup_stamp`): how many verified reports
the motion has, the newest one's id, the last verification, and how many of their forwardings
wait or were heard. Verifying, rejecting, merging or un-verifying a report, or a forwarding
heard, is a new stamp, so the figures change at once. What the stamp does not see (a body or
organisation renamed, a commitment corrected on a verified report) shows within
ROLLUP_SECONDS. The section is kept per language (its words are translated); the figures
once. Tested against the plain computation (tests/test_rollup_cache.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

ROLLUP_SECONDS = 300

T = TypeVar("T")


def stamp_key(kind: str, slug: str, stamp: tuple[object, ...], language: str = "") -> str:
    """The key of `kind` ("figures", "section") for the motion at this stamp."""
    parts = ".".join(str(part) for part in stamp)
    return f"motion-rollup:{kind}:{slug}:{language}:{parts}"


def kept(key: str, compute: Callable[[], T]) -> T:
    """The value kept under `key`, or `compute()`'s, kept for ROLLUP_SECONDS."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, ROLLUP_SECONDS)
    return value
