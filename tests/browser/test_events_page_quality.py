"""The events' pages pass axe-core (phone and desktop, both languages, the registrant's pages
reached from the emails too), do not shift while loading, and show a focus ring one can see.
The checks and their tools are tests/browser/test_page_quality.py's."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    ONLINE_EVENT,
    PAST_EVENT,
    SPEAKER,
    fill_register_form,
    mail_about,
    registrant_link,
    unique_email,
    unique_name,
)
from tests.browser.test_page_quality import (
    CLS_JS,
    LANGUAGES,
    axe_violations,
    faint_rings,
    focus_rings,
    url,
    violations_by_page,
)

pytestmark = pytest.mark.browser


def events_pages(lang: str) -> dict[str, str]:
    return {
        "events": url(lang, "events:list"),
        "events filtered": url(lang, "events:list", query="?format=in_person&language=en"),
        "event": url(lang, "events:detail", slug=ONLINE_EVENT),
        "past event": url(lang, "events:detail", slug=PAST_EVENT),
        "speaker": url(lang, "events:speaker", slug=SPEAKER),
        "check-inbox": url(lang, "events:sent", slug=ONLINE_EVENT),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_events_pages_have_no_axe_violations(browse, lang, phone):
    found = violations_by_page(browse(phone=phone), events_pages(lang), lang)
    assert found == dict.fromkeys(found, [])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_register_errors_and_the_registrant_pages_have_no_axe_violations(stack, browse, lang):
    page = browse()
    page.goto(url(lang, "events:detail", slug=ONLINE_EVENT))
    # Sent past the inline checks (as without JavaScript): the server's answer with its errors.
    page.locator("#register form").evaluate("form => form.submit()")
    expect(page.locator("#register-errors")).to_be_visible()
    assert axe_violations(page) == [], "the register form with errors"

    email = unique_email(f"event-quality-{lang}")
    fill_register_form(page, name=unique_name("Quality"), email=email)
    page.locator("#register form button[type=submit]").click()
    page.wait_for_url("**/check-inbox/*")
    confirm = registrant_link(mail_about(stack, email, ""), "confirm")
    page.goto(confirm)
    assert axe_violations(page) == [], "the confirm page"
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/events/r/*/")
    assert axe_violations(page) == [], "the registrant's own page"
    registered = stack.wait_for(lambda: stack.mailbox.to(email)[1:], message="registered")[0]
    page.goto(registrant_link(registered, "join"))
    expect(page.locator("#join")).to_have_attribute("data-state", "early")
    assert axe_violations(page) == [], "the join page before the start"
    page.goto(registrant_link(registered) + "cancel/")
    assert axe_violations(page) == [], "the cancel page"


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_events_pages_do_not_shift_while_loading(browse, phone):
    page = browse(phone=phone)
    for path in (
        url("en", "events:list"),
        url("es", "events:detail", slug=ONLINE_EVENT),
        url("en", "events:detail", slug=PAST_EVENT),
    ):
        page.goto(path, wait_until="load")
        shift = page.evaluate(CLS_JS)
        assert shift < 0.01, f"{path}: cumulative layout shift {shift:.4f}"


def test_every_focusable_element_on_an_event_page_shows_a_ring_with_3_to_1_contrast(browse):
    page = browse()
    page.goto(url("en", "events:detail", slug=ONLINE_EVENT))
    rings = focus_rings(page)
    assert rings[0]["skip"], rings[0]
    # The header's links and the panel's (the ring walk stops at the first name met twice).
    assert len(rings) > 10, rings
    assert faint_rings(rings) == []
