"""Many people at once against a real running server (gunicorn + worker + SMTP).

Runs on SQLite, and on PostgreSQL when DATABASE_URL names it. Every request goes to
127.0.0.1; every loop is bounded.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookiejar import CookieJar

import pytest

from tests.fixtures import text_body
from tests.live import LiveStack

pytestmark = pytest.mark.live

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONFIRM_LINK = re.compile(r"http://\S+/confirm/\S+/")

# Each simulated person comes from their own address, through our (trusted) proxy, so the
# per-IP rate limit sees many people rather than one.
LIVE_ENV = {"TRUSTED_PROXIES": "127.0.0.1", "LOG_LEVEL": "WARNING"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str = ""
    location: str = ""


@dataclass
class Browser:
    """One person's browser: its own cookie jar, its own client address."""

    base: str
    address: str
    jar: CookieJar = field(default_factory=CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, *, timeout: float = 30) -> Answer:
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"X-Forwarded-For": self.address})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Answer(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(
                error.code, error.read().decode(errors="replace"), error.headers.get("Location", "")
            )

    def submit(self, page: str, action: str, fields: dict) -> Answer:
        """Load the page with the form (for the CSRF cookie and token), then post it."""
        form = self.request(page)
        assert form.status == 200, form.status
        token = CSRF.search(form.body).group(1)
        return self.request(action, {"csrfmiddlewaretoken": token, **fields})


def signer_address(n: int) -> str:
    return f"198.18.{n // 250}.{n % 250 + 1}"


def create_statement(stack: LiveStack, slug: str) -> None:
    stack.manage(
        "shell",
        "-c",
        (
            "from ayni.statements.models import Statement, StatementTranslation\n"
            "from ayni.statements.services import open_statement\n"
            f"s = Statement.objects.create(slug='{slug}')\n"
            "StatementTranslation.objects.create(statement=s, language='en', title='Load test',"
            " summary='A statement for the load test.', body='Body.')\n"
            "open_statement(statement=s)\n"
        ),
    )


def sign(stack: LiveStack, slug: str, n: int, email: str) -> Answer:
    browser = Browser(stack.url, signer_address(n))
    fields = {"kind": "individual", "name": f"Signer {n}", "email": email, "country": "BO"}
    return browser.submit(f"/en/s/{slug}/", f"/en/s/{slug}/sign/", fields)


def inboxes(stack: LiveStack, expected: int) -> dict[str, list]:
    """Wait for `expected` emails, then file them by recipient (parsing each header once)."""
    stack.wait_for(
        lambda: len(stack.mailbox.messages) >= expected, timeout=60, message=f"{expected} emails"
    )
    by_address: dict[str, list] = {}
    with stack.mailbox.lock:
        for message in stack.mailbox.messages:
            by_address.setdefault(str(message["To"]), []).append(message)
    return by_address


def confirm_by_email(stack: LiveStack, n: int, message) -> Answer:
    link = CONFIRM_LINK.search(text_body(message)).group(0)
    return Browser(stack.url, signer_address(n)).submit(link, link, {})


def public_count(stack: LiveStack, slug: str) -> int:
    with urllib.request.urlopen(f"{stack.url}/en/s/{slug}/count.json", timeout=10) as response:
        return json.load(response)["count"]


def statement_rows(stack: LiveStack, slug: str, sql: str) -> list[tuple]:
    return stack.query(
        sql + " WHERE statement_id = (SELECT id FROM statements_statement WHERE slug = %s)",
        (slug,),
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    live = LiveStack(tmp=tmp_path_factory.mktemp("concurrency"))
    try:
        live.prepare(extra_env=LIVE_ENV)
        live.start_server(workers=2, threads=8)
        live.start_worker()
        yield live
    finally:
        live.stop()


def test_200_people_sign_and_confirm_at_once_and_the_count_is_exactly_200(stack):
    slug = "two-hundred"
    create_statement(stack, slug)
    people = [(n, f"person{n}@crowd.example.org") for n in range(200)]
    started = time.monotonic()

    with ThreadPoolExecutor(50) as pool:
        signed = list(pool.map(lambda p: sign(stack, slug, *p), people))
    assert [a.status for a in signed] == [302] * 200
    assert {a.location for a in signed} == {f"/en/s/{slug}/check-your-inbox/#main"}

    mail = inboxes(stack, 200)
    assert {email: len(mail.get(email, [])) for _n, email in people} == {
        email: 1 for _n, email in people
    }
    with ThreadPoolExecutor(50) as pool:
        confirmed = list(pool.map(lambda p: confirm_by_email(stack, p[0], mail[p[1]][0]), people))
    assert [a.status for a in confirmed] == [302] * 200
    assert {a.location for a in confirmed} == {f"/en/s/{slug}/thank-you/"}

    # count.json counts confirmations at once; the tallies follow with the roll-up.
    stack.wait_for(lambda: public_count(stack, slug) == 200, timeout=30, message="count of 200")
    stack.wait_for(
        lambda: (
            statement_rows(stack, slug, "SELECT total FROM statements_statementtally") == [(200,)]
        ),
        timeout=30,
        message="tally of 200",
    )
    elapsed = time.monotonic() - started
    assert statement_rows(stack, slug, "SELECT country, count FROM statements_countrytally") == [
        ("BO", 200)
    ]
    rows = statement_rows(
        stack, slug, "SELECT status, counted, emails_sent, tally_dirty FROM statements_signature"
    )
    assert len(rows) == 200
    assert set(rows) == {("confirmed", True, 1, False)}
    assert len(stack.mailbox.messages) == 200  # no second email to anyone
    assert elapsed < 60, f"took {elapsed:.0f} s"


def test_50_simultaneous_attempts_with_one_address_make_one_signature(stack):
    slug = "one-person"
    create_statement(stack, slug)
    variants = [
        "Ana.Sample@gmail.com",
        "anasample@gmail.com",
        "ANA.SAMPLE@GMAIL.COM",
        "a.n.a.sample@googlemail.com",
    ]
    emails = [variants[n % 4] if n % 3 else f"ana.sample+try{n}@gmail.com" for n in range(50)]
    browsers = [Browser(stack.url, signer_address(n)) for n in range(50)]
    tokens = []
    for browser in browsers:  # everyone has the form open ...
        page = browser.request(f"/en/s/{slug}/")
        tokens.append(CSRF.search(page.body).group(1))
    barrier = threading.Barrier(50, timeout=30)

    def submit(n: int) -> Answer:
        barrier.wait()  # ... and presses the button at the same moment
        return browsers[n].request(
            f"/en/s/{slug}/sign/",
            {
                "csrfmiddlewaretoken": tokens[n],
                "kind": "individual",
                "name": "Ana Sample",
                "email": emails[n],
                "country": "PE",
            },
        )

    with ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(submit, range(50)))

    assert [a.status for a in answers] == [302] * 50
    assert statement_rows(stack, slug, "SELECT COUNT(*) FROM statements_submission") == [(50,)]
    # The worker folds the 50 submissions into one signature, and sends what each is due.
    stack.wait_for(
        lambda: (
            stack.query(
                "SELECT COUNT(*) FROM statements_submission WHERE processed_at IS NULL"
                " OR email_due <> ''"
            )
            == [(0,)]
        ),
        timeout=30,
        message="submissions processed and emails sent",
    )
    rows = statement_rows(stack, slug, "SELECT email_normalised FROM statements_signature")
    assert rows == [("anasample@gmail.com",)]
    # The repeats ask for the confirmation again, but never more than the cap of five.
    sent = sum(len(stack.mailbox.to(address)) for address in set(emails))
    assert 1 <= sent <= 5
    assert statement_rows(stack, slug, "SELECT emails_sent FROM statements_signature") == [(sent,)]


def test_one_confirmation_link_posted_20_times_at_once_counts_once(stack):
    slug = "double-click"
    create_statement(stack, slug)
    email = "clicker@crowd.example.org"
    assert sign(stack, slug, 1, email).status == 302
    message = stack.wait_for(lambda: stack.mailbox.to(email), timeout=30, message="email")[0]
    link = CONFIRM_LINK.search(text_body(message)).group(0)
    browsers = [Browser(stack.url, signer_address(1)) for _ in range(20)]
    tokens = [CSRF.search(b.request(link).body).group(1) for b in browsers]
    barrier = threading.Barrier(20, timeout=30)

    def click(n: int) -> Answer:
        barrier.wait()
        return browsers[n].request(link, {"csrfmiddlewaretoken": tokens[n]})

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(click, range(20)))

    assert [a.status for a in answers] == [302] * 20
    stack.wait_for(lambda: public_count(stack, slug) == 1, timeout=30, message="count of 1")
    time.sleep(1.5)  # a few more roll-ups: the count must stay at one
    assert public_count(stack, slug) == 1
    assert stack.query(
        "SELECT COUNT(*) FROM supporters_supporter WHERE email_normalised = %s", (email,)
    ) == [(1,)]
    assert stack.query(
        "SELECT COUNT(*) FROM supporters_consent c JOIN supporters_supporter s"
        " ON c.supporter_id = s.id WHERE s.email_normalised = %s",
        (email,),
    ) == [(1,)]
