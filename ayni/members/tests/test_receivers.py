"""A supporter's data export and erasure cover their news subscription and membership."""

from __future__ import annotations

import pytest

from ayni.members.models import Member, ReaderSession, Subscription
from ayni.members.services.subscriptions import confirm_subscription, subscribe
from ayni.members.tests.support import member, signed_in_client, url_in
from ayni.supporters.models import Supporter
from ayni.supporters.services import erase_supporter, export_supporter

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_membership_and_the_subscription():
    rosa = member("rosa@example.org")
    confirm_subscription(subscribe(email="rosa@example.org", name="Rosa", language="es"))
    member("other@example.org")

    data = export_supporter(supporter=rosa.supporter)

    assert data["membership"]["tier"] == rosa.tier.slug
    assert data["membership"]["source"] == "organiser"
    assert data["news_subscription"]["status"] == "confirmed"
    assert data["news_subscription"]["language"] == "es"


def test_the_export_of_someone_with_neither_says_so():
    supporter = subscribe(email="x@example.org", name="", language="en").supporter
    Subscription.objects.all().delete()
    data = export_supporter(supporter=supporter)
    assert (data["membership"], data["news_subscription"]) == (None, None)


def test_erasure_removes_them_and_signs_their_browsers_out():
    rosa = member("rosa@example.org")
    confirm_subscription(subscribe(email="rosa@example.org", name="Rosa", language="en"))
    browser = signed_in_client(rosa)
    other = member("other@example.org")

    erase_supporter(supporter=rosa.supporter)

    assert list(Member.objects.all()) == [other]
    assert Subscription.objects.count() == 0
    assert ReaderSession.objects.count() == 0
    assert not Supporter.objects.filter(email="rosa@example.org").exists()
    assert browser.get(url_in("en", "members:account")).status_code == 302
