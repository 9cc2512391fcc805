"""What the members app declares to the site: its jobs, its consent texts, its private pages,
its demo (seeded through its services, once), and its forms erased unconfirmed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ayni.core import registry
from ayni.members import demo
from ayni.members.enums import MEMBERSHIP_CONSENT, NEWS_CONSENT, SubscriptionStatus, TierKind
from ayni.members.models import Member, SignInLink, Subscription, Tier
from ayni.members.selectors import reader_standing
from ayni.members.services.sign_in import request_sign_in
from ayni.members.services.subscriptions import confirm_subscription, subscribe
from ayni.supporters.consent import consent_text
from ayni.supporters.models import Supporter
from ayni.supporters.retention import erase_unconfirmed

pytestmark = pytest.mark.django_db


def test_the_consent_texts_are_declared():
    assert consent_text("news_mailings") == NEWS_CONSENT
    assert consent_text("membership") == MEMBERSHIP_CONSENT


def test_the_jobs_are_declared():
    names = {job.name for job in registry.periodic_jobs()}
    assert {"members.dispatch_emails", "members.sweep"} <= names


def test_the_demo_seeds_every_kind_of_tier_and_member_once():
    assert demo.seed_demo in registry.demo_seeders()

    told = demo.seed_demo()

    assert told == [
        "Loaded the demo members: 4 tiers (one solidarity, one gifted), 4 members and 2 news "
        "subscribers (/admin/members/member/)"
    ]
    assert set(Tier.objects.values_list("kind", flat=True)) == set(TierKind.values)
    kinds = sorted(Member.objects.values_list("tier__kind", flat=True))
    assert kinds == ["free", "gifted", "paid", "solidarity"]
    assert Subscription.objects.filter(status=SubscriptionStatus.CONFIRMED).count() == 2
    assert demo.seed_demo() == []
    assert Member.objects.count() == 4


def test_unconfirmed_subscriptions_and_old_sign_in_links_are_erased_after_the_retention():
    pending = subscribe(email="old@example.org", name="Old", language="en")
    confirmed = subscribe(email="kept@example.org", name="", language="en")
    confirm_subscription(confirmed)
    request_sign_in(email="someone@example.org", language="en")

    assert erase_unconfirmed(now=timezone.now() + timedelta(days=1))["news subscriptions"] == 0
    erased = erase_unconfirmed(now=timezone.now() + timedelta(days=40))

    assert (erased["news subscriptions"], erased["sign-in links"]) == (1, 1)
    assert list(Subscription.objects.all()) == [confirmed]
    assert SignInLink.objects.count() == 0
    assert not Supporter.objects.filter(pk=pending.supporter_id).exists()
    assert Supporter.objects.filter(pk=confirmed.supporter_id).exists()


def test_the_reader_standing_door_is_the_selector_the_meter_uses():
    from django.test import RequestFactory

    assert reader_standing(RequestFactory().get("/")).member_id is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Subscribing and membership",
                "A sign-in link works once, for 30 minutes",
                "a cookie named “sessionid” that keeps you signed in on this browser for up to "
                "14 days",
            ],
        ),
        (
            "es",
            [
                "Suscripción y membresía",
                "Un enlace para entrar funciona una sola vez, durante 30 minutos",
                "una cookie llamada «sessionid» que mantiene tu sesión en este navegador hasta "
                "14 días",
            ],
        ),
    ],
)
def test_the_privacy_page_says_what_subscribing_and_signing_in_keep(
    client, settings, language, expected
):
    settings.MEMBER_SIGN_IN_MINUTES = 30
    settings.SESSION_COOKIE_AGE = 14 * 86400

    with translation.override(language):
        response = client.get(reverse("core:privacy"))

    page = response.content.decode()
    assert [text for text in expected if text not in page] == []
    assert "sessionid" not in response.cookies
