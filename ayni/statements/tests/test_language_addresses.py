"""Statements under /en/ and /es/: the pages, the emails' links, the old addresses, the head."""

from __future__ import annotations

import gzip
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ayni.statements.enums import SignatureStatus, StatementState
from ayni.statements.models import Signature, StatementTranslation, Submission
from ayni.statements.services import signature_links
from ayni.statements.tokens import CONFIRM_SALT, WITHDRAW_SALT
from tests.factories import SignatureFactory, StatementFactory, link_token
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db

SIGNER = {
    "kind": "individual",
    "name": "Rosa Quispe",
    "email": "rosa.quispe@example.org",
    "country": "BO",
}


def url_in(language: str, name: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", text_body(message))


@pytest.mark.parametrize(("language", "other"), [("en", "es"), ("es", "en")])
def test_the_emails_links_are_in_the_signers_language(
    client, mailbox, run_tasks, settings, language, other
):
    settings.SITE_URL = "https://campaign.example.org"
    statement = StatementFactory()

    # The browser asks for the other language: the page the form was sent from decides.
    client.post(
        url_in(language, "statements:sign", slug=statement.slug), SIGNER, HTTP_ACCEPT_LANGUAGE=other
    )
    run_tasks()

    submission = Submission.objects.get()
    assert submission.language == language
    site = f"https://campaign.example.org/{language}/"
    links = [
        link
        for link in links_in(mailbox.messages[0])
        if "campaign.example.org" in link and link.rstrip("/") != settings.SITE_URL
    ]
    # Confirm, then withdraw, my data and erase: every action's email carries all three.
    assert [link.split("/")[4] for link in links] == ["confirm", *["withdraw"] * 3]
    assert [link.split("/")[-1] or link.split("/")[-2] for link in links[2:]] == [
        "my-data.json",
        "erase",
    ]
    assert all(link.startswith(site) for link in links), links
    # The already-signed email carries the statement's address: in the language too.
    assert signature_links(submission)["statement_url"] == f"{site}s/{statement.slug}/"
    confirm = next(link for link in links if "/confirm/" in link)
    page = client.get(
        confirm.removeprefix("https://campaign.example.org"), HTTP_ACCEPT_LANGUAGE=other
    )
    assert f'<html lang="{language}">' in page.content.decode()


@pytest.mark.parametrize(
    ("old", "salt"),
    [
        ("/confirm/{token}/", CONFIRM_SALT),
        ("/withdraw/{token}/", WITHDRAW_SALT),
        ("/withdraw/{token}/erase/", WITHDRAW_SALT),
        ("/withdraw/{token}/my-data.json", WITHDRAW_SALT),
    ],
)
def test_a_link_in_an_email_sent_before_the_prefixes_still_works(old, salt):
    signature = SignatureFactory(status=SignatureStatus.PENDING)
    token = link_token(signature, salt)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["ayni_language"] = "es"

    response = client.get(old.format(token=token) + "?utm_source=email")

    assert response.status_code == 302
    assert response["Location"] == "/es" + old.format(token=token) + "?utm_source=email"
    page = client.get(response["Location"])
    assert page.status_code == 200
    if old.endswith("/"):
        html = page.content.decode()
        assert '<html lang="es">' in html
        assert f'action="/es{old.format(token=token)}"' in html  # the token made it through
    assert Signature.objects.get().status == SignatureStatus.PENDING  # a GET changes nothing


def test_an_old_statement_address_leads_to_the_browsers_language(client):
    statement = StatementFactory()

    response = client.get(f"/s/{statement.slug}/?ref=mastodon", HTTP_ACCEPT_LANGUAGE="es-BO")

    assert response["Location"] == f"/es/s/{statement.slug}/?ref=mastodon"
    assert "Con el pueblo" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("language", "other"), [("en", "es"), ("es", "en")])
def test_the_switch_on_a_statement_leads_to_the_same_statement_in_the_other_language(
    client, language, other
):
    statement = StatementFactory()
    names = {"en": "English", "es": "Español"}
    page = url_in(language, "statements:detail", slug=statement.slug)

    # The second reader gets the cached copy: the switch must be the same, and no reader's
    # query string may end up in it.
    for reader in ("?ref=first", "?ref=second"):
        client.cookies.clear()
        html = client.get(page + reader).content.decode()
        link = re.search(
            rf'<a href="([^"]+)" hreflang="{other}" lang="{other}">'
            rf"{names[other]}</a>",
            html,
        )
        assert link.group(1) == f"/{other}/s/{statement.slug}/"
        assert (
            f'<a href="{page}" hreflang="{language}" lang="{language}" aria-current="page">' in html
        )
        assert "?ref=" not in html

    switched = client.get(link.group(1)).content.decode()
    assert f'<html lang="{other}">' in switched
    assert ("Con el pueblo" if other == "es" else "Stand with the people") in switched


