"""Registering for an event in a real browser: the confirmation email and its button, the
"registered" email with its calendar file, the personal join link before and at the start,
cancelling, and the waiting list moving up; with JavaScript on and off, in two languages.

The live server runs on the real clock, so the journeys move the event instead of the clock
(tests/browser/support.py `move_event`), and the meeting's address is the live server's own
/healthz: following the join link never leaves 127.0.0.1.
"""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage

import icalendar
import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.browser.support import (
    ONLINE_EVENT,
    event_path,
    fill_register_form,
    mail_about,
    move_event,
    new_event,
    registrant_link,
    registration_row,
    unique_email,
    unique_name,
)
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.browser

ONLINE_TITLE_EN = "Lithium and Sovereignty: Who Decides Bolivia's Future?"
ONLINE_TITLE_ES = "Litio y soberanía: ¿quién decide el futuro de Bolivia?"


def spanish(message: str) -> str:
    with translation.override("es"):
        return translation.gettext(message)


def register(page: Page, slug: str, *, name: str, email: str) -> None:
    """Fill in and send the event's register form; the check-inbox page answers."""
    page.goto(event_path(slug))
    fill_register_form(page, name=name, email=email)
    page.locator("#register form button[type=submit]").click()
    page.wait_for_url(f"**/events/{slug}/check-inbox/*")


