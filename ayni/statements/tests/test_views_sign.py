"""views.statement_sign (the sign form's POST) and the check-your-inbox page it leads to: the answer, whatever the address; what is refused before the form is read; never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ayni.statements import services
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.tests.helpers import SUZIE_SAMPLER, sign_as_ana, sign_with
from ayni.supporters.models import Supporter
from tests.factories import SignatureFactory, StatementFactory

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
    assert response["Location"] == reverse(
        "statements:check_inbox", kwargs={"slug": statement.slug}
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
        (302, reverse("statements:check_inbox", kwargs={"slug": statement.slug}))
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
    services.block_address(value="blocked.example.org", reason="bulk", user=organiser())

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
        (302, reverse("statements:check_inbox", kwargs={"slug": statement.slug}))
    }


def organiser():  # noqa: N802 (reads as the value it stands for)
    from tests.factories import UserFactory

    return UserFactory(username="blocker")
