"""A model motion's way in a real browser, on the demo's Bolivia motion: download it to table
at a meeting, report the branch's adoption (the body found by a plain search), confirm by the
emailed link and its button, verify as the demo moderator in the back office's queue, and see
the motion page's count of adopting bodies go up by one; in English and in Spanish, with
JavaScript off and on. The motion page and the report form on a phone, and their screenshots
(docs/screenshots/motions-*.png)."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.motions_support import (
    BODY,
    LOCALE,
    TITLE,
    confirm_by_email,
    fill_report,
    motion_path,
    verify_as_moderator,
)
from tests.browser.support import (
    SCREENSHOTS,
    save_share_card,
    screenshot,
    unique_email,
)

pytestmark = pytest.mark.browser


def adopted_bodies(page: Page, lang: str) -> int:
    """The first number of the roll-up's lead: the bodies that adopted the motion."""
    page.goto(motion_path(lang))
    lead = page.locator(".rollup-lead").inner_text()
    match = re.search(r"\d[\d,.]*", lead)
    assert match, lead
    return int(re.sub(r"\D", "", match.group(0)))


def download_model_motion(page: Page, lang: str) -> None:
    """The motion page's document links answer files: a PDF and an .odt."""
    page.goto(motion_path(lang))
    expect(page.locator("h1")).to_have_text(TITLE[lang])
    for kind, magic in (("pdf", b"%PDF-"), ("odt", b"PK")):
        link = page.locator(f"a[href$='/download/{lang}.{kind}']")
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename.endswith(f".{kind}"), download.suggested_filename
        with open(download.path(), "rb") as document:
            assert document.read(len(magic)) == magic


@pytest.mark.parametrize(("lang", "js"), [("en", False), ("es", True)], ids=["en-no-js", "es-js"])
def test_report_confirm_verify_and_the_roll_up_counts_it(stack, browse, tmp_path, lang, js):
    reader = browse(locale=LOCALE[lang], js=js)
    before = adopted_bodies(reader, lang)
    download_model_motion(reader, lang)

    email = unique_email(f"motion-{lang}")
    minutes = tmp_path / "acta.png"
    Image.new("RGB", (120, 80), "white").save(minutes)
    fill_report(reader, lang, email=email, minutes=minutes)
    [(status,)] = stack.query(
        "SELECT status FROM motions_adoption WHERE reporter_email = %s", (email,)
    )
    assert status == "pending"
    confirm_by_email(reader, stack, lang, email)
    assert stack.query(
        "SELECT status, language FROM motions_adoption WHERE reporter_email = %s", (email,)
    ) == [("submitted", lang)]

    verify_as_moderator(browse(), stack, BODY[lang][1])
    assert stack.query(
        "SELECT status FROM motions_adoption WHERE reporter_email = %s", (email,)
    ) == [("verified",)]
    # The page is kept a few seconds for anonymous readers: it shows the new count soon after.
    stack.wait_for(
        lambda: adopted_bodies(reader, lang) == before + 1, timeout=20, message="count + 1"
    )


@pytest.mark.parametrize("tail", ["", "report/"], ids=["motion", "report-form"])
def test_motion_page_and_report_form_fit_a_phone(stack, browse, tail):
    page = browse(phone=True)
    page.goto(motion_path("en", tail))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for control in page.locator("main a.button, main button").all():
        box = control.bounding_box()
        if box:
            assert box["height"] >= 44, control.inner_text()
    if not tail:
        screenshot(page, "motions-motion-phone.png")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_screenshots_of_the_motions_pages(stack, browse, lang):
    page = browse(locale=LOCALE[lang])
    page.goto(f"/{lang}/motions/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    screenshot(page, f"motions-list-{lang}.png")
    page.goto(motion_path(lang))
    expect(page.locator(".rollup-lead")).to_be_visible()
    screenshot(page, f"motions-motion-{lang}.png")
    page.goto(motion_path(lang, "report/"))
    expect(page.locator("#report h1")).to_be_visible()
    screenshot(page, f"motions-report-{lang}.png")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_motion_page_names_its_share_card_which_is_saved_as_a_screenshot(stack, browse, lang):
    page = browse(locale=LOCALE[lang])
    page.goto(motion_path(lang))
    expect(page.locator("h1")).to_have_text(TITLE[lang])
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert og_image == stack.url + motion_path(lang, "card.png")
    alt = page.locator('meta[property="og:image:alt"]').get_attribute("content")
    assert alt.startswith(f"{TITLE[lang]}: ")
    save_share_card(page, lang, f"motions-share-card-{lang}.png")


@pytest.mark.parametrize(("lang", "phone"), [("en", True), ("es", False)], ids=["en-phone", "es"])
def test_choosing_the_chart_by_region_without_javascript(stack, browse, lang, phone):
    page = browse(locale=LOCALE[lang], js=False, phone=phone)
    page.goto(motion_path(lang))
    switch = page.locator("nav.rollup-switch")
    expect(switch.locator("a[aria-current]")).to_have_text(
        {"en": "By country", "es": "Por país"}[lang]
    )

    switch.locator("a:not([aria-current])").click()

    assert page.url.endswith("?chart=region#rollup-breakdown-heading"), page.url
    expect(page.locator("#rollup-breakdown-heading")).to_have_text(
        {"en": "By region", "es": "Por región"}[lang]
    )
    expect(page.locator("svg#rollup-regions")).to_be_visible()
    rows = page.locator("table[aria-labelledby=rollup-breakdown-heading] tbody tr")
    assert rows.count() > 1
    assert page.evaluate("document.documentElement.scrollWidth") <= (390 if phone else 1280)
    page.locator(".rollup").screenshot(
        path=str(SCREENSHOTS / f"motions-by-region-{lang}{'-phone' if phone else ''}.png"),
        animations="disabled",
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_body_search_shows_matches_as_one_types_and_the_keyboard_chooses_one(stack, browse, lang):
    page = browse(locale=LOCALE[lang])
    page.goto(motion_path(lang, "report/"))
    searches: list[str] = []
    page.on("request", lambda r: searches.append(r.url) if "/report/?q=" in r.url else None)
    query, name = BODY[lang]
    box = page.locator("#body-query")

    box.press_sequentially(query[:1], delay=40)
    page.wait_for_timeout(600)
    expect(page.locator("#body-matches a")).to_have_count(0)  # one letter finds nothing
    box.press_sequentially(query[1:], delay=40)
    match = page.locator("#body-matches a", has_text=name)
    expect(match).to_be_visible()
    # Debounced: a request once the typing pauses, not one a letter.
    assert len(searches) <= 3, searches
    url = page.url

    box.press("Tab")  # past the search button to the first match, then the chosen one
    match.focus()
    page.keyboard.press("Enter")

    assert page.url == url  # chosen in place, no new page
    body_id = match.get_attribute("data-body-choice")
    form = page.locator("form[data-report-form]")
    assert form.locator("input[name=body]").input_value() == body_id
    expect(page.locator("#body-chosen")).to_contain_text(name)
    expect(page.locator("#body-chosen")).to_have_attribute("role", "status")
    expect(match).to_have_attribute("aria-current", "true")
    expect(form.locator("fieldset[data-new-body]")).to_be_hidden()
    screenshot(page, f"motions-report-search-{lang}.png")
