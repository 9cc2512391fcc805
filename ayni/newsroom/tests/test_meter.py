"""The fair meter on an article's page (ayni.newsroom.meter): who reads a gated article in full,
what is counted on the server against the signed cookie and the keyed IP hash, the prompt past
the allowance (in English and Spanish), a reader's standing from the members app, the merge on
sign-in, the page's caching, and the queries it reads in."""

from __future__ import annotations

import pytest
from django.core import signing
from django.db import connection
from django.test import Client

from ayni.members import selectors as members
from ayni.members.selectors import ReaderStanding
from ayni.members.services import member_logged_in
from ayni.newsroom import tokens
from ayni.newsroom.meter import COOKIE
from ayni.newsroom.models import MeterAddressRead, MeterRead, MeterReader
from ayni.newsroom.tests.factories import published

pytestmark = pytest.mark.django_db

GATED = "The third paragraph is for those who read on."
OPENING = "The first paragraph says what happened."
IP = "203.0.113.7"


@pytest.fixture(autouse=True)
def meter(settings):
    settings.NEWS_METER_FREE = 3
    settings.NEWS_METER_SUBSCRIBER_EXTRA = 2
    settings.NEWS_METER_MEMBER = 5
    settings.NEWS_METER_WINDOW_DAYS = 30
    settings.NEWS_METER_IP_CEILING = 10


def as_reader(monkeypatch, **standing: object) -> None:
    monkeypatch.setattr(members, "reader_standing", lambda request: ReaderStanding(**standing))


def read(client: Client, article, ip: str = IP, **extra: object) -> tuple[object, str]:
    response = client.get(article.get_absolute_url(), REMOTE_ADDR=ip, **extra)
    assert response.status_code == 200
    return response, response.content.decode()


def metered(count: int, **fields: object) -> list:
    return [published(visibility="metered", **fields) for _n in range(count)]


def test_a_public_article_sets_no_cookie_counts_nothing_and_keeps_its_caching(client):
    response, page = read(client, published())

    assert GATED in page
    assert COOKIE not in response.cookies
    assert "Cache-Control" not in response
    assert MeterReader.objects.count() == MeterAddressRead.objects.count() == 0


def test_a_members_only_article_gives_everyone_without_full_access_the_preview(client):
    article = published(visibility="members")

    response, page = read(client, article)

    assert OPENING in page and GATED not in page
    assert "The rest of this article is for members" in page
    assert f'href="/en/members/join/?next=%2Fen%2Fnews%2F{article.slug}%2F"' in page
    assert "/members/subscribe/" not in page
    assert COOKIE not in response.cookies
    assert MeterReader.objects.count() == 0
    assert response["Cache-Control"] == "private, no-store"
    assert "Cookie" in response["Vary"]


def test_a_members_only_article_is_whole_for_a_tier_with_full_access(client, monkeypatch):
    as_reader(monkeypatch, member_id=4, subscriber=True, full_access=True)

    response, page = read(client, published(visibility="members"))

    assert GATED in page
    assert "meter-prompt" not in page
    assert response["Cache-Control"] == "private, no-store"


def test_a_free_member_gets_the_members_prompt_for_a_members_only_article(client, monkeypatch):
    as_reader(monkeypatch, member_id=4, subscriber=True)

    _response, page = read(client, published(visibility="members"))

    assert GATED not in page
    assert "Your membership does not include the articles for members" in page


def test_an_anonymous_reader_reads_the_free_articles_then_meets_the_prompt(client):
    first, second, third, fourth = metered(4)

    responses = [read(client, article) for article in (first, second, third)]
    response, page = read(client, fourth)

    assert all(GATED in page for _r, page in responses)
    assert "This article counts towards your free articles: 0 left." in responses[2][1]
    assert OPENING in page and GATED not in page
    assert "You have reached the free limit" in page
    assert "Subscribe to our news for free and read 2 more articles." in page
    assert f'href="/en/members/subscribe/?next=%2Fen%2Fnews%2F{fourth.slug}%2F"' in page
    assert f'href="/en/members/join/?next=%2Fen%2Fnews%2F{fourth.slug}%2F"' in page
    reader = MeterReader.objects.get()
    assert sorted(MeterRead.objects.values_list("article_id", flat=True)) == sorted(
        [first.pk, second.pk, third.pk]
    )
    assert reader.member_id is None
    assert MeterAddressRead.objects.count() == 3
    assert COOKIE not in response.cookies  # nothing counted past the limit


