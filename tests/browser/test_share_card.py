"""Sharing a statement: the card social networks show (saved to docs/screenshots/ in English
and Spanish), the copy-link button, the Web Share button, and what shows without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.support import SLUG, TITLE_EN, TITLE_ES, save_share_card

pytestmark = pytest.mark.browser


def address(name: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, kwargs={"slug": SLUG})


@pytest.mark.parametrize(
    ("language", "locale", "title"), [("en", "en-GB", TITLE_EN), ("es", "es-ES", TITLE_ES)]
)
def test_statement_page_names_its_card_which_is_saved_as_a_screenshot(
    stack, browse, language, locale, title
):
    page = browse(locale=locale)
    page.goto(address("statements:detail", language))
    expect(page.locator("h1")).to_have_text(title)
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert og_image == stack.url + address("statements:card", language)
    alt = page.locator('meta[property="og:image:alt"]').get_attribute("content")
    assert alt.startswith(f"{title}: ")

    save_share_card(page, language, f"share-card-{language}.png")


def test_copy_link_puts_the_statements_address_on_the_clipboard_and_says_so(stack, browse):
    page = browse()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.url)
    page.goto(address("statements:detail"))
    button = page.locator(".share [data-copy-link]")
    expect(button).to_be_visible()
    expect(button).to_have_text("Copy link")

    button.click()

    expect(page.locator(".share [data-share-status]")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == stack.url + address(
        "statements:detail"
    )


def test_copy_link_says_so_in_spanish(stack, browse):
    page = browse(locale="es-ES")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.url)
    page.goto(address("statements:detail", "es"))

    page.locator(".share [data-copy-link]").click()

    expect(page.locator(".share [data-share-status]")).to_have_text("Enlace copiado")
    assert page.evaluate("navigator.clipboard.readText()") == stack.url + address(
        "statements:detail", "es"
    )


def test_share_button_hands_title_and_address_to_the_web_share_api(stack, browse):
    page = browse(phone=True)
    # Desktop Chromium on Linux has no navigator.share: stand in for the phone's share sheet.
    page.add_init_script(
        "navigator.share = function (data) { window.sharedData = data; return Promise.resolve(); };"
    )
    page.goto(address("statements:detail"))
    button = page.locator(".share [data-web-share]")
    expect(button).to_be_visible()
    expect(button).to_have_text("Share…")

    button.click()

    link = stack.url + address("statements:detail")
    assert page.evaluate("window.sharedData") == {"title": TITLE_EN, "text": TITLE_EN, "url": link}


def test_share_button_stays_hidden_where_the_browser_cannot_share(stack, browse):
    page = browse()
    page.goto(address("statements:detail"))
    expect(page.locator(".share [data-copy-link]")).to_be_visible()

    if page.evaluate("'share' in navigator"):
        pytest.skip("this Chromium has the Web Share API")
    expect(page.locator(".share [data-web-share]")).to_be_hidden()


def test_without_javascript_only_the_plain_links_show_and_nothing_moves_with_it(stack, browse):
    plain, scripted = browse(js=False), browse()
    for page in (plain, scripted):
        page.goto(address("statements:detail"))

    expect(plain.locator(".share [data-copy-link]")).to_be_hidden()
    expect(plain.locator(".share [data-web-share]")).to_be_hidden()
    expect(plain.get_by_role("link", name="WhatsApp")).to_be_visible()
    expect(plain.locator(".share input[readonly]")).to_have_value(
        stack.url + address("statements:detail")
    )
    expect(scripted.locator(".share [data-copy-link]")).to_be_visible()
    # The row keeps its height whether or not the buttons show: revealing them shifts nothing.
    heights = [
        page.locator(".share-actions").bounding_box()["height"] for page in (plain, scripted)
    ]
    assert heights[0] == heights[1]


def test_thank_you_page_offers_the_copy_link_button_too(stack, browse):
    page = browse()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.url)
    page.goto(address("statements:thanks"))

    page.locator("[data-copy-link]").click()

    expect(page.locator("[data-share-status]")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == stack.url + address(
        "statements:detail"
    )
