"""The back office in Chromium: the dashboard fits a desktop and a phone; the edit page's
publish/close buttons and the preview of a draft."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import SLUG, TITLE_EN, log_in_to_admin, screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def overflow(page) -> int:
    """How far the page sticks out sideways (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize(
    ("viewport", "phone", "name"),
    [(DESKTOP, False, "dashboard-desktop.png"), (PHONE, True, "dashboard-phone.png")],
)
def test_the_dashboard_fits_without_sideways_scrolling(stack, browse, viewport, phone, name):
    statement_id = stack.query("SELECT id FROM statements_statement WHERE slug = %s", (SLUG,))[0][0]
    page = browse(viewport=viewport, phone=phone)
    log_in_to_admin(page, stack, "organiser")

    page.goto(f"/admin/statements/statement/{statement_id}/dashboard/")

    expect(page.locator("h1")).to_have_text(TITLE_EN)
    expect(page.locator("#countries")).to_be_visible()
    assert overflow(page) <= 0
    screenshot(page, name)


def test_a_draft_is_previewed_and_published_from_its_edit_page(stack, browse):
    page = browse()
    log_in_to_admin(page, stack, "organiser")
    page.goto("/admin/statements/statement/add/")
    page.locator("#id_translations-0-language").select_option("en")
    page.locator("#id_translations-0-title").fill("Browser draft from the edit page")
    page.locator("#id_translations-0-summary").fill("A draft made in Chromium.")
    page.locator("#id_translations-0-body").fill("Its **full** text.")
    page.locator("input[name=_continue]").click()

    expect(page.locator("h1")).to_have_text("Browser draft from the edit page")
    expect(page.locator("input[name=slug]")).to_have_value("browser-draft-from-the-edit-page")
    screenshot(page, "admin-statement-draft.png")
    page.get_by_role("link", name="Preview as the public will see it").click()
    expect(page.locator("#preview-banner")).to_contain_text("Preview — not published")
    expect(page.locator("#sign button[type=submit]")).to_be_disabled()
    screenshot(page, "statement-preview.png")
    page.go_back()
    page.get_by_role("button", name="Publish").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "“Browser draft from the edit page” is published: it takes signatures now."
    )
    expect(page.get_by_role("button", name="Close")).to_be_visible()
    page.locator("a.viewsitelink").click()  # now the public page, not the preview
    expect(page.locator("h1")).to_have_text("Browser draft from the edit page")
    expect(page.locator("#preview-banner")).to_have_count(0)
    expect(page.locator("#sign button[type=submit]")).to_be_enabled()
