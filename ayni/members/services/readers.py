"""Which browsers stand for a member or a confirmed subscriber (ReaderSession rows).

`selectors.reader_standing` reads them; these write them. A row names a live session, so it
goes when the session does (signed out, key rotated, expired and cleared).
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase

from ayni.members.models import Member, ReaderSession, Subscription


def _session_key(session: SessionBase) -> str:
    """The session's key, the session made (and stored) first if it has none yet."""
    if session.session_key is None:
        session.save()
    assert session.session_key is not None
    return session.session_key


def remember_browser(
    session: SessionBase, *, member: Member | None = None, subscription: Subscription | None = None
) -> ReaderSession:
    """Mark this browser's session as `member`'s (with their own subscription, if any) or as
    a confirmed `subscription`'s. Side effects: the session made if there was none (its
    cookie is set with the response); one ReaderSession made or updated (a member's browser
    keeps being the member's when they confirm a subscription in it)."""
    key = _session_key(session)
    defaults: dict[str, object] = {}
    if member is not None:
        defaults["member"] = member
        own = Subscription.objects.filter(supporter_id=member.supporter_id).first()
        if own is not None:
            defaults["subscription"] = own
    if subscription is not None:
        defaults["subscription"] = subscription
    row, _created = ReaderSession.objects.update_or_create(session_id=key, defaults=defaults)
    return row


def remember_subscriber(session: SessionBase, subscription: Subscription) -> ReaderSession:
    """This browser confirmed `subscription`: the news subscriber's (services.subscriptions)."""
    session["members.subscriber"] = True
    return remember_browser(session, subscription=subscription)
