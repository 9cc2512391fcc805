"""views.statement_sign (the sign form's POST) and the check-your-inbox page it leads to: the
answer, whatever the address; what is refused before the form is read; never a 500."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from ayni.statements import services
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.tests.helpers import (
    SUZIE_SAMPLER,
    URL,
    VALID,
    assert_nothing_stored,
    encoded,
    post_raw,
    sent,
    sign_as_ana,
    sign_petition,
    sign_url,
    sign_with,
    visible,
)
from ayni.supporters.models import Supporter
from tests.factories import SignatureFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signing_after_the_deadline_is_refused_even_before_the_sweep(client):
    statement = StatementFactory(deadline=timezone.now() - timedelta(seconds=1))
    data = {
        "kind": "individual",
        "name": "Late Comer",
        "email": "late@example.org",
        "country": "GB",
    }

    response = client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), data)

    assert response.status_code == 409
    assert "no longer taking signatures" in response.content.decode()
    assert Submission.objects.count() == Signature.objects.count() == 0


def test_sign_stores_pending_signature_and_redirects_to_check_inbox(client):
    statement = StatementFactory()

    response = sign_as_ana(client, statement)

    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("statements:check_inbox", kwargs={"slug": statement.slug}) + "#main"
    )
    assert Signature.objects.count() == 0  # the worker makes it from the submission
    assert services.process_submissions() == 1
    signature = Signature.objects.get()
    assert signature.status == SignatureStatus.PENDING
    assert signature.email_normalised == "anasampleton@gmail.com"
    assert signature.email_domain == "gmail.com"
    assert signature.show_publicly is True
    assert signature.wants_updates is False
    assert len(signature.ip_hash) == 32 and "127.0.0.1" not in signature.ip_hash
    assert Supporter.objects.count() == 0  # only a confirmed signature makes a supporter


def test_response_is_identical_for_new_repeat_and_blocked_addresses(client):
    statement = StatementFactory()
    SignatureFactory(
        statement=statement, email="taken@example.org", status=SignatureStatus.CONFIRMED
    )
    SignatureFactory(
        statement=statement, email="blocked@example.org", status=SignatureStatus.INVALIDATED
    )

    answers = [
        sign_as_ana(client, statement, email=email)
        for email in ("new@example.org", "taken@example.org", "blocked@example.org")
    ]

    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("statements:check_inbox", kwargs={"slug": statement.slug}) + "#main")
    }


def test_honeypot_stores_nothing_and_looks_the_same(client):
    statement = StatementFactory()

    response = sign_as_ana(client, statement, website="http://spam.example")

    assert response.status_code == 302
    assert Submission.objects.count() == Signature.objects.count() == 0


def test_closed_statement_refuses_signatures(client):
    statement = StatementFactory(state="closed")

    response = sign_as_ana(client, statement)

    assert response.status_code == 409
    assert "no longer taking signatures" in response.content.decode()
    assert Submission.objects.count() == Signature.objects.count() == 0


def test_draft_statement_is_404(client):
    statement = StatementFactory(state="draft")

    assert client.get(statement.get_absolute_url()).status_code == 404
    assert sign_as_ana(client, statement).status_code == 404


def test_every_address_gets_the_same_answer_and_one_insert(client, django_assert_num_queries):
    statement = StatementFactory()
    sign_with(client, statement, SUZIE_SAMPLER)
    services.process_submissions()
    Signature.objects.update(status=SignatureStatus.CONFIRMED)
    services.block_address(value="blocked.example.org", reason="bulk", user=blocker())

    answers = []
    for data in (
        SUZIE_SAMPLER,
        {**SUZIE_SAMPLER, "email": "new@example.org"},
        {**SUZIE_SAMPLER, "email": "x@blocked.example.org"},
    ):
        # The statement lookup and the INSERT; nothing depends on the address.
        with django_assert_num_queries(2) as queries:
            answers.append(sign_with(client, statement, data))
        assert "statements_submission" in queries.captured_queries[-1]["sql"]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("statements:check_inbox", kwargs={"slug": statement.slug}) + "#main")
    }


def blocker():
    """The organiser who blocks an address (not the `organiser` persona: any organiser will do)."""
    return UserFactory(username="blocker")


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


def test_check_inbox_page_has_share_links_without_javascript(client):
    statement = StatementFactory()
    share_url = settings.SITE_URL + statement.get_absolute_url()

    page = client.get(reverse("statements:check_inbox", kwargs={"slug": statement.slug}))

    html = page.content.decode()
    assert "While you wait, share the statement" in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={quote(share_url, safe='/')}" in html
    assert f'value="{share_url}"' in html


def test_sign_with_bad_field_over_htmx_returns_the_form_partial(client):
    statement = StatementFactory()

    response = client.post(
        sign_url(statement), {**VALID, "name": "spam.com"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 422
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="sign"')
    assert URL in content
    assert_nothing_stored()


def test_sign_with_raw_non_utf8_bytes_is_refused_not_stored_as_mojibake(client):
    # Browsers percent-encode form bodies as UTF-8; raw Latin-1 bytes used to be read as
    # Latin-1 and stored. They are refused: only UTF-8 is read (core/middleware.py).
    statement = StatementFactory()

    response = post_raw(client, sign_url(statement), encoded(role="") + b"&role=\xe9t\xe9")

    assert response.status_code == 400
    assert "not in UTF-8, the only character encoding we read" in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart"])
def test_sign_with_oversized_body_is_a_friendly_400(client, content_type):
    statement = StatementFactory()
    huge = "x" * (600 * 1024)  # DATA_UPLOAD_MAX_MEMORY_SIZE is 512 KiB

    if content_type == "multipart":
        response = client.post(sign_url(statement), {**VALID, "comment": huge})
    else:
        response = post_raw(client, sign_url(statement), encoded(comment=huge))

    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()
    assert_nothing_stored()


def test_sign_with_too_many_fields_is_a_friendly_400(client):
    statement = StatementFactory()
    body = encoded() + b"".join(b"&f%d=1" % n for n in range(250))  # limit: 200

    response = post_raw(client, sign_url(statement), body)

    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()
    assert_nothing_stored()


def test_sign_with_json_body_is_refused_not_a_500(client):
    statement = StatementFactory()

    response = post_raw(client, sign_url(statement), b'{"name": "x"}', "application/json")

    assert response.status_code == 422
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Error: Stand with the people · ayni"), ("es", "Error: Con el pueblo · ayni")],
)
def test_sign_with_errors_comes_back_titled_error_with_the_summary_at_the_form(
    client, language, title
):
    statement = StatementFactory()
    with translation.override(language):
        detail, url = statement.get_absolute_url(), sign_url(statement)
    page = client.get(detail)

    response = client.post(url, {**VALID, "email": "not-an-address"})

    content = response.content.decode()
    assert response.status_code == 422
    assert re.search(r"<title>(.*?)</title>", content, re.S).group(1).strip() == title
    assert "<title>Error" not in page.content.decode()
    # Without JavaScript the browser keeps the fragment of the form's address through the
    # POST and lands on the summary, at the top of the form; it can take focus, so it gets it.
    for html in (page.content.decode(), content):
        assert f'action="{url}#sign-errors"' in html
    sign_box = content[content.index('<section id="sign"') :]
    summary = sign_box.index(
        '<div id="sign-errors" class="error-summary" role="alert" tabindex="-1" data-focus '
        f'data-error-title="{title}">'
    )
    assert summary < sign_box.index("<form")
    assert "#}" not in content and "{%" not in content  # no template comment leaks out
    assert_nothing_stored()


@pytest.mark.parametrize("method", ["get", "head"])
def test_sign_address_opened_directly_leads_to_the_form(client, method):
    # Without JavaScript a form with errors comes back under this address: a reload is a GET.
    statement = StatementFactory()

    response = getattr(client, method)(sign_url(statement))

    assert response.status_code == 302
    assert response["Location"] == statement.get_absolute_url() + "#sign"
    assert_nothing_stored()


def test_sign_without_csrf_token_is_a_friendly_403(db):
    statement = StatementFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(sign_url(statement), VALID)

    assert response.status_code == 403
    content = response.content.decode()
    assert "Please try again" in content
    assert "reload the page" in content
    assert_nothing_stored()


def test_closed_statement_with_bad_input_is_409_not_a_500(client):
    statement = StatementFactory(state="closed")

    response = client.post(sign_url(statement), {"name": "\x00", "email": "@@"})

    assert response.status_code == 409
    assert_nothing_stored()


def test_suzie_cannot_create_a_new_signature_when_the_petition_has_closed(client, petition):
    """Scenario: Suzie cannot create a new signature when the petition has closed —
    features/suzie_signs_a_petition.feature. She has the form open; its deadline passes."""
    form_page = client.get(petition.get_absolute_url()).content.decode()
    assert reverse("statements:sign", kwargs={"slug": petition.slug}) in form_page
    petition.deadline = timezone.now() - timedelta(seconds=1)
    petition.save(update_fields=["deadline"])

    response = sign_petition(client, petition)

    assert response.status_code == 409
    page = visible(response)
    assert "This statement is closed" in page
    assert "Do something!" in page
    assert not sent().exists()


def test_suzie_cannot_confirm_her_email_when_the_petition_has_closed(client, mailbox, petition):
    """Scenario: Suzie cannot confirm her email when the petition has closed —
    features/suzie_signs_a_petition.feature.

    "Say I am happy with my details" is the UK's final sending of the form; in ayni that is the
    form itself. The organiser closes the statement while she fills it in."""
    client.get(petition.get_absolute_url())
    services.close_statement(statement=petition)

    response = sign_petition(client, petition)

    assert response.status_code == 409
    assert "This statement is no longer taking signatures." in visible(response)
    assert not sent().exists()
    assert not mailbox.messages
