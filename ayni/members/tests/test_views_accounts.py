"""Joining and signing in by email, with the real worker and a real SMTP server: the form →
the sign-in email → its page (a button) → signed in (session rotated, member made once,
member_logged_in sent); the same answer for every address; forged, expired and replayed
links; the account page, its news switch, signing out, the member's data and erasure."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from ayni.members.enums import MEMBERSHIP_CONSENT, MemberSource, SubscriptionStatus, TierKind
from ayni.members.models import Member, ReaderSession, SignInLink, Subscription
from ayni.members.services import member_logged_in
from ayni.members.tests.support import links_read_later, member, path_of, signed_in_client, url_in
from ayni.supporters.models import Consent, Supporter
from tests.access import assert_access
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db

EVERYONE = {"anonymous": 200, "outsider": 200, "viewer": 200, "moderator": 200, "organiser": 200}


def join(client: Client, **fields: str):
    return client.post(url_in("en", "members:join"), {"email": "rosa@example.org", **fields})


def sign_in_link(client: Client, mailbox, run_tasks, **fields: str) -> str:
    join(client, **fields)
    run_tasks()
    return path_of(mailbox.to(fields.get("email", "rosa@example.org"))[-1], "/members/sign-in/")


@pytest.fixture
def logins():
    received = []

    def listen(sender, **kwargs):
        received.append(kwargs)

    member_logged_in.connect(listen, dispatch_uid="test.logins")
    yield received
    member_logged_in.disconnect(dispatch_uid="test.logins")


def test_join_page_shows_the_form_to_everyone(client_for):
    responses = assert_access(client_for, url_in("en", "members:join"), "get", EVERYONE)
    page = responses["anonymous"].content.decode()
    assert "Become a member or sign in" in page
    assert "We keep your email address to sign you in" in page
    assert 'name="website"' in page


def test_join_then_sign_in_makes_a_free_member_once_and_rotates_the_session(
    client, mailbox, run_tasks, logins
):
    client.get(url_in("en", "members:subscribe"))  # any page; no session is made by it
    response = join(client, next="/en/news/members-only/")

    assert response["Location"] == (
        url_in("en", "members:join_sent") + "?next=%2Fen%2Fnews%2Fmembers-only%2F"
    )
    assert Supporter.objects.count() == 0  # nobody is anything until the link is used
    run_tasks()
    [message] = mailbox.to("rosa@example.org")
    assert message["Subject"] == "Your sign-in link"
    assert "It works once, for 30 minutes." in text_body(message)
    link = path_of(message, "/members/sign-in/")
    fixed = "a" * 32
    client.cookies[settings.SESSION_COOKIE_NAME] = fixed  # a session key planted by someone

    page = client.get(link)
    assert "Sign me in" in page.content.decode()
    assert Member.objects.count() == 0  # GET changes nothing
    done = client.post(link)

    assert done.status_code == 302
    assert done["Location"] == "/en/news/members-only/"
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    new_key = cookie.value
    assert new_key != fixed
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")
    rosa = Member.objects.get()
    assert (rosa.supporter.email, rosa.tier.kind, rosa.source) == (
        "rosa@example.org",
        TierKind.FREE,
        MemberSource.SIGN_UP,
    )
    assert rosa.last_sign_in_at is not None
    assert ReaderSession.objects.get().session_id == new_key
    [consent] = Consent.objects.all()
    assert (consent.purpose, consent.source) == (MEMBERSHIP_CONSENT.purpose, "members:join")
    [login] = logins
    assert login["member"] == rosa
    assert login["request"].session.session_key == new_key
    account = client.get(url_in("en", "members:account")).content.decode()
    assert "rosa@example.org" in account
    assert "Free member" in account

    # A second sign-in, another link: the same member.
    other = Client()
    other.post(sign_in_link(other, mailbox, run_tasks))
    assert Member.objects.count() == 1
    assert Consent.objects.count() == 1


def test_a_used_link_is_refused_with_a_clear_page(client, mailbox, run_tasks):
    link = sign_in_link(client, mailbox, run_tasks)
    client.post(link)
    thief = Client()

    replayed = thief.post(link)
    opened = thief.get(link)

    assert replayed.status_code == opened.status_code == 410
    assert "Send me a new sign-in link" in replayed.content.decode()
    assert settings.SESSION_COOKIE_NAME not in thief.cookies
    assert ReaderSession.objects.count() == 1


def test_signing_in_ends_the_addresss_other_unused_links(client, mailbox, run_tasks):
    # Before: each link stayed good for its half hour whatever happened after, so an older
    # link (a forwarded or leaked email) still signed its holder in as the member after they
    # had signed in with a newer one.
    older = sign_in_link(Client(), mailbox, run_tasks)
    newer = sign_in_link(client, mailbox, run_tasks)
    client.post(newer)
    thief = Client()

    replayed = thief.post(older)

    assert replayed.status_code == 410
    assert "Send me a new sign-in link" in replayed.content.decode()
    assert settings.SESSION_COOKIE_NAME not in thief.cookies
    assert ReaderSession.objects.count() == 1
    assert SignInLink.objects.filter(used_at__isnull=True).count() == 0


def test_an_expired_link_is_410_and_a_forged_one_404(client, mailbox, run_tasks, monkeypatch):
    link = sign_in_link(client, mailbox, run_tasks)
    token = link.rstrip("/").rsplit("/", 1)[1]

    forged = client.post(link.replace(token, token[:-3] + "abc"))
    links_read_later(monkeypatch, 31 * 60)
    expired = client.post(link)

    assert forged.status_code == 404
    assert expired.status_code == 410
    assert "This link has expired." in expired.content.decode()
    assert Member.objects.count() == 0
    assert SignInLink.objects.get().used_at is None


def test_the_answer_is_the_same_for_a_member_a_stranger_and_a_bot(client, mailbox, run_tasks):
    member("rosa@example.org")
    answers = {
        join(Client())["Location"],
        join(Client(), email="new@example.org")["Location"],
        join(Client(), email="bot@example.org", website="x")["Location"],
    }
    assert answers == {url_in("en", "members:join_sent")}
    assert not SignInLink.objects.filter(email="bot@example.org").exists()
    run_tasks()
    assert len(mailbox.to("rosa@example.org")) == len(mailbox.to("new@example.org")) == 1


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "This field is required."),
        ("rosa@", "Enter a valid email address."),
        ("r" * 250 + "@example.org", "at most 254 characters"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(client, email, message):
    response = join(client, email=email)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert SignInLink.objects.count() == 0


def test_one_address_asking_again_and_again_gets_a_few_links(client, mailbox, run_tasks):
    for _ in range(7):
        join(Client())
    run_tasks()
    assert len(mailbox.to("rosa@example.org")) == 5


def test_account_page_needs_a_signed_in_member(client_for):
    responses = assert_access(
        client_for,
        url_in("en", "members:account"),
        "get",
        {"anonymous": 302, "outsider": 302, "viewer": 302, "moderator": 302, "organiser": 302},
    )
    assert responses["organiser"]["Location"] == (
        url_in("en", "members:join") + "?next=%2Fen%2Fmembers%2Faccount%2F"
    )


def test_account_page_shows_the_tier_and_switches_the_news(client):
    rosa = member("rosa@example.org", kind=TierKind.SOLIDARITY)
    browser = signed_in_client(rosa)

    page = browser.get(url_in("en", "members:account")).content.decode()
    assert "Solidarity tier" in page
    assert "You can read them." in page
    assert '<dd id="member-news">Off</dd>' in page

    browser.post(url_in("en", "members:account_subscription"), {"news": "on"})

    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.CONFIRMED
    assert Consent.objects.filter(purpose="news_mailings", source="members:account").exists()
    page = browser.get(url_in("en", "members:account")).content.decode()
    assert '<dd id="member-news">On</dd>' in page
    browser.post(url_in("en", "members:account_subscription"), {"news": "off"})
    assert Subscription.objects.get().status == SubscriptionStatus.UNSUBSCRIBED
    bad = browser.post(url_in("en", "members:account_subscription"), {"news": "maybe"})
    assert bad.status_code == 400


def test_sign_out_is_post_only_and_ends_the_session(client):
    browser = signed_in_client(member())
    assert browser.get(url_in("en", "members:sign_out")).status_code == 405

    response = browser.post(url_in("en", "members:sign_out"))

    assert response.status_code == 302
    assert ReaderSession.objects.count() == 0
    assert browser.get(url_in("en", "members:account")).status_code == 302


def test_account_data_and_erase(client):
    rosa = member("rosa@example.org")
    browser = signed_in_client(rosa)

    data = browser.get(url_in("en", "members:account_data")).json()
    assert data["supporter"]["email"] == "rosa@example.org"
    assert data["membership"]["tier"] == rosa.tier.slug
    assert "Erase my data" in browser.get(url_in("en", "members:account_erase")).content.decode()
    assert Member.objects.count() == 1

    done = browser.post(url_in("en", "members:account_erase"))

    assert "Your data is erased" in done.content.decode()
    assert Member.objects.count() == Supporter.objects.count() == ReaderSession.objects.count() == 0
