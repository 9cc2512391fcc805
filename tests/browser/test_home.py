"""The campaign's front door: the home page leads with the featured statement, and the header
works on a phone and without JavaScript. Screenshots in English and Spanish."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import STATEMENT, screenshot

pytestmark = pytest.mark.browser

NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize(
    ("locale", "lang", "button", "shot"),
    [("en-GB", "en", "Add your name", "home-en"), ("es-ES", "es", "Suma tu nombre", "home-es")],
)
def test_the_home_page_leads_with_the_featured_statement(browse, locale, lang, button, shot):
    page = browse(locale=locale)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    lead = page.locator(".home-lead")
    expect(lead.get_by_role("link", name=button)).to_be_visible()
    # The call to action is on the first screen, above the fold.
    box = lead.get_by_role("link", name=button).bounding_box()
    assert box is not None and box["y"] + box["height"] < page.viewport_size["height"]
    expect(page.locator(".brand-name")).to_have_text("Friends of Bolivia")
    expect(page.locator(".follow-links a").first).to_be_visible()
    screenshot(page, f"{shot}.png")

    lead.get_by_role("link", name=button).click()
    page.wait_for_url(f"**{STATEMENT.rstrip('/')}/**")
    expect(page.locator("#sign")).to_be_visible()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_the_header_fits_a_phone_and_its_sections_work(browse, js):
    page = browse(phone=True, js=js)
    page.goto("/")
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    nav = page.get_by_role("navigation", name="Sections")
    assert_touch_targets(nav, ("Home", "Statements", "Events", "About"))
    screenshot(page, "home-phone.png" if js else "home-phone-no-js.png")
    nav.get_by_role("link", name="About").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About Friends of Bolivia")
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    expect(nav.get_by_role("link", name="About")).to_have_attribute("aria-current", "page")
    nav.get_by_role("link", name="Statements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statements")
    nav.get_by_role("link", name="Events").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    expect(nav.get_by_role("link", name="Events")).to_have_attribute("aria-current", "page")
    assert page.evaluate(NO_HORIZONTAL_SCROLL)


# The narrowest phone in common use; every section stays reachable without scrolling sideways.
NARROW_PHONE = {"width": 320, "height": 640}


# Adds sections before About, as the apps to come (mailings) will.
ADD_SECTIONS = """names => {
    const about = document.querySelector(".site-nav li:last-child");
    for (const name of names) {
        const item = about.cloneNode(true);
        item.querySelector("a").textContent = name;
        item.querySelector("a").removeAttribute("aria-current");
        about.before(item);
    }
}"""


@pytest.mark.parametrize(
    ("locale", "sections", "to_come"),
    [
        ("en-GB", ("Home", "Statements", "Events", "Motions", "News", "About"), ("Mailings",)),
        (
            "es-ES",
            ("Inicio", "Declaraciones", "Eventos", "Mociones", "Noticias", "Quiénes somos"),
            ("Boletines",),
        ),
    ],
)
def test_the_header_fits_a_320_pixel_phone_with_every_section(browse, locale, sections, to_come):
    page = browse(locale=locale, phone=True, viewport=NARROW_PHONE)
    page.goto("/")
    nav = page.locator(".site-nav")

    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert_touch_targets(nav, sections)
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["x"] + header["width"] <= NARROW_PHONE["width"]

    page.evaluate(ADD_SECTIONS, list(to_come))

    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert_touch_targets(nav, (*sections[:-1], *to_come, sections[-1]))


def assert_touch_targets(nav, names) -> None:
    """Each section's link is visible, inside the screen, at least 44×44 px, and apart from
    the others."""
    boxes = []
    for name in names:
        link = nav.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None, name
        assert box["height"] >= 44 and box["width"] >= 44, f"{name}: touch target {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= nav.page.viewport_size["width"], name
        boxes.append(box)
    for first, second in zip(boxes, boxes[1:], strict=False):
        apart = (
            first["x"] + first["width"] <= second["x"]
            or first["y"] + first["height"] <= second["y"]
        )
        assert apart, (first, second)


def test_the_about_page_in_spanish(browse):
    page = browse(locale="es-ES")
    page.goto("/")
    page.get_by_role("navigation", name="Secciones").get_by_role(
        "link", name="Quiénes somos"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sobre Friends of Bolivia")
    expect(page.locator("article.prose")).to_contain_text("Lo que te pedimos")
    screenshot(page, "about-es.png")
