"""Signing, confirming and withdrawing in a real browser, with JavaScript on and off, in two languages."""

from __future__ import annotations

import time

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.browser.support import (
    SIGNATORIES,
    STATEMENT,
    TITLE_EN,
    TITLE_ES,
    fill_sign_form,
    folded_signature_row,
    mail_link,
    mail_to,
    settled_count,
    shown_count,
    signature_row,
    submission_count,
    submit_sign_form,
    unique_email,
    unique_name,
    wait_for_tally,
)
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.browser


def spanish(message: str) -> str:
    """The Spanish catalogue's text for a message (the English itself while untranslated)."""
    with translation.override("es"):
        return translation.gettext(message)


def _watch_navigations(page: Page) -> list[str]:
    navigations: list[str] = []
    page.on(
        "framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url)
    )
    return navigations


def _confirm(page: Page, link: str) -> None:
    page.goto(link)
    page.locator("form[action*='/confirm/'] button[type=submit]").click()
    page.wait_for_url("**/thank-you/")


def test_sign_with_javascript_confirms_by_email_and_counts(stack, browse):
    name, email = unique_name("Ada"), unique_email("ada")
    before = settled_count(stack)
    page = browse()
    page.goto(STATEMENT)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    assert shown_count(page) == before
    # A second reader keeps the statement open with a controllable clock, to see the poll work.
    watcher = browse()
    watcher.clock.install()
    watcher.goto(STATEMENT)
    assert shown_count(watcher) == before

    navigations = _watch_navigations(page)
    page.evaluate("window.ayniSamePage = true")
    fill_sign_form(page, name=name, email=email, country="GB")
    submit_sign_form(page)

    expect(page.locator("#sign h1")).to_have_text("Check your inbox")
    expect(page.locator("#sign")).to_contain_text(f"We have sent an email about “{TITLE_EN}”")
    expect(page.locator("#sign")).to_be_focused()
    assert page.evaluate("window.ayniSamePage === true"), "the sign form reloaded the page"
    assert navigations == []
    assert page.url.endswith(STATEMENT)
    assert submission_count(stack, email) == 1
    assert folded_signature_row(stack, email) == [("pending", name, "GB", 1, "en")]

    message = mail_to(stack, email)
    assert message["Subject"] == f"Please confirm your signature: {TITLE_EN}"
    assert f"Dear {name}," in text_body(message)
    assert f"Thank you for signing “{TITLE_EN}”" in text_body(message)
    assert 'lang="en"' in html_body(message)

    page.goto(mail_link(message, "confirm"))
    expect(page.locator("h1")).to_have_text("Confirm your signature")
    expect(page.locator("main")).to_contain_text("Check what will be recorded")
    expect(page.locator("#what-will-be-recorded")).to_contain_text(name)
    assert signature_row(stack, email)[0][0] == "pending", "opening the link alone confirmed"
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_url("**/thank-you/")
    expect(page.locator("h1")).to_have_text("Thank you — your signature is confirmed")
    expect(page.locator("main")).to_contain_text(f"Your name is now on “{TITLE_EN}”")
    assert signature_row(stack, email)[0][0] == "confirmed"

    wait_for_tally(stack, before + 1)
    page.goto(STATEMENT)
    assert shown_count(page) == before + 1
    # The open page catches up by polling count.json (every 10 s; the browser may reuse a
    # cached answer for COUNT_MAX_AGE seconds, so keep ticking for a little while).
    deadline = time.monotonic() + 15
    while shown_count(watcher) != before + 1 and time.monotonic() < deadline:
        watcher.clock.run_for(10_000)
        watcher.wait_for_timeout(300)
    assert shown_count(watcher) == before + 1

    page.goto(SIGNATORIES)
    expect(page.locator("#wall > li").first).to_contain_text(f"{name} (United Kingdom)")


