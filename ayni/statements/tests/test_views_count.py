"""views.statement_count_json (count.json): the live count, cacheable and conditional."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Statement, StatementTally
from ayni.statements.services import roll_up_counts
from ayni.statements.tokens import CONFIRM_SALT
from tests.factories import SignatureFactory, StatementFactory, link_token

pytestmark = pytest.mark.django_db


def test_count_json_is_cacheable_and_conditional(client):
    statement = StatementFactory(goal=10)
    SignatureFactory.create_batch(3, statement=statement)
    roll_up_counts()
    url = reverse("statements:count", kwargs={"slug": statement.slug})

    response = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])

    assert response.json() == {
        "statement": statement.slug,
        "count": 3,
        "organisations": 0,
        "goal": 10,
        "open": True,
        "updated": response.json()["updated"],
    }
    assert "max-age=" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    assert again.status_code == 304


def test_count_json_answers_304_to_a_weakened_etag(client):
    statement = StatementFactory()
    url = reverse("statements:count", kwargs={"slug": statement.slug})
    etag = client.get(url)["ETag"]

    assert client.get(url, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def count_url(statement) -> str:
    return reverse("statements:count", kwargs={"slug": statement.slug})


# When the counted statement's count and text last changed; whole seconds, as HTTP dates are.
CHANGED = timezone.now().replace(microsecond=0) - timedelta(days=2)


def http_day(days_after_change: float) -> str:
    return http_date((CHANGED + timedelta(days=days_after_change)).timestamp())


@pytest.fixture
def counted_statement():
    statement = StatementFactory(goal=10)
    SignatureFactory.create_batch(2, statement=statement)
    roll_up_counts()
    StatementTally.objects.filter(statement=statement).update(updated_at=CHANGED)
    Statement.objects.filter(pk=statement.pk).update(updated_at=CHANGED)
    return statement


@pytest.mark.parametrize("since", [0, 1, 2], ids=["same-time", "later", "now"])
def test_count_json_answers_304_to_if_modified_since_not_older_than_the_count(
    client, counted_statement, since
):
    first = client.get(count_url(counted_statement))

    again = client.get(count_url(counted_statement), HTTP_IF_MODIFIED_SINCE=http_day(since))

    assert first.status_code == 200 and first.json()["count"] == 2
    assert first["Last-Modified"] == http_day(0)
    assert again.status_code == 304
    assert again.content == b""
    assert (again["ETag"], again["Last-Modified"]) == (first["ETag"], first["Last-Modified"])


@pytest.mark.parametrize(
    "since",
    [http_day(-1), "not a date", "Mon, 99 Foo 2026 00:00:00 GMT", ""],
    ids=["older", "not-a-date", "impossible-date", "empty"],
)
def test_count_json_answers_an_older_or_unreadable_if_modified_since_in_full(
    client, counted_statement, since
):
    response = client.get(count_url(counted_statement), HTTP_IF_MODIFIED_SINCE=since)

    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_count_json_if_none_match_takes_precedence_over_if_modified_since(
    client, counted_statement
):
    etag = client.get(count_url(counted_statement))["ETag"]

    stale_tag = client.get(
        count_url(counted_statement),
        HTTP_IF_NONE_MATCH='"something-else"',
        HTTP_IF_MODIFIED_SINCE=http_day(2),
    )
    fresh_tag = client.get(
        count_url(counted_statement), HTTP_IF_NONE_MATCH=etag, HTTP_IF_MODIFIED_SINCE=http_day(-1)
    )

    assert stale_tag.status_code == 200 and stale_tag.json()["count"] == 2
    assert fresh_tag.status_code == 304


def test_count_json_is_modified_when_the_deadline_closes_it(client, counted_statement):
    # Nothing is saved when a deadline passes, yet the document now says "open": false.
    deadline = CHANGED + timedelta(days=1)
    Statement.objects.filter(pk=counted_statement.pk).update(deadline=deadline)

    response = client.get(count_url(counted_statement), HTTP_IF_MODIFIED_SINCE=http_day(0))

    assert response.status_code == 200
    assert response.json()["open"] is False
    assert response["Last-Modified"] == http_day(1)


def test_thank_you_page_and_count_json_include_the_confirmation_before_the_roll_up(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(2, statement=statement)
    roll_up_counts()
    pending = SignatureFactory(
        statement=statement, status=SignatureStatus.PENDING, confirmed_at=None, tally_dirty=False
    )
    confirm = reverse("statements:confirm", kwargs={"token": link_token(pending, CONFIRM_SALT)})

    thanks_url = client.post(confirm)["Location"]
    thanks = client.get(thanks_url).content.decode()
    document = client.get(count_url(statement)).json()

    assert StatementTally.objects.get(statement=statement).total == 2  # not rolled up yet
    assert "data-count>3<" in thanks
    assert document["count"] == 3


def test_count_json_answers_304_to_a_matching_etag(client):
    statement = StatementFactory()
    url = reverse("statements:count", kwargs={"slug": statement.slug})
    first = client.get(url)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert first.status_code == 200 and first.json()["count"] == 0
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert other.status_code == 200
