"""The members' demo: the four kinds of tier, and a few fictional members and subscribers,
seeded through the members' services as the back office, the webhook and the public forms
would. `seed_demo` is the members' demo seeder (declared in platform.py, run by
`manage.py seed_demo`); it seeds once."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ayni.members.enums import MemberSource, TierKind
from ayni.members.models import Tier
from ayni.members.services.membership import grant_membership, save_tier
from ayni.members.services.subscriptions import confirm_subscription, subscribe
from ayni.supporters.services import upsert_supporter

# slug, English, Spanish, kind, reads members-only articles
TIERS = [
    ("free", "Free member", "Miembro gratuito", TierKind.FREE, False),
    ("supporter", "Supporting member", "Miembro que aporta", TierKind.PAID, True),
    ("solidarity", "Solidarity member", "Miembro solidario", TierKind.SOLIDARITY, True),
    ("gifted", "Gifted membership", "Membresía regalada", TierKind.GIFTED, True),
]
# email, name, tier, days the membership still runs (None: no end), how it was granted
MEMBERS = [
    ("rosa.demo@example.org", "Rosa Quispe (demo)", "supporter", 365, MemberSource.WEBHOOK),
    ("walter.demo@example.org", "Walter Mamani (demo)", "solidarity", None, MemberSource.ORGANISER),
    ("nina.demo@example.org", "Nina Condori (demo)", "gifted", 180, MemberSource.ORGANISER),
    ("pablo.demo@example.org", "Pablo Flores (demo)", "free", None, MemberSource.SIGN_UP),
]
SUBSCRIBERS = [
    ("lucia.demo@example.org", "Lucía Apaza (demo)", "es"),
    ("george.demo@example.org", "", "en"),
]


def seed_demo() -> list[str]:
    """Seed the tiers, members and subscribers once. Returns what to tell the operator."""
    if Tier.objects.filter(slug="solidarity").exists():
        return []
    with transaction.atomic():
        tiers = {
            slug: save_tier(
                slug=slug, name_en=name_en, name_es=name_es, kind=kind, full_access=full
            )
            for slug, name_en, name_es, kind, full in TIERS
        }
        now = timezone.now()
        for email, name, tier, days, source in MEMBERS:
            grant_membership(
                supporter=upsert_supporter(email=email, name=name, language="en"),
                tier=tiers[tier],
                valid_until=now + timedelta(days=days) if days else None,
                source=source,
            )
        for email, name, language in SUBSCRIBERS:
            confirm_subscription(subscribe(email=email, name=name, language=language))
    return [
        f"Loaded the demo members: {len(TIERS)} tiers (one solidarity, one gifted), "
        f"{len(MEMBERS)} members and {len(SUBSCRIBERS)} news subscribers "
        "(/admin/members/member/)"
    ]