def test_the_prompt_speaks_spanish_on_a_spanish_page(client):
    first = published(visibility="metered", language="es")
    for article in metered(3):
        read(client, article)

    _response, page = read(client, first)

    assert GATED not in page
    assert "Has llegado al límite gratuito" in page
    assert "Suscríbete a nuestras noticias gratis y lee 2 artículos más." in page
    assert f'href="/es/members/subscribe/?next=%2Fes%2Fnews%2F{first.slug}%2F"' in page
    assert "Hazte miembro o entra" in page


def test_the_cookie_is_signed_httponly_lax_and_secure_over_https(client):
    article, other = metered(2)

    plain, _page = read(client, article)
    secure, _page = read(Client(), other, secure=True)

    cookie = plain.cookies[COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]
    assert cookie["max-age"] == 30 * 86400
    assert tokens.meter_reader_id(cookie.value) == MeterReader.objects.earliest("created_at").pk
    assert secure.cookies[COOKIE]["secure"] is True


def test_a_head_request_counts_nothing_and_sets_no_cookie(client):
    article = published(visibility="metered")

    response = client.head(article.get_absolute_url(), REMOTE_ADDR=IP)

    assert response.status_code == 200
    assert response.content == b""
    assert COOKIE not in response.cookies
    assert MeterReader.objects.count() == MeterAddressRead.objects.count() == 0


def test_reading_the_same_article_again_costs_nothing(client):
    article, *others = metered(4)

    for _time in range(3):
        read(client, article)
    for other in others[:2]:
        read(client, other)
    _response, again = read(client, article)

    assert MeterRead.objects.count() == 3
    assert GATED in again  # already counted: free even at the limit
    _response, past = read(client, others[2])
    assert GATED not in past


def test_a_translation_counts_as_its_original_and_does_not_pass_the_meter(client):
    original = published(visibility="metered", language="en")
    spanish = published(visibility="metered", language="es", translation_of=original)
    unread = published(visibility="metered", language="en")
    unread_es = published(visibility="metered", language="es", translation_of=unread)

    read(client, original)
    _response, page = read(client, spanish)
    for article in metered(2):
        read(client, article)
    _response, past = read(client, unread_es)

    assert GATED in page
    assert list(MeterRead.objects.filter(article=original).values_list("article", flat=True)) == [
        original.pk
    ]
    assert MeterRead.objects.count() == 3
    assert GATED not in past


@pytest.mark.parametrize(
    "query", ["?format=print", "?print=1", "?view-source=1", "?format=amp", "?preview=1"]
)
def test_an_alternate_view_of_the_article_is_the_same_metered_page(client, query):
    *free, gated = metered(4)
    for article in free:
        read(client, article)

    response = client.get(gated.get_absolute_url() + query, REMOTE_ADDR=IP)

    assert response.status_code == 200
    page = response.content.decode()
    assert OPENING in page and GATED not in page


def test_a_tampered_cookie_is_a_fresh_meter_never_an_error(client):
    for article in metered(3):
        read(client, article)
    reader = MeterReader.objects.get()
    value = client.cookies[COOKIE].value
    fresh = metered(1)[0]

    for forged in [
        value[:-1] + ("A" if value[-1] != "A" else "B"),
        "not-a-cookie",
        signing.TimestampSigner(salt="another.purpose").sign(str(reader.pk)),
        signing.TimestampSigner(salt=tokens.METER_SALT).sign("not-a-uuid"),
    ]:
        other = Client()
        other.cookies[COOKIE] = forged
        response, page = read(other, fresh, ip="198.51.100.9")
        assert GATED in page
        assert tokens.meter_reader_id(response.cookies[COOKIE].value) != reader.pk

    assert MeterRead.objects.filter(reader=reader).count() == 3