def test_sign_in_spanish_follows_the_browser_language(stack, browse):
    name, email = unique_name("Juana"), unique_email("juana")
    before = settled_count(stack)
    page = browse(locale="es-ES")
    page.goto(STATEMENT)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text(TITLE_ES)
    expect(page.locator("#sign button[type=submit]")).to_have_text(spanish("Sign the statement"))

    fill_sign_form(page, name=name, email=email, country="BO")
    submit_sign_form(page)
    expect(page.locator("#sign h1")).to_have_text(spanish("Check your inbox"))
    expect(page.locator("#sign[role=status]")).to_contain_text(TITLE_ES)
    assert submission_count(stack, email) == 1
    assert folded_signature_row(stack, email) == [("pending", name, "BO", 1, "es")]

    message = mail_to(stack, email)
    assert message["Subject"] == spanish("Please confirm your signature: %(title)s") % {
        "title": TITLE_ES
    }
    assert TITLE_ES in text_body(message)
    assert 'lang="es"' in html_body(message)

    _confirm(page, mail_link(message, "confirm"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text(spanish("Thank you — your signature is confirmed"))
    expect(page.locator("main")).to_contain_text(TITLE_ES)
    assert signature_row(stack, email)[0][0] == "confirmed"
    wait_for_tally(stack, before + 1)
    page.goto(STATEMENT)
    assert shown_count(page) == before + 1


def test_sign_without_javascript_redirects_and_confirms(stack, browse):
    name, email = unique_name("Rosa"), unique_email("rosa")
    before = settled_count(stack)
    page = browse(js=False)
    page.goto(STATEMENT)
    expect(page.locator(".language-switch").get_by_role("link", name="Español")).to_be_visible()
    fill_sign_form(page, name=name, email=email, country="AR", show_publicly=False)
    submit_sign_form(page)

    # The browser keeps the form's #sign-errors through the redirect: "*" allows it.
    page.wait_for_url("**/check-your-inbox/*")
    expect(page.locator("h1")).to_have_text("Check your inbox")
    expect(page.locator("main")).to_contain_text(f"We have sent an email about “{TITLE_EN}”")
    assert submission_count(stack, email) == 1
    assert folded_signature_row(stack, email) == [("pending", name, "AR", 0, "en")]

    message = mail_to(stack, email)
    page.goto(mail_link(message, "confirm"))
    expect(page.locator("h1")).to_have_text("Confirm your signature")
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_url("**/thank-you/")
    expect(page.locator("h1")).to_have_text("Thank you — your signature is confirmed")
    assert signature_row(stack, email)[0][0] == "confirmed"

    wait_for_tally(stack, before + 1)
    page.goto(STATEMENT)
    assert shown_count(page) == before + 1
    page.goto(SIGNATORIES)
    expect(page.locator("#wall")).not_to_contain_text(name)  # they chose not to be listed


def test_withdraw_by_the_link_in_the_email_lowers_the_count(stack, browse):
    name, email = unique_name("Walter"), unique_email("walter")
    before = settled_count(stack)
    page = browse()
    page.goto(STATEMENT)
    fill_sign_form(page, name=name, email=email, country="FR")
    submit_sign_form(page)
    expect(page.locator("#sign h1")).to_have_text("Check your inbox")
    message = mail_to(stack, email)
    _confirm(page, mail_link(message, "confirm"))
    wait_for_tally(stack, before + 1)
    page.goto(SIGNATORIES)
    expect(page.locator("#wall > li").first).to_contain_text(name)

    page.goto(mail_link(message, "withdraw"))
    expect(page.locator("h1")).to_have_text("Withdraw your signature")
    assert signature_row(stack, email)[0][0] == "confirmed", "opening the link alone withdrew"
    page.get_by_role("button", name="Withdraw my signature").click()
    expect(page.locator("h1")).to_have_text("Your signature has been withdrawn")
    expect(page.locator("main")).to_contain_text(f"Your name is no longer on “{TITLE_EN}”")
    assert signature_row(stack, email) == [("withdrawn", name, "FR", 0, "en")]

    wait_for_tally(stack, before)
    page.goto(STATEMENT)
    assert shown_count(page) == before
    page.goto(SIGNATORIES)
    expect(page.locator("#wall")).not_to_contain_text(name)
