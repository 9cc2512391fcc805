"""A wrong sign form in a real browser: errors shown next to the fields, nothing stored, no 500."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import STATEMENT, secrets_token, submit_sign_form

pytestmark = pytest.mark.browser


def _signature_total(stack) -> int:
    return stack.query("SELECT COUNT(*) FROM statements_signature")[0][0]


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_invalid_sign_form_shows_errors_and_stores_nothing(stack, browse, js):
    malformed = f"not-an-address-{secrets_token()}.example.net"
    rows_before = _signature_total(stack)
    page = browse(js=js)
    page.goto(STATEMENT)
    answers = []
    page.on(
        "response", lambda r: "/sign/" in r.url and answers.append((r.request.method, r.status))
    )
    form = page.locator("#sign form")
    form.locator("input[name=name]").fill("")
    form.locator("input[name=email]").fill(malformed)
    form.locator("select[name=country]").select_option("BO")
    form.locator("input[name=show_publicly]").check()
    submit_sign_form(page)

    summary = page.locator("#sign .error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("h3")).to_have_text("Please correct the highlighted fields")
    expect(summary.locator("li")).to_have_text(
        ["Your name: This field is required.", "Email address: Enter a valid email address."]
    )
    expect(page.locator("[data-field=name] .field-error")).to_have_text("This field is required.")
    expect(page.locator("[data-field=email] .field-error")).to_have_text(
        "Enter a valid email address."
    )
    expect(page.locator("[data-field=name]")).to_have_class("field has-error")
    # Screen readers hear the error and the hint with the field (aria-describedby points at them).
    expect(form.locator("input[name=name]")).to_have_accessible_description(
        "This field is required."
    )
    expect(form.locator("input[name=email]")).to_have_accessible_description(
        "We send you a link to confirm. Your address is never shown. Enter a valid email address."
    )
    expect(page.locator("[data-field=country] .field-error")).to_have_count(0)
    # What the reader typed and chose is kept, so only the mistakes need fixing.
    expect(form.locator("input[name=email]")).to_have_value(malformed)
    expect(form.locator("select[name=country]")).to_have_value("BO")
    expect(form.locator("input[name=show_publicly]")).to_be_checked()
    assert answers == [("POST", 422)]
    if js:
        assert page.url.endswith(STATEMENT), "htmx should swap the form in place"
        expect(summary).to_be_focused()
        # The title says "Error:" as it does without JavaScript.
        expect(page).to_have_title(re.compile(r"^Error: "))
        expect(page.locator("h1").first).to_be_visible()  # the rest of the page is still there
    else:
        assert page.url.endswith(f"{STATEMENT}sign/#sign-errors")
    assert _signature_total(stack) == rows_before
    assert not stack.query(
        "SELECT 1 FROM statements_signature WHERE email LIKE %s", (f"%{malformed}%",)
    )
    assert not stack.mailbox.to(malformed)

    # The error links lead to their field.
    summary.get_by_role("link", name="Email address: Enter a valid email address.").click()
    expect(form.locator("input[name=email]")).to_be_focused()

    if js:
        return  # htmx answers in place; the address stays the statement's
    # Corrected, the form goes through; the check-inbox address does not keep the error
    # summary's fragment (it would point at nothing).
    form.locator("input[name=name]").fill("Ana Sampleton")
    form.locator("input[name=email]").fill(f"ana.{secrets_token()}@example.org")
    submit_sign_form(page)
    page.wait_for_url("**/check-your-inbox/*")
    assert "#sign-errors" not in page.url


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return (
        box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= size["width"]
    )


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_without_javascript_the_errors_come_back_in_view_focused_and_titled(stack, browse, phone):
    page = browse(js=False, phone=phone)
    page.goto(STATEMENT)
    form = page.locator("#sign form")
    form.locator("input[name=name]").fill("Ana Sampleton")
    form.locator("input[name=email]").fill(f"not-an-address-{secrets_token()}")
    form.locator("select[name=country]").select_option("BO")
    submit_sign_form(page)

    summary = page.locator("#sign .error-summary")
    expect(summary).to_be_visible()
    assert page.title().startswith("Error: ")
    assert page.url.endswith(f"{STATEMENT}sign/#sign-errors")
    assert _in_viewport(page, summary), "the browser should land on the error summary"
    expect(summary).to_be_focused()

    # Opening the address the errors came back under (a GET) leads back to the form, not a 405.
    answer = page.goto(f"{STATEMENT}sign/")
    assert answer is not None and answer.status == 200
    assert page.url.endswith(f"{STATEMENT}#sign")
    assert not page.title().startswith("Error")
    assert _in_viewport(page, page.locator("#sign-heading"))


def test_inline_validation_waits_for_typing_and_speaks_the_pages_language(stack, browse):
    # An English browser on the Spanish page: the messages follow the page, not the browser.
    page = browse(locale="en-GB")
    page.context.add_cookies([{"name": "ayni_language", "value": "es", "url": stack.url}])
    page.goto(STATEMENT)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    form = page.locator("#sign form")
    errors = form.locator(".field-error")

    # Tabbing through every field without typing shows nothing.
    form.locator("input[name=name]").focus()
    for _ in range(8):
        page.keyboard.press("Tab")
    expect(errors).to_have_count(0)
    expect(form.locator("[aria-invalid]")).to_have_count(0)

    # A bad address, then leaving the field: the server's message, in Spanish.
    email = form.locator("input[name=email]")
    email.click()
    page.keyboard.type("ana@")
    page.keyboard.press("Tab")
    message = page.locator("[data-field=email] .field-error")
    expect(message).to_have_text("Introduce una dirección de correo electrónico válida.")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(errors).to_have_count(1)  # the name, never typed in, is still left alone

    # Emptying it says it is needed; putting it right takes the message away as one types.
    email.fill("")
    page.keyboard.press("Tab")
    expect(message).to_have_text("Este campo es obligatorio.")
    email.click()
    page.keyboard.type("ana@example.org")
    expect(errors).to_have_count(0)
    expect(email).not_to_have_attribute("aria-invalid", "true")
