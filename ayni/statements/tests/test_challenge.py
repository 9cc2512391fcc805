from __future__ import annotations

import base64
import hashlib
import json

import pytest
from django.urls import reverse

from ayni.statements.models import Signature, Submission
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

FORM = {"kind": "individual", "name": "Pow Tester", "email": "pow@example.org", "country": "GB"}


def solve(challenge: dict) -> str:
    for number in range(challenge["maxNumber"] + 1):
        if (
            hashlib.sha256(f"{challenge['salt']}{number}".encode()).hexdigest()
            == challenge["challenge"]
        ):
            answer = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}
            return base64.b64encode(json.dumps({**answer, "number": number}).encode()).decode()
    raise AssertionError("unsolvable")


@pytest.fixture
def guarded(settings):
    settings.POW_MAX_NUMBER = 2000
    return StatementFactory(require_challenge=True)


def test_challenge_endpoint_only_when_switched_on(client):
    statement = StatementFactory()

    response = client.get(reverse("statements:challenge", kwargs={"slug": statement.slug}))

    assert response.status_code == 404


def test_signing_without_answer_is_refused_with_a_message(client, guarded):
    response = client.post(reverse("statements:sign", kwargs={"slug": guarded.slug}), FORM)

    assert response.status_code == 422
    assert "anti-abuse check did not finish" in response.content.decode()
    assert Submission.objects.count() == Signature.objects.count() == 0


def test_a_solved_challenge_signs_once_and_cannot_be_replayed(client, guarded):
    challenge = client.get(reverse("statements:challenge", kwargs={"slug": guarded.slug})).json()
    assert (
        client.get(reverse("statements:challenge", kwargs={"slug": guarded.slug}))["Cache-Control"]
        == "no-store"
    )
    answer = solve(challenge)
    url = reverse("statements:sign", kwargs={"slug": guarded.slug})

    first = client.post(url, {**FORM, "altcha": answer})
    replay = client.post(url, {**FORM, "email": "other@example.org", "altcha": answer})

    assert first.status_code == 302
    assert replay.status_code == 422
    assert list(Submission.objects.values_list("email", flat=True)) == ["pow@example.org"]


def test_an_answer_for_another_statement_is_refused(client, guarded, settings):
    other = StatementFactory(require_challenge=True)
    answer = solve(client.get(reverse("statements:challenge", kwargs={"slug": other.slug})).json())

    response = client.post(
        reverse("statements:sign", kwargs={"slug": guarded.slug}), {**FORM, "altcha": answer}
    )

    assert response.status_code == 422
    assert Submission.objects.count() == Signature.objects.count() == 0


@pytest.mark.parametrize(
    "garbage", ["x", "!!!!", base64.b64encode(b"{}").decode(), base64.b64encode(b"[1]").decode()]
)
def test_garbage_answers_are_refused_without_error(client, guarded, garbage):
    response = client.post(
        reverse("statements:sign", kwargs={"slug": guarded.slug}), {**FORM, "altcha": garbage}
    )

    assert response.status_code == 422
    assert Submission.objects.count() == Signature.objects.count() == 0


def test_page_loads_solver_only_when_required(client, guarded):
    plain = StatementFactory()

    assert "js/pow.js" in client.get(guarded.get_absolute_url()).content.decode()
    assert "js/pow.js" not in client.get(plain.get_absolute_url()).content.decode()
