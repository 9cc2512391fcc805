"""Subscribing to the news, with the real worker and a real SMTP server: the form → the
confirmation email → its page (a button) → subscribed, this browser a subscriber's; the same
answer whatever the address's history; bad input; forged, expired and replayed links;
unsubscribing, the subscriber's data and erasure."""

from __future__ import annotations

import pytest
from django.test import Client

from ayni.members.enums import NEWS_CONSENT, SubscriptionStatus
from ayni.members.models import ReaderSession, Subscription
from ayni.members.selectors import reader_standing
from ayni.members.tests.support import links_read_later, path_of, url_in
from ayni.supporters.models import Consent, Supporter
from tests.access import assert_access
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db

FORM = {"email": "nina@example.org", "name": "Nina Nueva", "language": "en"}


def subscribe(client: Client, **fields: str):
    return client.post(url_in("en", "members:subscribe"), {**FORM, **fields})


def standing_of(client: Client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.COOKIES.update({k: v.value for k, v in client.cookies.items()})
    return reader_standing(request)


def test_subscribe_page_shows_the_form_and_the_consent_text_to_everyone(client_for):
    responses = assert_access(
        client_for,
        url_in("en", "members:subscribe"),
        "get",
        {"anonymous": 200, "outsider": 200, "viewer": 200, "moderator": 200, "organiser": 200},
    )
    page = responses["anonymous"].content.decode()
    assert "Subscribe to our news" in page
    assert "Email me the campaign&#x27;s news." in page
    assert 'name="website"' in page


def test_subscribe_page_in_spanish(client):
    page = client.get(url_in("es", "members:subscribe")).content.decode()
    assert "Suscríbete a nuestras noticias" in page


def test_subscribe_confirm_journey_records_consent_and_marks_the_browser(
    client, mailbox, run_tasks
):
    response = subscribe(client, next="/en/news/some-article/")

    assert response.status_code == 302
    assert response["Location"] == (
        url_in("en", "members:subscribe_sent") + "?next=%2Fen%2Fnews%2Fsome-article%2F"
    )
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.PENDING
    assert subscription.supporter.name == ""  # the name waits for the confirmation
    assert Consent.objects.count() == 0
    run_tasks()
    [message] = mailbox.to("nina@example.org")
    assert message["Subject"] == "Confirm your subscription"
    assert "Hello Nina Nueva," in text_body(message)
    assert "/members/s/" in html_body(message)  # the footer's unsubscribe link
    confirm = path_of(message, "/members/s/confirm/")

    page = client.get(confirm)
    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING  # GET changes nothing

    done = client.post(confirm)

    assert done.status_code == 200
    assert 'href="/en/news/some-article/"' in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CONFIRMED
    assert subscription.supporter.name == "Nina Nueva"
    [consent] = Consent.objects.all()
    assert (consent.purpose, consent.text_version, consent.language) == (
        NEWS_CONSENT.purpose,
        NEWS_CONSENT.version,
        "en",
    )
    assert consent.text.startswith("Email me the campaign's news.")
    assert ReaderSession.objects.get().subscription == subscription
    standing = standing_of(client)
    assert (standing.subscriber, standing.member_id, standing.full_access) == (True, None, False)
    # Another browser is no subscriber's.
    assert standing_of(Client()).subscriber is False


def test_confirming_twice_changes_nothing_more(client, mailbox, run_tasks):
    subscribe(client)
    run_tasks()
    confirm = path_of(mailbox.to("nina@example.org")[0], "/members/s/confirm/")
    client.post(confirm)

    again = client.post(confirm)

    assert again.status_code == 200
    assert Consent.objects.count() == 1


def test_the_answer_is_the_same_for_a_new_a_subscribed_address_and_a_bot(
    client, mailbox, run_tasks
):
    first = subscribe(client)
    run_tasks()
    client.post(path_of(mailbox.to("nina@example.org")[0], "/members/s/confirm/"))
    mailbox.clear()

    second = subscribe(Client())
    bot = subscribe(Client(), email="bot@example.org", website="http://spam.example")

    assert first["Location"] == second["Location"] == bot["Location"]
    assert not Supporter.objects.filter(email="bot@example.org").exists()
    run_tasks()
    [note] = mailbox.to("nina@example.org")
    assert note["Subject"] == "You are subscribed already"
    assert "/members/s/confirm/" not in text_body(note)
    assert Subscription.objects.get().status == SubscriptionStatus.CONFIRMED


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": ""}, "email", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"email": "a" * 250 + "@example.org"}, "email", "at most 254 characters"),
        ({"name": "x" * 121}, "name", "at most 120 characters"),
        ({"name": "http://spam.example"}, "name", ""),
        ({"language": "fr"}, "language", "Select a valid choice."),
        ({"language": ""}, "language", "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(client, fields, field, message):
    response = subscribe(client, **fields)

    assert response.status_code == 422
    page = response.content.decode()
    assert f'data-field="{field}"' in page
    assert message.replace("'", "&#x27;") in page
    assert Subscription.objects.count() == 0
    assert Supporter.objects.count() == 0


@pytest.mark.parametrize(
    "next_path", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "news/"]
)
def test_a_foreign_next_is_dropped(client, next_path):
    response = subscribe(client, next=next_path)

    assert response["Location"] == url_in("en", "members:subscribe_sent")
    assert Subscription.objects.get().next_path == ""


@pytest.mark.parametrize(
    ("next_path", "join"),
    [
        ("/en/news/an-article/", "/en/members/join/?next=%2Fen%2Fnews%2Fan-article%2F"),
        ("//evil.example/x", '/en/members/join/"'),
    ],
)
def test_the_link_to_joining_keeps_where_the_reader_was_reading(client, next_path, join):
    page = client.get(url_in("en", "members:subscribe"), {"next": next_path}).content.decode()
    refused = subscribe(client, email="not an address", next=next_path).content.decode()

    assert f'href="{join}' in page and f'href="{join}' in refused
    assert "join/?next=%2F%2Fevil" not in page + refused


def test_a_forged_link_is_404_and_an_expired_one_410(client, mailbox, run_tasks, monkeypatch):
    subscribe(client)
    run_tasks()
    confirm = path_of(mailbox.to("nina@example.org")[0], "/members/s/confirm/")
    token = confirm.rstrip("/").rsplit("/", 1)[1]

    forged = client.post(confirm.replace(token, token[:-2] + "xx"))
    other_purpose = client.get(url_in("en", "members:unsubscribe", token=token))
    links_read_later(monkeypatch, 31 * 86400)
    expired = client.post(confirm)

    assert forged.status_code == 404
    assert other_purpose.status_code == 404  # a confirm token never unsubscribes
    assert expired.status_code == 410
    assert "This link has expired." in expired.content.decode()
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING


def test_unsubscribe_link_shows_a_button_and_its_post_withdraws_the_consent(
    client, mailbox, run_tasks
):
    subscribe(client)
    run_tasks()
    message = mailbox.to("nina@example.org")[0]
    client.post(path_of(message, "/members/s/confirm/"))
    unsubscribe = path_of(message, r"/members/s/(?!confirm/)[^/\s]+/(?=\s)")

    page = client.get(unsubscribe)
    assert "Unsubscribe from our news" in page.content.decode()
    assert Subscription.objects.get().status == SubscriptionStatus.CONFIRMED

    done = client.post(unsubscribe)

    assert "You are unsubscribed" in done.content.decode()
    assert Subscription.objects.get().status == SubscriptionStatus.UNSUBSCRIBED
    assert Consent.objects.get().withdrawn_at is not None
    assert standing_of(client).subscriber is False  # the marked browser no longer counts
    # An old confirmation link does not subscribe again.
    assert client.post(path_of(message, "/members/s/confirm/")).status_code == 410


def test_subscriber_data_and_erase_through_the_emails_links(client, mailbox, run_tasks):
    subscribe(client)
    run_tasks()
    message = mailbox.to("nina@example.org")[0]
    data_path = path_of(message, "/data/")
    erase_path = path_of(message, "/erase/")

    data = client.get(data_path).json()
    assert data["email"] == "nina@example.org"
    assert data["news_subscription"]["status"] == "pending"
    assert client.get(erase_path).status_code == 200
    assert Subscription.objects.count() == 1

    client.post(erase_path)

    assert Subscription.objects.count() == 0
    assert Supporter.objects.count() == 0
    assert client.get(data_path).status_code == 404


def test_over_the_rate_limit_the_email_is_held_silently(client, mailbox, run_tasks, settings):
    settings.SIGNATURE_BURST_LIMIT = 2
    for number in range(3):
        assert subscribe(client, email=f"n{number}@example.org").status_code == 302

    run_tasks()

    assert len(mailbox.messages) == 2
    assert not mailbox.to("n2@example.org")
