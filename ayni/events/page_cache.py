"""The event page, rendered once and served to every anonymous reader until it may change.

Measured (`make bench`, docs/performance.md § Events): rendered whole on every request, the event
page answered at a small fraction of the statement page's rate (the register form's country list
is most of the work), and an event's page is what its hosts' links point to in the hour before
it starts. Kept whole (`core.page_cache.cached_form_page`), it is filled in per reader with
their CSRF token and the `?via=` host their link names (so the hosts' links share one copy).

The key holds a stamp read in one query (`selectors.event_page_stamp`): when the event was last
saved (the organiser's edits, a new state, a recording), its places taken and waiting (the
"places left" line and whether the form offers a place or the waiting list), and which of its
moments have passed (registration opening and closing, the start, the end), so the page offers
registration exactly when the register view accepts it. What the stamp does not see (a speaker's
bio edited on the speaker's own page, a host renamed) shows within `FORM_PAGE_SECONDS`.
A reader with a session or flash messages gets the plainly rendered page. Tested against the
plain rendering (events/tests/test_page_cache.py).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language

from ayni.events.models import Event


def page_key(stamp: Event, *, via: bool) -> str:
    """The cache key of the event page that `stamp` (`selectors.event_page_stamp`) describes,
    in the current language, with or without a `via` host filled in."""
    now = timezone.now()
    moments = (
        stamp.registration_opens_at,
        stamp.registration_closes_at,
        stamp.starts_at,
        stamp.ends_at,
    )
    passed = "".join("1" if moment is not None and moment <= now else "0" for moment in moments)
    counts = f"{stamp.places_taken}.{stamp.places_waiting}"  # type: ignore[attr-defined]
    saved = stamp.updated_at.timestamp()
    return (
        f"event-page:{stamp.slug}:{get_language()}:{'via' if via else '-'}:"
        f"{stamp.state}:{saved}:{counts}:{passed}"
    )
