"""Screenshots of the newsroom's pages in docs/screenshots/ (news-<page>-<lang>[-phone].png):
the news, an article (with its comments) and an author page, in English and Spanish, on a
desktop and a phone, each with no sideways scroll on the phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "en": {
        "index": "/en/news/",
        "article": "/en/news/the-people-in-power-report-back/",
        "gated": "/en/news/from-coup-to-recovery-timeline/",
        "author": "/en/news/author/rosa-quispe/",
    },
    "es": {
        "index": "/es/news/",
        "article": "/es/news/el-pueblo-en-el-poder-cronica/",
        "gated": "/es/news/from-coup-to-recovery-timeline/",
        "author": "/es/news/author/rosa-quispe/",
    },
}


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_screenshots_of_the_news_pages(stack, browse, lang, phone):
    page = browse(locale="es-ES" if lang == "es" else "en-GB", phone=phone)
    suffix = f"{lang}-phone" if phone else lang
    for name, path in PAGES[lang].items():
        if name == "gated" and lang == "es":
            continue  # an English article: its page is in English whatever the reader's language
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        if name == "article":
            # The demo's comments on the report-back, a reply indented under its comment.
            expect(page.locator("#comments .comment-replies")).to_be_visible()
        if phone:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        screenshot(page, f"news-{name}-{suffix}.png")


def test_a_gated_article_shows_its_notice_and_not_its_rest(stack, browse):
    page = browse()
    page.goto(PAGES["en"]["gated"])

    expect(page.locator(".article-gated")).to_be_visible()
    expect(page.locator(".article-body")).not_to_contain_text("Santa Cruz’s governor")