def test_a_replayed_old_cookie_names_the_same_reader_whose_count_stands(client):
    articles = metered(4)
    read(client, articles[0])
    old = client.cookies[COOKIE].value  # kept by the reader after their first article
    for article in articles[1:3]:
        read(client, article)

    replay = Client()
    replay.cookies[COOKIE] = old
    response, page = read(replay, articles[3], ip="198.51.100.20")

    assert GATED not in page
    assert "You have reached the free limit" in page
    assert MeterReader.objects.count() == 1
    assert COOKIE not in response.cookies


def test_a_browser_without_the_cookie_from_an_ip_hash_past_its_ceiling_meets_the_prompt(
    client, settings
):
    settings.NEWS_METER_IP_CEILING = 4
    articles = metered(6)
    for article in articles[:3]:
        read(client, article)
    second = Client()
    read(second, articles[3])  # the hash has now opened 4

    private_window = Client()
    _response, page = read(private_window, articles[4])
    _response, elsewhere = read(Client(), articles[4], ip="198.51.100.30")
    _response, with_its_cookie = read(second, articles[5])

    assert GATED not in page
    assert "count together, and they have reached the limit" in page
    assert GATED in elsewhere  # another connection is another hash
    assert GATED in with_its_cookie  # a browser with its own count keeps reading
    assert MeterReader.objects.count() == 3


def test_a_subscriber_reads_the_extra_articles_and_is_not_asked_to_subscribe(client, monkeypatch):
    as_reader(monkeypatch, subscriber=True)
    articles = metered(6)

    pages = [read(client, article)[1] for article in articles]

    assert [GATED in page for page in pages] == [True] * 5 + [False]
    assert "/members/subscribe/" not in pages[5]
    assert "Become a member or sign in" in pages[5]


def test_a_subscriber_dropping_the_meter_cookie_meets_the_ip_ceiling(client, monkeypatch, settings):
    # Before: a subscriber's browser was "known" without a meter cookie, so it skipped the IP
    # hash's ceiling: deleting the cookie before each article gave a fresh count each time,
    # and a subscriber read every metered article.
    settings.NEWS_METER_IP_CEILING = 4
    as_reader(monkeypatch, subscriber=True)

    pages = []
    for article in metered(8):
        client.cookies.pop(COOKIE, None)
        pages.append(read(client, article)[1])

    assert [GATED in page for page in pages] == [True] * 4 + [False] * 4
    assert "count together, and they have reached the limit" in pages[-1]
    assert MeterReader.objects.count() == 4


def test_a_member_is_counted_on_their_own_reader_without_a_cookie(client, monkeypatch):
    as_reader(monkeypatch, member_id=42, subscriber=True)
    articles = metered(6)

    results = [read(client, article) for article in articles]

    assert [GATED in page for _r, page in results] == [True] * 5 + [False]
    assert all(COOKIE not in response.cookies for response, _page in results)
    assert MeterReader.objects.get().member_id == 42
    assert MeterRead.objects.count() == 5
    assert "You have read the articles your membership includes" in results[5][1]


def test_a_tier_with_full_access_reads_every_metered_article_uncounted(client, monkeypatch):
    as_reader(monkeypatch, member_id=42, subscriber=True, full_access=True)

    pages = [read(client, article)[1] for article in metered(8)]

    assert all(GATED in page for page in pages)
    assert MeterReader.objects.count() == MeterRead.objects.count() == 0


def test_signing_in_merges_the_browsers_count_into_the_members(client, monkeypatch, rf):
    shared, browser_only, member_only, next_one = metered(4)
    read(client, shared)
    read(client, browser_only)
    browser_cookie = client.cookies[COOKIE].value
    as_reader(monkeypatch, member_id=42)
    read(Client(), shared, ip="198.51.100.40")
    read(Client(), member_only, ip="198.51.100.40")

    request = rf.get("/")
    request.COOKIES[COOKIE] = browser_cookie
    member_logged_in.send(sender=None, request=request, member=type("M", (), {"pk": 42})())

    member_reader = MeterReader.objects.get(member_id=42)
    assert sorted(member_reader.reads.values_list("article_id", flat=True)) == sorted(
        [shared.pk, browser_only.pk, member_only.pk]
    )
    browser = MeterReader.objects.get(member_id=None)
    assert browser.merged_into == member_reader
    assert browser.reads.count() == 0
    # Signed out again, the browser's cookie counts for the member: 3 of 3 read.
    monkeypatch.setattr(members, "reader_standing", lambda request: ReaderStanding())
    _response, page = read(client, next_one)
    assert GATED not in page


