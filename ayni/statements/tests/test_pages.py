"""The public statement pages: what they show, what they must not show, and what they cost."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date

from ayni.statements.enums import SignatureStatus, SignerKind
from ayni.statements.models import NotableSignatory, Signature, Statement, StatementTally
from ayni.statements.selectors import live_statement_count, statement_count
from ayni.statements.services import close_expired_statements, close_statement, roll_up_counts
from ayni.statements.tokens import CONFIRM_SALT
from tests.factories import SignatureFactory, StatementFactory, link_token


def in_language(language: str, statement: Statement) -> str:
    with translation.override(language):
        return statement.get_absolute_url()


pytestmark = pytest.mark.django_db


def test_statement_page_shows_text_count_notables_wall_and_countries(client):
    statement = StatementFactory(goal=100)
    NotableSignatory.objects.create(
        statement=statement, name="Cllr Notable Person", description="Chair"
    )
    SignatureFactory(statement=statement, name="Visible Vera", country="BO")
    SignatureFactory(
        statement=statement,
        name="Org Signer",
        kind=SignerKind.ORGANISATION,
        organisation="Branch 42",
    )
    roll_up_counts()

    page = client.get(statement.get_absolute_url()).content.decode()

    assert "Stand with the people" in page
    assert "<strong>Body</strong>" in page  # Markdown rendered
    assert "To: The government" in page
    assert "Cllr Notable Person" in page
    assert "Visible Vera" in page
    assert "Branch 42" in page
    assert "Bolivia" in page
    assert "data-count>2<" in page
    assert 'progress max="100" value="2"' in page
    assert f'href="{reverse("statements:count", kwargs={"slug": statement.slug})}"' in page
    assert '<meta property="og:title" content="Stand with the people">' in page
    assert 'name="twitter:card"' in page


def test_names_that_chose_privacy_and_unconfirmed_names_never_show(client):
    statement = StatementFactory()
    SignatureFactory(statement=statement, name="Hidden Hannah", show_publicly=False)
    SignatureFactory(
        statement=statement, name="Pending Pedro", status=SignatureStatus.PENDING, confirmed_at=None
    )
    SignatureFactory(statement=statement, name="Withdrawn Wanda", status=SignatureStatus.WITHDRAWN)
    SignatureFactory(statement=statement, name="Shown Sam")
    roll_up_counts()

    pages = [
        client.get(statement.get_absolute_url()).content.decode(),
        client.get(
            reverse("statements:signatories", kwargs={"slug": statement.slug})
        ).content.decode(),
    ]

    for page in pages:
        assert "Shown Sam" in page
        assert "Hidden Hannah" not in page
        assert "Pending Pedro" not in page
        assert "Withdrawn Wanda" not in page
        assert "@example.org" not in page  # no email address is ever shown


def test_markdown_body_is_sanitised(client):
    statement = StatementFactory()
    text = statement.translations.get(language="en")
    text.body = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    text.save()

    page = client.get(statement.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript' not in page
    assert "<img src=x" not in page


def test_the_spanish_address_gives_the_spanish_version_sharing_the_same_count(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(2, statement=statement)
    roll_up_counts()

    # Each browser asks for the other language: the address wins.
    english = client.get(in_language("en", statement), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    spanish = client.get(in_language("es", statement), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Stand with the people" in english and "Con el pueblo" not in english
    assert "Con el pueblo" in spanish and '<html lang="es">' in spanish
    assert "data-count>2<" in english and "data-count>2<" in spanish


def test_language_choice_is_remembered(client):
    statement = StatementFactory()

    client.get(in_language("es", statement), HTTP_ACCEPT_LANGUAGE="en")
    response = client.get(f"/s/{statement.slug}/", HTTP_ACCEPT_LANGUAGE="en", follow=True)

    assert response.redirect_chain == [(in_language("es", statement), 302)]
    assert "Con el pueblo" in response.content.decode()


def test_wall_keyset_pagination_walks_every_name_once(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(120, statement=statement)
    url = reverse("statements:signatories", kwargs={"slug": statement.slug})

    seen, cursor, pages = [], "", 0
    while True:
        response = client.get(url, {"after": cursor} if cursor else {})
        signatures = response.context["signatures"]
        seen += [s.pk for s in signatures]
        cursor = response.context["next_cursor"]
        pages += 1
        if not cursor:
            break

    assert pages == 3
    assert len(seen) == 120 == len(set(seen))


def test_wall_more_is_a_partial_for_htmx(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(60, statement=statement)
    url = reverse("statements:signatories", kwargs={"slug": statement.slug})
    cursor = client.get(url).context["next_cursor"]

    partial = client.get(url, {"after": cursor}, HTTP_HX_REQUEST="true").content.decode()

    assert "<html" not in partial
    assert partial.count("<li>") == 10


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


def test_thank_you_and_check_inbox_pages(client):
    statement = StatementFactory()

    thanks = client.get(
        reverse("statements:thanks", kwargs={"slug": statement.slug})
    ).content.decode()
    inbox = client.get(
        reverse("statements:check_inbox", kwargs={"slug": statement.slug})
    ).content.decode()

    assert "your signature is confirmed" in thanks and "wa.me" in thanks
    assert "Check your inbox" in inbox


@pytest.mark.parametrize("items", [1, 3])
def test_statement_list_query_count(client, django_assert_max_num_queries, items):
    for _ in range(items):
        StatementFactory()

    with django_assert_max_num_queries(3):
        page = client.get(reverse("statements:list")).content.decode()

    assert page.count('class="card"') == items


@pytest.mark.parametrize("items", [1, 3])
def test_signatories_query_count(client, django_assert_max_num_queries, items):
    statement = StatementFactory()
    SignatureFactory.create_batch(items, statement=statement)
    roll_up_counts()

    with django_assert_max_num_queries(7):
        response = client.get(reverse("statements:signatories", kwargs={"slug": statement.slug}))

    assert len(response.context["signatures"]) == items


@pytest.mark.parametrize("items", [1, 3])
def test_statement_page_query_count(client, django_assert_max_num_queries, items):
    statement = StatementFactory()
    SignatureFactory.create_batch(items, statement=statement)
    roll_up_counts()

    with django_assert_max_num_queries(9):
        client.get(statement.get_absolute_url())


def test_opt_in_labels_are_exactly_the_consent_texts_recorded(client):
    from ayni.supporters.consent import CONSENT_TEXTS

    statement = StatementFactory()

    for language in ("en", "es"):
        page = client.get(in_language(language, statement)).content.decode()
        with translation.override(language):
            for purpose in ("show_name", "campaign_updates", "statement_signature"):
                assert str(CONSENT_TEXTS[purpose].text) in page


def test_count_json_answers_304_to_a_weakened_etag(client):
    statement = StatementFactory()
    url = reverse("statements:count", kwargs={"slug": statement.slug})
    etag = client.get(url)["ETag"]

    assert client.get(url, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


CSRF_SLOT = "csrf-slot-5f0d7c1e"


@pytest.mark.parametrize(
    ("signer", "shown"),
    [
        ({"name": CSRF_SLOT}, f"<strong>{CSRF_SLOT}</strong>"),
        ({"organisation": CSRF_SLOT}, f"<strong>Plain Name</strong>, {CSRF_SLOT} <span"),
    ],
    ids=["name", "organisation"],
)
def test_a_signer_named_after_a_page_cache_placeholder_shows_as_that_name(client, signer, shown):
    # The page is cached with a placeholder for the reader's CSRF token: nothing a visitor
    # typed may be taken for it and show another reader's token.
    statement = StatementFactory()
    SignatureFactory(statement=statement, **{"name": "Plain Name", **signer})
    roll_up_counts()

    for reader in ("first", "second"):  # the first renders the cached copy, the second reuses it
        client.cookies.clear()
        response = client.get(statement.get_absolute_url(), {"reader": reader})
        page = response.content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

        assert shown in page
        # The token is in the sign form and nowhere else.
        assert page.count(token) == page.count('name="csrfmiddlewaretoken"') == 1
        # The cached copy is the same for every reader: nothing of one reader's address in it.
        assert f"reader={reader}" not in page
        # No placeholder of ours is left for anyone to copy.
        assert "-slot-" not in page.replace(CSRF_SLOT, "")


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


# --- The day a statement closed ---------------------------------------------------------------


def _day(moment) -> str:
    return date_filter(timezone.localtime(moment), "DATE_FORMAT")


def test_a_statement_closed_early_shows_the_day_it_closed_not_its_deadline(client):
    deadline = timezone.now() + timedelta(days=40)
    statement = StatementFactory(deadline=deadline)

    close_statement(statement=statement)

    page = client.get(statement.get_absolute_url()).content.decode()
    statement.refresh_from_db()
    assert statement.closed_at is not None
    assert f"Closed on {_day(statement.closed_at)}" in page
    assert _day(statement.closed_at) == _day(timezone.now())
    assert _day(deadline) not in page


def test_a_statement_closed_by_its_deadline_shows_the_deadline_day(client):
    deadline = timezone.now() - timedelta(days=40)
    statement = StatementFactory(deadline=deadline)
    before_the_sweep = client.get(statement.get_absolute_url()).content.decode()

    close_expired_statements()  # the sweep runs long after the deadline

    statement.refresh_from_db()
    after_the_sweep = client.get(statement.get_absolute_url()).content.decode()
    assert statement.closed_at == deadline
    assert f"Closed on {_day(deadline)}" in before_the_sweep
    assert f"Closed on {_day(deadline)}" in after_the_sweep
    assert _day(timezone.now()) not in after_the_sweep


def test_a_statement_without_a_deadline_shows_the_day_it_closed(client):
    statement = StatementFactory(deadline=None)

    close_statement(statement=statement)

    page = client.get(statement.get_absolute_url()).content.decode()
    assert f"Closed on {_day(timezone.now())}" in page


# --- Counts that include the newest signer ----------------------------------------------------


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


def test_live_count_nets_out_withdrawals_and_organisations_waiting_for_the_roll_up():
    statement = StatementFactory()
    leaving = SignatureFactory(statement=statement, kind=SignerKind.ORGANISATION)
    SignatureFactory(statement=statement)
    roll_up_counts()
    Signature.objects.filter(pk=leaving.pk).update(
        status=SignatureStatus.WITHDRAWN, tally_dirty=True
    )
    SignatureFactory.create_batch(2, statement=statement, kind=SignerKind.ORGANISATION)
    SignatureFactory(statement=StatementFactory())  # another statement's

    live = live_statement_count(statement)
    roll_up_counts()
    rolled_up = statement_count(statement)

    assert (live.total, live.organisations) == (3, 2)
    assert (rolled_up.total, rolled_up.organisations) == (3, 2)
    assert live_statement_count(statement).total == rolled_up.total


def test_organisations_tab_counts_organisations_not_all_signatures(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(3, statement=statement)
    SignatureFactory.create_batch(
        2, statement=statement, kind=SignerKind.ORGANISATION, organisation="Union branch"
    )
    roll_up_counts()
    url = reverse("statements:signatories", kwargs={"slug": statement.slug})

    organisations = client.get(url, {"kind": "organisation"}).content.decode()
    people = client.get(url).content.decode()

    assert "2 organisations in all." in organisations
    assert "signatures in all" not in organisations
    assert "5 signatures in all." in people


def test_check_inbox_page_has_share_links_without_javascript(client):
    statement = StatementFactory()
    share_url = settings.SITE_URL + statement.get_absolute_url()

    page = client.get(reverse("statements:check_inbox", kwargs={"slug": statement.slug}))

    html = page.content.decode()
    assert "While you wait, share the statement" in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={quote(share_url, safe='/')}" in html
    assert f'value="{share_url}"' in html
