"""views.signature_data and views.signature_erase: a signer's rights of access and erasure,
through the signed link in their email."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, StatementTally
from ayni.statements.services import roll_up_counts
from ayni.statements.tokens import CONFIRM_SALT, WITHDRAW_SALT
from ayni.supporters.models import Consent, Supporter
from tests.factories import SignatureFactory, StatementFactory, confirm_latest, link_token

pytestmark = pytest.mark.django_db


def confirmed_signer(statement, email="rights@example.org", name="Rita Rights"):
    signature = SignatureFactory(
        statement=statement,
        email=email,
        name=name,
        status=SignatureStatus.PENDING,
        confirmed_at=None,
        tally_dirty=False,
        wants_updates=True,
    )
    confirm_latest(signature)
    roll_up_counts()
    return Signature.objects.get(pk=signature.pk)


def test_download_gives_supporter_consents_and_every_signature(client):
    first, second = StatementFactory(), StatementFactory()
    signature = confirmed_signer(first)
    confirmed_signer(second)
    token = link_token(signature, WITHDRAW_SALT)

    response = client.get(reverse("statements:data", kwargs={"token": token}))

    data = response.json()
    assert response["Content-Disposition"].startswith("attachment")
    assert data["supporter"]["email"] == "rights@example.org"
    assert {c["purpose"] for c in data["consents"]} == {
        "statement_signature",
        "show_name",
        "campaign_updates",
    }
    assert all(c["text"] for c in data["consents"])
    assert {s["statement"] for s in data["signatures"]} == {first.slug, second.slug}


def test_erase_anonymises_everything_and_takes_signatures_off_the_counts(client):
    first, second = StatementFactory(), StatementFactory()
    signature = confirmed_signer(first)
    confirmed_signer(second)
    SignatureFactory(statement=first, name="Someone Else")
    roll_up_counts()
    url = reverse("statements:erase", kwargs={"token": link_token(signature, WITHDRAW_SALT)})

    assert "cannot be undone" in client.get(url).content.decode()
    response = client.post(url)
    roll_up_counts()

    assert "has been erased" in response.content.decode()
    assert not Supporter.objects.filter(email_normalised="rights@example.org").exists()
    assert not Consent.objects.exists()
    assert not Signature.objects.filter(email="rights@example.org").exists()
    assert not Signature.objects.filter(name="Rita Rights").exists()
    assert StatementTally.objects.get(statement=first).total == 1
    assert StatementTally.objects.get(statement=second).total == 0
    assert "Rita Rights" not in client.get(first.get_absolute_url()).content.decode()


def test_erasing_an_unconfirmed_signature_only_touches_it(client):
    statement = StatementFactory()
    pending = SignatureFactory(
        statement=statement, status=SignatureStatus.PENDING, confirmed_at=None, name="Pat Pending"
    )

    client.post(reverse("statements:erase", kwargs={"token": link_token(pending, WITHDRAW_SALT)}))

    pending.refresh_from_db()
    assert pending.name == "" and pending.email.endswith("@invalid")
    assert pending.status == SignatureStatus.WITHDRAWN


@pytest.mark.parametrize("name", ["statements:data", "statements:erase"])
def test_other_tokens_do_not_open_someone_elses_data(client, name):
    signature = confirmed_signer(StatementFactory())

    forged = client.get(reverse(name, kwargs={"token": f"{signature.pk}:nope"}))
    confirm_token = client.get(reverse(name, kwargs={"token": link_token(signature, CONFIRM_SALT)}))

    assert forged.status_code == 404
    assert confirm_token.status_code == 404
    assert Supporter.objects.count() == 1
