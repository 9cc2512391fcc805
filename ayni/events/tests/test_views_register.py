"""The register form: one answer for every address and for bots, errors on the page without
JavaScript (422), nothing stored when registration is not open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import EventEmail, Registration
from ayni.events.tests.page_builders import make_event, make_host, registered, url_in

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Ana Mamani",
    "email": "ana@example.org",
    "country": "BO",
    "organisation": "Miners' Union",
    "access_needs": "Spanish captions, please.",
    "wants_report_back": "on",
}


def register_url(event, language: str = "en") -> str:
    return url_in(language, "events:register", slug=event.slug)


def sent_url(event, language: str = "en") -> str:
    return url_in(language, "events:sent", slug=event.slug)


def test_a_new_address_is_stored_pending_with_a_confirmation_due(client):
    event = make_event()
    host = make_host(code="miners")

    response = client.post(register_url(event, "es"), {**GOOD, "via": "miners"})

    assert response.status_code == 302
    assert response["Location"] == sent_url(event, "es")
    registration = Registration.objects.get()
    assert (
        registration.name,
        registration.email,
        str(registration.country),
        registration.organisation,
        registration.access_needs,
        registration.language,
        registration.wants_report_back,
        registration.wants_updates,
        registration.via,
        registration.status,
    ) == (
        "Ana Mamani",
        "ana@example.org",
        "BO",
        "Miners' Union",
        "Spanish captions, please.",
        "es",
        True,
        False,
        host,
        RegistrationStatus.PENDING,
    )
    email = EventEmail.objects.get()
    assert email.kind == EmailKind.CONFIRM
    # The request's keyed IP hash goes with the email, for the worker's rate limit.
    assert len(email.ip_hash) == 32


def test_the_same_answer_for_a_new_address_one_registered_already_and_a_bot(client):
    event = make_event()
    registered(event, "known@example.org")
    before = Registration.objects.get()

    new = client.post(register_url(event), GOOD)
    again = client.post(register_url(event), {**GOOD, "email": "Known@Example.org"})
    bot = client.post(register_url(event), {**GOOD, "email": "bot@example.org", "website": "x"})

    assert new.status_code == again.status_code == bot.status_code == 302
    assert new["Location"] == again["Location"] == bot["Location"] == sent_url(event)
    assert not Registration.objects.filter(email="bot@example.org").exists()
    known = Registration.objects.get(email_normalised="known@example.org")
    # The registered address's details are not changed by someone else's form.
    assert (known.name, known.status) == (before.name, before.status)
    assert EventEmail.objects.filter(registration=known, kind=EmailKind.AGAIN).count() == 1


def test_an_unknown_via_code_is_ignored_silently(client):
    event = make_event()

    response = client.post(register_url(event), {**GOOD, "via": "nobody'; DROP TABLE"})

    assert response.status_code == 302
    assert Registration.objects.get().via is None


def test_the_event_page_carries_the_via_of_a_hosts_link_into_the_form(client):
    event = make_event()

    page = client.get(
        reverse("events:detail", kwargs={"slug": event.slug}), {"via": "miners"}
    ).content.decode()
    odd = client.get(
        reverse("events:detail", kwargs={"slug": event.slug}), {"via": '"><script>'}
    ).content.decode()

    assert '<input type="hidden" name="via" value="miners" id="id_via">' in page
    assert '<input type="hidden" name="via" id="id_via">' in odd


BAD_INPUT = [
    ({"name": ""}, "name", "This field is required."),
    ({"name": "A"}, "name", "Please enter your name."),
    ({"name": "\u200b\u200b"}, "name", "This field is required."),
    ({"name": "x" * 121}, "name", "Ensure this value has at most 120 characters"),
    ({"name": "Visit www.spam.com"}, "name", "Please do not include web addresses."),
    ({"name": "=HYPERLINK(1)"}, "name", "Please do not start with =, +, - or @."),
    ({"name": "<b>Ana</b>"}, "name", "Please do not use the characters &lt; or &gt;."),
    ({"name": "Ana\x07"}, "name", "This contains invisible control characters."),
    ({"name": "Ana \ufffd"}, "name", "This contains characters we could not read."),
    ({"email": ""}, "email", "This field is required."),
    ({"email": "not-an-address"}, "email", "Enter a valid email address."),
    ({"email": "ana@localhost"}, "email", ""),
    ({"email": "ana@example.test"}, "email", ""),
    ({"email": "a" * 250 + "@example.org"}, "email", "Ensure this value has at most 254"),
    ({"country": "ZZ"}, "country", "Select a valid choice. ZZ is not one of the available"),
    ({"organisation": "x" * 201}, "organisation", "Ensure this value has at most 200"),
    ({"organisation": "@everyone"}, "organisation", "Please do not start with =, +, - or @."),
    ({"access_needs": "x" * 1001}, "access_needs", "Ensure this value has at most 1000"),
    ({"access_needs": "<script>"}, "access_needs", "Please do not use the characters"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_INPUT)
def test_bad_input_comes_back_on_the_event_page_with_422_and_nothing_stored(
    client, change, field, message
):
    event = make_event()

    response = client.post(register_url(event), {**GOOD, **change})

    assert response.status_code == 422
    page = response.content.decode()
    assert f"<title>Error: {event.title_en} · " in page
    summary = page.split('id="register-errors"')[1].split("</div>")[0]
    assert f'href="#id_{field}"' in summary
    assert message in summary
    # The summary comes before the form, and the form's address lands on it without JS.
    assert page.index('id="register-errors"') < page.index('<form method="post"')
    assert f'action="/en/events/{event.slug}/register/#register-errors"' in page
    # What was typed is kept.
    if field != "name":
        assert 'value="Ana Mamani"' in page
    assert Registration.objects.count() == 0
    assert EventEmail.objects.count() == 0


def test_errors_in_spanish(client):
    event = make_event()

    response = client.post(register_url(event, "es"), {**GOOD, "email": "nope"})

    assert response.status_code == 422
    page = response.content.decode()
    assert f"<title>Error: {event.title_es} · " in page
    assert "Introduce una dirección de correo electrónico válida." in page
    assert "usted" not in page.lower()


@pytest.mark.parametrize(
    "fields",
    [
        {"registration_closes_at": datetime(2020, 1, 1, tzinfo=UTC)},
        {"registration_opens_at": datetime(2099, 1, 1, tzinfo=UTC)},
        {"state": EventState.CANCELLED},
        {"state": EventState.POSTPONED},
        {"starts_in": timedelta(days=-3)},
    ],
)
def test_registration_not_open_is_said_clearly_and_nothing_is_stored(client, fields):
    event = make_event(**fields)

    response = client.post(register_url(event), GOOD)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Registration is closed" in page
    assert f'href="/en/events/{event.slug}/"' in page
    assert Registration.objects.count() == 0
    assert EventEmail.objects.count() == 0


def test_a_draft_or_unknown_event_cannot_be_registered_for(client):
    draft = make_event(state=EventState.DRAFT)

    assert client.post(register_url(draft), GOOD).status_code == 404
    assert client.post(url_in("en", "events:register", slug="nope"), GOOD).status_code == 404
    assert Registration.objects.count() == 0


def test_get_of_the_register_address_leads_to_the_form_on_the_event_page(client):
    event = make_event()

    response = client.get(register_url(event))

    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.slug}/#register"


def test_a_full_event_still_takes_registrations_for_its_waiting_list(client):
    event = make_event(capacity=1)
    registered(event, "one@example.org")

    response = client.post(register_url(event), GOOD)

    assert response.status_code == 302
    assert Registration.objects.filter(email="ana@example.org").exists()


def test_the_check_inbox_page(client):
    event = make_event()

    page = client.get(sent_url(event)).content.decode()

    assert "<h1>Check your inbox</h1>" in page
    assert event.title_en in page
    es = client.get(sent_url(event, "es")).content.decode()
    assert "Revisa tu correo" in es
    assert client.get(url_in("en", "events:sent", slug="nope")).status_code == 404
    draft = make_event(state=EventState.DRAFT)
    assert client.get(sent_url(draft)).status_code == 404


def test_the_form_shows_the_consent_texts_and_the_privacy_link(client):
    event = make_event()

    page = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()

    assert "We keep your name, email address, country, organisation and access needs" in page
    assert "Email me the recording and the report-back after the event." in page
    assert "Email me updates about this campaign." in page
    assert 'href="/en/privacy/"' in page
    assert 'name="website"' in page  # the honeypot
