"""The public pages and the back office under the strict CSP: no console errors, no other hosts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    SIGNATORIES,
    SLUG,
    STATEMENT,
    THANKS,
    TITLE_EN,
    log_in_to_admin,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["en-GB", "es-ES"])
def test_public_pages_have_no_console_errors_and_stay_on_this_host(stack, browse, locale):
    page = browse(locale=locale)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for path in (STATEMENT, THANKS, SIGNATORIES, f"/s/{SLUG}/check-your-inbox/", "/"):
        response = page.goto(path)
        assert response and response.status == 200, path
        page.wait_for_load_state("networkidle")
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
    # Scripts ran (the page is marked) and the sign form was wired up.
    page.goto(STATEMENT)
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    expect(page.locator("#sign form input[name=name]")).to_have_attribute("required", "")
    page.wait_for_load_state("networkidle")

    log = browse.log(page)
    assert log.errors == [], log.failed
    assert log.csp_violations == []
    assert {url.split("/")[2] for url in requested} == {stack.url.split("/")[2]}
    assert any("/static/" in url and url.endswith(".js") for url in requested)
    assert any("/static/" in url and url.endswith(".css") for url in requested)


def test_organiser_opens_the_statement_in_the_back_office(stack, browse):
    statement_id = stack.query("SELECT id FROM statements_statement WHERE slug = %s", (SLUG,))[0][0]
    page = browse()
    log_in_to_admin(page, stack, "organiser")
    expect(page.locator("#user-tools")).to_contain_text("organiser")

    response = page.goto(f"/admin/statements/statement/{statement_id}/change/")
    assert response and response.status == 200
    page.wait_for_load_state("networkidle")
    # The statement's title is the heading, not its slug; what the page is comes beneath it.
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    expect(page.locator("#content h2").first).to_have_text("Change statement")
    expect(page.locator("input[name=slug]")).to_have_value(SLUG)
    titles = page.locator("input[name$='-title']")
    expect(titles.first).to_be_visible()
    assert TITLE_EN in [titles.nth(i).input_value() for i in range(titles.count())]
    # The admin's own scripts work under the CSP: the inline "add another" row is wired up.
    expect(page.locator(".add-row a").first).to_be_visible()

    log = browse.log(page)
    assert log.csp_violations == []
    # The admin's pages carry no <link rel=icon>, so Chromium asks for /favicon.ico (a 404).
    assert [e for e in log.errors if "/favicon.ico" not in e] == [], log.failed
    assert log.foreign_hosts == set()
