"""reader_standing: what the meter asks of every article page, in at most one query and none
for a browser without a session cookie; a tier changed elsewhere counts at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import timezone

from ayni.members.enums import MemberSource, TierKind
from ayni.members.models import ReaderSession
from ayni.members.selectors import ANONYMOUS, ReaderStanding, reader_standing
from ayni.members.services.membership import end_membership
from ayni.members.services.readers import remember_browser, remember_subscriber
from ayni.members.services.subscriptions import confirm_subscription, subscribe, unsubscribe
from ayni.members.tests.support import member

pytestmark = pytest.mark.django_db


def request_with(session_key: str | None):
    request = RequestFactory().get("/en/news/x/")
    if session_key is not None:
        request.COOKIES[settings.SESSION_COOKIE_NAME] = session_key
    return request


def browser_of(**marks) -> str:
    session = SessionStore()
    session.create()
    remember_browser(session, **marks)
    return session.session_key


def standing(session_key: str | None, django_assert_num_queries, queries: int = 1):
    with django_assert_num_queries(queries):
        return reader_standing(request_with(session_key))


def test_no_cookie_no_query(django_assert_num_queries):
    assert standing(None, django_assert_num_queries, 0) == ANONYMOUS


@pytest.mark.parametrize("key", ["", "../../etc", "x" * 41, "with space"])
def test_a_malformed_cookie_is_anonymous_without_a_query(key, django_assert_num_queries):
    assert standing(key, django_assert_num_queries, 0) == ANONYMOUS


def test_a_session_that_is_nobodys_is_anonymous_in_one_query(django_assert_num_queries):
    session = SessionStore()
    session.create()
    assert standing(session.session_key, django_assert_num_queries) == ANONYMOUS
    assert standing("b" * 32, django_assert_num_queries) == ANONYMOUS


@pytest.mark.parametrize(
    ("kind", "valid_for", "full_access"),
    [
        (TierKind.FREE, None, False),
        (TierKind.PAID, None, True),
        (TierKind.PAID, timedelta(days=3), True),
        (TierKind.PAID, timedelta(days=-1), False),
        (TierKind.SOLIDARITY, None, True),
        (TierKind.GIFTED, timedelta(days=30), True),
    ],
)
def test_a_members_browser_in_one_query(kind, valid_for, full_access, django_assert_num_queries):
    until = timezone.now() + valid_for if valid_for is not None else None
    rosa = member(kind=kind, valid_until=until)
    key = browser_of(member=rosa)

    assert standing(key, django_assert_num_queries) == ReaderStanding(
        member_id=rosa.pk, subscriber=True, full_access=full_access
    )


def test_a_cancellation_counts_at_once(django_assert_num_queries):
    rosa = member(kind=TierKind.PAID)
    key = browser_of(member=rosa)
    assert standing(key, django_assert_num_queries).full_access is True

    end_membership(member=rosa, at=timezone.now(), source=MemberSource.WEBHOOK)

    assert standing(key, django_assert_num_queries).full_access is False


def test_a_subscribers_browser_until_they_unsubscribe(django_assert_num_queries):
    subscription = subscribe(email="nina@example.org", name="", language="en")
    key = browser_of(subscription=subscription)
    assert standing(key, django_assert_num_queries) == ANONYMOUS  # not confirmed yet

    confirm_subscription(subscription)
    assert standing(key, django_assert_num_queries) == ReaderStanding(subscriber=True)

    unsubscribe(subscription)
    assert standing(key, django_assert_num_queries) == ANONYMOUS


def test_an_expired_or_deleted_session_is_anonymous(django_assert_num_queries):
    rosa = member()
    session = SessionStore()
    session.set_expiry(-1)
    session.create()
    remember_browser(session, member=rosa)
    assert standing(session.session_key, django_assert_num_queries) == ANONYMOUS

    live = SessionStore()
    live.create()
    remember_browser(live, member=rosa)
    live.delete()  # signed out, or key rotated: the mark goes with the session
    assert ReaderSession.objects.filter(session_id=live.session_key).count() == 0


def test_the_standing_is_read_once_per_request(django_assert_num_queries):
    request = request_with(browser_of(member=member()))
    with django_assert_num_queries(1):
        first = reader_standing(request)
        assert reader_standing(request) is first


def test_a_subscriber_who_signs_in_keeps_one_mark(django_assert_num_queries):
    subscription = subscribe(email="rosa@example.org", name="", language="en")
    confirm_subscription(subscription)
    session = SessionStore()
    session.create()
    remember_subscriber(session, subscription)
    rosa = member("rosa@example.org", kind=TierKind.FREE)

    remember_browser(session, member=rosa)

    row = ReaderSession.objects.get()
    assert (row.member, row.subscription) == (rosa, subscription)
