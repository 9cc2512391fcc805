"""The pages bench/page_quality.py reaches only as one person: through the links emailed to
them, or with the cookies of their browser.

- An event's registrant: the confirm page of one still pending; the own page, the join page and
  the cancel page of one who confirmed (through the confirm button).
- A member: the page a sign-in link opens (a link still unused), and the account page of a
  member signed in through theirs (loaded with that browser's session cookie).
- A reader past the meter: the demo's fourth metered article, loaded with the meter cookie of a
  browser that has read the other three (NEWS_METER_FREE), so it shows the meter's prompt.
"""

from __future__ import annotations

import http.cookiejar
import os
import urllib.request
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.page_quality import Site

EVENT = "lithium-and-sovereignty"  # the events demo's upcoming online event
# The demo's metered articles (ayni/newsroom/demo/more.py): three to read, then the one past.
READ_FIRST = {
    "en": [
        "santa-cruz-blockades-unions-report",
        "lithium-joint-enterprise-explained",
        "from-coup-to-recovery-timeline",
    ],
    "es": [
        "bloqueos-en-santa-cruz-los-sindicatos-denuncian-ataques",
        "litio-una-empresa-publica-conjunta-con-mexico",
        "del-golpe-a-la-recuperacion-cronologia",
    ],
}
PAST_THE_METER = {
    "en": "regional-cooperation-not-the-pentagon",
    "es": "cooperacion-regional-no-el-pentagono",
}
REGISTRANT_PAGES = {"registration-confirm", "registration", "join", "registration-cancel"}
PAGES = {"members-sign-in", "members-account", "news-meter"}


def registered(site: Site, lang: str, who: str) -> tuple[str, str]:
    """Register for the upcoming online event through its form in this language; the
    address used and the path of the confirm link in the email to it."""
    address = f"page-quality-{lang}-{who}-{os.getpid()}@example.org"
    page_url = f"{site.url}/{lang}/events/{EVENT}/"
    form = {"name": "Page Quality", "email": address, "country": "GB", "website": ""}
    site.submit(page_url, f"{page_url}register/", form)
    link = site.mailed(address, lang, {"confirm": r"(events/r/confirm/[^/\s\"]+/)"})
    return address, link["confirm"]


def registrant_paths(site: Site, lang: str) -> dict[str, str]:
    """A registrant's pages, by name (paths under the language prefix)."""
    _, pending = registered(site, lang, "pending")
    address, confirm = registered(site, lang, "placed")
    confirm_url = f"{site.url}/{lang}/{confirm}"
    site.submit(confirm_url, confirm_url, {})
    links = site.mailed(
        address,
        lang,
        {
            "join": r"(events/r/join/[^/\s\"]+/)",
            "registration": r"(events/r/[^/\s\"]+/)cancel/",
        },
    )
    return {
        "registration-confirm": pending,
        "registration": links["registration"],
        "join": links["join"],
        "registration-cancel": links["registration"] + "cancel/",
    }


def sign_in_link(site: Site, lang: str, who: str) -> str:
    """Ask for a sign-in link through the join form in this language; its path."""
    address = f"page-quality-{lang}-{who}-{os.getpid()}@example.org"
    page_url = f"{site.url}/{lang}/members/join/"
    site.submit(page_url, page_url, {"email": address, "website": ""})
    return site.mailed(address, lang, {"link": r"(members/sign-in/[^/\s\"]+/)"})["link"]


def cookie_header(jar: http.cookiejar.CookieJar) -> str:
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def reader_pages(site: Site, lang: str, paths: dict[str, str]) -> dict[str, str]:
    """Put the sign-in page's path in `paths`; the Cookie header of each page that needs
    one (the account page, the article past the meter)."""
    paths["members-sign-in"] = sign_in_link(site, lang, "sign-in")
    member = http.cookiejar.CookieJar()
    used = f"{site.url}/{lang}/{sign_in_link(site, lang, 'member')}"
    site.submit(used, used, {}, jar=member)  # "Sign me in": the session cookie is the jar's
    reader = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(reader))
    for slug in READ_FIRST[lang]:
        opener.open(f"{site.url}/{lang}/news/{slug}/").read()
    cookies = {"members-account": cookie_header(member), "news-meter": cookie_header(reader)}
    # What is measured must be the page meant, not where a lost cookie would lead instead.
    for name, path, mark in (
        ("members-account", "members/account/", 'id="account"'),
        (
            "news-meter",
            f"news/{PAST_THE_METER[lang]}/",
            'class="notice article-gated meter-prompt"',
        ),
    ):
        request = urllib.request.Request(
            f"{site.url}/{lang}/{path}", headers={"Cookie": cookies[name]}
        )
        if mark not in urllib.request.urlopen(request).read().decode():
            raise SystemExit(f"{name} {lang}: not the page to measure ({mark} is missing)")
    return cookies