@pytest.mark.parametrize(
    ("language", "og_locale", "og_alternate"), [("en", "en_GB", "es_LA"), ("es", "es_LA", "en_GB")]
)
def test_a_statement_page_names_its_versions_locale_and_description(
    client, settings, language, og_locale, og_alternate
):
    settings.SITE_URL = "https://campaign.example.org"
    statement = StatementFactory()
    summary = "Bolivia's people chose their government. " * 6  # 246 characters
    StatementTranslation.objects.filter(statement=statement, language=language).update(
        summary=summary
    )

    html = client.get(url_in(language, "statements:detail", slug=statement.slug)).content.decode()

    site, slug = "https://campaign.example.org", statement.slug
    head = html[: html.index("</head>")]
    assert f'<link rel="canonical" href="{site}/{language}/s/{slug}/">' in head
    assert head.count('rel="canonical"') == 1
    for code, href in (
        ("en", f"/en/s/{slug}/"),
        ("es", f"/es/s/{slug}/"),
        ("x-default", f"/s/{slug}/"),
    ):
        assert f'<link rel="alternate" hreflang="{code}" href="{site}{href}">' in head
    assert f'<meta property="og:locale" content="{og_locale}">' in head
    assert f'<meta property="og:locale:alternate" content="{og_alternate}">' in head
    description = re.search(r'<meta name="description" content="([^"]*)">', head).group(1)
    assert unescape(description) == summary[:159] + "…"  # 160 characters


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_statement_list_names_its_versions_and_has_a_description(client, settings, language):
    settings.SITE_URL = "https://campaign.example.org"
    StatementFactory()

    html = client.get(url_in(language, "statements:list")).content.decode()

    description = {
        "en": "Add your name to statements of international solidarity, and share them.",
        "es": "Suma tu nombre a declaraciones de solidaridad internacional y compártelas.",
    }
    assert f'<meta name="description" content="{description[language]}">' in html
    assert (
        f'<link rel="canonical" href="https://campaign.example.org/{language}/statements/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="x-default" '
        'href="https://campaign.example.org/statements/">' in html
    )


def test_the_statement_page_comes_compressed_from_the_page_cache_too(client):
    statement = StatementFactory()
    url = url_in("es", "statements:detail", slug=statement.slug)

    for _reader in ("renders the copy", "reuses it"):
        client.cookies.clear()
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in re.split(r",\s*", response["Vary"])
        assert "Con el pueblo" in gzip.decompress(response.content).decode()


def test_the_live_count_is_in_the_pages_language_and_never_sets_a_cookie(client):
    statement = StatementFactory()
    english = client.get(url_in("en", "statements:detail", slug=statement.slug)).content.decode()
    count_url = re.search(r'data-count-url="([^"]+)"', english).group(1)

    response = client.get(count_url, HTTP_ACCEPT_LANGUAGE="es")

    assert count_url == f"/en/s/{statement.slug}/count.json"
    assert response.json()["statement"] == statement.slug
    assert "ayni_language" not in response.cookies
    assert "Accept-Language" not in response.get("Vary", "")
    assert client.get(f"/s/{statement.slug}/count.json")["Location"] == count_url


def test_the_sitemap_lists_published_statements_in_both_languages_and_no_draft(client, settings):
    settings.SITE_URL = "https://campaign.example.org"
    open_one = StatementFactory(slug="open-one")
    StatementFactory(slug="closed-one", state=StatementState.CLOSED)
    StatementFactory(slug="secret-draft", state=StatementState.DRAFT)

    xml = client.get("/sitemap.xml").content.decode()

    locs = re.findall(r"<loc>(.*?)</loc>", xml)
    statements = [loc for loc in locs if "/s/" in loc]
    assert sorted(statements) == [
        f"https://campaign.example.org/{language}/s/{slug}/"
        for language in ("en", "es")
        for slug in ("closed-one", "open-one")
    ]
    assert "secret-draft" not in xml
    lastmod = open_one.updated_at.date().isoformat()
    compact = re.sub(r">\s+<", "><", xml)
    assert (
        f"<loc>https://campaign.example.org/es/s/open-one/</loc><lastmod>{lastmod}</lastmod>"
        in compact
    )
