"""The newsroom's pages pass axe-core (phone and desktop, both languages), do not shift while
loading, and show a focus ring one can see. The checks and their tools are
tests/browser/test_page_quality.py's."""

from __future__ import annotations

import pytest

from tests.browser.test_page_quality import (
    CLS_JS,
    LANGUAGES,
    axe_violations,
    faint_rings,
    focus_rings,
    url,
    violations_by_page,
)

pytestmark = pytest.mark.browser

REPORT_BACK = {"en": "the-people-in-power-report-back", "es": "el-pueblo-en-el-poder-cronica"}


def news_pages(lang: str) -> dict[str, str]:
    return {
        "news": url(lang, "newsroom:index"),
        "news page 2": url(lang, "newsroom:index", query="?page=2"),
        "section": url(lang, "newsroom:section", section="features"),
        "tag": url(lang, "newsroom:tag", slug="bolivia"),
        "author": url(lang, "newsroom:author", slug="rosa-quispe"),
        "article": url(lang, "newsroom:article", slug=REPORT_BACK[lang]),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_news_pages_have_no_axe_violations(browse, lang, phone):
    page = browse(phone=phone)
    found = violations_by_page(page, news_pages(lang), lang)
    page.goto("/en/news/from-coup-to-recovery-timeline/")  # a gated article, its notice
    found["gated article"] = axe_violations(page)
    assert found == dict.fromkeys(found, [])


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_news_pages_do_not_shift_while_loading(browse, phone):
    page = browse(phone=phone)
    for path in news_pages("en").values():
        page.goto(path, wait_until="load")
        shift = page.evaluate(CLS_JS)
        assert shift < 0.01, f"{path}: cumulative layout shift {shift:.4f}"


def test_every_focusable_element_on_an_article_shows_a_ring_with_3_to_1_contrast(browse):
    page = browse()
    page.goto(url("en", "newsroom:article", slug=REPORT_BACK["en"]))
    rings = focus_rings(page)
    assert rings[0]["skip"], rings[0]
    assert len(rings) > 10, rings
    assert faint_rings(rings) == []
