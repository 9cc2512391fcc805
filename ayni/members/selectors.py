"""Reads of the members app, and other apps' door to a reader's standing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from ayni.members.enums import SubscriptionStatus, TierKind
from ayni.members.models import Member, ReaderSession, SignInLink, Subscription, Tier
from ayni.supporters.retention import link_sent_since


@dataclass(frozen=True)
class ReaderStanding:
    """Who is reading, as far as access to gated articles goes.

    member_id: the signed-in member, else None.
    subscriber: this browser belongs to a confirmed news subscriber (or a member).
    full_access: a tier that reads members-only articles (paying, solidarity, gifted).
    """

    member_id: int | None = None
    subscriber: bool = False
    full_access: bool = False


ANONYMOUS = ReaderStanding()
# The standing is asked more than once per page (the meter, the template): read it once.
_CACHED = "_ayni_reader_standing"


def reader_standing(request: HttpRequest) -> ReaderStanding:
    """The standing of the reader behind `request`.

    No query for a browser without a session cookie, and never a session made or read: the
    article page is hot. Otherwise one query, joining the session (still live?) through its
    ReaderSession to the member's tier and the subscription, so a tier an organiser or the
    payment provider changed, or an unsubscription, counts at once."""
    cached = getattr(request, _CACHED, None)
    if cached is not None:
        return cached
    standing = _standing_of(request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""))
    setattr(request, _CACHED, standing)
    return standing


def _standing_of(session_key: str) -> ReaderStanding:
    # Django's session keys are 32 characters of [a-z0-9]; anything else names no session.
    if not session_key or len(session_key) > 40 or not session_key.isalnum():
        return ANONYMOUS
    now = timezone.now()
    row = (
        ReaderSession.objects.filter(session_id=session_key, session__expire_date__gt=now)
        .values_list(
            "member_id", "member__tier__full_access", "member__valid_until", "subscription__status"
        )
        .first()
    )
    if row is None:
        return ANONYMOUS
    member_id, tier_full_access, valid_until, subscription_status = row
    return ReaderStanding(
        member_id=member_id,
        subscriber=member_id is not None or subscription_status == SubscriptionStatus.CONFIRMED,
        full_access=bool(
            member_id is not None
            and tier_full_access
            and (valid_until is None or valid_until > now)
        ),
    )


def subscription_for_link(subscription_id: int) -> Subscription | None:
    return Subscription.objects.select_related("supporter").filter(pk=subscription_id).first()


def sign_in_link(link_id: int) -> SignInLink | None:
    return SignInLink.objects.filter(pk=link_id).first()


def member_of_session(session_key: str | None) -> Member | None:
    """The member this browser's session signed in (their account page), or None."""
    if not session_key:
        return None
    return (
        Member.objects.select_related("tier", "supporter", "supporter__news_subscription")
        .filter(sessions__session_id=session_key, sessions__session__expire_date__gt=timezone.now())
        .first()
    )


def member_of_supporter(supporter_id: int) -> Member | None:
    return Member.objects.select_related("tier").filter(supporter_id=supporter_id).first()


def subscription_of_supporter(supporter_id: int) -> Subscription | None:
    return Subscription.objects.filter(supporter_id=supporter_id).first()


def tier_by_slug(slug: str) -> Tier | None:
    return Tier.objects.filter(slug=slug).first()


def free_tier() -> Tier | None:
    """The tier a member gets on first sign-in: the first free tier."""
    return Tier.objects.filter(kind=TierKind.FREE).order_by("pk").first()


def unconfirmed_subscriptions(before: datetime) -> QuerySet[Subscription]:
    """Subscriptions never confirmed whose last confirmation link went out before `before`
    (ayni.supporters.retention erases them)."""
    return Subscription.objects.filter(status=SubscriptionStatus.PENDING).exclude(
        link_sent_since(before)
    )


def old_sign_in_links(before: datetime) -> QuerySet[SignInLink]:
    """Sign-in links made before `before`, used or not: long dead (erased with their
    address by ayni.supporters.retention)."""
    return SignInLink.objects.filter(created_at__lt=before)


def supporter_subscriptions(supporter_id: int) -> list[Subscription]:
    return list(Subscription.objects.filter(supporter_id=supporter_id))


def privacy_context() -> dict[str, object]:
    """The figures the privacy page's note on subscribing and membership states."""
    return {
        "minutes": settings.MEMBER_SIGN_IN_MINUTES,
        "cookie": settings.SESSION_COOKIE_NAME,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    }
