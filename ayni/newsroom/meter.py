"""The fair meter: who may read a gated article in full, counted on the server.

A public article is everyone's and meets no meter. A members-only article is read in full by
a tier with full access; everyone else gets its preview and a prompt. A metered article is read
in full by a tier with full access, and by everyone else up to their allowance of distinct
metered articles in the window (NEWS_METER_WINDOW_DAYS): NEWS_METER_FREE for an anonymous
reader, NEWS_METER_SUBSCRIBER_EXTRA more for a subscriber, NEWS_METER_MEMBER for a free member.
An article already counted in the window is free to open again, in any of its languages (the
count names the original).

The count is kept against a reader row (models/meter.py): a member's own, or a browser's,
named by a signed, HttpOnly, SameSite=Lax first-party cookie set with the first metered article
(never before: public and members-only pages set none). A tampered cookie is no cookie; a
replayed one names the same reader, whose count stands. A browser without a valid cookie from
a keyed IP hash that has already opened NEWS_METER_IP_CEILING metered articles in the window,
or started as many fresh counts, meets the prompt, so a private window is no free pass. Past
the allowance the page gets only the preview: the rest is never rendered into the response.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from ayni.core.clientip import client_ip_hash
from ayni.members import selectors as members
from ayni.newsroom import selectors, tokens
from ayni.newsroom.enums import Visibility
from ayni.newsroom.models import Article
from ayni.newsroom.services import meter as meter_services

COOKIE = "ayni_meter"


class Prompt:
    """Why a reader gets the preview and what the page offers them."""

    NONE = ""
    # Past the metered allowance (or, without a cookie, past the IP hash's ceiling).
    METERED = "metered"
    # A members-only article, to a reader without full access.
    MEMBERS = "members"


@dataclass(frozen=True)
class Verdict:
    """What the article's page may send this reader.

    full: the whole text (else the preview and `prompt`); remaining: metered articles left in
    the window after this one (None when nothing is counted); per_reader: the page differs by
    reader (no shared cache); cookie: the meter cookie to set, if any; by_address: the prompt
    comes from the IP hash's ceiling, not this browser's own count."""

    full: bool
    prompt: str = Prompt.NONE
    remaining: int | None = None
    per_reader: bool = False
    cookie: str | None = None
    by_address: bool = False
    subscriber: bool = False
    member: bool = False

    @property
    def subscribe_extra(self) -> int:
        """The articles subscribing adds, offered to an anonymous reader past the meter."""
        if self.prompt != Prompt.METERED or self.subscriber or self.member:
            return 0
        return int(settings.NEWS_METER_SUBSCRIBER_EXTRA)


PUBLIC = Verdict(full=True)


def window_start() -> datetime:
    return timezone.now() - timedelta(days=settings.NEWS_METER_WINDOW_DAYS)


def as_the_public_sees(article: Article) -> Verdict:
    """The page as a reader past the meter sees it (the back office's preview)."""
    if not article.is_gated:
        return PUBLIC
    prompt = Prompt.MEMBERS if article.visibility == Visibility.MEMBERS else Prompt.METERED
    return Verdict(full=False, prompt=prompt, per_reader=True)


def _allowance(member_id: int | None, subscriber: bool) -> int:
    if member_id is not None:
        return int(settings.NEWS_METER_MEMBER)
    extra = settings.NEWS_METER_SUBSCRIBER_EXTRA if subscriber else 0
    return int(settings.NEWS_METER_FREE + extra)


def meter_article(request: HttpRequest, article: Article) -> Verdict:
    """Decide whether `request`'s reader may read `article` in full, and count it if so (see
    the module's docstring). Side effects: a first read in the window is recorded."""
    if not article.is_gated:
        return PUBLIC
    standing = members.reader_standing(request)
    # Whatever it says, the page is this reader's own.
    base = Verdict(
        full=False,
        per_reader=True,
        subscriber=standing.subscriber,
        member=standing.member_id is not None,
    )
    if standing.full_access:
        return replace(base, full=True)
    if article.visibility == Visibility.MEMBERS:
        return replace(base, prompt=Prompt.MEMBERS)

    since = window_start()
    cookie_id = tokens.meter_reader_id(request.COOKIES.get(COOKIE, ""))
    reader = None
    if standing.member_id is not None:
        reader = selectors.member_meter_reader(standing.member_id)
    elif cookie_id is not None:
        own = selectors.meter_reader(cookie_id)
        if own is None:
            cookie_id = None  # purged: a fresh meter
        else:
            reader = own.merged_into or own
    allowance = _allowance(standing.member_id, standing.subscriber)
    read = selectors.meter_reads(reader, since) if reader is not None else set()
    key = article.translation_of_id or article.pk
    if key in read:
        return replace(base, full=True, remaining=max(allowance - len(read), 0))
    if len(read) >= allowance:
        return replace(base, prompt=Prompt.METERED)
    if request.method == "HEAD":
        # No body is sent: a link checker's or a preview bot's HEAD counts against nobody.
        return replace(base, prompt=Prompt.METERED)
    # The IP hash's ceiling is for browsers the meter does not know: one with its own count or
    # a member is counted as such. A subscriber's browser without the cookie is not known (a
    # subscriber's count is the browser's: one dropping it would start afresh, every time).
    known = cookie_id is not None or standing.member_id is not None
    counted = meter_services.record_meter_read(
        reader=reader,
        member_id=standing.member_id,
        article_id=key,
        ip_hash=client_ip_hash(request),
        now=timezone.now(),
        since=since,
        allowance=allowance,
        ceiling=None if known else settings.NEWS_METER_IP_CEILING,
    )
    if counted is None:
        return replace(base, prompt=Prompt.METERED, by_address=not known)
    cookie = None
    if standing.member_id is None:
        # Set again with each article counted, so it lasts the window from the latest.
        cookie = tokens.meter_cookie(cookie_id or counted.pk)
    return replace(base, full=True, remaining=allowance - len(read) - 1, cookie=cookie)


def finish_response(request: HttpRequest, response: HttpResponse, verdict: Verdict) -> None:
    """A page that differs by reader is never stored by a shared cache nor served again from
    a private one; the meter cookie, when there is one to set."""
    if verdict.per_reader:
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
    if verdict.cookie is not None:
        response.set_cookie(
            COOKIE,
            verdict.cookie,
            max_age=settings.NEWS_METER_WINDOW_DAYS * 86400,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
            samesite="Lax",
        )


def merge_on_sign_in(request: HttpRequest, member_id: int) -> None:
    """A reader signed in as a member: the browser's count becomes theirs."""
    reader_id = tokens.meter_reader_id(request.COOKIES.get(COOKIE, ""))
    if reader_id is not None:
        meter_services.merge_meter_reader(reader_id=reader_id, member_id=member_id)


def prompt_links(article: Article) -> dict[str, str]:
    """Where the prompt leads, each back to the article afterwards."""
    query = urlencode({"next": article.get_absolute_url()})
    return {
        "subscribe_url": f"{reverse('members:subscribe')}?{query}",
        "join_url": f"{reverse('members:join')}?{query}",
    }


def privacy_context() -> dict[str, int]:
    """The figures the privacy page's note on the meter states."""
    return {"free": settings.NEWS_METER_FREE, "days": settings.NEWS_METER_WINDOW_DAYS}
