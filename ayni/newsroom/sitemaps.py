"""The news section of /sitemap.xml: every published article at its one address (an article
is in one language; its translations are articles of their own), never a draft or a scheduled
one. An article with published translations names every version, itself included, as an
hreflang alternate, as its page's <head> does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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

    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> list[dict[str, Any]]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        versions = selectors.language_versions([url["item"] for url in urls])
        for url in urls:
            article = url["item"]
            found = versions.get(article.translation_of_id or article.pk, [])
            if len(found) > 1:
                url["alternates"] = [
                    {"lang_code": version.language, "location": origin + version.get_absolute_url()}
                    for version in found
                ]
        return urls
