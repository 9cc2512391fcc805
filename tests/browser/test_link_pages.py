"""The pages a signer reaches from an email link: what will be recorded, and a link that no
longer works. Screenshots in English, Spanish, on a phone and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    STATEMENT,
    fill_sign_form,
    mail_link,
    screenshot,
    submit_sign_form,
    unique_email,
    unique_name,
)

pytestmark = pytest.mark.browser


def signed(page, stack, *, name: str, email: str, nth: int = 1) -> str:
    """Sign as `name` and return the confirmation link from the `nth` email to `email`."""
    page.goto(STATEMENT)
    fill_sign_form(page, name=name, email=email, country="BO")
    submit_sign_form(page)
    # The browser keeps the form's #sign-errors through the redirect: "*" allows it.
    page.wait_for_url("**/check-your-inbox/*")
    messages = stack.wait_for(lambda: stack.mailbox.to(email)[nth - 1 :], message="the email")
    return mail_link(messages[0], "confirm")


def test_confirm_page_shows_what_will_be_recorded_in_both_languages(stack, browse):
    email = unique_email("record")
    name = unique_name("Marta")
    english = browse(js=False)
    link = signed(english, stack, name=name, email=email)

    english.goto(link)
    record = english.locator("#what-will-be-recorded")
    expect(record).to_contain_text(name)
    expect(record).to_contain_text("Bolivia")
    expect(record).to_contain_text("Yes: your name appears on the list of signatories")
    screenshot(english, "confirm-en.png")

    # The link is in the signer's language (English) whatever the browser says; its Spanish
    # version is one click away on the switch.
    spanish = browse(locale="es-ES", js=False)
    spanish.goto(link)
    expect(spanish.locator("h1")).to_have_text("Confirm your signature")
    spanish.locator(".language-switch").get_by_role("link", name="Español").click()
    expect(spanish.locator("h1")).to_have_text("Confirma tu firma")
    expect(spanish.locator("#what-will-be-recorded")).to_contain_text(name)
    screenshot(spanish, "confirm-es.png")

    phone = browse(phone=True)
    phone.goto(link)
    expect(phone.locator("#what-will-be-recorded")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "confirm-phone.png")


def test_a_superseded_link_says_so_in_both_languages(stack, browse):
    email = unique_email("superseded")
    page = browse(js=False)
    first = signed(page, stack, name=unique_name("Olga"), email=email)
    second = signed(page, stack, name=unique_name("Olga"), email=email, nth=2)
    page.goto(second)
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_url("**/thank-you/")

    response = page.goto(first)
    assert response and response.status == 410
    expect(page.locator("h1")).to_have_text("This link can no longer be used")
    screenshot(page, "link-unusable-en.png")
    spanish = browse(locale="es-ES")
    spanish.goto(first.replace("/en/confirm/", "/es/confirm/"))
    expect(spanish.locator("h1")).to_have_text("Este enlace ya no se puede usar")
    screenshot(spanish, "link-unusable-es.png")
