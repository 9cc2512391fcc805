"""The news search in real Chromium, as a reader finds it: from the news, a word typed in the
search box, results with that word marked, one opened; a query of signs alone answered with a
message by the box. In English and Spanish, with and without JavaScript, on a phone and a
desktop (the search is a plain GET form: JavaScript changes nothing, which is the point)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import wait_for_news_index

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "box": "Search the news",
        "button": "Search",
        "word": "lithium",
        "heading": "Search the news",
        "garbage": "Type a word to search for: punctuation and search signs alone find nothing.",
    },
    "es": {
        "box": "Buscar en las noticias",
        "button": "Buscar",
        "word": "litio",
        "heading": "Buscar en las noticias",
        "garbage": "Escribe una palabra para buscar: los signos de puntuación y de búsqueda "
        "solos no encuentran nada.",
    },
}


@pytest.mark.parametrize(
    ("lang", "js", "phone"),
    [("en", True, False), ("es", True, True), ("en", False, True), ("es", False, False)],
    ids=["en-js-desktop", "es-js-phone", "en-nojs-phone", "es-nojs-desktop"],
)
def test_a_reader_searches_the_news_and_opens_a_result(stack, browse, lang, js, phone):
    wait_for_news_index(stack)
    words = WORDS[lang]
    page = browse(locale="es-ES" if lang == "es" else "en-GB", js=js, phone=phone)
    page.goto(f"/{lang}/news/")

    page.get_by_role("searchbox", name=words["box"]).fill(words["word"])
    page.get_by_role("button", name=words["button"], exact=True).click()

    page.wait_for_url(f"**/{lang}/news/search/?q={words['word']}")
    expect(page.locator("main h1")).to_have_text(words["heading"])
    expect(page.get_by_role("searchbox", name=words["box"])).to_have_value(words["word"])
    marked = page.locator(".article-item .search-snippet mark")
    expect(marked.first).to_have_text(re.compile(words["word"], re.IGNORECASE))
    # Marked so one sees it: on a tint, not only in the markup.
    tint = marked.first.evaluate("mark => getComputedStyle(mark).backgroundColor")
    assert tint not in ("rgba(0, 0, 0, 0)", "transparent"), tint
    if phone:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

    result = page.locator(".article-item", has=page.locator(".search-snippet mark")).first
    title = result.locator("h2 a").inner_text()
    result.locator("h2 a").click()

    expect(page.locator("main h1")).to_have_text(title)
    expect(page.locator(".article-body")).to_contain_text(re.compile(words["word"], re.IGNORECASE))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_query_of_signs_alone_is_answered_by_the_box(browse, lang, js):
    words = WORDS[lang]
    page = browse(locale="es-ES" if lang == "es" else "en-GB", js=js, phone=True)
    page.goto(f"/{lang}/news/search/")

    box = page.get_by_role("searchbox", name=words["box"])
    box.fill('"" -')
    page.get_by_role("button", name=words["button"], exact=True).click()

    expect(page.get_by_role("alert")).to_have_text(words["garbage"])
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_have_accessible_description(words["garbage"])
    expect(page.locator(".article-item")).to_have_count(0)
    assert browse.log(page).failed == [
        f"422 GET {page.url}",
    ]
