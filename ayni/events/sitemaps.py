"""The events section of /sitemap.xml: every public event, never a draft."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from ayni.core.sitemaps import SiteSitemap
from ayni.events import selectors
from ayni.events.models import Event


class EventSitemap(SiteSitemap):
    def items(self) -> QuerySet[Event]:
        return selectors.public_events().order_by("slug")

    def lastmod(self, item: Event) -> datetime:
        return item.updated_at
