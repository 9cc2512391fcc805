"""The statements section of /sitemap.xml: every published statement, never a draft."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from ayni.core.sitemaps import SiteSitemap
from ayni.statements import selectors
from ayni.statements.models import Statement


class StatementSitemap(SiteSitemap):
    def items(self) -> QuerySet[Statement]:
        return selectors.public_statements().order_by("slug")

    def lastmod(self, item: Statement) -> datetime:
        return item.updated_at
