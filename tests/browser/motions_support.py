"""The motions' demo motion in a real browser: its address, and reporting an adoption through
the form, confirming it by the emailed link and verifying it as the demo moderator (shared by
test_motions_journey.py and test_motions_page_quality.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.support import log_in_to_admin
from tests.fixtures import text_body
from tests.live import LiveStack

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


def fill_report(
    page: Page, lang: str, *, email: str, minutes: Path, body: tuple[str, str] | None = None
) -> None:
    """From the motion page to the sent report: the body (`body`: what to search for and the
    name to choose, else BODY's) searched for with the search button (a GET form), then the
    meeting, the vote, a donation, the evidence (a link in English, the minutes uploaded as an
    image in Spanish) and the reporter."""
    page.goto(motion_path(lang))
    page.locator("a.button[href$='/report/']").first.click()
    page.wait_for_url(f"**{motion_path(lang, 'report/')}")
    query, name = body or BODY[lang]
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


def confirm_link(stack: LiveStack, lang: str, email: str) -> str:
    """The confirm link in the email to `email`."""
    # The worker sends it within a second or two; a machine busy with other work, slower.
    message = stack.wait_for(
        lambda: stack.mailbox.to(email), timeout=90, message=f"email to {email}"
    )[0]
    match = re.search(rf"http://[^/\s]+/{lang}/motions/r/confirm/[^/\s]+/", text_body(message))
    assert match, text_body(message)
    return match.group(0)


def press_confirm(page: Page, lang: str) -> None:
    """On the confirm page: its button, to the reporter's own page."""
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.get_by_role("button", name=CONFIRM_BUTTON[lang]).click()
    page.wait_for_url("**/motions/r/*/")


def confirm_by_email(page: Page, stack: LiveStack, lang: str, email: str) -> None:
    page.goto(confirm_link(stack, lang, email))
    press_confirm(page, lang)


def verify_as_moderator(page: Page, stack: LiveStack, body: str) -> None:
    """The demo moderator opens the queue, the report, and verifies it (a step that asks
    first)."""
    log_in_to_admin(page, stack, "moderator")
    page.goto("/admin/motions/adoption/queue/")
    page.locator("#queue a", has_text=body).first.click()
    page.locator("form.moderation-step[action$='/verify/'] button[type=submit]").click()
    page.locator("#content-main form button[type=submit]").click()
    expect(page.locator(".messagelist")).to_be_visible()
