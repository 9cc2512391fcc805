"""The whole stack, for real: gunicorn, the worker, SMTP, on SQLite or PostgreSQL."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.fixtures import text_body

pytestmark = pytest.mark.live


def test_sign_confirm_and_count_on_running_server(live_stack):
    live_stack.manage("seed_demo")
    slug = "stand-with-democracy-in-bolivia"
    before = live_stack.wait_for(
        lambda: live_stack.query("SELECT total FROM statements_statementtally"), message="tally"
    )[0][0]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{live_stack.url}/en/s/{slug}/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "kind": "individual",
            "name": "Live Tester",
            "email": "live.tester@example.net",
            "country": "GB",
        }
    ).encode()
    answer = opener.open(f"{live_stack.url}/en/s/{slug}/sign/", data)
    assert "check-your-inbox" in answer.url

    message = live_stack.wait_for(
        lambda: live_stack.mailbox.to("live.tester@example.net"), message="email"
    )[0]
    link = re.search(r"http://\S+/confirm/\S+/", text_body(message)).group(0)
    confirm_page = opener.open(link).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm_page).group(1)
    opener.open(link, urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode())

    def counted():
        import json

        with urllib.request.urlopen(f"{live_stack.url}/en/s/{slug}/count.json") as response:  # noqa: S310
            return json.load(response)["count"] == before + 1

    live_stack.wait_for(counted, timeout=20, message="count to rise")
