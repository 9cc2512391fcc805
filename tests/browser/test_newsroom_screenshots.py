"""Screenshots of the newsroom's pages in docs/screenshots/ (news-<page>-<lang>[-phone].png):
the news, an article (with its comments), an author page, a search with its matches marked and
the demo event's report-back (an article the event publishes), in English and Spanish, on a
desktop and a phone, each with no sideways scroll on the phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import screenshot, wait_for_news_index

pytestmark = pytest.mark.browser

PAGES = {
    "en": {
        "index": "/en/news/",
        "article": "/en/news/the-people-in-power-report-back/",
        "gated": "/en/news/year-of-depatriarchalisation/",
        "author": "/en/news/author/rosa-quispe/",
        "search": "/en/news/search/?q=lithium",
        "report-back": "/en/news/report-back-solidarity-with-bolivia-the-people-in-power/",
    },
    "es": {
        "index": "/es/news/",
        "article": "/es/news/el-pueblo-en-el-poder-cronica/",
        "gated": "/es/news/el-ano-de-la-despatriarcalizacion/",
        "author": "/es/news/author/rosa-quispe/",
        "search": "/es/news/search/?q=litio",
        "report-back": "/es/news/cronica-solidaridad-con-bolivia-el-pueblo-en-el-poder/",
    },
}


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_screenshots_of_the_news_pages(stack, browse, lang, phone):
    wait_for_news_index(stack)
    page = browse(locale="es-ES" if lang == "es" else "en-GB", phone=phone)
    suffix = f"{lang}-phone" if phone else lang
    for name, path in PAGES[lang].items():
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        if name == "article":
            # The demo's comments on the report-back, a reply indented under its comment.
            expect(page.locator("#comments .comment-replies")).to_be_visible()
        if phone:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        screenshot(page, f"news-{name}-{suffix}.png")


def test_a_members_only_article_shows_its_prompt_and_not_its_rest(stack, browse):
    page = browse()
    page.goto(PAGES["en"]["gated"])

    expect(page.locator(".meter-prompt")).to_be_visible()
    expect(page.locator(".article-body")).not_to_contain_text("We spoke to three organisers")
