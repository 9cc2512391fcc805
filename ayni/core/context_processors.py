from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from ayni.core import registry
from ayni.core.campaign import current_campaign, profiles


def site(request: HttpRequest) -> dict[str, object]:
    """What every page's header and footer show: the campaign and the apps' sections."""
    campaign = current_campaign()
    return {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": campaign.name,
        "campaign": campaign,
        "campaign_profiles": profiles(campaign),
        "campaign_css_version": int(campaign.updated_at.timestamp()) if campaign.updated_at else 0,
        "nav_entries": registry.nav_entries(),
    }
