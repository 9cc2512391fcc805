"""The motions section of /sitemap.xml: every public motion's page, never a draft."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from ayni.core.sitemaps import SiteSitemap
from ayni.motions import selectors
from ayni.motions.models import Motion


class MotionSitemap(SiteSitemap):
    def items(self) -> QuerySet[Motion]:
        return selectors.public_motions().order_by("slug")

    def lastmod(self, item: Motion) -> datetime:
        return item.updated_at
