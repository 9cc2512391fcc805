"""The motions' pages that the journey does not prove pass axe-core (after their scripts ran)
and the Nu HTML checker (the HTML as the server sends it): the adoptions' table, the body
search, the print page, the check-inbox page, the motion page by region and the report form's
matches (both languages, phone and desktop); the reporter's confirm, own and erase pages
reached from the emailed link; the back office's moderation queue and page and the body
import. Screenshots of the reporter's and the back office's pages are taken on the way
(docs/screenshots/motions-*.png). The tools are tests/browser/test_page_quality.py's and
bench/page_quality.py's (docs/page-quality.md), skipped, saying so, when absent."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.motions_support import (
    LOCALE,
    confirm_link,
    fill_report,
    motion_path,
    press_confirm,
)
from tests.browser.support import log_in_to_admin, screenshot, unique_email
from tests.browser.test_page_quality import LANGUAGES, axe_violations, nu_errors

pytestmark = pytest.mark.browser

NARROWEST = {"width": 320, "height": 640}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
# Bodies no other browser test reports for: the journey's moderator picks its own report.
QUALITY_BODY = {
    "en": ("Riverside Ward", "Riverside Ward Branch"),
    "es": ("Enseñanza Pública Este", "Sección sindical de Enseñanza Pública Este"),
}


def motions_pages(lang: str) -> dict[str, str]:
    return {
        "adoptions": motion_path(lang, "adoptions/"),
        "adoptions filtered": motion_path(lang, "adoptions/?outcome=passed&since=2020-01-01"),
        "adoptions bad filter": motion_path(lang, "adoptions/?since=not-a-date&level=99"),
        "body search": f"/{lang}/motions/bodies/search/",
        "body search found": f"/{lang}/motions/bodies/search/?q=branch",
        "body search none": f"/{lang}/motions/bodies/search/?q=zzzz",
        "print": motion_path(lang, "print/"),
        "report sent": motion_path(lang, "report/check-inbox/"),
        "motion by region": motion_path(lang, "?chart=region"),
        "report matches": motion_path(lang, "report/?q=ward"),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_motions_pages_have_no_axe_violations(browse, lang, phone):
    page = browse(phone=phone, locale=LOCALE[lang])
    found = {}
    for name, path in motions_pages(lang).items():
        response = page.goto(path)
        assert response and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == lang, path
        found[name] = axe_violations(page)
    assert found == dict.fromkeys(found, [])


def test_motions_pages_pass_the_nu_checker(browse, tmp_path):
    page = browse()
    paths = {
        f"{name} {lang}": path for lang in LANGUAGES for name, path in motions_pages(lang).items()
    }

    found = nu_errors(page, paths, tmp_path)

    assert found == dict.fromkeys(found, [])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reporters_pages_from_the_email_pass_axe_and_nu(stack, browse, tmp_path, lang):
    page = browse(locale=LOCALE[lang])
    email = unique_email(f"motion-quality-{lang}")
    minutes = tmp_path / "minutes.png"
    Image.new("RGB", (120, 80), "white").save(minutes)
    fill_report(page, lang, email=email, minutes=minutes, body=QUALITY_BODY[lang])
    screenshot(page, f"motions-report-sent-{lang}.png")
    confirm = confirm_link(stack, lang, email).removeprefix(stack.url)
    page.goto(confirm)
    found = {"confirm": axe_violations(page)}
    screenshot(page, f"motions-report-confirm-{lang}.png")
    nu_found = nu_errors(page, {"confirm": confirm}, tmp_path)  # before it is used

    press_confirm(page, lang)

    own = page.url.removeprefix(stack.url)
    found["own"] = axe_violations(page)
    screenshot(page, f"motions-report-manage-{lang}.png")
    page.goto(f"{own}erase/")
    expect(page.locator("main form button[type=submit]")).to_be_visible()
    found["erase"] = axe_violations(page)
    screenshot(page, f"motions-report-erase-{lang}.png")
    phone = browse(phone=True, locale=LOCALE[lang], viewport=NARROWEST)
    for name, path in (("own", own), ("erase", f"{own}erase/")):
        phone.goto(path)
        assert phone.evaluate(NO_SIDEWAYS_SCROLL), name
    screenshot(phone, f"motions-report-erase-{lang}-phone.png")
    nu_found.update(nu_errors(page, {"own": own, "erase": f"{own}erase/"}, tmp_path))
    assert found == dict.fromkeys(found, [])
    assert nu_found == dict.fromkeys(nu_found, [])


def test_the_back_office_moderation_and_body_import_pass_axe_and_nu(stack, browse, tmp_path):
    adoption = stack.query(
        "SELECT id FROM motions_adoption WHERE status = 'submitted' ORDER BY id LIMIT 1"
    )[0][0]
    moderator = browse()
    log_in_to_admin(moderator, stack, "moderator")
    pages = {
        "queue": "/admin/motions/adoption/queue/",
        "moderate": f"/admin/motions/adoption/{adoption}/moderate/",
    }
    found = {}
    for name, path in pages.items():
        moderator.goto(path)
        found[name] = axe_violations(moderator)
        screenshot(moderator, f"motions-admin-{name}.png")
    nu_found = nu_errors(moderator, pages, tmp_path)

    organiser = browse()
    log_in_to_admin(organiser, stack, "organiser")
    organiser.goto("/admin/motions/body/import/")
    found["import"] = axe_violations(organiser)
    csv = tmp_path / "bodies.csv"
    csv.write_text(
        "organisation_code,organisation_name,organisation_kind,code,name,type,level,"
        "parent_code,country,website\n"
        "quality,Quality Union,union,Q-NAT,Quality Union Conference,Conference,1,,GB,\n"
        "quality,Quality Union,union,Q-BR,Quality Branch,Branch,4,Q-NOWHERE,GB,\n"
    )
    organiser.locator("#import-upload input[type=file]").set_input_files(csv)
    organiser.locator("#import-upload [type=submit]").click()
    expect(organiser.locator("#import-errors")).to_be_visible()
    found["import errors"] = axe_violations(organiser)
    screenshot(organiser, "motions-admin-import-errors.png")
    nu_found.update(nu_errors(organiser, {"import": "/admin/motions/body/import/"}, tmp_path))
    assert found == dict.fromkeys(found, [])
    assert nu_found == dict.fromkeys(nu_found, [])
