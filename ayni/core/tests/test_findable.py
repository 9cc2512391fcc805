"""robots.txt, sitemap.xml and compressed pages: what crawlers and slow connections get."""

from __future__ import annotations

import gzip
import re

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_lets_crawlers_read_public_pages_but_not_the_back_office_or_personal_links(
    client, settings
):
    settings.SITE_URL = "https://campaign.example.org"

    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /admin/\n"
        "Disallow: /confirm/\n"
        "Disallow: /en/confirm/\n"
        "Disallow: /es/confirm/\n"
        "Disallow: /withdraw/\n"
        "Disallow: /en/withdraw/\n"
        "Disallow: /es/withdraw/\n"
        "Disallow: /events/r/\n"
        "Disallow: /en/events/r/\n"
        "Disallow: /es/events/r/\n"
        "Disallow: /motions/r/\n"
        "Disallow: /en/motions/r/\n"
        "Disallow: /es/motions/r/\n"
        "Disallow: /news/c/\n"
        "Disallow: /en/news/c/\n"
        "Disallow: /es/news/c/\n"
        "Disallow: /members/s/\n"
        "Disallow: /en/members/s/\n"
        "Disallow: /es/members/s/\n"
        "Disallow: /members/sign-in/\n"
        "Disallow: /en/members/sign-in/\n"
        "Disallow: /es/members/sign-in/\n"
        "Disallow: /members/account/\n"
        "Disallow: /en/members/account/\n"
        "Disallow: /es/members/account/\n"
        "\n"
        "Sitemap: https://campaign.example.org/sitemap.xml\n"
    )


def sitemap_entries(xml: str) -> dict[str, list[tuple[str, str]]]:
    """Each <loc> with its alternates as (hreflang, href)."""
    entries = {}
    for block in re.findall(r"<url>(.*?)</url>", xml, re.S):
        loc = re.search(r"<loc>(.*?)</loc>", block).group(1)
        entries[loc] = re.findall(r'hreflang="([^"]+)"\s+href="([^"]+)"', block)
    return entries


def test_the_sitemap_lists_core_pages_in_both_languages_with_alternates_on_site_url(
    client, settings
):
    settings.SITE_URL = "https://campaign.example.org"

    # Whatever host the request names, the addresses are the site's own.
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")

    assert response["Content-Type"] == "application/xml"
    entries = sitemap_entries(response.content.decode())
    site = "https://campaign.example.org"
    for path in ("/{}/", "/{}/privacy/"):
        versions = [("en", site + path.format("en")), ("es", site + path.format("es"))]
        # x-default: the address without a language, which redirects to the reader's.
        expected = [*versions, ("x-default", site + path.format("").replace("//", "/"))]
        assert entries[site + path.format("en")] == expected
        assert entries[site + path.format("es")] == expected


@pytest.mark.parametrize("query", ["?p=x", "?p=0", "?p=99"])
def test_a_sitemap_page_that_does_not_exist_is_a_404(client, query):
    assert client.get("/sitemap.xml" + query).status_code == 404


def test_pages_come_compressed_to_a_browser_that_takes_gzip(client):
    response = client.get("/es/privacy/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in re.split(r",\s*", response["Vary"])
    html = gzip.decompress(response.content).decode()
    assert '<html lang="es">' in html and "<h1>Privacidad</h1>" in html


def test_pages_come_plain_to_a_client_that_takes_no_gzip(client):
    response = client.get("/es/privacy/")

    assert "Content-Encoding" not in response
    assert "Accept-Encoding" in re.split(r",\s*", response["Vary"])
    assert "<h1>Privacidad</h1>" in response.content.decode()
