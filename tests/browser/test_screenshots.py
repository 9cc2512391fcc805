"""Regenerate the screenshots in docs/screenshots/ (full page, 1280 wide; one at phone size)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    SCREENSHOTS,
    SIGNATORIES,
    SLUG,
    STATEMENT,
    THANKS,
    TITLE_ES,
    log_in_to_admin,
    screenshot,
)

pytestmark = pytest.mark.browser


def test_screenshots_of_the_public_pages(stack, browse):
    english, spanish = browse(), browse(locale="es-ES")
    phone = browse(phone=True)

    english.goto(STATEMENT)
    screenshot(english, "statement-en.png")
    spanish.goto(STATEMENT)
    expect(spanish.locator("h1")).to_have_text(TITLE_ES)
    screenshot(spanish, "statement-es.png")
    phone.goto(STATEMENT)
    # Nothing sticks out sideways on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "statement-phone.png")

    english.locator("#sign form input[name=email]").fill("not-an-address")
    english.locator("#sign form button[type=submit]").click()
    expect(english.locator("#sign .error-summary")).to_be_visible()
    screenshot(english, "sign-errors.png")

    # Without JavaScript the answer lands on the error summary: the viewport is what matters.
    no_js = browse(js=False)
    no_js.goto(STATEMENT)
    no_js.locator("#sign form input[name=email]").fill("not-an-address")
    no_js.locator("#sign form button[type=submit]").click()
    expect(no_js.locator("#sign .error-summary")).to_be_focused()
    no_js.screenshot(path=str(SCREENSHOTS / "sign-errors-no-js.png"), caret="initial")

    english.goto(f"/s/{SLUG}/check-your-inbox/")
    screenshot(english, "check-inbox.png")
    english.goto(THANKS)
    screenshot(english, "thank-you-en.png")
    spanish.goto(THANKS)
    screenshot(spanish, "thank-you-es.png")
    english.goto(SIGNATORIES)
    screenshot(english, "signatories.png")
    english.goto(f"{SIGNATORIES}?kind=organisation")
    screenshot(english, "signatories-organisations.png")


def test_screenshot_of_the_back_office(stack, browse):
    statement_id = stack.query("SELECT id FROM statements_statement WHERE slug = %s", (SLUG,))[0][0]
    page = browse()
    log_in_to_admin(page, stack, "organiser")
    page.goto(f"/admin/statements/statement/{statement_id}/change/")
    expect(page.locator("input[name=slug]")).to_have_value(SLUG)
    screenshot(page, "admin-statement.png")
    page.goto(f"/admin/statements/statement/{statement_id}/dashboard/")
    expect(page.get_by_role("img", name="Confirmed signatures per day")).to_be_visible()
    screenshot(page, "admin-dashboard.png")
    page.goto(f"/admin/statements/statement/{statement_id}/invalidate/?email_domain=example.org")
    screenshot(page, "admin-invalidate.png")
