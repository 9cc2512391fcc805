"""The public pages pass axe-core, do not shift while loading, and show a focus ring one can see.

axe-core is not vendored (nothing of it ships with ayni): these tests use the copy that
bench/page_quality.py's tools install puts in /tmp/pagecheck (or $PAGECHECK_DIR), and are
skipped, saying so, when it is absent. docs/page-quality.md has the install line and the
Lighthouse and Nu results.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from bench.page_quality import nu
from tests.browser.support import (
    SLUG,
    fill_sign_form,
    mail_link,
    mail_to,
    submit_sign_form,
    unique_email,
    unique_name,
)

pytestmark = pytest.mark.browser

TOOLS = Path(os.environ.get("PAGECHECK_DIR") or Path(tempfile.gettempdir()) / "pagecheck")
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ["en", "es"]
# WCAG 2.2 (2.4.11/2.4.13 and 1.4.11): the ring against what it is drawn on, at least 3:1.
FOCUS_CONTRAST = 3.0


def url(lang: str, name: str, *, query: str = "", **kwargs: str) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None) + query


def public_pages(lang: str) -> dict[str, str]:
    statement = {"slug": SLUG}
    return {
        "home": url(lang, "core:home"),
        "statements": url(lang, "statements:list"),
        "statement": url(lang, "statements:detail", **statement),
        "signatories": url(lang, "statements:signatories", **statement),
        "organisations": url(
            lang, "statements:signatories", query="?kind=organisation", **statement
        ),
        "check-inbox": url(lang, "statements:check_inbox", **statement),
        "thank-you": url(lang, "statements:thanks", **statement),
        "about": url(lang, "core:about"),
        "privacy": url(lang, "core:privacy"),
        "404": f"/{lang}/no-such-page/",
    }


def axe_violations(page: Page) -> list[str]:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (see docs/page-quality.md)")
    # The CSP refuses an injected <script>; evaluate() runs in the page all the same.
    violations = page.evaluate(AXE.read_text() + "; axe.run().then(r => r.violations)")
    return [
        f"{v['id']}: {v['help']} at {[node['target'] for node in v['nodes']]}" for v in violations
    ]


def test_axe_finds_what_it_should(browser):
    """The check can fail: an image without a text alternative is reported."""
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><title>t</title><main><h1>t</h1><img src="x.png"></main></html>'
    )
    assert [line.split(":")[0] for line in axe_violations(page)] == ["image-alt"]
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_have_no_axe_violations(browse, lang):
    for phone in (False, True):
        page = browse(phone=phone)
        for name, path in public_pages(lang).items():
            response = page.goto(path)
            assert response and response.status == (404 if name == "404" else 200), path
            expect(page.locator("html")).to_have_attribute("lang", lang)
            assert axe_violations(page) == [], f"{name} ({'phone' if phone else 'desktop'})"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sign_errors_the_answer_and_the_emailed_pages_have_no_axe_violations(stack, browse, lang):
    page = browse()
    page.goto(url(lang, "statements:detail", slug=SLUG))
    submit_sign_form(page)
    expect(page.locator("#sign-errors")).to_be_visible()
    assert axe_violations(page) == [], "the sign form with errors"

    email = unique_email(f"quality-{lang}")
    page.goto(url(lang, "statements:detail", slug=SLUG))
    fill_sign_form(page, name=unique_name("Quality"), email=email)
    submit_sign_form(page)
    # With JavaScript the answer is swapped in where the form was.
    expect(page.locator("#sign[role=status]")).to_be_visible()
    assert axe_violations(page) == [], "the statement page once signed"
    message = mail_to(stack, email)
    for kind in ("confirm", "withdraw"):
        page.goto(mail_link(message, kind))
        expect(page.locator("main form button[type=submit]")).to_be_visible()
        assert axe_violations(page) == [], f"the {kind} page"


# Sums every layout shift not caused by input, from the start of the page's load (buffered)
# until a second and a half after it, by which time the count poll and any late image are in.
CLS_JS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


def test_the_shift_measure_sees_a_shift(browse):
    """The check can fail: a block pushed in above the page's text after load is measured."""
    page = browse()
    page.goto(url("en", "core:about"), wait_until="load")
    page.evaluate(
        """() => setTimeout(() => {
          const block = document.createElement("div");
          block.style.height = "300px";  // CSSOM, which the CSP allows
          document.querySelector("main").prepend(block);
        }, 100)"""
    )
    assert page.evaluate(CLS_JS) > 0.01


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_home_and_statement_pages_do_not_shift_while_loading(browse, lang, phone):
    page = browse(phone=phone)
    for name in ("core:home", "statements:detail", "statements:signatories"):
        path = url(lang, name, **({} if name == "core:home" else {"slug": SLUG}))
        page.goto(path, wait_until="load")
        shift = page.evaluate(CLS_JS)
        assert shift < 0.01, f"{path}: cumulative layout shift {shift:.4f}"