def test_a_gated_page_is_never_cached_nor_answered_304(client):
    article = published(visibility="metered")
    first, _page = read(client, article)

    again = client.get(
        article.get_absolute_url(),
        REMOTE_ADDR=IP,
        HTTP_IF_NONE_MATCH="*",
        HTTP_IF_MODIFIED_SINCE=("Thu, 01 Jan 2099 00:00:00 GMT"),
    )

    assert again.status_code == 200
    assert "ETag" not in first and "Last-Modified" not in first
    assert first["Cache-Control"] == "private, no-store"
    assert "Cookie" in first["Vary"]


def test_a_comment_refused_on_a_gated_article_past_the_meter_shows_only_the_preview(client):
    *free, gated = metered(4)
    for article in free:
        read(client, article)

    response = client.post(
        gated.get_absolute_url() + "comment/",
        {"name": "", "email": "x", "text": ""},
        REMOTE_ADDR=IP,
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert OPENING in page and GATED not in page
    assert response["Cache-Control"] == "private, no-store"


def test_the_back_office_preview_shows_a_gated_article_as_a_reader_past_the_meter(
    client_for,
):
    article = published(visibility="metered")

    page = client_for("organiser").get(article.get_absolute_url() + "?preview").content.decode()

    assert OPENING in page and GATED not in page
    assert "You have reached the free limit" in page
    assert MeterReader.objects.count() == 0


def test_the_article_page_reads_in_a_fixed_number_of_queries(
    client, monkeypatch, django_assert_num_queries
):
    first, second, third = metered(3)
    client.get(published().get_absolute_url())  # warm what every page reads once

    # The page cache's look at the article (its stamp, which says it is not public, so it is
    # not kept: views/cached.py; the first time its id by address too), the page's own 7 (the article, bylines,
    # tags, translations, more from the authors, similar stories' ids, comments) and the meter's: the IP hash's counts (articles,
    # fresh counts, under the hash's lock: one more on PostgreSQL, core.locks.key_lock), then
    # the reader, its read and the read by IP hash inserted, in one transaction (and its
    # savepoint, 2).
    lock = int(connection.vendor == "postgresql")
    with django_assert_num_queries(2 + 7 + lock + 2 + 3 + 2):
        client.get(first.get_absolute_url(), REMOTE_ADDR=IP)
    # Again with its cookie: the reader and its reads in the window; nothing written.
    with django_assert_num_queries(1 + 7 + 2):
        client.get(first.get_absolute_url(), REMOTE_ADDR=IP)
    as_reader(monkeypatch, member_id=42)
    client.get(second.get_absolute_url(), REMOTE_ADDR=IP)  # the member's reader is made
    # A member: their reader, its reads, then, in the transaction, their reader locked and its
    # reads again (a parallel request may have counted one), their read and the read by IP
    # hash (no count by IP hash: a member is known).
    with django_assert_num_queries(1 + 1 + 7 + 2 + 2 + 2 + 2):
        client.get(third.get_absolute_url(), REMOTE_ADDR=IP)


def test_fresh_browsers_reopening_one_article_mint_no_more_counts_than_the_ceiling(
    client, settings
):
    # Before: a browser without the cookie reopening an article its IP hash had already opened
    # left the hash's count (distinct articles) where it was, so one connection could mint a
    # fresh count per private window and read NEWS_METER_FREE - 1 more with each, unbounded.
    settings.NEWS_METER_IP_CEILING = 4
    articles = metered(12)
    farmed = []
    for _window in range(6):
        browser = Client()
        read(browser, articles[0])
        farmed.append(browser)

    pages = [read(browser, articles[1 + n])[1] for n, browser in enumerate(farmed)]

    # Four fresh counts from the hash (its ceiling), each reading on; the rest get the prompt.
    assert [GATED in page for page in pages] == [True] * 4 + [False] * 2
    assert "count together, and they have reached the limit" in pages[-1]
    assert MeterReader.objects.count() == 4
    assert MeterAddressRead.objects.count() == 5
