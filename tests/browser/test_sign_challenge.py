"""Signing a statement that requires the proof-of-work challenge (the vendored ALTCHA widget)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.support import (
    SCREENSHOTS,
    SLUG,
    STATEMENT,
    fill_sign_form,
    screenshot,
    submission_count,
    submit_sign_form,
    unique_email,
    unique_name,
)
from tests.live import LiveStack

pytestmark = pytest.mark.browser

NOTICE = (
    "Signing this statement needs JavaScript switched on: your browser solves a small puzzle "
    "that keeps automated signing out."
)


def _require_challenge(stack: LiveStack, on: bool) -> None:
    # Through the back office's own service, as an organiser's "Save" does.
    stack.manage(
        "shell",
        "-c",
        "from ayni.statements.models import Statement\n"
        "from ayni.statements.services import save_statement\n"
        f"statement = Statement.objects.get(slug={SLUG!r})\n"
        f"statement.require_challenge = {on}\n"
        "save_statement(statement=statement)\n",
    )


@pytest.fixture
def guarded(stack: LiveStack) -> Iterator[None]:
    """The demo statement with the challenge switched on, for this test only (the stack is
    shared, and the other journeys sign without it)."""
    _require_challenge(stack, True)
    try:
        yield
    finally:
        _require_challenge(stack, False)


def test_the_widget_solves_in_a_worker_and_the_signature_goes_through(stack, browse, guarded):
    name, email = unique_name("Grace"), unique_email("grace")
    page = browse()
    workers: list[str] = []
    challenges: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.on(
        "request",
        lambda request: "/challenge.json" in request.url and challenges.append(request.url),
    )
    page.goto(STATEMENT)
    widget = page.locator("#sign form altcha-widget")
    expect(widget.locator("[data-state]")).to_have_attribute("data-state", "unverified")
    expect(widget).to_contain_text("I'm not a robot")
    assert challenges == [], "the puzzle waits until someone starts filling in the form"
    # The box the stylesheet reserves (before the widget's script runs) is the widget's size.
    reserved = widget.bounding_box()

    fill_sign_form(page, name=name, email=email, country="GB")
    expect(widget.locator("[data-state]")).to_have_attribute(
        "data-state", "verified", timeout=60_000
    )
    expect(widget).to_contain_text("Check complete. You can send the form.")
    solved = widget.bounding_box()
    assert reserved and solved
    assert (solved["width"], solved["height"]) == (reserved["width"], reserved["height"])
    assert reserved["height"] == 70  # 4.375rem in static/css/ayni.css
    answer = page.locator("#sign form input[name=altcha]").input_value()
    screenshot(page, "sign-challenge-en.png")
    submit_sign_form(page)

    expect(page.locator("#sign h1")).to_have_text("Check your inbox")
    assert submission_count(stack, email) == 1
    payload = json.loads(base64.b64decode(answer))
    assert sorted(payload) == ["challenge", "solution"]
    assert payload["challenge"]["parameters"]["data"] == {"scope": f"sign:{SLUG}"}
    assert len(challenges) == 1
    assert challenges[0].startswith(f"{stack.url}/en/s/{SLUG}/challenge.json")
    # The proof of work ran in our own worker file, not in the page nor from a blob: URL.
    assert workers
    assert all(url.startswith(f"{stack.url}/static/vendor/altcha/workers/sha.") for url in workers)


def test_after_a_form_error_the_swapped_in_widget_solves_again(stack, browse, guarded):
    name, email = unique_name("Rosa"), unique_email("rosa")
    page = browse()
    page.goto(STATEMENT)
    fill_sign_form(page, name=name, email="not-an-address", country="GB")
    widget = page.locator("#sign form altcha-widget [data-state]")
    expect(widget).to_have_attribute("data-state", "verified", timeout=60_000)

    submit_sign_form(page)
    expect(page.locator("#sign-errors")).to_be_visible()
    # htmx swapped in a fresh form; its widget starts over when the form is used again.
    page.locator("#sign form input[name=email]").fill(email)
    expect(widget).to_have_attribute("data-state", "verified", timeout=60_000)
    submit_sign_form(page)

    expect(page.locator("#sign h1")).to_have_text("Check your inbox")
    assert submission_count(stack, email) == 1


def test_the_widget_speaks_spanish_on_the_spanish_page(stack, browse, guarded):
    page = browse(locale="en-GB")
    with translation.override("es"):
        spanish_label = translation.gettext("I'm not a robot")
    page.goto(f"/es{STATEMENT}")

    widget = page.locator("#sign form altcha-widget")
    expect(widget).to_contain_text(spanish_label)
    assert spanish_label == "No soy un robot"


def test_without_javascript_the_page_says_so_before_the_form(stack, browse, guarded):
    page = browse(js=False)
    page.goto(STATEMENT)

    # By id: Playwright's text search skips <noscript> even when scripting is off.
    notice = page.locator("#sign #challenge-notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(NOTICE)
    form = page.locator("#sign form")
    notice_box, form_box = notice.bounding_box(), form.bounding_box()
    assert notice_box and form_box
    assert notice_box["y"] + notice_box["height"] <= form_box["y"]
    page.locator("#sign").screenshot(
        path=str(SCREENSHOTS / "sign-challenge-no-js-en.png"), caret="initial"
    )


def test_without_the_challenge_the_page_has_no_notice_and_no_widget(stack, browse):
    page = browse(js=False)
    page.goto(STATEMENT)

    expect(page.locator("#sign form")).to_be_visible()
    expect(page.locator("#challenge-notice")).to_have_count(0)
    expect(page.locator("altcha-widget")).to_have_count(0)
