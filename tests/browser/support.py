"""What the browser journeys share: page watching, sign-form filling, mail and count helpers."""

from __future__ import annotations

import io
import os
import re
import secrets
import string
import textwrap
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlparse

from PIL import Image
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, expect

from tests.fixtures import text_body
from tests.live import ROOT, LiveStack

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

SLUG = "stand-with-democracy-in-bolivia"
STATEMENT = f"/s/{SLUG}/"
SIGNATORIES = f"/s/{SLUG}/signatories/"
THANKS = f"/s/{SLUG}/thank-you/"
TITLE_EN = "Stand with Democracy and Social Progress in Bolivia"
TITLE_ES = "Con la democracia y el progreso social en Bolivia"
SCREENSHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class PageLog:
    """What one page did that a journey may not see on screen."""

    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)
    server_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        where = message.location.get("url", "")
        self.console.append((message.type, f"{message.text} [{where}]" if where else message.text))

    def on_request(self, request: Request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss"):
            self.hosts.add(url.hostname or "")

    def on_response(self, response: Response) -> None:
        answer = f"{response.status} {response.request.method} {response.url}"
        if response.status >= 400:
            self.failed.append(answer)
        if response.status >= 500:
            self.server_errors.append(answer)

    @property
    def errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.page_errors

    @property
    def csp_violations(self) -> list[str]:
        everything = [text for _kind, text in self.console] + self.page_errors
        return [
            text
            for text in everything
            if "Content Security Policy" in text
            or "Content-Security-Policy" in text
            or "Refused" in text
        ]

    @property
    def foreign_hosts(self) -> set[str]:
        return self.hosts - {"127.0.0.1"}


class Browse:
    """Open pages in fresh browser contexts (own cookies, locale, JavaScript on or off)."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: list = []
        self.logs: dict[int, PageLog] = {}

    def __call__(
        self,
        *,
        locale: str = "en-GB",
        js: bool = True,
        viewport: dict[str, int] | None = None,
        phone: bool = False,
    ) -> Page:
        context = self.browser.new_context(
            base_url=self.base_url,
            locale=locale,
            java_script_enabled=js,
            viewport=viewport or (PHONE if phone else DESKTOP),
            is_mobile=phone,
            has_touch=phone,
            timezone_id="Europe/London",
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        log = PageLog()
        page.on("console", log.on_console)
        page.on("pageerror", lambda error: log.page_errors.append(str(error)))
        page.on("request", log.on_request)
        page.on("response", log.on_response)
        self.logs[id(page)] = log
        return page

    def log(self, page: Page) -> PageLog:
        return self.logs[id(page)]

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def secrets_token() -> str:
    return secrets.token_hex(4)


def unique_email(label: str) -> str:
    return f"{label}.{secrets_token()}@example.net"


def unique_name(first: str) -> str:
    """A name the wall can be searched for (letters only: the form refuses digits-as-URLs)."""
    return f"{first} {''.join(secrets.choice(string.ascii_lowercase) for _ in range(8)).title()}"


def fill_sign_form(
    page: Page, *, name: str, email: str, country: str = "GB", show_publicly: bool = True
) -> None:
    form = page.locator("#sign form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("select[name=country]").select_option(country)
    if show_publicly:
        form.locator("input[name=show_publicly]").check()


def submit_sign_form(page: Page) -> None:
    page.locator("#sign form button[type=submit]").click()


def shown_count(page: Page) -> int:
    return int(re.sub(r"\D", "", page.locator("[data-count]").first.inner_text()))


def mail_to(stack: LiveStack, address: str) -> EmailMessage:
    return stack.wait_for(lambda: stack.mailbox.to(address), message=f"email to {address}")[0]


def mail_link(message: EmailMessage, kind: str) -> str:
    match = re.search(rf"http://\S+/{kind}/\S+/", text_body(message))
    assert match, f"no {kind} link in:\n{text_body(message)}"
    return match.group(0)


def signature_row(stack: LiveStack, email: str) -> list[tuple]:
    return stack.query(
        "SELECT status, name, country, show_publicly, language FROM statements_signature"
        " WHERE email = %s",
        (email,),
    )


def submission_count(stack: LiveStack, email: str) -> int:
    """Sendings of the form with this address: an acknowledged signing is one at once."""
    [(count,)] = stack.query(
        "SELECT COUNT(*) FROM statements_submission WHERE email = %s", (email,)
    )
    return count


def folded_signature_row(stack: LiveStack, email: str) -> list[tuple]:
    """The address's signature, once the worker has folded its submission in (within seconds)."""
    stack.wait_for(lambda: signature_row(stack, email), timeout=15, message="the signature row")
    return signature_row(stack, email)


def settled_count(stack: LiveStack) -> int:
    """The public total once the roll-up has counted every change made so far."""
    stack.wait_for(
        lambda: not stack.query("SELECT 1 FROM statements_signature WHERE tally_dirty LIMIT 1"),
        message="the roll-up to catch up",
    )
    return tally(stack)


def tally(stack: LiveStack) -> int:
    return stack.query(
        "SELECT t.total FROM statements_statementtally t"
        " JOIN statements_statement s ON s.id = t.statement_id WHERE s.slug = %s",
        (SLUG,),
    )[0][0]


def wait_for_tally(stack: LiveStack, expected: int) -> None:
    stack.wait_for(lambda: tally(stack) == expected, timeout=20, message=f"count {expected}")


def save_share_card(page: Page, language: str, name: str) -> None:
    """Fetches the card the page names as og:image (in `language`), checks it is a 1200×630
    PNG and saves it to docs/screenshots/`name`."""
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert og_image

    response = page.request.get(og_image, headers={"Accept-Language": language})

    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    card = Image.open(io.BytesIO(response.body()))
    assert (card.format, card.size) == ("PNG", (1200, 630))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / name).write_bytes(response.body())


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    # caret="initial": hiding the caret leaves style="" on every input, which htmx later copies
    # onto swapped-in fields, and the CSP (rightly) refuses.
    page.screenshot(path=str(path), full_page=True, animations="disabled", caret="initial")
    return path


