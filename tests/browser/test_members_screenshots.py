"""The members' pages in Chromium: subscribe to the news and confirm from the email, become a
member and sign in with the emailed link (the account page then), a replayed link refused;
screenshots of the subscribe and sign-in pages in English and Spanish in docs/screenshots/
(members-<page>-<lang>.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import mail_to, screenshot, subscribe_and_confirm, unique_email
from tests.fixtures import text_body

pytestmark = pytest.mark.browser


def link_in(message, fragment: str) -> str:
    [url] = [word for word in text_body(message).split() if fragment in word]
    return url


@pytest.mark.parametrize("lang", ["en", "es"])
def test_screenshots_of_the_subscribe_and_sign_in_pages(stack, browse, lang):
    page = browse(locale="es-ES" if lang == "es" else "en-GB")
    for name, path in (("subscribe", "subscribe"), ("join", "join")):
        page.goto(f"/{lang}/members/{path}/")
        expect(page.locator("main h1")).to_be_visible()
        screenshot(page, f"members-{name}-{lang}.png")


def test_subscribe_and_confirm_in_the_browser(stack, browse):
    page = browse()
    page.goto("/en/members/subscribe/?next=/en/news/")

    subscribe_and_confirm(page, stack, email=unique_email("subscriber"), name="Nina Demo")

    expect(page).to_have_url(f"{stack.url}/en/news/")


def test_join_sign_in_and_the_account_page_and_a_replayed_link(stack, browse):
    page = browse(locale="es-ES")
    email = unique_email("member")
    page.goto("/es/members/join/")
    page.locator("input[name=email]").fill(email)
    page.locator("#join form button[type=submit]").click()
    expect(page.locator("#join-sent h1")).to_have_text("Revisa tu correo")

    link = link_in(mail_to(stack, email), "/members/sign-in/")
    page.goto(link)
    page.get_by_role("button", name="Entrar").click()

    expect(page.locator("#account h1")).to_have_text("Tu membresía")
    expect(page.locator("#member-tier")).to_have_text("Miembro gratuito")
    screenshot(page, "members-account-es.png")

    other = browse()
    other.goto(link)
    expect(other.locator("#link-unusable")).to_be_visible()
    expect(other.get_by_role("link", name="Envíame un enlace nuevo para entrar")).to_be_visible()
