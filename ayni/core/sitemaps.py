"""The sitemap's shared ground: every address in both languages, absolute on SITE_URL.

Apps declare their sections in their `platform.py` (`Contribution.sitemaps`); core's view
(`views.sitemap`) puts them after core's own pages.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SiteSitemap(Sitemap):
    """Each item once per language, with its other languages and x-default (English) as
    alternates, the same as the pages' own <link rel="alternate" hreflang> tags. Addresses
    start with SITE_URL, not the host a request happened to name."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(SiteSitemap):
    """core's own pages: the home page (the root of each language) and the privacy page."""

    def items(self) -> list[str]:
        return ["core:home", "core:about", "core:privacy"]

    def location(self, item: str) -> str:
        return reverse(item)
