from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, get_script_prefix, resolve, translate_url
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ayni.core import registry
from ayni.core.campaign import current_campaign, profiles

# Open Graph's locale for each language. Facebook, the one reader that checks the value, takes
# only its own list: en_GB (the campaign writes British English) and es_LA, its Latin American
# Spanish (the scenario's readers are in Bolivia and Latin America; es_419 is refused).
OG_LOCALES = {"en": "en_GB", "es": "es_LA"}


def site(request: HttpRequest) -> dict[str, object]:
    """What every page's header and footer show: the campaign and the apps' sections."""
    campaign = current_campaign()
    return {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": campaign.name,
        "SITE_DESCRIPTION": campaign.description
        or _("Add your name to statements of international solidarity, and share them."),
        "campaign": campaign,
        "campaign_profiles": profiles(campaign),
        "campaign_css_version": int(campaign.updated_at.timestamp()) if campaign.updated_at else 0,
        "nav_entries": registry.nav_entries(),
    }


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language: English, Español
    path: str
    url: str  # absolute, on SITE_URL
    og_locale: str
    current: bool


class PageLanguages:
    """This page in each language: the language switch's links and the <head>'s alternates.

    Built from the path alone, never the query string, so a page cached whole (the statement
    page) holds the same links for every reader. A page with no language address (outside
    the prefixes, or one that does not resolve) has no alternates, and its switch leads to
    the home page of each language.
    """

    def __init__(self, request: HttpRequest) -> None:
        self.path = request.path_info

    @cached_property
    def translatable(self) -> bool:
        if translation.get_language_from_path(self.path) is None:
            return False
        try:
            resolve(self.path)
        except Resolver404:
            return False
        return True

    @cached_property
    def versions(self) -> list[LanguageVersion]:
        current = translation.get_language()
        versions = []
        for code, _name in settings.LANGUAGES:
            if self.translatable:
                path = translate_url(self.path, code)
            else:
                path = f"{get_script_prefix()}{code}/"
            versions.append(
                LanguageVersion(
                    code=code,
                    name=capfirst(translation.get_language_info(code)["name_local"]),
                    path=path,
                    url=settings.SITE_URL + path,
                    og_locale=OG_LOCALES.get(code, code),
                    current=code == current,
                )
            )
        return versions

    @cached_property
    def current(self) -> LanguageVersion | None:
        return next((version for version in self.versions if version.current), None)

    @cached_property
    def others(self) -> list[LanguageVersion]:
        return [version for version in self.versions if not version.current]

    @cached_property
    def x_default(self) -> str:
        """The address for a reader of any other language: the one without a prefix, which
        redirects to the remembered or the browser's language (as the sitemap has it)."""
        default = next(v for v in self.versions if v.code == settings.LANGUAGE_CODE)
        return default.url.replace(f"/{default.code}/", "/", 1)


def page_languages(request: HttpRequest) -> dict[str, object]:
    return {"page_languages": PageLanguages(request)}
