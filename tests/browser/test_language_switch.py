"""Switching language on a statement: a plain link to the same page under /es/, no layout shift."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import SLUG, TITLE_EN, TITLE_ES, screenshot

pytestmark = pytest.mark.browser

# The sum of the page's layout shifts so far (those not caused by the reader's input), read
# from the buffered entries, after a second for anything that loads late.
CUMULATIVE_LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { total += entry.value; } }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 1000);
})"""


def layout_shift(page: Page) -> float:
    page.wait_for_load_state("load")
    return page.evaluate(CUMULATIVE_LAYOUT_SHIFT)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_switching_language_on_a_statement_opens_it_under_es_and_is_remembered(stack, browse, js):
    page = browse(locale="en-GB", js=js)
    page.goto(f"/en/s/{SLUG}/")
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    if js:
        assert layout_shift(page) < 0.01
    switch = page.locator(".language-switch")
    expect(switch.locator("form, select, button")).to_have_count(0)
    spanish = switch.get_by_role("link", name="Español")
    expect(spanish).to_have_attribute("hreflang", "es")
    expect(spanish).to_have_attribute("lang", "es")
    expect(switch.get_by_role("link", name="English")).to_have_attribute("aria-current", "page")

    spanish.click()

    page.wait_for_url(f"**/es/s/{SLUG}/")
    assert urlparse(page.url).path == f"/es/s/{SLUG}/"
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text(TITLE_ES)
    expect(page.get_by_role("button", name="Firmar la declaración")).to_be_visible()
    expect(switch.get_by_role("link", name="Español")).to_have_attribute("aria-current", "page")
    if js:
        assert layout_shift(page) < 0.01
        screenshot(page, "statement-es-switched.png")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["ayni_language"] == "es"

    # An old address (a link in an email sent before) now leads to Spanish, English browser
    # or not; and the way back is the other link.
    page.goto(f"/s/{SLUG}/signatories/")
    assert urlparse(page.url).path == f"/es/s/{SLUG}/signatories/"
    expect(page.locator("html")).to_have_attribute("lang", "es")
    switch.get_by_role("link", name="English").click()
    page.wait_for_url(f"**/en/s/{SLUG}/signatories/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
