"""Screenshots of the events' pages in docs/screenshots/ (events-<page>-<lang>.png), in English
and Spanish, and the event page on a phone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    EVENTS,
    ONLINE_EVENT,
    PAST_EVENT,
    event_path,
    fill_register_form,
    mail_about,
    registrant_link,
    screenshot,
    unique_email,
)

pytestmark = pytest.mark.browser

NAMES = {"en": "Ada Lovelace", "es": "Juana Azurduy"}


def registrant_links(page, stack, lang: str) -> tuple[str, str]:
    """Register for the upcoming online event as NAMES[lang] and confirm; their own page and
    their join link."""
    email = unique_email(f"shot-{lang}")
    page.goto(event_path(ONLINE_EVENT))
    fill_register_form(page, name=NAMES[lang], email=email)
    page.locator("#register form button[type=submit]").click()
    page.wait_for_url("**/check-inbox/*")
    page.goto(registrant_link(mail_about(stack, email, ""), "confirm"))
    page.locator("form[action*='/confirm/'] button[type=submit]").click()
    page.wait_for_url("**/events/r/*/")
    registered = stack.wait_for(lambda: stack.mailbox.to(email)[1:], message="registered")[0]
    return page.url, registrant_link(registered, "join")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_screenshots_of_the_events_pages(stack, browse, lang):
    page = browse(locale="es-ES" if lang == "es" else "en-GB")
    page.goto(EVENTS)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    screenshot(page, f"events-list-{lang}.png")

    page.goto(event_path(ONLINE_EVENT))
    expect(page.locator("#panel-heading")).to_be_visible()
    screenshot(page, f"events-event-{lang}.png")

    page.goto(event_path(PAST_EVENT))
    expect(page.locator("#report-back-heading")).to_be_visible()
    screenshot(page, f"events-report-back-{lang}.png")

    manage, join = registrant_links(page, stack, lang)
    page.goto(manage)
    expect(page.locator("#registration-status")).to_have_attribute("data-status", "confirmed")
    screenshot(page, f"events-registration-{lang}.png")

    # Frozen a fixed time before the way in opens, so the countdown reads the same each time.
    page.clock.install()
    page.goto(join)
    expect(page.locator("#join")).to_have_attribute("data-state", "early")
    opens = datetime.fromisoformat(page.locator("[data-countdown]").get_attribute("data-countdown"))
    page.clock.pause_at(opens - timedelta(days=1, hours=2, minutes=3, seconds=5))
    page.clock.run_for(1000)
    expect(page.locator("[data-countdown]")).to_contain_text("1 d 02:03:0")
    screenshot(page, f"events-join-{lang}.png")


def test_screenshot_of_an_event_on_a_phone(stack, browse):
    page = browse(phone=True)
    page.goto(event_path(ONLINE_EVENT))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "events-event-phone.png")