def confirm(page: Page, link: str, button: str = "Confirm my registration") -> None:
    """Open the emailed confirm link and press its button: the registrant's own page."""
    page.goto(link)
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/events/r/*/")


def calendar_files(message: EmailMessage) -> list[icalendar.Calendar]:
    """The email's text/calendar attachments, read back."""
    return [
        icalendar.Calendar.from_ical(part.get_payload(decode=True))
        for part in message.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_register_confirm_by_email_in_english(stack, browse, js):
    name, email = unique_name("Ada"), unique_email("event-en")
    page = browse(js=js)
    page.goto(event_path(ONLINE_EVENT))
    expect(page.locator("h1")).to_have_text(ONLINE_TITLE_EN)
    # The meeting's address is on no public page, not even in its source.
    assert "meet.example.org" not in page.content()

    register(page, ONLINE_EVENT, name=name, email=email)
    expect(page.locator("h1")).to_have_text("Check your inbox")
    expect(page.locator("main")).to_contain_text(f"We have sent an email about “{ONLINE_TITLE_EN}”")
    assert registration_row(stack, email) == [("pending", name, "GB", "en", 1)]

    message = mail_about(stack, email, "Confirm your registration")
    assert message["Subject"] == f"Confirm your registration: {ONLINE_TITLE_EN}"
    assert f"Hello {name}," in text_body(message)
    assert 'lang="en"' in html_body(message)
    link = registrant_link(message, "confirm")
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Confirm your registration")
    expect(page.locator("main")).to_contain_text(name)
    assert registration_row(stack, email)[0][0] == "pending", "opening the link alone confirmed"
    confirm(page, link)
    expect(page.locator("h1")).to_have_text("Your registration")
    expect(page.locator("#registration-status")).to_have_text(
        "You are registered: your place is confirmed."
    )
    expect(page.get_by_role("link", name="Join the event")).to_be_visible()
    assert registration_row(stack, email)[0][0] == "confirmed"

    registered = mail_about(stack, email, "You are registered")
    assert registered["Subject"] == f"You are registered: {ONLINE_TITLE_EN}"
    [calendar] = calendar_files(registered)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == ONLINE_TITLE_EN
    assert str(event.decoded("DTSTART").tzinfo) == "America/La_Paz"
    assert "/events/r/join/" in str(event["DESCRIPTION"])  # their own way in
    assert "/events/r/join/" in text_body(registered)
    assert "meet.example.org" not in text_body(registered) + html_body(registered)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_register_confirm_by_email_in_spanish(stack, browse, js):
    name, email = unique_name("Juana"), unique_email("event-es")
    page = browse(locale="es-ES", js=js)
    page.goto(event_path(ONLINE_EVENT))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text(ONLINE_TITLE_ES)
    expect(page.locator("#register button[type=submit]")).to_have_text(spanish("Register"))

    register(page, ONLINE_EVENT, name=name, email=email)
    expect(page.locator("h1")).to_have_text(spanish("Check your inbox"))
    assert registration_row(stack, email) == [("pending", name, "GB", "es", 1)]

    subject = spanish("Confirm your registration: %(title)s") % {"title": ONLINE_TITLE_ES}
    message = mail_about(stack, email, subject)
    assert 'lang="es"' in html_body(message)
    confirm(page, registrant_link(message, "confirm"), spanish("Confirm my registration"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text(spanish("Your registration"))
    expect(page.locator("#registration-status")).to_have_text(
        spanish("You are registered: your place is confirmed.")
    )
    assert registration_row(stack, email)[0][0] == "confirmed"

    registered = mail_about(
        stack, email, spanish("You are registered: %(title)s") % {"title": ONLINE_TITLE_ES}
    )
    assert len(calendar_files(registered)) == 1


def registered_for(page: Page, stack, slug: str, *, email: str) -> str:
    """Register for `slug` and confirm; the "registered" email's join link."""
    register(page, slug, name=unique_name("Jo"), email=email)
    confirm(page, registrant_link(mail_about(stack, email, "Confirm your registration"), "confirm"))
    return registrant_link(mail_about(stack, email, "You are registered"), "join")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_join_link_counts_down_then_leads_to_the_meeting(stack, browse, js):
    meeting = f"{stack.url}/healthz?meeting={unique_email('m').split('@')[0]}"
    # Starts in 40 minutes: the way in opens 15 minutes before, in 25.
    slug = new_event(stack, "join", starts_in=timedelta(minutes=40), meeting_url=meeting)
    email = unique_email("joiner")
    page = browse(js=js)
    join = registered_for(page, stack, slug, email=email)

    expect(page.get_by_role("link", name="Join the event")).to_be_visible()
    if js:
        page.clock.install()
    page.goto(join)
    expect(page.locator("#join")).to_have_attribute("data-state", "early")
    expect(page.locator("#join-opens")).to_contain_text("The way in opens at")
    expect(page.locator("#join-opens")).to_contain_text("Come back to this page then")
    countdown = page.locator("[data-countdown]")
    assert meeting not in page.content()
    if js:
        expect(countdown).to_contain_text("Opens in 00:2")
    else:
        expect(countdown).to_be_empty()

    # The start comes near: now within the 15 minutes before it.
    move_event(stack, slug, starts_in=timedelta(minutes=5))
    if js:
        page.clock.fast_forward("30:00")
        page.get_by_role("link", name="Join now").click()
    else:
        page.reload()
    page.wait_for_url(meeting)
    assert page.url == meeting


def test_cancelling_a_place_promotes_the_first_on_the_waiting_list(stack, browse):
    slug = new_event(stack, "full", starts_in=timedelta(days=3), capacity=1)
    holder, first, second = (unique_email(who) for who in ("holder", "first", "second"))
    page = browse(js=False)
    registered_for(page, stack, slug, email=holder)
    for waiting in (first, second):
        register(page, slug, name=unique_name("Wen"), email=waiting)
        confirm(page, registrant_link(mail_about(stack, waiting, "Confirm"), "confirm"))
        expect(page.locator("#registration-status")).to_contain_text("You are on the waiting list")
    expect(page.locator("#registration-status")).to_contain_text("you are number 2")
    assert [row[0] for row in registration_row(stack, first)] == ["waitlisted"]

    manage = registrant_link(mail_about(stack, holder, "You are registered"))
    page.goto(manage)
    page.get_by_role("link", name="Cancel my registration").click()
    expect(page.locator("h1")).to_have_text("Cancel your registration")
    assert registration_row(stack, holder)[0][0] == "confirmed", "opening the link alone cancelled"
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.locator("h1")).to_have_text("Your registration is cancelled")
    assert registration_row(stack, holder)[0][0] == "cancelled"

    promoted = mail_about(stack, first, "A place for you")
    assert "a place has freed up and it is yours" in text_body(promoted)
    assert len(calendar_files(promoted)) == 1
    assert registration_row(stack, first)[0][0] == "confirmed"
    assert registration_row(stack, second)[0][0] == "waitlisted"
    assert not [m for m in stack.mailbox.to(second) if m["Subject"].startswith("A place")]
    page.goto(registrant_link(promoted))
    expect(page.locator("#registration-status")).to_contain_text(
        "You are registered: your place is confirmed."
    )


def test_the_recording_loads_nothing_from_the_video_host_until_clicked(stack, browse):
    slug = new_event(
        stack,
        "recorded",
        starts_in=timedelta(days=-2),
        recording_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    page = browse()
    refused: list[str] = []
    # Nothing may leave 127.0.0.1 (there is no internet here either): the player's request
    # is answered by an empty page in its place.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: (refused.append(route.request.url), route.fulfill(body=""))[-1],
    )
    page.goto(event_path(slug))
    expect(page.locator("#event-state")).to_contain_text("This event has taken place.")
    expect(page.locator(".recording-embed")).to_contain_text(
        "Playing it loads the video from www.youtube-nocookie.com"
    )
    assert page.locator("iframe").count() == 0
    assert browse.log(page).foreign_hosts == set()

    page.get_by_role("link", name="Watch the recording").click()
    frame = page.locator(".recording-embed iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    expect(frame).to_be_focused()
    assert refused == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"]
    # The request was answered here, never sent: the page log's hosts are cleared of it.
    browse.log(page).hosts.discard("www.youtube-nocookie.com")


@pytest.mark.parametrize("path", [event_path(ONLINE_EVENT), "/events/"], ids=["event", "list"])
def test_events_pages_fit_a_phone(stack, browse, path):
    page = browse(phone=True)
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if path != "/events/":
        button = page.locator("#register button[type=submit]").bounding_box()
        assert button and button["height"] >= 44 and button["width"] >= 44
    for link in page.locator("main a.button, main button").all():
        box = link.bounding_box()
        if box:
            assert box["height"] >= 44, link.inner_text()
