"""Conditional GET (RFC 9110 §13): whether a client's cached copy is still the current one, so
a view can answer 304 without building the body. Shared by every app's cacheable documents
(statements' count and share card, events' share card)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import parse_etags, parse_http_date_safe


def not_modified(request: HttpRequest, etag: str, last_modified: str = "") -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present; only without it If-Modified-Since."""
    if "If-None-Match" in request.headers:
        # Weak comparison (§13.1.2): a proxy may have turned our ETag into W/"…".
        wanted = {tag.removeprefix("W/") for tag in parse_etags(request.headers["If-None-Match"])}
        return etag.removeprefix("W/") in wanted or "*" in wanted
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    modified = parse_http_date_safe(last_modified)
    return since is not None and modified is not None and modified <= since