def demo_password(stack: LiveStack, username: str) -> str:
    for line in (stack.tmp / "demo-logins.txt").read_text().splitlines():
        match = re.match(rf"{username} / (\S+)", line)
        if match:
            return match.group(1)
    raise AssertionError(f"no {username} in demo-logins.txt")


def log_in_to_admin(page: Page, stack: LiveStack, username: str) -> None:
    """Log in to /admin/ as one of the demo accounts seed_demo wrote to var/demo-logins.txt."""
    page.goto("/admin/")
    page.wait_for_url("**/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(demo_password(stack, username))
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/admin/")


# --- Events ------------------------------------------------------------------------------------

EVENTS = "/events/"
ONLINE_EVENT = "lithium-and-sovereignty"  # the demo's upcoming online event
WORKSHOP = "twin-your-branch-with-bolivia"  # the demo's London workshop, full, with a waiting list
PAST_EVENT = "solidarity-with-bolivia-the-people-in-power"  # the seed event, with its report-back
SPEAKER = "christine-blower"  # on the past event's panel


def event_path(slug: str) -> str:
    return f"/events/{slug}/"


def django_shell(stack: LiveStack, code: str) -> str:
    """Run Python in the live stack's own Django (manage.py shell): what a journey arranges
    that no page does, such as an event's start moved to within minutes."""
    return stack.manage("shell", "-c", textwrap.dedent(code))


def new_event(
    stack: LiveStack,
    label: str,
    *,
    starts_in: timedelta,
    minutes: int = 60,
    capacity: int | None = None,
    meeting_url: str = "",
    recording_url: str = "",
) -> str:
    """A published online event of our own, starting `starts_in` from now (in the past: a
    finished one); its slug. Its titles carry the slug so each journey finds its own."""
    slug = f"{label}-{secrets_token()}"
    fields = {
        "slug": slug,
        "title_en": f"Browser journey {slug}",
        "title_es": f"Recorrido del navegador {slug}",
        "summary_en": "An event a browser journey made for itself.",
        "summary_es": "Un evento que un recorrido del navegador hizo para sí.",
        "format": "online",
        "time_zone": "Europe/London",
        "meeting_url": meeting_url,
        "capacity": capacity,
        "recording_url": recording_url,
    }
    django_shell(
        stack,
        f"""
        from datetime import timedelta
        from django.utils import timezone
        from ayni.events.models import Event
        from ayni.events.services.backoffice import finish_past_events, save_event
        starts_at = timezone.now() + timedelta(seconds={starts_in.total_seconds()!r})
        event = Event(state="published", starts_at=starts_at,
                      ends_at=starts_at + timedelta(minutes={minutes}), **{fields!r})
        event.full_clean()
        event.save()
        save_event(event=event, before=None)
        finish_past_events()
        """,
    )
    return slug


def move_event(stack: LiveStack, slug: str, *, starts_in: timedelta) -> None:
    """Move the event's start (and end, an hour later) to `starts_in` from now, directly in the
    database: the live server runs on the real clock, so the event comes to the clock instead."""
    django_shell(
        stack,
        f"""
        from datetime import timedelta
        from django.utils import timezone
        from ayni.events.models import Event
        starts_at = timezone.now() + timedelta(seconds={starts_in.total_seconds()!r})
        Event.objects.filter(slug={slug!r}).update(
            starts_at=starts_at, ends_at=starts_at + timedelta(hours=1)
        )
        """,
    )


def fill_register_form(page: Page, *, name: str, email: str, country: str = "GB") -> None:
    form = page.locator("#register form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("select[name=country]").select_option(country)
    form.locator("input[name=wants_report_back]").check()


def registration_row(stack: LiveStack, email: str) -> list[tuple]:
    return stack.query(
        "SELECT status, name, country, language, wants_report_back FROM events_registration"
        " WHERE email = %s",
        (email,),
    )


def mail_about(stack: LiveStack, address: str, subject: str) -> EmailMessage:
    """The email to `address` whose subject starts with `subject`, once it has come.

    A long encoded subject may be folded straight after "Subject:", which Python's parser
    keeps as a leading space (mail programs do not show it): it is not compared."""
    try:
        found = stack.wait_for(
            lambda: [
                m for m in stack.mailbox.to(address) if m["Subject"].lstrip().startswith(subject)
            ],
            message=f"“{subject}…” to {address}",
        )
    except AssertionError as error:
        came = [m["Subject"] for m in stack.mailbox.to(address)]
        raise AssertionError(f"{error}; what came: {came}") from None
    return found[0]


def registrant_link(message: EmailMessage, kind: str = "") -> str:
    """A registrant's link in an event email: `confirm`, `join`, `cancel`, or "" for their
    own page (events/r/<token>/)."""
    pattern = {
        "confirm": r"/events/r/confirm/[^/\s]+/",
        "join": r"/events/r/join/[^/\s]+/",
        "": r"/events/r/(?!confirm/|join/)[^/\s]+/(?=\s)",
    }[kind]
    match = re.search(rf"http://[^/\s]+/[a-z]{{2}}{pattern}", text_body(message))
    assert match, f"no {kind or 'manage'} link in:\n{text_body(message)}"
    return match.group(0)


# --- Members -----------------------------------------------------------------------------------


def subscribe_and_confirm(page: Page, stack: LiveStack, *, email: str, name: str) -> None:
    """From the subscribe form (English): subscribe, confirm through the link in the email the
    local SMTP server received, and follow the confirmed page's "Continue reading"."""
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=name]").fill(name)
    page.locator("#subscribe form button[type=submit]").click()
    expect(page.locator("#subscribe-sent h1")).to_have_text("Check your inbox")

    page.goto(mail_link(mail_to(stack, email), "members/s/confirm"))
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.locator("#subscription-confirmed h1")).to_have_text("You are subscribed")
    page.get_by_role("link", name="Continue reading").click()


# --- Newsroom ----------------------------------------------------------------------------------


def wait_for_news_index(stack: LiveStack) -> None:
    """Every published article in the text index: the worker's periodic job indexes what was
    saved since it last ran, so a search right after seeding may not find it yet."""
    stack.wait_for(
        lambda: (
            not stack.query(
                "SELECT 1 FROM newsroom_article WHERE state = 'published'"
                " AND (indexed_at IS NULL OR indexed_at < updated_at) LIMIT 1"
            )
        ),
        timeout=60,
        message="the worker to index the articles",
    )
