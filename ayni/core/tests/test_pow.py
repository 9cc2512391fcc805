from __future__ import annotations

import base64
import json
from datetime import timedelta

import altcha
import pytest
from django.utils import timezone, translation

from ayni.core import pow
from ayni.core.models import SpentChallenge

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_puzzles(settings):
    settings.POW_MAX_NUMBER = 2000


def widget_payload(challenge: dict, **solution_changes: object) -> str:
    """What the ALTCHA widget 3.x puts in its hidden field: btoa(JSON {challenge, solution})."""
    solution = altcha.solve_challenge(altcha.Challenge.from_dict(challenge))
    assert solution is not None
    found = {"counter": solution.counter, "derivedKey": solution.derived_key, "time": 12.5}
    return base64.b64encode(
        json.dumps({"challenge": challenge, "solution": {**found, **solution_changes}}).encode()
    ).decode()


def test_new_challenge_is_what_the_widget_solves():
    challenge = pow.new_challenge("sign:a")

    parameters = challenge["parameters"]
    assert sorted(challenge) == ["parameters", "signature"]
    assert parameters["algorithm"] == "SHA-256"
    assert parameters["data"] == {"scope": "sign:a"}
    assert sorted(parameters) == [
        "algorithm",
        "cost",
        "data",
        "expiresAt",
        "keyLength",
        "keyPrefix",
        "nonce",
        "salt",
    ]


def test_answer_is_accepted_once_and_recorded_as_spent():
    challenge = pow.new_challenge("sign:a")
    payload = widget_payload(challenge)

    first = pow.verify_and_spend(payload, scope="sign:a")
    replay = pow.verify_and_spend(payload, scope="sign:a")

    assert (first, replay) == (True, False)
    assert list(SpentChallenge.objects.values_list("challenge", flat=True)) == [
        challenge["signature"]
    ]


def test_the_same_answer_in_other_bytes_is_still_a_replay():
    challenge = pow.new_challenge("sign:a")
    assert pow.verify_and_spend(widget_payload(challenge), scope="sign:a")

    again = widget_payload(challenge, time=99.0)

    assert pow.verify_and_spend(again, scope="sign:a") is False


def test_answer_for_another_scope_is_refused():
    payload = widget_payload(pow.new_challenge("sign:b"))

    assert pow.verify_and_spend(payload, scope="sign:a") is False
    assert SpentChallenge.objects.count() == 0


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c["parameters"].update(data={"scope": "sign:a", "extra": "x"}),
        lambda c: c["parameters"].update(keyPrefix="00"),
        lambda c: c["parameters"].update(expiresAt=c["parameters"]["expiresAt"] + 3600),
        lambda c: c.update(signature="0" * 64),
        lambda c: c.pop("signature"),
    ],
    ids=["data", "key-prefix", "expiry", "signature", "unsigned"],
)
def test_tampered_challenge_is_refused(tamper):
    challenge = pow.new_challenge("sign:a")
    tamper(challenge)

    assert pow.verify_and_spend(widget_payload(challenge), scope="sign:a") is False
    assert SpentChallenge.objects.count() == 0


def test_wrong_solution_is_refused():
    challenge = pow.new_challenge("sign:a")
    solved = json.loads(base64.b64decode(widget_payload(challenge)))

    for wrong in (
        {**solved["solution"], "counter": solved["solution"]["counter"] + 1},
        {**solved["solution"], "derivedKey": "00" * 32},
        {**solved["solution"], "counter": "1"},
        {**solved["solution"], "counter": -1},
    ):
        payload = base64.b64encode(json.dumps({**solved, "solution": wrong}).encode()).decode()
        assert pow.verify_and_spend(payload, scope="sign:a") is False
    assert SpentChallenge.objects.count() == 0


def test_expired_challenge_is_refused(monkeypatch):
    issued = timezone.now() - pow.CHALLENGE_LIFETIME - timedelta(seconds=1)
    monkeypatch.setattr(pow.timezone, "now", lambda: issued)
    payload = widget_payload(pow.new_challenge("sign:a"))
    monkeypatch.undo()

    assert pow.verify_and_spend(payload, scope="sign:a") is False
    assert SpentChallenge.objects.count() == 0


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "x",
        "!!!!",
        base64.b64encode(b"{}").decode(),
        base64.b64encode(b"[1]").decode(),
        base64.b64encode(b'{"challenge": "x", "solution": 1}').decode(),
        # The widget's own test mode, which must never pass in production.
        base64.b64encode(b'{"challenge": null, "solution": null, "test": true}').decode(),
        "A" * 2001,
    ],
)
def test_garbage_is_refused_without_error(garbage):
    assert pow.verify_and_spend(garbage, scope="sign:a") is False


def test_spent_challenges_are_pruned_once_they_would_have_expired():
    SpentChallenge.objects.create(challenge="old", expires_at=timezone.now() - timedelta(1))
    SpentChallenge.objects.create(challenge="new", expires_at=timezone.now() + timedelta(1))

    assert pow.prune_spent_challenges() == 1
    assert list(SpentChallenge.objects.values_list("challenge", flat=True)) == ["new"]


def test_widget_strings_follow_the_active_language():
    with translation.override("es"):
        spanish = pow.widget_strings()
    with translation.override("en"):
        english = pow.widget_strings()

    assert english["label"] == "I'm not a robot"
    assert spanish["label"] != english["label"]
    assert sorted(spanish) == sorted(english)
