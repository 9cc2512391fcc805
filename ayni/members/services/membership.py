"""Tiers and members: what organisers grant in the back office, and what a member's data
export and erasure say."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ayni.members.enums import MEMBERSHIP_CONSENT, MemberSource, TierKind
from ayni.members.models import Member, Tier
from ayni.supporters.enums import ConsentMethod
from ayni.supporters.models import Supporter
from ayni.supporters.services import record_consent


def save_tier(*, slug: str, name_en: str, name_es: str = "", kind: str, full_access: bool) -> Tier:
    """Make or update the tier with this code. Side effects: one Tier row."""
    tier = Tier.objects.filter(slug=slug).first() or Tier(slug=slug)
    tier.name_en, tier.name_es, tier.kind, tier.full_access = name_en, name_es, kind, full_access
    tier.full_clean()
    tier.save()
    return tier


def ensure_free_tier() -> Tier:
    """The tier of a member who signed up: the first free tier, made if organisers have none
    yet. Side effects: perhaps one Tier row."""
    tier = Tier.objects.filter(kind=TierKind.FREE).order_by("pk").first()
    if tier is not None:
        return tier
    return save_tier(
        slug="free",
        name_en="Free member",
        name_es="Miembro gratuito",
        kind=TierKind.FREE,
        full_access=False,
    )


@transaction.atomic
def grant_membership(
    *,
    supporter: Supporter,
    tier: Tier,
    valid_until: datetime | None,
    source: str,
    granted_by: User | None = None,
) -> Member:
    """Give `supporter` `tier` until `valid_until` (None: no end): an organiser in the back
    office, the payment provider's webhook, the demo. Side effects: the supporter's Member
    made (its membership consent recorded as given through `source`) or its tier, end and
    source changed; the change counts on every page at once (selectors.reader_standing)."""
    now = timezone.now()
    member = Member.objects.select_for_update().filter(supporter=supporter).first()
    created = member is None
    if member is None:
        member = Member(supporter=supporter, created_at=now)
    member.tier = tier
    member.valid_until = valid_until
    member.source = source
    member.granted_by = granted_by if granted_by is not None and granted_by.pk else None
    member.updated_at = now
    member.full_clean(validate_unique=False)
    member.save()
    if created:
        record_consent(
            supporter=supporter,
            purpose=MEMBERSHIP_CONSENT.purpose,
            language=supporter.language or "en",
            method=ConsentMethod.ADMIN
            if source == MemberSource.ORGANISER
            else ConsentMethod.WEB_FORM,
            source=f"members:{source}",
            given_at=now,
        )
    return member


def end_membership(*, member: Member, at: datetime, source: str) -> Member:
    """The membership's tier stops opening anything from `at` (a cancellation: the paid
    period runs to its end). Side effects: the Member's end moved to `at` if it was later
    or open."""
    if member.valid_until is None or member.valid_until > at:
        Member.objects.filter(pk=member.pk).update(
            valid_until=at, source=source, updated_at=timezone.now()
        )
        member.refresh_from_db()
    return member


def member_export(member: Member) -> dict[str, object]:
    """A membership as the member's data export shows it."""
    return {
        "tier": member.tier.slug,
        "tier_kind": member.tier.kind,
        "valid_until": member.valid_until.isoformat() if member.valid_until else None,
        "source": member.source,
        "member_since": member.created_at.isoformat(),
        "last_sign_in_at": member.last_sign_in_at.isoformat() if member.last_sign_in_at else None,
    }


def delete_member(member: Member) -> None:
    """Their Supporter is being erased: the membership goes, with its browsers' sessions
    marked as theirs (ReaderSession rows)."""
    Member.objects.filter(pk=member.pk).delete()
