"""The newsroom's pages pass axe-core (phone and desktop, both languages) and the Nu HTML checker,
do not shift while loading, and show a focus ring one can see: the news, its sections, tags and
authors, an article, the demo event's report-back (an article the event publishes), the search
(empty, with matches, with none, and a query it cannot run). The checks and their tools are
tests/browser/test_page_quality.py's."""

from __future__ import annotations

import pytest

from tests.browser.support import wait_for_news_index
from tests.browser.test_page_quality import (
    CLS_JS,
    LANGUAGES,
    axe_violations,
    faint_rings,
    focus_rings,
    nu_errors,
    url,
    violations_by_page,
)

pytestmark = pytest.mark.browser

REPORT_BACK = {"en": "the-people-in-power-report-back", "es": "el-pueblo-en-el-poder-cronica"}
# The demo event's own report-back, which the newsroom publishes from the event.
EVENT_REPORT_BACK = {
    "en": "report-back-solidarity-with-bolivia-the-people-in-power",
    "es": "cronica-solidaridad-con-bolivia-el-pueblo-en-el-poder",
}
FOUND = {"en": "?q=lithium", "es": "?q=litio"}


def news_pages(lang: str) -> dict[str, str]:
    return {
        "news": url(lang, "newsroom:index"),
        "news page 2": url(lang, "newsroom:index", query="?page=2"),
        "section": url(lang, "newsroom:section", section="features"),
        "tag": url(lang, "newsroom:tag", slug="bolivia"),
        "author": url(lang, "newsroom:author", slug="rosa-quispe"),
        "article": url(lang, "newsroom:article", slug=REPORT_BACK[lang]),
        "report-back": url(lang, "newsroom:article", slug=EVENT_REPORT_BACK[lang]),
        "search": url(lang, "newsroom:search"),
        "search found": url(lang, "newsroom:search", query=FOUND[lang]),
        "search none": url(lang, "newsroom:search", query="?q=zzzzqx"),
    }


# The demo's members-only article: every reader without membership meets its prompt.
MEMBERS_ONLY = {"en": "year-of-depatriarchalisation", "es": "el-ano-de-la-despatriarcalizacion"}


# A query the search cannot run (422): checked apart, as violations_by_page wants a 200.
def search_refused(lang: str) -> str:
    return url(lang, "newsroom:search", query="?q=%22%22")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_news_pages_have_no_axe_violations(stack, browse, lang, phone):
    wait_for_news_index(stack)
    page = browse(phone=phone)
    found = violations_by_page(page, news_pages(lang), lang)
    page.goto(search_refused(lang))
    found["search refused"] = axe_violations(page)
    page.goto(url(lang, "newsroom:article", slug=MEMBERS_ONLY[lang]))  # its prompt, always
    assert page.locator(".meter-prompt").count() == 1
    found["gated article"] = axe_violations(page)
    assert found == dict.fromkeys(found, [])


def test_news_pages_pass_the_nu_checker(stack, browse, tmp_path):
    wait_for_news_index(stack)
    page = browse()
    paths = {
        f"{name} {lang}": path
        for lang in LANGUAGES
        for name, path in {**news_pages(lang), "search refused": search_refused(lang)}.items()
    }

    found = nu_errors(page, paths, tmp_path)

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
