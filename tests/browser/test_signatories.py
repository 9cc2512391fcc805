"""The signatories wall in a real browser: "Show more" walks the keyset pages, with and without JS."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import SIGNATORIES, SLUG

pytestmark = pytest.mark.browser

PAGE_SIZE = 50  # selectors.WALL_PAGE_SIZE


def _wall_names(stack, *, offset: int, limit: int = PAGE_SIZE) -> list[str]:
    """The public wall straight from the database, newest confirmation first."""
    rows = stack.query(
        "SELECT g.name FROM statements_signature g"
        " JOIN statements_statement s ON s.id = g.statement_id"
        " WHERE s.slug = %s AND g.status = 'confirmed' AND g.show_publicly AND g.kind = 'individual'"
        " ORDER BY g.confirmed_at DESC, g.id DESC LIMIT %s OFFSET %s",
        (SLUG, limit, offset),
    )
    return [name for (name,) in rows]


def _shown_names(page: Page) -> list[str]:
    return page.locator("#wall > li:not(.more) > strong").all_inner_texts()


def test_show_more_appends_the_next_page_with_javascript(stack, browse):
    page = browse()
    page.goto(SIGNATORIES)
    expect(page.locator("h1")).to_have_text("Everyone who has signed")
    assert _shown_names(page) == _wall_names(stack, offset=0)
    navigations: list[str] = []
    page.on("framenavigated", lambda f: f == page.main_frame and navigations.append(f.url))
    page.evaluate("window.ayniSamePage = true")

    page.locator("#wall .more a").click()

    expect(page.locator("#wall > li:not(.more)")).to_have_count(2 * PAGE_SIZE)
    assert _shown_names(page) == _wall_names(stack, offset=0, limit=2 * PAGE_SIZE)
    assert page.evaluate("window.ayniSamePage === true")
    assert navigations == []
    assert page.url.endswith(SIGNATORIES)
    # Only one "Show more", at the end, and it fetches the page after the ones shown.
    expect(page.locator("#wall .more")).to_have_count(1)
    expect(page.locator("#wall > li").last).to_have_class("more")
    page.locator("#wall .more a").click()
    expect(page.locator("#wall > li:not(.more)")).to_have_count(
        len(_wall_names(stack, offset=0, limit=3 * PAGE_SIZE))
    )
    assert _shown_names(page) == _wall_names(stack, offset=0, limit=3 * PAGE_SIZE)


def test_show_more_is_a_plain_link_without_javascript(stack, browse):
    page = browse(js=False)
    page.goto(SIGNATORIES)
    first_page = _shown_names(page)
    assert first_page == _wall_names(stack, offset=0)
    expect(page.locator("main")).to_contain_text("Where signatories are")

    page.locator("#wall .more a").click()

    page.wait_for_url("**/signatories/?kind=individual&after=*")
    assert _shown_names(page) == _wall_names(stack, offset=PAGE_SIZE)
    expect(page.locator("h1")).to_have_text("Everyone who has signed")
    # The later pages leave out what the first one already showed.
    expect(page.locator("main")).not_to_contain_text("Where signatories are")


def test_organisations_tab_lists_organisations(stack, browse):
    page = browse(js=False)
    page.goto(SIGNATORIES)
    page.get_by_role("link", name="Organisations", exact=True).click()
    page.wait_for_url("**/signatories/?kind=organisation")
    expect(page.locator("h1")).to_have_text("Organisations that have signed")
    organisations = stack.query(
        "SELECT g.organisation FROM statements_signature g"
        " JOIN statements_statement s ON s.id = g.statement_id"
        " WHERE s.slug = %s AND g.status = 'confirmed' AND g.show_publicly"
        " AND g.kind = 'organisation' ORDER BY g.confirmed_at DESC, g.id DESC",
        (SLUG,),
    )
    assert _shown_names(page) == [name for (name,) in organisations][:PAGE_SIZE]
