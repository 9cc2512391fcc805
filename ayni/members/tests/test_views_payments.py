"""The payment provider's webhook: a signed event grants or ends a paid membership, once; a
missing, forged, stale or replayed signature, a replayed event and a bad body are refused
with nothing stored; an empty secret turns it off."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest
from django.test import Client

from ayni.members.enums import MemberSource, TierKind
from ayni.members.models import Member, PaymentEvent
from ayni.members.services.payments import sign
from ayni.members.tests.support import SECRET, WEBHOOK, member, post_event, tier
from ayni.supporters.models import Supporter

pytestmark = pytest.mark.django_db

UNTIL = "2027-12-31T00:00:00Z"
ACTIVATED = {
    "id": "evt_001",
    "type": "membership.activated",
    "email": "rosa@example.org",
    "tier": "paid",
    "valid_until": UNTIL,
}


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.PAYMENT_WEBHOOK_SECRET = SECRET
    tier(TierKind.PAID, slug="paid")


def test_an_activation_makes_a_paid_member(client):
    response = post_event(client, ACTIVATED)

    assert response.status_code == 200
    assert response.json() == {"status": "handled"}
    rosa = Member.objects.get()
    assert (rosa.supporter.email, rosa.tier.slug, rosa.source) == (
        "rosa@example.org",
        "paid",
        MemberSource.WEBHOOK,
    )
    assert rosa.valid_until == datetime(2027, 12, 31, tzinfo=UTC)
    event = PaymentEvent.objects.get()
    assert (event.event_id, event.type, event.member) == ("evt_001", "membership.activated", rosa)


def test_an_activation_changes_an_existing_members_tier():
    rosa = member("Rosa@Example.org", kind=TierKind.FREE)
    post_event(Client(), ACTIVATED)
    rosa.refresh_from_db()
    assert (rosa.tier.slug, rosa.source) == ("paid", MemberSource.WEBHOOK)
    assert Member.objects.count() == 1


def test_a_cancellation_ends_the_membership_at_its_date_or_now(client):
    post_event(client, ACTIVATED)

    response = post_event(
        client,
        {
            "id": "evt_002",
            "type": "membership.cancelled",
            "email": "rosa@example.org",
            "valid_until": "2027-01-31T00:00:00Z",
        },
    )

    assert response.json() == {"status": "handled"}
    assert Member.objects.get().valid_until == datetime(2027, 1, 31, tzinfo=UTC)
    post_event(
        client, {"id": "evt_003", "type": "membership.cancelled", "email": "rosa@example.org"}
    )
    assert Member.objects.get().valid_until < datetime.now(UTC)


def test_a_cancellation_for_an_unknown_address_stores_only_the_id(client):
    response = post_event(
        client, {"id": "evt_9", "type": "membership.cancelled", "email": "who@example.org"}
    )
    assert response.json() == {"status": "handled"}
    assert Supporter.objects.count() == 0
    assert PaymentEvent.objects.get().member is None


def test_an_event_made_before_one_acted_on_arrives_late_and_is_not_acted_on(client):
    cancelled = {
        "id": "evt_002",
        "type": "membership.cancelled",
        "email": "rosa@example.org",
        "created": "2027-01-02T10:00:00Z",
    }
    post_event(client, {**ACTIVATED, "created": "2027-01-01T10:00:00Z"})
    post_event(client, cancelled)
    ended = Member.objects.get().valid_until

    # The provider's retry of an older activation, and an older one never seen, come last.
    late = post_event(client, {**ACTIVATED, "id": "evt_000", "created": "2026-12-31T10:00:00Z"})

    assert late.json() == {"status": "superseded"}
    assert Member.objects.get().valid_until == ended < datetime.now(UTC)
    record = PaymentEvent.objects.get(event_id="evt_000")
    assert (record.superseded, record.member) == (True, Member.objects.get())
    # A newer activation still acts, and so does one that says nothing of when it was made.
    newer = {**ACTIVATED, "id": "evt_003", "created": "2027-01-03T10:00:00Z"}
    assert post_event(client, newer).json() == {"status": "handled"}
    assert Member.objects.get().valid_until == datetime(2027, 12, 31, tzinfo=UTC)
    post_event(client, {**cancelled, "id": "evt_004", "created": None})
    assert Member.objects.get().valid_until < datetime.now(UTC)


def test_a_replayed_event_id_is_not_acted_on_again(client):
    post_event(client, ACTIVATED)
    Member.objects.update(valid_until=None)

    again = post_event(client, {**ACTIVATED, "valid_until": "2030-01-01T00:00:00Z"})

    assert again.status_code == 200
    assert again.json() == {"status": "duplicate"}
    assert Member.objects.get().valid_until is None
    assert PaymentEvent.objects.count() == 1


@pytest.mark.parametrize(
    "header",
    [
        "",
        "garbage",
        "t=abc,v1=00",
        "v1=" + "0" * 64,
        "t=1700000000",
    ],
)
def test_a_missing_or_malformed_signature_is_refused(client, header):
    response = post_event(client, ACTIVATED, header=header)
    assert response.status_code == 400
    assert PaymentEvent.objects.count() == Member.objects.count() == Supporter.objects.count() == 0


def test_a_forged_signature_is_refused(client):
    forged = post_event(client, ACTIVATED, secret="another-secret-0123456789")  # noqa: S106
    body = json.dumps(ACTIVATED).encode()
    now = int(time.time())
    tampered_body = sign(body, secret=SECRET, timestamp=now)
    tampered = client.post(
        WEBHOOK,
        data=json.dumps({**ACTIVATED, "tier": "gifted"}),
        content_type="application/json",
        HTTP_AYNI_SIGNATURE=tampered_body,
    )

    assert forged.status_code == tampered.status_code == 400
    assert forged.json() == {"error": "signature mismatch"}
    assert PaymentEvent.objects.count() == Member.objects.count() == 0


def test_a_stale_signature_is_refused_even_when_genuine(client):
    response = post_event(client, ACTIVATED, at=int(time.time()) - 301)
    assert response.status_code == 400
    assert response.json() == {"error": "signature stale"}
    assert PaymentEvent.objects.count() == 0
    assert post_event(client, ACTIVATED, at=int(time.time()) - 200).status_code == 200


def test_one_of_several_signatures_may_match(client):
    body = json.dumps(ACTIVATED).encode()
    now = int(time.time())
    good = sign(body, secret=SECRET, timestamp=now).split("v1=")[1]
    header = f"t={now},v1={'0' * 64},v1={good}"
    assert post_event(client, body, header=header).status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        {**ACTIVATED, "id": ""},
        {**ACTIVATED, "id": "x" * 101},
        {**ACTIVATED, "id": ["a", "b"]},
        {**ACTIVATED, "type": "membership.upgraded"},
        {**ACTIVATED, "email": "not-an-address"},
        {**ACTIVATED, "tier": "no-such-tier"},
        {**ACTIVATED, "tier": ""},
        {**ACTIVATED, "valid_until": "next tuesday"},
        {**ACTIVATED, "created": "yesterday"},
        {**ACTIVATED, "email": 42},
    ],
)
def test_a_bad_body_with_a_good_signature_is_refused_and_nothing_stored(client, payload):
    response = post_event(client, payload)
    assert response.status_code == 400
    assert "error" in response.json()
    assert PaymentEvent.objects.count() == Member.objects.count() == Supporter.objects.count() == 0


def test_only_post_and_no_csrf_token_needed(client):
    csrf_client = Client(enforce_csrf_checks=True)
    assert post_event(csrf_client, ACTIVATED).status_code == 200
    assert client.get(WEBHOOK).status_code == 405


def test_an_empty_secret_turns_the_webhook_off(client, settings):
    settings.PAYMENT_WEBHOOK_SECRET = ""
    assert post_event(client, ACTIVATED, secret="").status_code == 404
    assert PaymentEvent.objects.count() == 0


def test_an_oversized_body_is_refused(client):
    response = post_event(client, {**ACTIVATED, "padding": "x" * 20000})
    assert response.status_code == 413
    assert PaymentEvent.objects.count() == 0


def test_a_malformed_length_is_refused(client):
    response = client.post(
        WEBHOOK, data=b"{}", content_type="application/json", HTTP_CONTENT_LENGTH="abc"
    )
    assert response.status_code in {400, 413}
    assert PaymentEvent.objects.count() == 0
