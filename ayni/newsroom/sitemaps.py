"""The news section of /sitemap.xml: every published article at its one address (an article
is in one language; its translations are articles of their own), never a draft or a scheduled
one."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from ayni.core.sitemaps import SiteSitemap
from ayni.newsroom import selectors
from ayni.newsroom.models import Article


class ArticleSitemap(SiteSitemap):
    i18n = False
    alternates = False
    x_default = False

    def items(self) -> QuerySet[Article]:
        return selectors.public_articles().order_by("language", "slug")

    def lastmod(self, item: Article) -> datetime:
        return item.updated_at
