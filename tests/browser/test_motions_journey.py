"""A model motion's way in a real browser, on the demo's Bolivia motion: download it to table
at a meeting, report the branch's adoption (the body found by a plain search), confirm by the
emailed link and its button, verify as the demo moderator in the back office's queue, and see
the motion page's count of adopting bodies go up by one; in English and in Spanish, with
JavaScript off and on. The motion page and the report form on a phone, and their screenshots
(docs/screenshots/motions-*.png)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.support import (
    SCREENSHOTS,
    log_in_to_admin,
    save_share_card,
    screenshot,
    unique_email,
)
from tests.fixtures import text_body
from tests.live import LiveStack

pytestmark = pytest.mark.browser

SLUG = "solidarity-with-democracy-in-bolivia"  # the motions' demo motion
TITLE = {
    "en": "Solidarity with democracy and social progress in Bolivia",
    "es": "Solidaridad con la democracia y el progreso social en Bolivia",
}
LOCALE = {"en": "en-GB", "es": "es-ES"}
# Bodies of the demo's tree that no demo report names: each journey's adoption is new.
BODY = {
    "en": ("Dundee Community", "Dundee Community Branch"),
    "es": ("Andaluc", "CCOO de Andalucía"),
}
REPORTER = {"en": "Ada Lovelace", "es": "Juana Azurduy"}
CONFIRM_BUTTON = {"en": "Confirm my report", "es": "Confirmar mi informe"}


def motion_path(lang: str, tail: str = "") -> str:
    return f"/{lang}/motions/{SLUG}/{tail}"


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


def fill_report(page: Page, lang: str, *, email: str, minutes: Path) -> None:
    """From the motion page to the sent report: the body searched for without JavaScript's
    help (a GET form), then the meeting, the vote, a donation, the evidence (a link in
    English, the minutes uploaded as an image in Spanish) and the reporter."""
    page.goto(motion_path(lang))
    page.locator("a.button[href$='/report/']").first.click()
    page.wait_for_url(f"**{motion_path(lang, 'report/')}")
    query, name = BODY[lang]
    page.locator("#body-query").fill(query)
    page.locator("form.body-search button[type=submit]").click()
    page.locator(".body-results a", has_text=name).click()
    expect(page.locator(".chosen-body")).to_contain_text(name)
    form = page.locator("form[method=post]")
    form.locator("input[name=meeting_date]").fill((date.today() - timedelta(days=3)).isoformat())
    form.locator("input[name=outcome][value=passed]").check()
    form.locator("input[name=votes_for]").fill("23")
    form.locator("input[name=votes_against]").fill("1")
    form.locator("input[name=commitments][value=affiliate]").check()
    form.locator("input[name=commitments][value=donate]").check()
    form.locator("input[name=donation_amount]").fill("120")
    form.locator("select[name=donation_currency]").select_option("GBP" if lang == "en" else "EUR")
    if lang == "en":
        form.locator("input[name=evidence_url]").fill("https://example.org/minutes/dundee.pdf")
    else:
        form.locator("input[name=evidence_file]").set_input_files(minutes)
    form.locator("input[name=name]").fill(REPORTER[lang])
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=consent]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").last.click()
    errors = page.locator("#report-errors")
    assert not errors.count(), errors.inner_text()
    assert "/report/check-inbox/" in page.url, page.url


def confirm_by_email(page: Page, stack: LiveStack, lang: str, email: str) -> None:
    message = stack.wait_for(lambda: stack.mailbox.to(email), message=f"email to {email}")[0]
    match = re.search(rf"http://[^/\s]+/{lang}/motions/r/confirm/[^/\s]+/", text_body(message))
    assert match, text_body(message)
    page.goto(match.group(0))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.get_by_role("button", name=CONFIRM_BUTTON[lang]).click()
    page.wait_for_url("**/motions/r/*/")


def verify_as_moderator(page: Page, stack: LiveStack, body: str) -> None:
    """The demo moderator opens the queue, the report, and verifies it (a step that asks
    first)."""
    log_in_to_admin(page, stack, "moderator")
    page.goto("/admin/motions/adoption/queue/")
    page.locator("#queue a", has_text=body).first.click()
    page.locator("form.moderation-step[action$='/verify/'] button[type=submit]").click()
    page.locator("#content-main form button[type=submit]").click()
    expect(page.locator(".messagelist")).to_be_visible()


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
