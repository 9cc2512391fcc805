"""The language is in the address: /en/… and /es/…; old addresses redirect; the choice is kept."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def privacy_in(language: str) -> str:
    with translation.override(language):
        return reverse("core:privacy")


def head_links(html: str) -> list[str]:
    """The <head>'s language tags, in order, as written."""
    head = html[: html.index("</head>")]
    return re.findall(
        r'<(?:link rel="(?:canonical|alternate)" hreflang[^>]*|link rel="canonical"[^>]*|meta property="og:locale[^>]*)>',
        head,
    )


@pytest.mark.parametrize(
    ("language", "browser", "heading"),
    [("en", "es", "<h1>Privacy</h1>"), ("es", "en", "<h1>Privacidad</h1>")],
)
def test_a_prefixed_page_speaks_its_language_whatever_the_browser_says(
    client, language, browser, heading
):
    response = client.get(f"/{language}/privacy/", HTTP_ACCEPT_LANGUAGE=browser)

    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert response["Content-Language"] == language


@pytest.mark.parametrize(
    ("cookie", "browser", "expected"),
    [
        (None, None, "/en/privacy/"),  # nothing known: English
        (None, "es-BO,es;q=0.9", "/es/privacy/"),  # the browser's language
        ("en", "es", "/en/privacy/"),  # the remembered choice beats the browser
        ("es", "en", "/es/privacy/"),
        ("xx", "es", "/es/privacy/"),  # a cookie naming no language of ours is ignored
    ],
)
def test_an_old_address_redirects_to_the_remembered_then_the_browsers_language(
    cookie, browser, expected
):
    client = Client(**({"HTTP_ACCEPT_LANGUAGE": browser} if browser else {}))
    if cookie:
        client.cookies["ayni_language"] = cookie

    response = client.get("/privacy/?from=newsletter")

    assert response.status_code == 302
    assert response["Location"] == f"{expected}?from=newsletter"


def test_the_bare_site_address_redirects_to_the_home_of_the_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")

    assert (response.status_code, response["Location"]) == (302, "/es/")


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt", "/sitemap.xml", "/admin/login/"])
def test_addresses_without_a_language_are_served_where_they_are(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 200
    assert "Location" not in response


def test_the_back_office_keeps_following_the_cookie_and_browser(client):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert '<html lang="es"' in html
    assert client.get("/en/admin/login/").status_code == 404


def test_an_unknown_address_is_a_404_in_the_visitors_language_without_alternates(client):
    response = client.get("/es/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Página no encontrada" in html
    assert 'rel="canonical"' not in html and 'hreflang="x-default"' not in html
    # The switch still leads somewhere real: each language's home page.
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html


# --- The remembered choice -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cookie", "browser", "page", "set_to"),
    [
        (None, "en", "en", None),  # the usual visit: nothing to remember, no Set-Cookie
        (None, "es", "es", None),
        (None, "en", "es", "es"),  # a Spanish link opened in an English browser
        ("es", "en", "es", None),  # already remembered
        ("es", "es", "en", "en"),  # switched back to English
        ("en", "es", "es", "es"),
    ],
)
def test_the_language_cookie_is_set_only_when_it_changes_where_an_old_address_leads(
    cookie, browser, page, set_to
):
    client = Client(HTTP_ACCEPT_LANGUAGE=browser)
    if cookie:
        client.cookies["ayni_language"] = cookie

    response = client.get(f"/{page}/privacy/")

    assert response.status_code == 200
    if set_to is None:
        assert "ayni_language" not in response.cookies
    else:
        morsel = response.cookies["ayni_language"]
        assert morsel.value == set_to
        assert (morsel["max-age"], morsel["path"], morsel["samesite"]) == (
            365 * 24 * 3600,
            "/",
            "Lax",
        )


def test_following_the_switch_is_remembered_for_old_addresses(client):
    english = client.get("/en/privacy/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    switch = re.search(r'<a href="([^"]+)" hreflang="es" lang="es">Español</a>', english).group(1)

    client.get(switch, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="en")

    assert switch == "/es/privacy/"
    assert response["Location"] == "/es/privacy/"


def test_no_cookie_is_set_on_a_page_that_is_not_found_or_not_a_page(client):
    missing = client.get("/es/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    health = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en")

    assert "ayni_language" not in missing.cookies
    assert "ayni_language" not in health.cookies


# --- The switch and the head -----------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_switch_is_two_plain_links_to_this_page(client, language):
    html = client.get(privacy_in(language)).content.decode()

    switch = html[html.index('<nav class="language-switch"') : html.index("</nav>")]
    current = ' aria-current="page"'
    assert re.findall(r"<a [^>]+>[^<]+</a>", switch) == [
        f'<a href="/en/privacy/" hreflang="en" lang="en"{current if language == "en" else ""}>English</a>',
        f'<a href="/es/privacy/" hreflang="es" lang="es"{current if language == "es" else ""}>Español</a>',
    ]
    assert "<form" not in switch and "set_language" not in html and "/i18n/setlang/" not in html


@pytest.mark.parametrize(
    ("language", "og_locale", "og_alternate", "description"),
    [
        ("en", "en_GB", "es_LA", "What we keep about you when you sign"),
        ("es", "es_LA", "en_GB", "Qué guardamos de ti cuando firmas"),
    ],
)
def test_the_privacy_page_names_its_versions_locale_and_description(
    client, settings, language, og_locale, og_alternate, description
):
    settings.SITE_URL = "https://campaign.example.org"

    html = client.get(privacy_in(language)).content.decode()

    assert head_links(html) == [
        f'<link rel="canonical" href="https://campaign.example.org/{language}/privacy/">',
        '<link rel="alternate" hreflang="en" href="https://campaign.example.org/en/privacy/">',
        '<link rel="alternate" hreflang="es" href="https://campaign.example.org/es/privacy/">',
        '<link rel="alternate" hreflang="x-default" href="https://campaign.example.org/privacy/">',
        f'<meta property="og:locale" content="{og_locale}">',
        f'<meta property="og:locale:alternate" content="{og_alternate}">',
    ]
    meta = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert meta.startswith(description)
    assert html.count('name="description"') == 1


@pytest.mark.parametrize(
    "data",
    [
        {"language": "xx", "next": "/"},
        {"language": "es", "next": "http://evil.example/"},
        {"language": "es", "next": "//evil.example/"},
        {"language": "\x00", "next": "\x00"},
        {},
    ],
)
def test_language_switch_with_bad_input_stays_on_this_site(client, data):
    response = client.post("/i18n/setlang/", data)

    assert response.status_code in (302, 204)
    assert "evil.example" not in response.get("Location", "")
