"""statements/urls.py: every address of the app refuses what it does not serve (other methods,
unknown or draft statements, forged link tokens) with a 404 or 405, and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature
from ayni.statements.tests.helpers import VALID, assert_nothing_stored
from ayni.statements.tokens import CONFIRM_SALT, WITHDRAW_SALT, make_token
from tests.factories import SignatureFactory, StatementFactory, link_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("statements:sign", "put"),
        ("statements:detail", "post"),
        ("statements:count", "post"),
        ("statements:signatories", "post"),
        ("statements:check_inbox", "post"),
        ("statements:thanks", "delete"),
    ],
)
def test_wrong_method_is_405(client, name, method):
    statement = StatementFactory()

    response = getattr(client, method)(reverse(name, kwargs={"slug": statement.slug}))

    assert response.status_code == 405
    assert_nothing_stored()


def test_confirm_and_withdraw_refuse_other_methods(client):
    signature = SignatureFactory(status=SignatureStatus.PENDING)

    for name, salt in (
        ("statements:confirm", CONFIRM_SALT),
        ("statements:withdraw", WITHDRAW_SALT),
    ):
        url = reverse(name, kwargs={"token": link_token(signature, salt)})
        assert client.put(url).status_code == 405
        assert client.delete(url).status_code == 405

    assert Signature.objects.get().status == SignatureStatus.PENDING


def bad_tokens(signature_id: int, salt: str) -> list[str]:
    other = WITHDRAW_SALT if salt == CONFIRM_SALT else CONFIRM_SALT
    good = make_token(signature_id, salt)
    return [
        "garbage",
        f"{signature_id}:forged",
        good[:-1] + ("A" if good[-1] != "A" else "B"),  # one character changed
        good + "x",
        make_token(signature_id, other),  # a withdraw link used to confirm, and vice versa
        make_token(999_999, salt),  # properly signed, but no such signature
        make_token(2**70, salt),  # larger than any database integer
        make_token(-1, salt),
        "x" * 2000,
        "%C3%A9",
        "%00",
        ":",
        "e30:1",
    ]


@pytest.mark.parametrize(
    ("name", "methods"),
    [
        ("statements:confirm", ("get", "post")),
        ("statements:withdraw", ("get", "post")),
        ("statements:data", ("get",)),
        ("statements:erase", ("get", "post")),
    ],
)
@pytest.mark.parametrize("index", range(13))
def test_bad_token_is_404_and_changes_nothing(client, name, methods, index):
    signature = SignatureFactory(status=SignatureStatus.PENDING, name="Kept Name")
    salt = CONFIRM_SALT if name == "statements:confirm" else WITHDRAW_SALT
    token = bad_tokens(signature.id, salt)[index]
    url = reverse(name, kwargs={"token": "TOKEN"}).replace("TOKEN", token)

    for method in methods:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, response.status_code)
        assert b"Kept Name" not in response.content
    signature = Signature.objects.get()
    assert (signature.status, signature.name) == (SignatureStatus.PENDING, "Kept Name")


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("statements:detail", "get"),
        ("statements:sign", "post"),
        ("statements:sign", "get"),
        ("statements:check_inbox", "get"),
        ("statements:thanks", "get"),
        ("statements:signatories", "get"),
        ("statements:count", "get"),
        ("statements:challenge", "get"),
    ],
)
@pytest.mark.parametrize("state", ["missing", "draft"])
def test_unknown_or_draft_slug_is_404_on_every_statement_url(client, name, method, state):
    StatementFactory(slug="real-one")
    if state == "draft":
        StatementFactory(slug="not-yet", state="draft")
    slug = "not-yet" if state == "draft" else "no-such-statement"

    response = getattr(client, method)(reverse(name, kwargs={"slug": slug}), VALID)

    assert response.status_code == 404
    assert_nothing_stored()
