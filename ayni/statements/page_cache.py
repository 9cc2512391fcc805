"""The statement page, rendered once and served to every anonymous reader until it may change.

Measured (`bench/speedups.py`, figures in docs/performance.md § "The speed-ups, each against its
plain version"): rendering the page (the country list above all) costs many times what filling
a cached copy does, and the statement page is the one every campaign link points to.

The page is the same for every anonymous reader of one language and time zone, apart from the
CSRF token. So it is kept with a placeholder for the token (`core.page_cache.cached_form_page`)
until the statement or its tally changes (a roll-up that moves the count also moves the wall and
the countries), or `core.page_cache.FORM_PAGE_SECONDS` pass (edits that touch neither, such as a
moderator renaming a signatory, show within that time). The language switch and the alternates
are built from the path alone, so they too are the same for every reader of one page. A reader
with a session or flash messages gets the plainly rendered page (`core.page_cache.is_personal`,
the rule of the home page's simpler cache). Tested against the plain rendering
(statements/tests/test_page_cache.py). New pages render plainly; they earn a cache with a benchmark.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from ayni.core.page_cache import is_personal
from ayni.statements.sql_selectors import public_statement_stamp


def page_cache_key(request: HttpRequest, slug: str) -> str | None:
    """None when the page may be personal (a session, flash messages) or is not public."""
    if is_personal(request):
        return None
    stamp = public_statement_stamp(slug)
    if stamp is None:
        return None
    # The time zone matters only for a date (deadline, closing day); leaving it out otherwise
    # keeps the number of copies (and what a stream of made-up time zone cookies could fill
    # memory with) small.
    zone = timezone.get_current_timezone_name() if stamp.shows_date else "-"
    return f"statement-page:{slug}:{get_language()}:{zone}:{stamp.version}"
