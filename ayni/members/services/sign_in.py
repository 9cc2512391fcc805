"""Becoming a member and signing in: by email, with a link usable once, no password.

The form takes an address and always answers "check your inbox": a SignInLink row is made
with its email due (the worker sends it, or holds it silently when the IP or the address
asks too often). The link opens a page with a button (mail scanners follow links); its POST
uses the link up (a conditional UPDATE, so a replay is refused) and the address's other
unused links with it, makes the Supporter and, on the first sign-in, the Member (the free
tier), rotates the browser's session key, marks the new session as the member's, and sends
`member_logged_in`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from ayni.members import tokens
from ayni.members.enums import MEMBERSHIP_CONSENT, MemberSource
from ayni.members.models import Member, SignInLink
from ayni.members.services import member_logged_in
from ayni.members.services.membership import ensure_free_tier
from ayni.members.services.readers import remember_browser
from ayni.supporters.confirm_page import READY
from ayni.supporters.normalise import normalise_email
from ayni.supporters.retention import Erased
from ayni.supporters.services import record_consent, upsert_supporter

SIGN_IN_EMAIL = "sign_in"
USED = "used"  # the reason a used link's page gives


def request_sign_in(
    *, email: str, language: str, next_path: str = "", ip_hash: str = ""
) -> SignInLink:
    """Take the form. Side effects: one SignInLink with its email due (nothing else: no
    Supporter, no Member until the link is used)."""
    now = timezone.now()
    link = SignInLink(
        email=email.strip(),
        email_normalised=normalise_email(email),
        language=language,
        next_path=next_path,
        created_at=now,
        ip_hash=ip_hash,
        email_due=SIGN_IN_EMAIL,
        email_due_at=now,
    )
    link.full_clean()
    link.save()
    return link


def link_state(link: SignInLink) -> str:
    """READY, or USED."""
    return USED if link.used_at is not None else READY


def use_link(link: SignInLink, *, now: datetime | None = None) -> Member | None:
    """Use the link up and give its address its membership. Side effects, in one transaction,
    only if the link was unused and still live: the link's `used_at` set (a conditional
    UPDATE: of two presses, one wins), and the address's other unused links' with it (their
    emails no longer due); the Supporter for the address made or found, given
    the link's language; on the first sign-in, a Member of the free tier, and the consent to
    membership recorded; the member's last sign-in time. Returns the Member, or None (used,
    or expired)."""
    now = now or timezone.now()
    live_since = now - timedelta(seconds=tokens.SIGN_IN.max_age_seconds)
    with transaction.atomic():
        won = SignInLink.objects.filter(
            pk=link.pk, used_at__isnull=True, created_at__gt=live_since
        ).update(used_at=now, email_due="", email_due_at=None, email_queued_at=None)
        if not won:
            return None
        # The address's other links, sent before or since, are used up with this one: an older
        # email (forwarded, leaked) signs nobody in once its owner has signed in.
        SignInLink.objects.filter(
            email_normalised=link.email_normalised, used_at__isnull=True
        ).update(used_at=now, email_due="", email_due_at=None, email_queued_at=None)
        supporter = upsert_supporter(email=link.email, language=link.language)
        member = Member.objects.select_for_update().filter(supporter=supporter).first()
        if member is None:
            member = Member(
                supporter=supporter,
                tier=ensure_free_tier(),
                source=MemberSource.SIGN_UP,
                created_at=now,
                updated_at=now,
            )
            member.full_clean(validate_unique=False)
            member.save()
            record_consent(
                supporter=supporter,
                purpose=MEMBERSHIP_CONSENT.purpose,
                language=link.language,
                source="members:join",
                given_at=now,
            )
        Member.objects.filter(pk=member.pk).update(last_sign_in_at=now)
    link.used_at = now
    return member


def sign_in(request: HttpRequest, link: SignInLink) -> Member | None:
    """The sign-in link's button. Side effects: `use_link`; then the browser's session key
    rotated (a session fixed by someone else before is worthless), the new session marked as
    the member's (ReaderSession), and `member_logged_in` sent with `request` and `member`.
    Returns the Member, or None if the link could not be used (nothing else happens)."""
    member = use_link(link)
    if member is None:
        return None
    session: SessionBase = request.session
    session.cycle_key()
    session["members.member"] = member.pk
    remember_browser(session, member=member)
    member_logged_in.send(sender=Member, request=request, member=member)
    return member


def sign_out(request: HttpRequest) -> None:
    """Side effects: the browser's session deleted (with its ReaderSession) and a new empty
    one started, so the browser is nobody's."""
    request.session.flush()


def erase_sign_in_links(*, ids: list[int], before: datetime) -> Erased:
    """Sign-in links made before `before` (ayni.supporters.retention): dead long ago, used or
    not; their address goes with them. Returns how many."""
    deleted, _ = SignInLink.objects.filter(pk__in=ids, created_at__lt=before).delete()
    return Erased(forms=deleted)
