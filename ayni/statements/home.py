"""Statements' blocks on the home page (declared in platform.py): the featured statement as
the call to action, then the others, open before closed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ayni.core.per_request import once_per_request
from ayni.statements import selectors
from ayni.statements.models import Statement


def _statements(request: HttpRequest) -> list[Statement]:
    """Both blocks read the same list; fetch it once per request."""
    return once_per_request(request, "statements.open_first", selectors.statements_open_first)


def featured_block(request: HttpRequest) -> dict[str, Any] | None:
    statement = selectors.featured_statement(_statements(request))
    if statement is None:
        return None
    return {
        "statement": statement,
        "text": selectors.statement_text(statement),
        "count": selectors.tallied_count(statement),
    }


def statements_block(request: HttpRequest) -> dict[str, Any] | None:
    statements = _statements(request)
    featured = selectors.featured_statement(statements)
    others = [s for s in statements if s != featured]
    if not others:
        return None
    return {"items": [(s, selectors.statement_text(s), selectors.tallied_count(s)) for s in others]}
