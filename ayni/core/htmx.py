from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """A request made by htmx (it swaps a partial; no full page)."""
    # META rather than request.headers, which builds a dict of every header on first use.
    meta = request.META
    return meta.get("HTTP_HX_REQUEST") == "true" and meta.get("HTTP_HX_BOOSTED") != "true"
