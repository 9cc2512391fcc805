"""Screenshots of the motions' pages the journey does not take (docs/screenshots/motions-*.png):
the adoptions' table, the body search and the print page, in English and Spanish on a desktop
and on the narrowest phone (320 pixels), where nothing may stick out sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.motions_support import LOCALE, motion_path
from tests.browser.support import screenshot

pytestmark = pytest.mark.browser

NARROWEST = {"width": 320, "height": 640}
PHONE = {"width": 375, "height": 740}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def shown_pages(lang: str) -> dict[str, str]:
    return {
        "adoptions": motion_path(lang, "adoptions/?outcome=passed"),
        "body-search": f"/{lang}/motions/bodies/search/?q=health",
        "print": motion_path(lang, "print/"),
    }


@pytest.mark.parametrize("lang", ["en", "es"])
def test_screenshots_of_the_motions_other_pages(stack, browse, lang):
    desktop = browse(locale=LOCALE[lang])
    phones = [browse(locale=LOCALE[lang], phone=True, viewport=size) for size in (NARROWEST, PHONE)]
    for name, path in shown_pages(lang).items():
        desktop.goto(path)
        expect(desktop.locator("html")).to_have_attribute("lang", lang)
        screenshot(desktop, f"motions-{name}-{lang}.png")
        for phone in phones:
            phone.goto(path)
            assert phone.evaluate(NO_SIDEWAYS_SCROLL), f"{name} at {phone.viewport_size}"
        screenshot(phones[0], f"motions-{name}-{lang}-phone.png")
