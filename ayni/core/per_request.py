"""A value computed at most once per request, for the parts of one page that share a read
(the home page's blocks each ask for the same list)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import HttpRequest

T = TypeVar("T")
ATTRIBUTE = "_ayni_per_request"


def once_per_request(request: HttpRequest, key: str, compute: Callable[[], T]) -> T:
    """`compute()` the first time `key` is asked for during `request`, the same value after.
    Keys are shared by every app: prefix them with the app's label ("statements.open_first")."""
    memo: dict[str, object] = request.__dict__.setdefault(ATTRIBUTE, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]