# For the element that has focus: its outline, and the colour of what the outline is drawn on,
# found by asking which element is under a point of the ring (just outside the element's box,
# in the middle of its left edge) and walking up to the first opaque background.
RING_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const offset = parseFloat(style.outlineOffset) || 0;
  const width = parseFloat(style.outlineWidth) || 0;
  const x = Math.max(0, rect.left - offset - width / 2);
  const y = rect.top + rect.height / 2;
  let under = document.elementsFromPoint(x, y).find(n => n !== el && !el.contains(n));
  let background = "rgb(255, 255, 255)";
  for (let node = under; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== "transparent" && !/rgba\\(.*, 0\\)$/.test(colour)) { background = colour; break; }
  }
  return {
    skip: el.matches(".skip-link"),
    what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + (el.textContent || el.name || "").trim().slice(0, 30),
    style: style.outlineStyle, width: width, colour: style.outlineColor, background: background,
  };
}"""


def luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Whether the focused element was reached before: the element itself, not its text (an article's
# section link reads "News" as the header's does).
SEEN_JS = """() => {
  const seen = (window.ringsSeen ||= new WeakSet());
  const el = document.activeElement;
  if (!el || seen.has(el)) return true;
  seen.add(el);
  return false;
}"""


def focus_rings(page: Page, *, limit: int = 80) -> list[dict]:
    """Tab through the page from the top, the ring of each element reached once."""
    rings: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        ring = page.evaluate(RING_JS)
        if ring is None or page.evaluate(SEEN_JS):
            break
        rings.append(ring)
    return rings


def violations_by_page(page: Page, pages: dict[str, str], lang: str) -> dict[str, list[str]]:
    """axe-core's violations on each of `pages` (name -> path), each answered 200 in `lang`."""
    found = {}
    for name, path in pages.items():
        response = page.goto(path)
        assert response and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == lang, path
        found[name] = axe_violations(page)
    return found


def nu_errors(page: Page, paths: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """The Nu checker's errors on each page's HTML as the server sends it (fetched with the
    page's cookies, so a back-office page too), one Java start for all."""
    if not VNU.exists():
        pytest.skip(f"the Nu checker is not installed at {VNU} (see docs/page-quality.md)")
    files = {}
    for index, (name, path) in enumerate(paths.items()):
        response = page.request.get(path)
        assert response.status in (200, 422), f"{name}: {response.status}"
        file = folder / f"{index:02d}.html"
        file.write_bytes(response.body())
        files[name] = file
    found = nu(list(files.values()))
    return {name: found[file] for name, file in files.items()}


def faint_rings(rings: list[dict]) -> list[dict]:
    """The rings one cannot see: none, thinner than 2 px, or under 3:1 against their ground."""
    return [
        ring
        for ring in rings
        if ring["style"] == "none"
        or ring["width"] < 2
        or contrast(ring["colour"], ring["background"]) < FOCUS_CONTRAST
    ]


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_every_focusable_element_shows_a_ring_with_3_to_1_contrast(browse, phone):
    page = browse(phone=phone)
    checked = []
    for path in (
        url("en", "core:home"),
        url("es", "statements:detail", slug=SLUG),
        url("en", "statements:signatories", query="?kind=organisation", slug=SLUG),
    ):
        page.goto(path)
        rings = focus_rings(page)
        # The skip link, the header's links (on the dark band) and the page's own all came up.
        assert rings[0]["skip"], rings[0]
        assert len(rings) > 8, rings
        for ring in rings:
            assert ring["style"] != "none" and ring["width"] >= 2, ring
            ratio = contrast(ring["colour"], ring["background"])
            assert ratio >= FOCUS_CONTRAST, f"{ring} contrast {ratio:.2f}"
            checked.append(ring["background"])
    # Both kinds of background were met: the dark header and the light page.
    assert {"rgb(29, 29, 31)", "rgb(251, 250, 247)"} <= set(checked)


def test_contrast_is_the_wcag_ratio():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 2) == 21.0
    assert round(contrast("rgb(255, 191, 71)", "rgb(29, 29, 31)"), 1) == 10.3
    assert contrast("rgb(29, 29, 31)", "rgb(29, 29, 31)") == 1.0
