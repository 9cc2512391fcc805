"""views.statement_detail and views.statement_list: what the public statement pages show, what they
must not show, and what they cost."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation

from ayni.statements import services
from ayni.statements.enums import SignatureStatus, SignerKind
from ayni.statements.models import (
    NotableSignatory,
    Statement,
)
from ayni.statements.services import close_expired_statements, close_statement, roll_up_counts
from ayni.statements.tests.helpers import visible
from tests.factories import SignatureFactory, StatementFactory

pytestmark = pytest.mark.django_db


def in_language(language: str, statement: Statement) -> str:
    with translation.override(language):
        return statement.get_absolute_url()


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


@pytest.mark.parametrize("items", [1, 3])
def test_statement_list_query_count(client, django_assert_max_num_queries, items):
    for _ in range(items):
        StatementFactory()

    with django_assert_max_num_queries(3):
        page = client.get(reverse("statements:list")).content.decode()

    assert page.count('class="card"') == items


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


def test_suzie_cannot_start_a_new_signature_when_the_petition_has_closed(client, petition):
    """Scenario: Suzie cannot start a new signature when the petition has closed —
    features/suzie_signs_a_petition.feature."""
    services.close_statement(statement=petition)

    response = client.get(petition.get_absolute_url())

    page = visible(response)
    assert "This statement is closed" in page
    assert "This statement is no longer taking signatures." in page
    assert reverse("statements:sign", kwargs={"slug": petition.slug}) not in (
        response.content.decode()
    )
    assert "1 signature" in page
