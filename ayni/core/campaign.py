"""The campaign's identity, read on every page: kept for a few seconds per process.

Each page shows the campaign's name, logo and colour, so reading the row every time would
cost a query per request. It is cached for CAMPAIGN_CACHE_SECONDS; the process that saves a
change forgets it at once, and the other processes within those seconds (the same delay as
the statement page cache).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ayni.core.models import Campaign

CACHE_KEY = "core:campaign"
CAMPAIGN_CACHE_SECONDS = 10
# The "Follow us" links, in this order; brand names are not translated.
SOCIAL_LABELS = {
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "facebook": "Facebook",
    "x": "X",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "telegram": "Telegram",
    "whatsapp": "WhatsApp",
    "website": _("Website"),
}
# rel="me" verifies a profile on the services that read it (Mastodon, and any site of ours).
REL_ME_FIELDS = {"mastodon", "website"}


def current_campaign() -> Campaign:
    campaign = cache.get(CACHE_KEY)
    if campaign is None:
        campaign = Campaign.objects.filter(pk=1).first() or Campaign(pk=1)
        cache.set(CACHE_KEY, campaign, CAMPAIGN_CACHE_SECONDS)
    return campaign


def forget_campaign() -> None:
    cache.delete(CACHE_KEY)


def save_campaign(*, campaign: Campaign) -> Campaign:
    """Validate and save the campaign's identity. Side effects: the row (pk=1) is written and
    this process's cached copy is dropped once the transaction commits."""
    campaign.pk = 1
    campaign.full_clean()
    campaign.save()
    transaction.on_commit(forget_campaign)
    return campaign


def darken(colour: str, amount: float = 0.22) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in (red, green, blue))


def stylesheet(campaign: Campaign) -> str:
    """The campaign's colours as CSS custom properties (served as a file: the CSP allows no
    inline style)."""
    accent = campaign.accent_colour.lower()
    return f":root {{ --accent: {accent}; --accent-dark: {darken(accent)}; }}\n"


def profiles(campaign: Campaign) -> list[dict[str, object]]:
    return [
        {
            "name": name,
            "label": label,
            "url": getattr(campaign, name),
            "rel_me": name in REL_ME_FIELDS,
        }
        for name, label in SOCIAL_LABELS.items()
        if getattr(campaign, name)
    ]
